/**
 * A server instance as a real child process (`node --import tsx server/main.ts`), so a benchmark or a
 * test can run several against one database and kill one with SIGKILL. The child picks its own port
 * (PORT=0) and prints it on its first line; `ready` resolves when /healthz answers 200.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (where server/main.ts lives). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A running server process. */
export interface InstanceProcess {
  /** http://host:port of the instance. */
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawn to /healthz answering 200. */
  readonly readyMs: number;
  /** The last lines it wrote (stdout and stderr), for diagnostics. */
  output(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Send a signal (SIGKILL: a crash; SIGTERM: a graceful stop) and wait for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Options of spawnInstance. */
export interface SpawnInstanceOptions {
  /** Extra node flags (e.g. --expose-gc, --cpu-prof). */
  nodeArgs?: readonly string[];
  /** Run under `nice -n <n>` (the machine is shared). */
  nice?: number;
  /** Give up when not ready in this time (default 300 s: first starts train models). */
  readyTimeoutMs?: number;
  /** Lines of output kept (default 400). */
  keepLines?: number;
}

const STARTING = /starting at (http:\/\/\S+) /;

/**
 * Start `server/main.ts` with exactly `env` (plus PATH and HOME; PORT defaults to 0) and wait until ready.
 * @example const a = await spawnInstance({ DATABASE_URL, REDIS_URL, DATA_DIR: dir }); await a.kill("SIGKILL");
 */
export async function spawnInstance(env: Record<string, string>, options: SpawnInstanceOptions = {}): Promise<InstanceProcess> {
  const t0 = performance.now();
  const nodeArgv = [...(options.nodeArgs ?? []), "--import", "tsx", path.join(REPO_ROOT, "server/main.ts")];
  const [cmd, argv] = options.nice ? ["nice", ["-n", String(options.nice), process.execPath, ...nodeArgv]] : [process.execPath, nodeArgv];
  const child: ChildProcess = spawn(cmd, argv, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = options.keepLines ?? 400;
  let url: string | undefined;
  let onUrl: (u: string) => void = () => undefined;
  const gotUrl = new Promise<string>((resolve) => (onUrl = resolve));
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > keep) lines.shift();
      const m = url ? null : STARTING.exec(line);
      if (m) onUrl((url = m[1]));
    }
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const output = () => lines.join("\n");
  const timeoutMs = options.readyTimeoutMs ?? 300_000;
  const fail = (why: string) => {
    child.kill("SIGKILL");
    return new Error(`instance ${why}; its last output:\n${output().slice(-4000)}`);
  };
  const died = exited.then(({ code, signal }) => Promise.reject(new Error(`exited (code ${code}, signal ${signal}) before it was ready`)));
  died.catch(() => undefined);
  try {
    const noUrl = sleep(timeoutMs).then(() => Promise.reject(new Error(`printed no address within ${timeoutMs} ms`)));
    noUrl.catch(() => undefined);
    const base = await Promise.race([gotUrl, died, noUrl]);
    for (;;) {
      if (performance.now() - t0 > timeoutMs) throw new Error(`not ready within ${timeoutMs} ms`);
      const status = await Promise.race([fetch(`${base}/healthz`).then((r) => r.status, () => 0), died]);
      if (status === 200) break;
      await sleep(100);
    }
  } catch (err) {
    throw fail((err as Error).message);
  }
  const readyMs = Math.round(performance.now() - t0);
  return {
    url: url!,
    pid: child.pid!,
    readyMs,
    output,
    exited,
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());
