/**
 * `npm run bench`: the whole benchmark as library code. Real instances as child processes, the real
 * chat protocol, and in the same run the naive configuration (one embedding call per message, no
 * batching, no cache, no worker pool) so every figure comes with its baseline; then one vs two instances
 * on PostgreSQL + Redis, idle sockets, and warm restarts.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { connectRedis } from "../../../server/cluster/index.ts";
import { REPO_ROOT, spawnInstance, type InstanceProcess } from "../instance-process.ts";
import { MANY_SHOPPERS_ONE_ADDRESS } from "../one-address.ts";
import { measureIdleSockets, type IdleSocketResult } from "./idle-sockets.ts";
import { connectShoppers, type ShopperPool } from "./load.ts";
import { distinctQuestions, repeatedQuestions, type QuestionSource } from "./questions.ts";
import { capacityAt, projectedCapacity, runRamp, type RampStep } from "./ramp.ts";
import { storedCounts, type StoredCounts } from "./server-api.ts";

/** Options of the benchmark. */
export interface BenchOptions {
  /** Offered rates of each ramp, turns/s. */
  rates: number[];
  stepS: number;
  thinkMs: number;
  /** EMBEDDER_WORKERS of the tuned configuration. */
  workers: number;
  /** The p99 at which the tuned and naive configurations are compared, ms. */
  p99BoundMs: number;
  idleSockets: number;
  demoCustomers: number;
  seed: number;
  /** PostgreSQL and Redis for the two-instance phase; skipped when either is unreachable. */
  databaseUrl: string;
  redisUrl: string;
  skip: Set<"naive" | "repeated" | "cluster" | "sockets">;
  /** Keep the seeded shop here (kept after the run, so the next run starts warm); default a temporary folder. */
  dataDir?: string;
  /** Pass --cpu-prof to every instance, writing profiles here. */
  cpuProfDir?: string;
  log: (line: string) => void;
  onStep?: (label: string, step: RampStep) => void;
}

/** One measured ramp. */
export interface RampReport {
  label: string;
  config: Record<string, string>;
  instances: number;
  questions: QuestionSource["kind"];
  steps: RampStep[];
  /** Highest offered rate served with p99 within the bound. */
  capacityAtBound: number;
  /** CPU per turn and the turns/s it allows on this machine's cores when idle (see projectedCapacity). */
  projected: ReturnType<typeof projectedCapacity>;
  stored?: StoredCounts;
}

/** A target from the issue and whether this run met it. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

/** Everything one run measured. */
export interface BenchReport {
  machine: { cpus: number; loadAverage: number[]; node: string; niceness: number };
  options: Omit<BenchOptions, "log" | "onStep" | "skip"> & { skip: string[] };
  ramps: RampReport[];
  /** The bound used for the tuned-vs-naive ratio (raised when the naive configuration never meets the requested one). */
  comparison?: { boundMs: number; tuned: number; naive: number; ratio: number | null; cpuRatio: number | null };
  idleSockets?: IdleSocketResult;
  /** Warm starts: spawn to /healthz 200, and the app's own build time from its "ready" log line, ms. */
  warmStarts: { readyMs: number; buildMs: number | null }[];
  /** The first start (seeds the shop, trains the models); null when --data-dir already held a shop. */
  coldStartMs: number | null;
  targets: TargetCheck[];
  /** Phases that failed (the run went on without them). */
  failures: string[];
}

const NAIVE = { EMBEDDER_WORKERS: "1", EMBEDDING_CACHE_SIZE: "0", EMBEDDING_BATCH: "false" };
const tuned = (workers: number) => ({ EMBEDDER_WORKERS: String(workers), EMBEDDING_CACHE_SIZE: "5000", EMBEDDING_BATCH: "true" });

/** The "ready" log line's build time (ms), if the instance logged it. */
function buildMsOf(instance: InstanceProcess): number | null {
  for (const line of instance.output().split("\n").reverse()) {
    if (!line.startsWith("{")) continue;
    try {
      const j = JSON.parse(line) as { msg?: string; ms?: number };
      if (j.msg === "ready" && typeof j.ms === "number") return j.ms;
    } catch {
      // not a log line
    }
  }
  return null;
}

async function reachable(o: BenchOptions): Promise<string | null> {
  const client = new pg.Client({ connectionString: o.databaseUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch (err) {
    return `PostgreSQL at ${o.databaseUrl}: ${(err as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    const r = await connectRedis(o.redisUrl, { timeoutMs: 2000 });
    await r.quit();
  } catch (err) {
    return `Redis at ${o.redisUrl}: ${(err as Error).message}`;
  }
  return null;
}

/**
 * Run every phase and return the report (the caller prints it).
 * @example const report = await runBench({ ...defaults, log: console.error });
 */
export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const adminToken = randomBytes(16).toString("hex");
  const dataDir = o.dataDir ? path.resolve(o.dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), "ff-bench-"));
  fs.mkdirSync(dataDir, { recursive: true });
  const shopperCount = Math.min(2000, Math.ceil(Math.max(...o.rates) * (o.thinkMs / 1000 + 1) * 1.3));
  const base: Record<string, string> = {
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: path.join(REPO_ROOT, "knowledge"),
    // Built knowledge indexes are keyed by content: later runs start warm.
    CACHE_DIR: path.join(REPO_ROOT, ".cache/bench-knowledge"),
    KNOWLEDGE_WATCH: "false",
    SEED_DEMO: "true",
    DEMO_CUSTOMERS: String(o.demoCustomers),
    SEED: String(o.seed),
    DEMO_AGENTS: "false",
    ADMIN_TOKEN: adminToken,
    SUPPORT_HOURS: "always",
    // Every simulated shopper comes from this machine's one address.
    ...MANY_SHOPPERS_ONE_ADDRESS,
    RATE_LIMIT_WINDOW_MS: "1000",
    MAX_CONNECTIONS: String(Math.max(2000, o.idleSockets + 500)),
    MAX_SOCKETS_PER_IP: String(Math.max(2000, o.idleSockets + 500)),
    LOG_LEVEL: "info",
  };
  const nodeArgs = ["--expose-gc", ...(o.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${o.cpuProfDir}`] : [])];
  const report: BenchReport = {
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10), node: process.version, niceness: os.getPriority() },
    options: { ...withoutCallbacks(o), skip: [...o.skip] },
    ramps: [],
    warmStarts: [],
    coldStartMs: null,
    targets: [],
    failures: [],
  };
  const running = new Set<InstanceProcess>();
  const start = async (env: Record<string, string>, what: string, warm: boolean) => {
    o.log(`starting ${what}…`);
    const i = await spawnInstance(env, { nodeArgs, readyTimeoutMs: 900_000 });
    running.add(i);
    if (warm) report.warmStarts.push({ readyMs: i.readyMs, buildMs: buildMsOf(i) });
    o.log(`  ${what} ready in ${(i.readyMs / 1000).toFixed(1)} s`);
    return i;
  };
  const stop = async (i: InstanceProcess) => {
    await i.kill("SIGTERM");
    running.delete(i);
  };
  const ramp = async (label: string, config: Record<string, string>, urls: string[], pool: ShopperPool, questions: QuestionSource, checkStored: boolean) => {
    o.log(`ramp: ${label} (${pool.shoppers.length} shoppers over ${urls.length} instance${urls.length > 1 ? "s" : ""})`);
    const steps = await runRamp(pool, { urls, adminToken, rates: o.rates, stepS: o.stepS, thinkMs: o.thinkMs, questions, seed: o.seed, onStep: (s) => o.onStep?.(label, s) });
    const r: RampReport = {
      label, config, instances: urls.length, questions: questions.kind, steps,
      capacityAtBound: capacityAt(steps, o.p99BoundMs),
      projected: projectedCapacity(steps, os.cpus().length, urls.length),
    };
    if (checkStored) r.stored = await storedCounts(urls[0], adminToken, pool);
    report.ramps.push(r);
    return r;
  };
  // A phase that fails is reported and the run goes on with the next.
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      o.log(`${name} failed: ${(err as Error).message}`);
      report.failures.push(`${name}: ${(err as Error).message}`);
      return undefined;
    }
  };
  const warmUp = async (pool: ShopperPool) => {
    // Not measured: first turns compile code paths and fill connection pools.
    const qs = distinctQuestions(o.seed + 999);
    await Promise.all(pool.shoppers.slice(0, 20).map((s) => s.reply(s.send(qs.next()), 60_000).catch(() => undefined)));
  };

  try {
    // 1. Tuned, on SQLite: the first start seeds the shop and trains the models (cold).
    const tunedEnv = { ...base, ...tuned(o.workers) };
    const cold = !fs.existsSync(path.join(dataDir, "shop.db"));
    let a = await start(tunedEnv, cold ? "the tuned configuration (first start: seeds and trains)" : "the tuned configuration (warm: --data-dir holds a seeded shop)", !cold);
    if (cold) report.coldStartMs = a.readyMs;
    let pool = await connectShoppers([a.url], shopperCount);
    await warmUp(pool);
    await ramp("tuned, distinct questions", tuned(o.workers), [a.url], pool, distinctQuestions(o.seed), true);
    if (!o.skip.has("repeated")) await ramp("tuned, repeated questions", tuned(o.workers), [a.url], pool, repeatedQuestions(o.seed), false);
    await pool.close();
    await stop(a);

    // 2. The naive configuration, same data (a warm start).
    if (!o.skip.has("naive")) {
      a = await start({ ...base, ...NAIVE }, "the naive configuration", true);
      pool = await connectShoppers([a.url], shopperCount);
      await warmUp(pool);
      await ramp("naive, distinct questions", NAIVE, [a.url], pool, distinctQuestions(o.seed), true);
      await pool.close();
      await stop(a);
    }
    // One more warm start of the tuned configuration: the restart figure, and idle sockets on a fresh process.
    a = await start(tunedEnv, "the tuned configuration again (warm restart)", true);
    if (!o.skip.has("sockets")) {
      o.log(`idle sockets: opening ${o.idleSockets}…`);
      const fresh = a;
      report.idleSockets = await phase("idle sockets", () => measureIdleSockets(fresh.url, adminToken, o.idleSockets, (n) => n % 1000 === 0 && o.log(`  ${n} open`)));
    }
    await stop(a);

    // 3. One vs two instances on PostgreSQL + Redis.
    if (!o.skip.has("cluster")) {
      const why = await reachable(o);
      if (why) o.log(`skipping one vs two instances: ${why} not reachable`);
      else await phase("one vs two instances", () => clusterPhase(o, { ...tunedEnv }, start, stop, ramp, warmUp, shopperCount));
    }
  } finally {
    for (const i of running) await i.kill("SIGKILL");
    if (!o.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return derive(report);
}

/**
 * The figures derived from the raw steps: capacities, CPU projections, the tuned/naive comparison and
 * the targets. Run at the end of a run, and again by `--print` on a saved report.
 */
export function derive(report: BenchReport): BenchReport {
  const bound = report.options.p99BoundMs;
  for (const r of report.ramps) {
    r.capacityAtBound = capacityAt(r.steps, bound);
    r.projected = projectedCapacity(r.steps, report.machine.cpus, r.instances);
  }
  const tuned = report.ramps.find((x) => x.label === "tuned, distinct questions");
  const naive = report.ramps.find((x) => x.label === "naive, distinct questions");
  if (tuned && naive) report.comparison = compare(tuned, naive, bound);
  report.targets = targets(report, report.options.rates);
  return report;
}

function withoutCallbacks(o: BenchOptions): Omit<BenchOptions, "log" | "onStep" | "skip"> {
  const { log: _log, onStep: _onStep, skip: _skip, ...rest } = o;
  return rest;
}

type Start = (env: Record<string, string>, what: string, warm: boolean) => Promise<InstanceProcess>;
type Ramp = (label: string, config: Record<string, string>, urls: string[], pool: ShopperPool, q: QuestionSource, checkStored: boolean) => Promise<RampReport>;

async function clusterPhase(o: BenchOptions, env: Record<string, string>, start: Start, stop: (i: InstanceProcess) => Promise<void>, ramp: Ramp, warmUp: (p: ShopperPool) => Promise<void>, shoppers: number) {
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const prefix = `bench${randomBytes(3).toString("hex")}:`;
  // The same data folder: the same seed gives the same shop, so the customer models trained on SQLite fit.
  const clusterEnv = { ...env, DATABASE_URL: o.databaseUrl, DATABASE_SCHEMA: schema, REDIS_URL: o.redisUrl, REDIS_PREFIX: prefix };
  try {
    const a = await start({ ...clusterEnv, INSTANCE_ID: "bench-a" }, "instance A on PostgreSQL + Redis (seeds PostgreSQL)", false);
    let pool = await connectShoppers([a.url], shoppers);
    await warmUp(pool);
    await ramp("one instance, PostgreSQL + Redis", { ...clusterEnv, DATABASE_URL: "postgres", REDIS_URL: "redis" }, [a.url], pool, distinctQuestions(o.seed + 1), true);
    await pool.close();
    const b = await start({ ...clusterEnv, INSTANCE_ID: "bench-b" }, "instance B", true);
    pool = await connectShoppers([a.url, b.url], shoppers);
    await warmUp(pool);
    await ramp("two instances, PostgreSQL + Redis", { ...clusterEnv, DATABASE_URL: "postgres", REDIS_URL: "redis" }, [a.url, b.url], pool, distinctQuestions(o.seed + 2), true);
    await pool.close();
    await stop(b);
    await stop(a);
  } finally {
    const client = new pg.Client({ connectionString: o.databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
    const redis = await connectRedis(o.redisUrl);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
}

/** Tuned vs naive capacity at the requested p99 bound, or the first looser bound the naive configuration meets; and the ratio of projected capacities. */
function compare(tunedRamp: RampReport, naiveRamp: RampReport, boundMs: number): BenchReport["comparison"] {
  const t = tunedRamp.projected?.turnsPerS;
  const n = naiveRamp.projected?.turnsPerS;
  const cpuRatio = t && n ? Math.round((t / n) * 10) / 10 : null;
  for (const bound of [boundMs, boundMs * 2, boundMs * 4, boundMs * 8, boundMs * 16]) {
    const naive = capacityAt(naiveRamp.steps, bound);
    if (naive > 0) {
      const tuned = capacityAt(tunedRamp.steps, bound);
      return { boundMs: bound, tuned, naive, ratio: Math.round((tuned / naive) * 10) / 10, cpuRatio };
    }
  }
  return { boundMs, tuned: capacityAt(tunedRamp.steps, boundMs), naive: 0, ratio: null, cpuRatio };
}

function targets(r: BenchReport, rates: readonly number[]): TargetCheck[] {
  const out: TargetCheck[] = [];
  const c = r.comparison;
  if (c) {
    const tunedTop = Math.max(...rates) === c.tuned;
    out.push({
      target: "≥ 5× the naive configuration's turns/s at equal p99",
      measured:
        (c.ratio === null ? `naive never met p99 ≤ ${c.boundMs * 16} ms` : `${c.ratio}× measured (${c.tuned} vs ${c.naive} turns/s at p99 ≤ ${c.boundMs} ms${tunedTop ? "; tuned hit the top of the ramp" : ""})`) +
        `; ${c.cpuRatio ?? "?"}× from CPU per turn`,
      met: c.ratio === null ? null : c.ratio >= 5,
    });
  }
  const tunedRamp = r.ramps.find((x) => x.label === "tuned, distinct questions");
  const at100 = tunedRamp?.steps.find((s) => s.offeredPerS === 100);
  out.push({
    target: "p99 ≤ 100 ms at 100 distinct turns/s",
    measured: at100 ? `p99 ${at100.latencyMs.p99} ms at ${at100.achievedPerS} turns/s achieved (server p99 ${at100.serverP99} ms)` : "not reached (the ramp stopped earlier or 100 is not among --rates)",
    met: at100 ? at100.latencyMs.p99 <= 100 && at100.achievedPerS >= 95 : false,
  });
  const rep = r.ramps.find((x) => x.label === "tuned, repeated questions");
  if (rep?.steps.length) {
    const s = rep.steps.find((x) => x.offeredPerS === 100) ?? rep.steps[rep.steps.length - 1];
    out.push({ target: "cached repeats p99 ≤ 5 ms server-side", measured: `server p99 ${s.serverP99} ms at ${s.offeredPerS} turns/s (client p99 ${s.latencyMs.p99} ms)`, met: s.serverP99 <= 5 });
  }
  if (r.idleSockets) {
    const kb = r.idleSockets.helloBytes.rss / 1024;
    out.push({
      target: "≤ 10 KB of memory per idle socket",
      measured: `${kb.toFixed(1)} KB RSS (${(r.idleSockets.helloBytes.heapAndExternal / 1024).toFixed(1)} KB heap+external) per socket after hello, ${r.idleSockets.welcomed} sockets`,
      met: kb <= 10,
    });
  }
  if (r.warmStarts.length) {
    const best = Math.min(...r.warmStarts.map((w) => w.readyMs));
    const build = r.warmStarts.map((w) => w.buildMs).filter((x): x is number => x !== null);
    out.push({ target: "warm restart to ready ≤ 3 s", measured: `${(best / 1000).toFixed(1)} s spawn to ready (app build ${build.length ? (Math.min(...build) / 1000).toFixed(1) : "?"} s), best of ${r.warmStarts.length}`, met: best <= 3000 });
  }
  return out;
}
