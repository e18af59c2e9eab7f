import { randomInt } from "node:crypto";
import { newcombeInterval, wilsonInterval } from "../../models/experiments/index.ts";
import type { ArmOutcome, DialogueStore, ExperimentArm } from "../storage/index.ts";

/** Wilson score interval for a binomial proportion (moved to models/experiments; re-exported for existing callers). */
export { wilsonInterval };

/** The sales moves that run as randomised experiments against a holdout. */
export type ExperimentName = "upsell" | "retention";

/** Assigns units (a verified customer, else the conversation) once, at random, to treatment or holdout. */
export interface Experiments {
  arm(experiment: ExperimentName, unit: { customerId: string | null; conversationId: string }): Promise<ExperimentArm>;
}

/** Create the experiment assigner; `random` (uniform in [0,1)) is injectable for tests. */
export function createExperiments(store: DialogueStore, options: { holdoutShare: number; random?: () => number }): Experiments {
  const random = options.random ?? (() => randomInt(0, 1_000_000) / 1_000_000);
  return {
    arm(experiment, unit) {
      const key = unit.customerId ? `customer:${unit.customerId}` : `conversation:${unit.conversationId}`;
      return store.assignArm(experiment, key, unit.customerId, () => (random() < options.holdoutShare ? "holdout" : "treatment"));
    },
  };
}

/** Conversion of one arm with its Wilson 95 % interval. */
export interface ArmResult extends ArmOutcome {
  rate: number;
  ci95: [number, number];
}

/** The measured effect of an experiment. */
export interface UpliftReport {
  experiment: string;
  from: string;
  to: string;
  windowDays: number;
  treatment: ArmResult;
  holdout: ArmResult;
  /** Treatment rate minus holdout rate (absolute percentage points as a fraction). */
  uplift: number;
  /** Newcombe's hybrid score interval for the difference of two proportions (method 10 of Newcombe 1998). */
  ci95: [number, number];
  /** Revenue per exposed customer, treatment minus holdout, in cents. */
  revenueUpliftPerUnitCents: number;
}

/**
 * Uplift of treatment over holdout with Newcombe's (1998) hybrid score interval (models/experiments),
 * which stays well-behaved for small arms and rates near 0 or 1, unlike the Wald interval.
 */
export function computeUplift(experiment: string, outcomes: readonly ArmOutcome[], period: { from: string; to: string; windowDays: number }): UpliftReport {
  const arm = (a: ExperimentArm): ArmResult => {
    const o = outcomes.find((x) => x.arm === a) ?? { arm: a, units: 0, converted: 0, revenueCents: 0 };
    return { ...o, rate: o.units ? o.converted / o.units : 0, ci95: wilsonInterval(o.converted, o.units) };
  };
  const t = arm("treatment");
  const h = arm("holdout");
  const perUnit = (r: ArmResult) => (r.units ? r.revenueCents / r.units : 0);
  return {
    experiment,
    ...period,
    treatment: t,
    holdout: h,
    uplift: t.rate - h.rate,
    ci95: newcombeInterval(t.converted, t.units, h.converted, h.units),
    revenueUpliftPerUnitCents: Math.round(perUnit(t) - perUnit(h)),
  };
}

/** Read an experiment's outcomes from the store and compute its uplift. */
export async function experimentUplift(store: DialogueStore, experiment: ExperimentName, period: { from: string; to: string; windowDays: number }): Promise<UpliftReport> {
  return computeUplift(experiment, await store.outcomes(experiment, period.from, period.to, period.windowDays), period);
}
