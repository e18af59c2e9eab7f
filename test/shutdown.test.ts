import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const leftovers: number[] = [];
afterAll(() => {
  // Only processes this test started (the server under npm), if a failed case left one running.
  for (const pid of leftovers) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

const childrenOf = (pid: number): number[] => {
  let out = "";
  try {
    out = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  } catch {
    return [];
  }
  const direct = out.split("\n").map((s) => Number(s.trim())).filter((n) => n > 0);
  return [...direct, ...direct.flatMap(childrenOf)];
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("stopping the server", () => {
  it("stops on SIGTERM sent to `npm start` (npm does not pass the signal on)", { timeout: 360_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-stop-"));
    const npm = spawn("npm", ["start", "--silent"], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: "0", DATA_DIR: dataDir, SEED_DEMO: "false", LOG_LEVEL: "silent", KNOWLEDGE_WATCH: "false", CACHE_DIR: path.resolve(".cache/test-knowledge") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    npm.stdout.on("data", (d) => (out += d));
    const started = Date.now();
    while (!/starting at (http:\/\/\S+)/.test(out)) {
      if (Date.now() - started > 60_000) throw new Error(`server did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const url = /starting at (http:\/\/\S+)/.exec(out)![1];
    // A running server, as a supervisor stops it (start-up can hold the event loop for a while on a busy machine).
    while ((await fetch(`${url}/healthz`).then((r) => r.status, () => 0)) !== 200) {
      if (Date.now() - started > 240_000) throw new Error("server did not become ready");
      await new Promise((r) => setTimeout(r, 500));
    }
    const servers = childrenOf(npm.pid!);
    expect(servers.length).toBeGreaterThan(0);
    leftovers.push(...servers);
    npm.kill("SIGTERM");
    const deadline = Date.now() + 40_000;
    while (servers.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(servers.filter(alive)).toEqual([]);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
