import { conditionalExpectedPurchases, fitBgNbd, probabilityAlive, type BgNbdParams, type RepeatSummary } from "./bgnbd.ts";
import { conditionalExpectedSpend, fitGammaGamma, type GammaGammaParams } from "./gamma-gamma.ts";
import { DAY_MS, purchasesBefore, type CustomerHistory } from "./types.ts";

/** Weeks per month, for turning the monthly CLV horizon into BG/NBD time units (weeks). */
const WEEKS_PER_MONTH = 52.1775 / 12;

/** A customer's BG/NBD + Gamma-Gamma summary in weeks and cents. */
export interface LifetimeSummary extends RepeatSummary {
  /** Mean value (cents) of the repeat purchase occasions; 0 when x = 0. */
  m: number;
}

/**
 * Summarise a customer as of `asOf`: purchase occasions are distinct UTC days with a non-cancelled
 * order (as in the CDNOW summaries); x counts the occasions after the first; times are in weeks.
 * Returns null for a customer with no purchase before `asOf`.
 */
export function summarizeForLifetimeValue(history: CustomerHistory, asOf: Date): LifetimeSummary | null {
  const orders = purchasesBefore(history, asOf);
  if (orders.length === 0) return null;
  const byDay = new Map<string, number>();
  for (const o of orders) {
    const day = o.placedAt.slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0) + (o.status === "returned" ? 0 : o.totalCents));
  }
  const days = [...byDay.keys()].sort();
  const first = Date.parse(days[0] + "T00:00:00Z");
  const last = Date.parse(days[days.length - 1] + "T00:00:00Z");
  const x = days.length - 1;
  const repeatValues = days.slice(1).map((d) => byDay.get(d) ?? 0);
  const m = x > 0 ? repeatValues.reduce((a, b) => a + b, 0) / x : 0;
  const T = Math.max((asOf.getTime() - first) / (7 * DAY_MS), 1 / 7);
  return { x, tx: (last - first) / (7 * DAY_MS), T, m };
}

/** The fitted lifetime-value model: BG/NBD for purchases, Gamma-Gamma for spend. */
export interface LifetimeValueModel {
  kind: "bgnbd-gamma-gamma";
  timeUnit: "week";
  bgNbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
  /** Annual discount rate for CLV (e.g. 0.1). */
  annualDiscountRate: number;
  horizonMonths: number;
  metrics: { bgNbdLogLikelihood: number; gammaGammaLogLikelihood: number; customers: number; repeatCustomers: number };
}

/** Options for {@link trainLifetimeValue}. */
export interface LifetimeValueOptions {
  annualDiscountRate?: number;
  horizonMonths?: number;
  /** L2 penalty on the parameters (0 = plain MLE, the default). */
  penalizer?: number;
}

/** Fit BG/NBD and Gamma-Gamma on summaries (from {@link summarizeForLifetimeValue} or a dataset). */
export function trainLifetimeValue(summaries: readonly LifetimeSummary[], options: LifetimeValueOptions = {}): LifetimeValueModel {
  const bg = fitBgNbd(summaries, { penalizer: options.penalizer });
  const gg = fitGammaGamma(summaries.map((s) => ({ x: s.x, m: s.m })), { penalizer: options.penalizer });
  return {
    kind: "bgnbd-gamma-gamma",
    timeUnit: "week",
    bgNbd: bg.params,
    gammaGamma: gg.params,
    annualDiscountRate: options.annualDiscountRate ?? 0.1,
    horizonMonths: options.horizonMonths ?? 12,
    metrics: { bgNbdLogLikelihood: bg.logLikelihood, gammaGammaLogLikelihood: gg.logLikelihood, customers: bg.customers, repeatCustomers: gg.customers },
  };
}

/** A customer's lifetime-value prediction. */
export interface LifetimeValuePrediction {
  /** Probability the customer is still active (BG/NBD). */
  probabilityAlive: number;
  /** Expected purchase occasions in the next 90 days. */
  expectedPurchases90d: number;
  /** Expected purchase occasions over the CLV horizon. */
  expectedPurchasesHorizon: number;
  /** Expected value of one purchase (Gamma-Gamma), cents. */
  expectedOrderValueCents: number;
  /** Discounted customer lifetime value over the horizon, cents. */
  clvCents: number;
  horizonMonths: number;
}

/**
 * Predict P(alive), expected purchases and discounted CLV. CLV sums, month by month, the expected
 * purchases in that month × expected spend, discounted at the monthly equivalent of the annual rate
 * (the "discounted cash flow" form lifetimes uses).
 */
export function predictLifetimeValue(model: LifetimeValueModel, s: LifetimeSummary): LifetimeValuePrediction {
  const spend = conditionalExpectedSpend(model.gammaGamma, { x: s.x, m: s.m });
  const monthly = Math.pow(1 + model.annualDiscountRate, 1 / 12) - 1;
  let clv = 0;
  let prev = 0;
  for (let i = 1; i <= model.horizonMonths; i++) {
    const cum = conditionalExpectedPurchases(model.bgNbd, s, i * WEEKS_PER_MONTH);
    clv += ((cum - prev) * spend) / Math.pow(1 + monthly, i);
    prev = cum;
  }
  return {
    probabilityAlive: probabilityAlive(model.bgNbd, s),
    expectedPurchases90d: conditionalExpectedPurchases(model.bgNbd, s, 90 / 7),
    expectedPurchasesHorizon: prev,
    expectedOrderValueCents: spend,
    clvCents: clv,
    horizonMonths: model.horizonMonths,
  };
}
