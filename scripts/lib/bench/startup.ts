/**
 * Start-up time, cold vs warm (`npm run bench -- --startup`): real server processes on one data folder. The first
 * start seeds the demo shop and trains everything; a start with the cache folder removed keeps the database and the
 * customer models but retrains the intent model and rebuilds the knowledge indexes (what every restart cost before
 * they were cached); the warm starts reuse everything. Each start reports spawn-to-ready and its start-up phases.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnInstance, type InstanceProcess } from "../instance-process.ts";

/** One measured start. */
export interface StartMeasurement {
  kind: "cold" | "no-cache" | "warm";
  /** Spawn to /healthz 200, ms. */
  readyMs: number;
  /** The app's own build time (its "ready" log line), ms. */
  buildMs: number | null;
  /** Milliseconds per start-up phase, from the "ready" line. */
  phases: Record<string, number>;
}

/** What `--startup` measured. */
export interface StartupReport {
  starts: StartMeasurement[];
  /** Best warm vs best no-cache and vs cold spawn-to-ready, as ratios (this machine is shared: compare ratios). */
  ratios: { noCacheOverWarm: number | null; coldOverWarm: number | null };
}

/** Options of runStartupBench. */
export interface StartupBenchOptions {
  warmRuns: number;
  demoCustomers: number;
  seed: number;
  /** Data folder to use (kept); default a temporary one, removed at the end. */
  dataDir?: string;
  log: (line: string) => void;
}

/** The "ready" log line's ms and phases. */
function readyLine(i: InstanceProcess): { ms: number | null; phases: Record<string, number> } {
  for (const line of i.output().split("\n").reverse()) {
    if (!line.startsWith("{")) continue;
    try {
      const j = JSON.parse(line) as { msg?: string; ms?: number; phases?: Record<string, number> };
      if (j.msg === "ready") return { ms: j.ms ?? null, phases: j.phases ?? {} };
    } catch {
      // not a log line
    }
  }
  return { ms: null, phases: {} };
}

const best = (starts: StartMeasurement[], kind: StartMeasurement["kind"]) => {
  const xs = starts.filter((s) => s.kind === kind).map((s) => s.readyMs);
  return xs.length ? Math.min(...xs) : null;
};
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : Math.round((a / b) * 10) / 10);

/**
 * Measure one cold start, one start without the cache folder and `warmRuns` warm starts on one data folder.
 * @example const r = await runStartupBench({ warmRuns: 3, demoCustomers: 500, seed: 42, log: console.error });
 */
export async function runStartupBench(o: StartupBenchOptions): Promise<StartupReport> {
  const dataDir = o.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "ff-bench-startup-"));
  const env = { DATA_DIR: dataDir, DEMO_MODE: "true", DEMO_CUSTOMERS: String(o.demoCustomers), SEED: String(o.seed), KNOWLEDGE_WATCH: "false", LOG_LEVEL: "info" };
  const starts: StartMeasurement[] = [];
  const plan: StartMeasurement["kind"][] = [fs.existsSync(path.join(dataDir, "shop.db")) ? "warm" : "cold", "no-cache", ...Array.from({ length: o.warmRuns }, () => "warm" as const)];
  try {
    for (const [n, kind] of plan.entries()) {
      if (kind === "no-cache") fs.rmSync(path.join(dataDir, "cache"), { recursive: true, force: true });
      o.log(`start ${n + 1}/${plan.length} (${kind})…`);
      const i = await spawnInstance(env, { readyTimeoutMs: 1_800_000 });
      const { ms, phases } = readyLine(i);
      await i.kill("SIGTERM");
      starts.push({ kind, readyMs: i.readyMs, buildMs: ms, phases });
      const top = Object.entries(phases).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([p, v]) => `${p} ${(v / 1000).toFixed(1)} s`).join(", ");
      o.log(`  ${kind}: ready in ${(i.readyMs / 1000).toFixed(1)} s (build ${ms === null ? "?" : (ms / 1000).toFixed(1)} s; ${top})`);
    }
  } finally {
    if (!o.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const warm = best(starts, "warm");
  return { starts, ratios: { noCacheOverWarm: ratio(best(starts, "no-cache"), warm), coldOverWarm: ratio(best(starts, "cold"), warm) } };
}
