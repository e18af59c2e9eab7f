/** Fixed-horizon results of a campaign with a randomised holdout: conversion, revenue, increments and ROI. */
import { AppError } from "../../server/errors.ts";
import type { CampaignArm } from "./assignment.ts";
import { bootstrapMeanDifference } from "./bootstrap.ts";
import { requireLevel } from "./distributions.ts";
import { EMPTY_SAMPLE, addObservation, sampleSd, welchInterval, type SampleSummary } from "./means.ts";
import { newcombeInterval, wilsonInterval, type Interval } from "./proportions.ts";

/** What happened to one customer of the campaign within its conversion window. */
export interface CustomerOutcome {
  arm: CampaignArm;
  /** Placed at least one order within the window. */
  converted: boolean;
  /** Revenue of those orders in cents (0 when not converted). */
  revenueCents: number;
}

/** Inputs of computeCampaignResults. */
export interface CampaignResultsInput {
  outcomes: readonly CustomerOutcome[];
  /** Total cost of the campaign's coupons in cents (given, not estimated). */
  couponCostCents: number;
  /** Gross margin on revenue, in (0, 1]: profit = revenue × margin. */
  margin: number;
  /** Confidence level of every interval, default 0.95. */
  level?: number;
  /** Also compute a seeded percentile bootstrap interval for the revenue uplift (and what follows from it). */
  bootstrap?: { resamples: number; seed: number };
}

/** One arm's figures. */
export interface CampaignArmResult {
  n: number;
  conversions: number;
  conversionRate: number;
  /** Wilson score interval of the conversion rate. */
  conversionInterval: Interval;
  revenueCents: number;
  /** Revenue per customer (zeros included) in cents: mean and sample standard deviation (NaN below 2 customers). */
  revenuePerCustomer: { mean: number; sd: number };
}

/** A point estimate with its interval. */
export interface Estimate {
  value: number;
  interval: Interval;
}

/** An estimate whose interval comes from Welch's t, with an optional percentile-bootstrap interval. */
export interface RevenueEstimate extends Estimate {
  /** Percentile-bootstrap interval, when requested. */
  bootstrapInterval?: Interval;
}

/** The measured effect of a campaign at a fixed horizon. */
export interface CampaignResults {
  level: number;
  treatment: CampaignArmResult;
  holdout: CampaignArmResult;
  /** Treatment minus holdout conversion rate, with Newcombe's hybrid score interval. */
  conversionUplift: Estimate;
  /** Treatment minus holdout revenue per customer (cents), with Welch's interval (df below). */
  revenueUplift: RevenueEstimate & { df: number; bootstrap?: { resamples: number; seed: number } };
  /** Conversions the campaign caused among the treated: conversion uplift × treated n. */
  incrementalConversions: Estimate;
  /** Revenue the campaign caused among the treated (cents): revenue uplift × treated n. */
  incrementalRevenueCents: RevenueEstimate;
  couponCostCents: number;
  margin: number;
  /** (incremental revenue × margin − cost) / cost; null when the campaign cost nothing. */
  roi: RevenueEstimate | null;
}

interface ArmAccumulator {
  conversions: number;
  revenue: SampleSummary;
  values: number[];
}

function validate(input: CampaignResultsInput): number {
  const level = input.level ?? 0.95;
  requireLevel(level);
  if (!(Number.isFinite(input.couponCostCents) && input.couponCostCents >= 0)) {
    throw new AppError("CHAT_ERR_VALIDATION", `couponCostCents must be a finite number ≥ 0, got ${String(input.couponCostCents)}`);
  }
  if (!(input.margin > 0 && input.margin <= 1)) throw new AppError("CHAT_ERR_VALIDATION", `margin must be in (0, 1], got ${String(input.margin)}`);
  input.outcomes.forEach((o, i) => {
    if (o.arm !== "treatment" && o.arm !== "holdout") throw new AppError("CHAT_ERR_VALIDATION", `outcomes[${i}].arm must be "treatment" or "holdout", got ${String(o.arm)}`);
    if (!(Number.isFinite(o.revenueCents) && o.revenueCents >= 0)) throw new AppError("CHAT_ERR_VALIDATION", `outcomes[${i}].revenueCents must be a finite number ≥ 0, got ${String(o.revenueCents)}`);
    if (!o.converted && o.revenueCents !== 0) throw new AppError("CHAT_ERR_VALIDATION", `outcomes[${i}] has revenue but did not convert`);
  });
  return level;
}

function armResult(acc: ArmAccumulator, level: number): CampaignArmResult {
  const n = acc.revenue.n;
  return {
    n,
    conversions: acc.conversions,
    conversionRate: n ? acc.conversions / n : 0,
    conversionInterval: wilsonInterval(acc.conversions, n, level),
    revenueCents: acc.revenue.mean * n,
    revenuePerCustomer: { mean: acc.revenue.mean, sd: sampleSd(acc.revenue) },
  };
}

// With no treated customers nothing was caused: 0, not ∞ × 0.
const scale = (iv: Interval, k: number): Interval => (k === 0 ? [0, 0] : [iv[0] * k, iv[1] * k]);

/**
 * Compute a campaign's fixed-horizon results from per-customer outcomes. Incremental figures treat the
 * treated n as fixed, so their intervals are the uplift intervals times n. ROI is an increasing affine
 * function of incremental revenue when cost and margin are given, so its interval is the image of the
 * incremental-revenue interval (exact, no delta method needed). See docs/experiment-statistics.md.
 * @example computeCampaignResults({ outcomes, couponCostCents: 50_000, margin: 0.4, bootstrap: { resamples: 2000, seed: 1 } })
 */
export function computeCampaignResults(input: CampaignResultsInput): CampaignResults {
  const level = validate(input);
  const acc: Record<CampaignArm, ArmAccumulator> = {
    treatment: { conversions: 0, revenue: EMPTY_SAMPLE, values: [] },
    holdout: { conversions: 0, revenue: EMPTY_SAMPLE, values: [] },
  };
  for (const o of input.outcomes) {
    const a = acc[o.arm];
    if (o.converted) a.conversions++;
    a.revenue = addObservation(a.revenue, o.revenueCents);
    a.values.push(o.revenueCents);
  }
  const treatment = armResult(acc.treatment, level);
  const holdout = armResult(acc.holdout, level);
  const nT = treatment.n;

  const conversionUplift: Estimate = {
    value: treatment.conversionRate - holdout.conversionRate,
    interval: newcombeInterval(treatment.conversions, nT, holdout.conversions, holdout.n, level),
  };
  const welch = welchInterval(acc.treatment.revenue, acc.holdout.revenue, level);
  const boot = input.bootstrap ? bootstrapMeanDifference(acc.treatment.values, acc.holdout.values, { ...input.bootstrap, level }) : undefined;
  const revenueUplift: CampaignResults["revenueUplift"] = { value: welch.difference, interval: welch.interval, df: welch.df };
  if (boot) {
    revenueUplift.bootstrapInterval = boot.interval;
    revenueUplift.bootstrap = { resamples: boot.resamples, seed: boot.seed };
  }
  const incrementalRevenueCents: RevenueEstimate = { value: welch.difference * nT, interval: scale(welch.interval, nT) };
  if (boot) incrementalRevenueCents.bootstrapInterval = scale(boot.interval, nT);

  const cost = input.couponCostCents;
  const toRoi = (incremental: number) => (incremental * input.margin - cost) / cost;
  let roi: RevenueEstimate | null = null;
  if (cost > 0) {
    roi = { value: toRoi(incrementalRevenueCents.value), interval: [toRoi(incrementalRevenueCents.interval[0]), toRoi(incrementalRevenueCents.interval[1])] };
    if (incrementalRevenueCents.bootstrapInterval) {
      const [lo, hi] = incrementalRevenueCents.bootstrapInterval;
      roi.bootstrapInterval = [toRoi(lo), toRoi(hi)];
    }
  }
  return {
    level,
    treatment,
    holdout,
    conversionUplift,
    revenueUplift,
    incrementalConversions: { value: conversionUplift.value * nT, interval: scale(conversionUplift.interval, nT) },
    incrementalRevenueCents,
    couponCostCents: cost,
    margin: input.margin,
    roi,
  };
}
