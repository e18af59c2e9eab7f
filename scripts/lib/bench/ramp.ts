/**
 * A ramp: load steps at increasing offered rates against one or more instances, each step with the
 * servers' own view (turn time, event-loop delay) beside the shoppers'. A ramp stops early once the
 * servers saturate, so an overloaded configuration is not pushed for minutes.
 */
import { runStep, type ShopperPool, type StepResult } from "./load.ts";
import type { QuestionSource } from "./questions.ts";
import type { RuntimeSnapshot } from "../../../server/cluster/index.ts";
import { resetRuntime, runtimeOf } from "./server-api.ts";

/** One step: the shoppers' figures and, per instance, the server's. */
export interface RampStep extends StepResult {
  /** Server-side turn time p99 (worst instance), ms. */
  serverP99: number;
  serverP50: number;
  /** Event-loop delay p99 and max (worst instance), ms. */
  loopP99: number;
  loopMax: number;
  /** Server CPU per answered turn, ms: every thread of every instance, and the main (event-loop) threads alone. */
  cpuMsPerTurn: number;
  mainMsPerTurn: number | null;
}

/** Options of a ramp. */
export interface RampOptions {
  urls: readonly string[];
  adminToken: string;
  rates: readonly number[];
  stepS: number;
  thinkMs: number;
  questions: QuestionSource;
  seed: number;
  /** Called after each step. */
  onStep?: (step: RampStep) => void;
}

/** Saturated: most offered turns not answered in time, or answers taking seconds. */
export const saturated = (s: StepResult) => s.achievedPerS < 0.8 * s.offeredPerS || s.timeouts > 0 || s.latencyMs.p99 > 5000;

/**
 * Run the steps in order until one saturates.
 * @example const steps = await runRamp(pool, { urls, adminToken, rates: [10, 20, 40], stepS: 10, thinkMs: 2000, questions, seed: 1 });
 */
export async function runRamp(pool: ShopperPool, o: RampOptions): Promise<RampStep[]> {
  const steps: RampStep[] = [];
  for (const [i, rate] of o.rates.entries()) {
    await Promise.all(o.urls.map((u) => resetRuntime(u, o.adminToken)));
    const before = await Promise.all(o.urls.map((u) => runtimeOf(u, o.adminToken)));
    const r = await runStep(pool, { ratePerS: rate, durationS: o.stepS, questions: o.questions, thinkMs: o.thinkMs, seed: o.seed + i });
    const servers = await Promise.all(o.urls.map((u) => runtimeOf(u, o.adminToken)));
    const spent = (pick: (s: RuntimeSnapshot) => number | null) => servers.reduce((sum, s, k) => sum + ((pick(s) ?? NaN) - (pick(before[k]) ?? NaN)), 0);
    const per = (x: number) => (r.answered ? Math.round((x / r.answered) * 100) / 100 : NaN);
    const main = per(spent((s) => s.cpuMs.mainThread));
    const step: RampStep = {
      ...r,
      cpuMsPerTurn: per(spent((s) => s.cpuMs.process)),
      mainMsPerTurn: Number.isNaN(main) ? null : main,
      serverP50: Math.max(...servers.map((s) => s.turnMs.p50)),
      serverP99: Math.max(...servers.map((s) => s.turnMs.p99)),
      loopP99: Math.max(...servers.map((s) => s.eventLoopDelayMs.p99)),
      loopMax: Math.max(...servers.map((s) => s.eventLoopDelayMs.max)),
    };
    steps.push(step);
    o.onStep?.(step);
    if (saturated(r)) break;
  }
  return steps;
}

/** The highest offered rate the ramp served with p99 within `boundMs`, nearly all answered, no errors; 0 if none. */
export function capacityAt(steps: readonly RampStep[], boundMs: number): number {
  let best = 0;
  for (const s of steps) {
    if (s.latencyMs.p99 <= boundMs && s.achievedPerS >= 0.95 * s.offeredPerS && s.errors === 0 && s.timeouts === 0 && s.duplicated === 0) best = Math.max(best, s.offeredPerS);
  }
  return best;
}

/**
 * Turns/s the ramp's configuration could serve on `cores` idle cores, from the CPU it spent per turn:
 * bounded by all threads sharing the cores, and by each instance's main
 * thread (one core each). An upper bound that ignores the load generator; on a shared machine it is the
 * steadier figure, since CPU time is not stretched by other people's work the way latency is.
 */
export function projectedCapacity(steps: readonly RampStep[], cores: number, instances: number): { cpuMsPerTurn: number; mainMsPerTurn: number | null; turnsPerS: number } | null {
  // CPU per turn holds whether or not a step saturated (a saturated step is all work, no idle).
  const ok = steps.filter((s) => s.answered > 0 && Number.isFinite(s.cpuMsPerTurn));
  if (!ok.length) return null;
  const turns = ok.reduce((n, s) => n + s.answered, 0);
  const cpu = ok.reduce((n, s) => n + s.cpuMsPerTurn * s.answered, 0) / turns;
  const mains = ok.filter((s) => s.mainMsPerTurn !== null);
  const main = mains.length ? mains.reduce((n, s) => n + s.mainMsPerTurn! * s.answered, 0) / mains.reduce((n, s) => n + s.answered, 0) : null;
  const bound = Math.min((cores * 1000) / cpu, main ? (instances * 1000) / main : Infinity);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return { cpuMsPerTurn: r2(cpu), mainMsPerTurn: main === null ? null : r2(main), turnsPerS: Math.round(bound) };
}
