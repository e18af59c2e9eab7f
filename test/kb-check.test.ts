import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { makeSmallKnowledge } from "./helpers/small-knowledge.ts";

const run = promisify(execFile);
const base = makeSmallKnowledge();
const draft = makeSmallKnowledge();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-kbcheck-"));
afterAll(() => {
  for (const d of [base, draft, dataDir]) fs.rmSync(d, { recursive: true, force: true });
});

async function kbCheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/kb-check.ts", ...args], { env: { ...process.env, DATA_DIR: dataDir }, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run kb:check", () => {
  it("exits 1 with the questions that got worse when an edit breaks answers, as JSON", async () => {
    fs.writeFileSync(
      path.join(draft, "faq/account/password-reset.md"),
      "---\nid: password-reset\ntitle: Gift wrapping\ntags: [gifts]\nquestions:\n  - do you gift wrap\n  - can you wrap my present\n---\nWe gift-wrap any order for $5.\n",
    );
    const r = await kbCheck("--dir", draft, "--base", base, "--json");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; changedFiles: { path: string }[]; report: { worse: number; changed: { id: string; worse: boolean }[] } };
    expect(out.ok).toBe(false);
    expect(out.changedFiles.map((f) => f.path)).toEqual(["faq/account/password-reset.md"]);
    expect(out.report.changed.find((c) => c.id === "password")).toMatchObject({ worse: true });
    expect(r.stderr).toMatch(/asking the test questions/);
  }, 300_000);

  it("exits 2 with the loader's message when the draft does not load, and 0 with --help", async () => {
    fs.writeFileSync(path.join(draft, "faq/shipping/express-shipping.md"), "---\ntitle: [broken\n---\nx\n");
    const r = await kbCheck("--dir", draft, "--base", base);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/express-shipping\.md: front matter is not valid YAML/);
    const help = await kbCheck("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--base <ref\|dir>/);
    expect((await kbCheck("--nope")).code).toBe(2);
  }, 300_000);
});
