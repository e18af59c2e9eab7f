/**
 * Monte Carlo check of the campaign statistics: simulate randomised campaigns on a fixed customer base
 * with a known true uplift and measure how often the reported intervals cover it, how wide they are,
 * the power, and the false-positive rate of daily looks (naive fixed-sample interval vs mSPRT).
 * Pure and seeded: the same customers and options give the same report.
 */
import { AppError } from "../../server/errors.ts";
import { createRandom, shuffleInPlace, type Random } from "../random.ts";
import { assignArm, type CampaignArm } from "./assignment.ts";
import { computeCampaignResults, type CustomerOutcome } from "./campaign-results.ts";
import { EMPTY_SAMPLE, addObservation, welchInterval, type SampleSummary } from "./means.ts";
import { newcombeInterval, waldDifferenceInterval, type Interval } from "./proportions.ts";
import { createSequentialTest, mixingSdForHorizon, type SequentialTest } from "./sequential.ts";

/** A customer of the simulated segment, described by their behaviour before the campaign. */
export interface SimulatedCustomer {
  id: string;
  /** Probability of ordering within the conversion window without the campaign. */
  baselineProbability: number;
  /** Order values (cents) the customer has placed; a converter's revenue is one drawn at random. */
  orderValuesCents: readonly number[];
}

/** Options of simulateUplift. */
export interface UpliftSimulationOptions {
  /** Simulated campaigns (≥ 1). */
  runs: number;
  /** Seed of the simulation (assignment salts, enrolment order, responses, bootstrap). */
  seed: number;
  /** Share of customers held out, in (0, 1). */
  holdoutShare: number;
  /** True absolute conversion uplift added to each treated customer's probability (capped at 1). */
  conversionUplift: number;
  /** True relative change of a treated converter's order value (0.05 = +5 %). */
  orderValueEffect: number;
  /** Customers enrol in this many daily cohorts; the results are looked at after each day. */
  days: number;
  /** Confidence level of the fixed intervals; the sequential tests use α = 1 − level. */
  level?: number;
  /** Percentile bootstrap of the revenue uplift in the first `runs` runs with `resamples` each (0 runs: none). */
  bootstrap?: { runs: number; resamples: number };
  /** Units per arm before the mSPRT may stop (its plug-in variance needs data); default 100. */
  warmUpUnitsPerArm?: number;
  /** The mSPRT's null variance per metric (see SequentialTestOptions.nullVariance); default unpooled for conversion, pooled for revenue. */
  nullVariance?: { conversion: "pooled" | "unpooled"; revenue: "pooled" | "unpooled" };
  /** The confidence sequence's variance per metric (SequentialTestOptions.intervalVariance); default unpooled for conversion, conservative for revenue. */
  intervalVariance?: { conversion: "unpooled" | "conservative"; revenue: "unpooled" | "conservative" };
  /** Called after each run (progress). */
  onRun?: () => void;
}

/** Share of runs with a property, with its Monte Carlo standard error. */
export interface Rate {
  rate: number;
  se: number;
  runs: number;
}

/** How an interval procedure did over the runs. */
export interface IntervalPerformance {
  /** Share of runs whose interval contained the true uplift. */
  coverage: Rate;
  meanWidth: number;
  /** Share of runs whose interval excluded 0 on the side of the true effect. */
  power: Rate;
}

/** Daily-look performance of one metric. */
export interface SequentialPerformance {
  /** Under a true uplift of 0: share of runs where the fixed-sample interval excluded 0 on some day. */
  naiveDailyFalsePositive: Rate;
  /** Under a true uplift of 0: share of runs where the mSPRT stopped for an effect on some day. */
  alwaysValidFalsePositive: Rate;
  /** Under the injected uplift: share of runs where the mSPRT stopped for an effect by the last day. */
  alwaysValidPower: Rate;
  /** Mean day of stopping for an effect among the runs that did. */
  meanStopDay: number | null;
  /** Under the injected uplift: share of runs where the confidence sequence excluded the truth on some day (≤ α when valid). */
  confidenceSequenceMiss: Rate;
  /** Under the injected uplift: mean width of the confidence sequence after the last day. */
  meanFinalSequenceWidth: number;
}

/** The simulation's report. */
export interface UpliftSimulationReport {
  customers: number;
  meanBaselineProbability: number;
  /** Finite-population true uplifts the intervals should cover. */
  truth: { conversionUplift: number; revenueUpliftCents: number };
  fixedHorizon: {
    conversion: { newcombe: IntervalPerformance; wald: IntervalPerformance };
    revenue: { welch: IntervalPerformance; bootstrap: IntervalPerformance | null };
  };
  sequential: { conversion: SequentialPerformance; revenue: SequentialPerformance; mixingSd: { conversion: number; revenueCents: number } };
}

interface Tally {
  covered: number;
  width: number;
  detected: number;
  runs: number;
}

const newTally = (): Tally => ({ covered: 0, width: 0, detected: 0, runs: 0 });

function tallyInterval(t: Tally, iv: Interval, truth: number): void {
  t.runs++;
  if (iv[0] <= truth && truth <= iv[1]) t.covered++;
  t.width += iv[1] - iv[0];
  if (truth >= 0 ? iv[0] > 0 : iv[1] < 0) t.detected++;
}

function rate(k: number, runs: number): Rate {
  const r = runs ? k / runs : NaN;
  return { rate: r, se: Math.sqrt((r * (1 - r)) / runs), runs };
}

const performance = (t: Tally): IntervalPerformance => ({ coverage: rate(t.covered, t.runs), meanWidth: t.width / t.runs, power: rate(t.detected, t.runs) });

function validate(customers: readonly SimulatedCustomer[], o: UpliftSimulationOptions): void {
  const bad = (msg: string) => new AppError("CHAT_ERR_VALIDATION", msg);
  if (customers.length < 2) throw bad("the simulation needs at least two customers");
  if (!Number.isInteger(o.runs) || o.runs < 1) throw bad(`runs must be a positive integer, got ${String(o.runs)}`);
  if (!Number.isInteger(o.seed) || o.seed < 0) throw bad(`seed must be a non-negative integer, got ${String(o.seed)}`);
  if (!(o.holdoutShare > 0 && o.holdoutShare < 1)) throw bad(`holdoutShare must be in (0, 1), got ${String(o.holdoutShare)}`);
  if (!(o.conversionUplift >= -1 && o.conversionUplift <= 1)) throw bad(`conversionUplift must be in [−1, 1], got ${String(o.conversionUplift)}`);
  if (!(o.orderValueEffect > -1 && Number.isFinite(o.orderValueEffect))) throw bad(`orderValueEffect must be > −1, got ${String(o.orderValueEffect)}`);
  if (!Number.isInteger(o.days) || o.days < 1) throw bad(`days must be a positive integer, got ${String(o.days)}`);
  for (const c of customers) {
    if (!(c.baselineProbability >= 0 && c.baselineProbability <= 1)) throw bad(`customer ${c.id}: baselineProbability must be in [0, 1]`);
    if (c.orderValuesCents.length === 0) throw bad(`customer ${c.id}: needs at least one order value`);
  }
}

/** What one customer would buy: conversion probability and mean order value in each arm. */
interface Potential {
  p: Record<CampaignArm, number>;
  valueFactor: Record<CampaignArm, number>;
  meanValue: number;
  meanSquareValue: number;
}

function potentials(customers: readonly SimulatedCustomer[], uplift: number, valueEffect: number): Potential[] {
  return customers.map((c) => {
    const values = c.orderValuesCents;
    const meanValue = values.reduce((a, b) => a + b, 0) / values.length;
    const meanSquareValue = values.reduce((a, b) => a + b * b, 0) / values.length;
    const treated = Math.min(1, Math.max(0, c.baselineProbability + uplift));
    return { p: { treatment: treated, holdout: c.baselineProbability }, valueFactor: { treatment: 1 + valueEffect, holdout: 1 }, meanValue, meanSquareValue };
  });
}

function respond(c: SimulatedCustomer, pot: Potential, arm: CampaignArm, rand: Random): CustomerOutcome {
  if (rand() >= pot.p[arm]) return { arm, converted: false, revenueCents: 0 };
  const value = c.orderValuesCents[Math.floor(rand() * c.orderValuesCents.length)];
  return { arm, converted: true, revenueCents: Math.round(value * pot.valueFactor[arm]) };
}

interface DailyTally {
  naive: number;
  always: number;
  stopDays: number;
  csMiss: number;
}

/** Look every day at one scenario; returns whether the naive and the always-valid procedures ever rejected 0. */
function dailyLooks(
  cohorts: readonly number[][], arms: readonly CampaignArm[], outcomes: readonly CustomerOutcome[],
  tests: { conversion: SequentialTest; revenue: SequentialTest }, truth: { conversion: number; revenue: number }, level: number,
) {
  const conv: Record<CampaignArm, SampleSummary> = { treatment: EMPTY_SAMPLE, holdout: EMPTY_SAMPLE };
  const rev: Record<CampaignArm, SampleSummary> = { treatment: EMPTY_SAMPLE, holdout: EMPTY_SAMPLE };
  const result = {
    conversion: { naive: false, stopDay: 0, csMiss: false, finalWidth: NaN },
    revenue: { naive: false, stopDay: 0, csMiss: false, finalWidth: NaN },
  };
  const excludesZero = (iv: Interval) => iv[0] > 0 || iv[1] < 0;
  cohorts.forEach((cohort, day) => {
    for (const i of cohort) {
      conv[arms[i]] = addObservation(conv[arms[i]], outcomes[i].converted ? 1 : 0);
      rev[arms[i]] = addObservation(rev[arms[i]], outcomes[i].revenueCents);
    }
    const convSuccess = (a: CampaignArm) => Math.round(conv[a].mean * conv[a].n);
    if (excludesZero(newcombeInterval(convSuccess("treatment"), conv.treatment.n, convSuccess("holdout"), conv.holdout.n, level))) result.conversion.naive = true;
    if (excludesZero(welchInterval(rev.treatment, rev.holdout, level).interval)) result.revenue.naive = true;
    for (const [metric, data, t] of [["conversion", conv, truth.conversion], ["revenue", rev, truth.revenue]] as const) {
      const look = tests[metric].look({ treatment: data.treatment, holdout: data.holdout });
      if (look.reason === "effect-detected" && result[metric].stopDay === 0) result[metric].stopDay = day + 1;
      if (look.interval[0] > t || look.interval[1] < t) result[metric].csMiss = true;
      result[metric].finalWidth = look.interval[1] - look.interval[0];
    }
  });
  return result;
}

/**
 * Simulate `runs` campaigns on the same customers. Each run salts the hash assignment with a new
 * campaign id, enrols customers in random daily cohorts and draws responses twice: once with the
 * injected uplift (coverage, width, power, always-valid power) and once with no effect at all
 * (false positives of daily looks). See docs/experiment-statistics.md for the design.
 */
export function simulateUplift(customers: readonly SimulatedCustomer[], options: UpliftSimulationOptions): UpliftSimulationReport {
  validate(customers, options);
  const level = options.level ?? 0.95;
  const alpha = 1 - level;
  const effect = potentials(customers, options.conversionUplift, options.orderValueEffect);
  const none = potentials(customers, 0, 0);
  const n = customers.length;
  const mean = (f: (p: Potential) => number) => effect.reduce((s, p) => s + f(p), 0) / n;
  const truth = {
    conversion: mean((p) => p.p.treatment - p.p.holdout),
    revenue: mean((p) => p.p.treatment * p.meanValue * p.valueFactor.treatment - p.p.holdout * p.meanValue),
  };
  // τ for the mSPRT is tuned to the planned end from pre-campaign (no-effect) behaviour only.
  const pBar = mean((p) => p.p.holdout);
  const revMean = mean((p) => p.p.holdout * p.meanValue);
  const revVar = mean((p) => p.p.holdout * p.meanSquareValue) - revMean * revMean;
  const inverseN = 1 / (n * (1 - options.holdoutShare)) + 1 / (n * options.holdoutShare);
  const mixingSd = { conversion: mixingSdForHorizon(Math.sqrt(pBar * (1 - pBar) * inverseN), alpha), revenueCents: mixingSdForHorizon(Math.sqrt(revVar * inverseN), alpha) };

  const tallies = { newcombe: newTally(), wald: newTally(), welch: newTally(), bootstrap: newTally() };
  const daily = {
    conversion: { nullNaive: 0, nullAlways: 0, power: 0, stopDays: 0, csMiss: 0, width: 0 },
    revenue: { nullNaive: 0, nullAlways: 0, power: 0, stopDays: 0, csMiss: 0, width: 0 },
  };
  const order = customers.map((_, i) => i);
  const bootRuns = options.bootstrap?.runs ?? 0;
  const minUnitsPerArm = options.warmUpUnitsPerArm ?? 100;
  const nullVariance = options.nullVariance ?? { conversion: "unpooled", revenue: "pooled" };
  const intervalVariance = options.intervalVariance ?? { conversion: "unpooled", revenue: "conservative" };

  for (let run = 0; run < options.runs; run++) {
    const rand = createRandom((options.seed * 1_000_003 + run * 7919) >>> 0);
    const campaignId = `sim-${options.seed}-${run}`;
    const arms = customers.map((c) => assignArm(campaignId, c.id, options.holdoutShare));
    shuffleInPlace(order, rand);
    const perDay = Math.ceil(n / options.days);
    const cohorts = Array.from({ length: options.days }, (_, d) => order.slice(d * perDay, (d + 1) * perDay));
    const newTests = (): { conversion: SequentialTest; revenue: SequentialTest } => ({
      conversion: createSequentialTest({ mixingSd: mixingSd.conversion, alpha, minUnitsPerArm, nullVariance: nullVariance.conversion, intervalVariance: intervalVariance.conversion }),
      revenue: createSequentialTest({ mixingSd: mixingSd.revenueCents, alpha, minUnitsPerArm, nullVariance: nullVariance.revenue, intervalVariance: intervalVariance.revenue }),
    });

    // With the injected uplift: fixed-horizon intervals at the end, and the always-valid test daily.
    const outcomes = customers.map((c, i) => respond(c, effect[i], arms[i], rand));
    const boot = run < bootRuns && options.bootstrap ? { resamples: options.bootstrap.resamples, seed: (options.seed + run) >>> 0 } : undefined;
    const res = computeCampaignResults({ outcomes, couponCostCents: 0, margin: 1, level, bootstrap: boot });
    tallyInterval(tallies.newcombe, res.conversionUplift.interval, truth.conversion);
    tallyInterval(tallies.wald, waldDifferenceInterval(res.treatment.conversions, res.treatment.n, res.holdout.conversions, res.holdout.n, level), truth.conversion);
    tallyInterval(tallies.welch, res.revenueUplift.interval, truth.revenue);
    if (res.revenueUplift.bootstrapInterval) tallyInterval(tallies.bootstrap, res.revenueUplift.bootstrapInterval, truth.revenue);
    const withEffect = dailyLooks(cohorts, arms, outcomes, newTests(), truth, level);

    // With no effect at all: does looking every day produce false positives?
    const nullOutcomes = customers.map((c, i) => respond(c, none[i], arms[i], rand));
    const withNone = dailyLooks(cohorts, arms, nullOutcomes, newTests(), { conversion: 0, revenue: 0 }, level);

    for (const metric of ["conversion", "revenue"] as const) {
      const d = daily[metric];
      if (withNone[metric].naive) d.nullNaive++;
      if (withNone[metric].stopDay > 0) d.nullAlways++;
      if (withEffect[metric].stopDay > 0) {
        d.power++;
        d.stopDays += withEffect[metric].stopDay;
      }
      if (withEffect[metric].csMiss) d.csMiss++;
      d.width += withEffect[metric].finalWidth;
    }
    options.onRun?.();
  }

  const runs = options.runs;
  const sequential = (d: (typeof daily)["conversion"]): SequentialPerformance => ({
    naiveDailyFalsePositive: rate(d.nullNaive, runs),
    alwaysValidFalsePositive: rate(d.nullAlways, runs),
    alwaysValidPower: rate(d.power, runs),
    meanStopDay: d.power ? d.stopDays / d.power : null,
    confidenceSequenceMiss: rate(d.csMiss, runs),
    meanFinalSequenceWidth: d.width / runs,
  });
  return {
    customers: n,
    meanBaselineProbability: pBar,
    truth: { conversionUplift: truth.conversion, revenueUpliftCents: truth.revenue },
    fixedHorizon: {
      conversion: { newcombe: performance(tallies.newcombe), wald: performance(tallies.wald) },
      revenue: { welch: performance(tallies.welch), bootstrap: tallies.bootstrap.runs ? performance(tallies.bootstrap) : null },
    },
    sequential: { conversion: sequential(daily.conversion), revenue: sequential(daily.revenue), mixingSd },
  };
}
