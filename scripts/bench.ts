/**
 * Load benchmark over the real chat protocol (scripts/lib/bench/run-bench.ts does the work).
 * Run it under nice on a shared machine: `nice -n 10 npm run bench`. Usage: npm run bench -- --help
 */
import fs from "node:fs";
import { flagBool, flagString, parseArgs } from "./lib/index.ts";
import { derive, runBench, type BenchOptions, type BenchReport, type RampReport } from "./lib/bench/run-bench.ts";
import type { RampStep } from "./lib/bench/ramp.ts";
import { runStartupBench, type StartupReport } from "./lib/bench/startup.ts";

const HELP = `npm run bench -- [options]

Starts real server instances (child processes) and drives them with many shoppers over the WebSocket
protocol: an open-loop ramp of offered turns/s (distinct questions that miss the embedding cache, and
popular repeated ones), with think time between a shopper's turns. In the same run: the naive
configuration (EMBEDDING_CACHE_SIZE=0, EMBEDDING_BATCH=false, EMBEDDER_WORKERS=1) for the ratio; one vs
two instances on PostgreSQL + Redis; memory per idle socket; warm restarts. Prints turns/s, p50/p95/p99
latency (client and server), event-loop delay, errors and exactly-once counts, and which targets were met.

Options:
  --rates 10,25,50,75,100,150,200   offered turns/s of each ramp step
  --step-s 10                       seconds per step
  --think-ms 2000                   mean pause between a shopper's reply and its next question
  --workers 2                       EMBEDDER_WORKERS of the tuned configuration
  --p99-bound 100                   p99 (ms) at which tuned and naive throughput are compared
  --idle-sockets 10000              sockets opened for the memory measurement (MAX_CONNECTIONS is raised to fit)
  --customers 500                   DEMO_CUSTOMERS of the seeded shop
  --seed 42
  --skip naive,repeated,cluster,sockets   phases to leave out
  --database-url URL                PostgreSQL for the two-instance phase (default TEST_DATABASE_URL or the local test database)
  --redis-url URL                   Redis for it (default TEST_REDIS_URL or the local one)
  --data-dir DIR                    keep the seeded shop there (the next run with it starts warm)
  --cpu-prof DIR                    write a V8 CPU profile of every instance into DIR
  --quick                           a short run: --rates 10,50,100 --step-s 5 --idle-sockets 2000
  --print FILE                      print the tables of a report saved with --json (no run)
  --startup                         only start-up time: a cold start, a start without the cache folder, then
                                    --warm-runs warm starts (default 3) on one data folder, with each start-up phase
  --warm-runs 3                     warm starts measured by --startup
  --json                            print the report as JSON on stdout (progress stays on stderr)
  --help
`;

const num = (name: string, raw: string, min: number) => {
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min) throw new Error(`--${name} must be a number >= ${min}, got "${raw}"`);
  return v;
};

function options(argv: string[]): (Omit<BenchOptions, "log" | "onStep"> & { json: boolean; print?: string; startup: boolean; warmRuns: number }) | null {
  const args = parseArgs(argv, {
    valued: ["rates", "step-s", "think-ms", "workers", "p99-bound", "idle-sockets", "customers", "seed", "skip", "database-url", "redis-url", "cpu-prof", "data-dir", "print", "warm-runs"],
    boolean: ["json", "quick", "help", "startup"],
  });
  if (flagBool(args, "help")) return null;
  const quick = flagBool(args, "quick");
  const skip = new Set((flagString(args, "skip") ?? "").split(",").filter(Boolean));
  for (const s of skip) if (!["naive", "repeated", "cluster", "sockets"].includes(s)) throw new Error(`--skip takes naive, repeated, cluster, sockets; got "${s}"`);
  const rates = (flagString(args, "rates") ?? (quick ? "10,50,100" : "10,25,50,75,100,150,200")).split(",").map((r) => num("rates", r, 0.1));
  return {
    rates: [...rates].sort((x, y) => x - y),
    stepS: num("step-s", flagString(args, "step-s") ?? (quick ? "5" : "10"), 1),
    thinkMs: num("think-ms", flagString(args, "think-ms") ?? "2000", 0),
    workers: num("workers", flagString(args, "workers") ?? "2", 1),
    p99BoundMs: num("p99-bound", flagString(args, "p99-bound") ?? "100", 1),
    idleSockets: num("idle-sockets", flagString(args, "idle-sockets") ?? (quick ? "2000" : "10000"), 1),
    demoCustomers: num("customers", flagString(args, "customers") ?? "500", 30),
    seed: num("seed", flagString(args, "seed") ?? "42", 0),
    skip: skip as BenchOptions["skip"],
    databaseUrl: flagString(args, "database-url") ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
    redisUrl: flagString(args, "redis-url") ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    cpuProfDir: flagString(args, "cpu-prof"),
    dataDir: flagString(args, "data-dir"),
    json: flagBool(args, "json"),
    print: flagString(args, "print"),
    startup: flagBool(args, "startup"),
    warmRuns: num("warm-runs", flagString(args, "warm-runs") ?? "3", 1),
  };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

function stepLine(s: RampStep): string {
  const l = s.latencyMs;
  return `${pad(s.offeredPerS, 8)} ${pad(s.achievedPerS, 8)} ${pad(l.p50, 7)} ${pad(l.p95, 7)} ${pad(l.p99, 7)} ${pad(s.serverP50, 7)} ${pad(s.serverP99, 7)} ${pad(s.loopP99, 7)} ${pad(s.loopMax, 7)} ${pad(s.cpuMsPerTurn, 7)} ${pad(s.errors + s.timeouts, 6)} ${pad(s.duplicated, 4)} ${pad(s.handedOff, 4)}`;
}
const HEADER = `${pad("offered", 8)} ${pad("turns/s", 8)} ${pad("p50", 7)} ${pad("p95", 7)} ${pad("p99", 7)} ${pad("srv p50", 7)} ${pad("srv p99", 7)} ${pad("loop99", 7)} ${pad("loopmax", 7)} ${pad("cpu/turn", 7)} ${pad("errors", 6)} ${pad("dup", 4)} ${pad("hand", 4)}`;

function printRamp(r: RampReport, boundMs: number) {
  const p = r.projected;
  console.log(`\n${r.label} (${r.instances} instance${r.instances > 1 ? "s" : ""}; capacity at p99 ≤ ${boundMs} ms: ${r.capacityAtBound} turns/s measured${p ? `, ${p.turnsPerS} turns/s from CPU per turn: ${p.cpuMsPerTurn} ms, main thread ${p.mainMsPerTurn ?? "?"} ms` : ""})`);
  console.log(HEADER);
  for (const s of r.steps) console.log(stepLine(s));
  if (r.stored) {
    const c = r.stored;
    console.log(`  stored: ${c.sent} sent, ${c.storedOnce} stored once, ${c.answeredOnce} answered exactly once, ${c.unanswered} unanswered, ${c.answeredTwice} answered twice`);
  }
}

function print(r: BenchReport) {
  console.log(`machine: ${r.machine.cpus} cores, load average ${r.machine.loadAverage.join(" / ")} at the start, node ${r.machine.node}, niceness ${r.machine.niceness}`);
  console.log("latencies in ms; p50/p95/p99 as the shoppers saw them, srv = server-side turn time, loop = event-loop delay (an idle loop shows 10, the sampling interval), cpu/turn = server CPU ms per turn (all threads); dup = replies received twice; hand = handed to a person");
  for (const ramp of r.ramps) printRamp(ramp, r.options.p99BoundMs);
  if (r.comparison) {
    const c = r.comparison;
    console.log(`\ntuned vs naive at p99 ≤ ${c.boundMs} ms: ${c.tuned} vs ${c.naive} turns/s${c.ratio === null ? "" : ` = ${c.ratio}×`} measured; ${c.cpuRatio ?? "?"}× from CPU per turn`);
  }
  if (r.idleSockets) {
    const s = r.idleSockets;
    console.log(`\nidle sockets: ${s.opened}/${s.requested} opened${s.stoppedBy ? ` (stopped by: ${s.stoppedBy})` : ""}, ${s.welcomed} said hello`);
    console.log(`  per socket, connected: ${(s.connectedBytes.rss / 1024).toFixed(1)} KB RSS, ${(s.connectedBytes.heapAndExternal / 1024).toFixed(1)} KB heap+external`);
    console.log(`  per socket, after hello: ${(s.helloBytes.rss / 1024).toFixed(1)} KB RSS, ${(s.helloBytes.heapAndExternal / 1024).toFixed(1)} KB heap+external`);
    console.log(`  event-loop delay with all open and idle: p99 ${s.idleLoop.p99} ms, max ${s.idleLoop.max} ms`);
  }
  console.log(`\nstarts: first (seed + train) ${r.coldStartMs === null ? "not in this run" : `${(r.coldStartMs / 1000).toFixed(1)} s`}; warm ${r.warmStarts.map((w) => `${(w.readyMs / 1000).toFixed(1)} s (build ${w.buildMs === null ? "?" : (w.buildMs / 1000).toFixed(1)} s)`).join(", ")}`);
  for (const f of r.failures) console.log(`\nFAILED: ${f}`);
  console.log("\ntargets (this 2-core machine is shared; times are pessimistic, ratios matter):");
  for (const t of r.targets) console.log(`  [${t.met === null ? "?" : t.met ? "met" : "MISSED"}] ${t.target}: ${t.measured}`);
}

function printStartup(r: StartupReport) {
  const phases = [...new Set(r.starts.flatMap((s) => Object.keys(s.phases)))];
  console.log(`${"start".padEnd(9)} ${pad("ready s", 8)} ${pad("build s", 8)}  ${phases.map((p) => pad(p, Math.max(p.length, 6))).join(" ")}`);
  for (const s of r.starts) {
    const cells = phases.map((p) => pad(s.phases[p] === undefined ? "-" : (s.phases[p] / 1000).toFixed(1), Math.max(p.length, 6)));
    console.log(`${s.kind.padEnd(9)} ${pad((s.readyMs / 1000).toFixed(1), 8)} ${pad(s.buildMs === null ? "?" : (s.buildMs / 1000).toFixed(1), 8)}  ${cells.join(" ")}`);
  }
  console.log(`\n(phases overlap: the language detector loads while the knowledge is indexed.) best warm start vs without the cache: ${r.ratios.noCacheOverWarm ?? "?"}× faster; vs the first start: ${r.ratios.coldOverWarm ?? "?"}×`);
}

async function main() {
  const o = options(process.argv.slice(2));
  if (!o) {
    console.log(HELP);
    return;
  }
  const { json, print: saved, startup, warmRuns, ...bench } = o;
  if (startup) {
    const r = await runStartupBench({ warmRuns, demoCustomers: bench.demoCustomers, seed: bench.seed, dataDir: bench.dataDir, log: (line) => console.error(line) });
    if (json) console.log(JSON.stringify(r, null, 2));
    else printStartup(r);
    return;
  }
  if (saved) {
    print(derive(JSON.parse(fs.readFileSync(saved, "utf8")) as BenchReport));
    return;
  }
  const report = await runBench({
    ...bench,
    log: (line) => console.error(line),
    onStep: (label, s) => console.error(`  ${label}: offered ${s.offeredPerS}/s -> ${s.achievedPerS}/s, p99 ${s.latencyMs.p99} ms, server p99 ${s.serverP99} ms, loop p99 ${s.loopP99} ms`),
  });
  if (json) console.log(JSON.stringify(report, null, 2));
  else print(report);
}

main().catch((err) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
