/**
 * RFM segments and lifecycle stages. Rules are documented in docs/customer-models.md.
 * RFM scores are quintiles (1–5) with cut-points learned from the buyers in the training snapshot,
 * so a score means the same thing for every customer scored against that artifact.
 */

/** Quintile cut-points (four ascending edges each) for recency (days), frequency (orders) and monetary (cents). */
export interface RfmCutpoints {
  recencyDays: number[];
  frequency: number[];
  monetaryCents: number[];
}

/** The raw RFM values of one buyer. */
export interface RfmValues {
  recencyDays: number;
  frequency: number;
  monetaryCents: number;
}

/** RFM scores, 1 (worst) to 5 (best). */
export interface RfmScores {
  recency: number;
  frequency: number;
  monetary: number;
}

/** An RFM segment name. */
export type RfmSegment =
  | "champions" | "loyal" | "potential_loyalists" | "new" | "promising" | "need_attention"
  | "at_risk" | "cant_lose" | "hibernating" | "lost" | "prospect";

/** A lifecycle stage name. */
export type LifecycleStage = "prospect" | "new" | "active" | "growing" | "at_risk" | "churned";

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Learn quintile cut-points from the buyers' RFM values. */
export function trainRfm(values: readonly RfmValues[]): RfmCutpoints {
  if (values.length === 0) throw new RangeError("RFM needs at least one buyer");
  const edges = (xs: number[]) => {
    const s = xs.slice().sort((a, b) => a - b);
    return [0.2, 0.4, 0.6, 0.8].map((q) => quantile(s, q));
  };
  return {
    recencyDays: edges(values.map((v) => v.recencyDays)),
    frequency: edges(values.map((v) => v.frequency)),
    monetaryCents: edges(values.map((v) => v.monetaryCents)),
  };
}

/** 1 + the number of edges strictly below `v` (1..5). */
function bucket(v: number, edges: readonly number[]): number {
  let s = 1;
  for (const e of edges) if (v > e) s++;
  return s;
}

/** Score a buyer against the cut-points; recency is inverted (recent = 5). */
export function scoreRfm(cut: RfmCutpoints, v: RfmValues): RfmScores {
  return {
    recency: 6 - bucket(v.recencyDays, cut.recencyDays),
    frequency: bucket(v.frequency, cut.frequency),
    monetary: bucket(v.monetaryCents, cut.monetaryCents),
  };
}

/**
 * Map scores to a segment (a condensed form of the common 11-segment R×F grid):
 * champions R≥4,F≥4 · loyal R=3,F≥4 · cant_lose R≤2,F≥4,M≥4 · at_risk R≤2,F≥3 ·
 * new R≥4 with one order · potential_loyalists R≥4,F 2–3 · promising R=3 with one order ·
 * need_attention R=3,F 2–3 · hibernating R=2,F≤2 · lost R=1,F≤2.
 */
export function rfmSegment(s: RfmScores, orders: number): RfmSegment {
  if (orders <= 0) return "prospect";
  const { recency: r, frequency: f, monetary: m } = s;
  if (r >= 4 && f >= 4) return "champions";
  if (r === 3 && f >= 4) return "loyal";
  if (r <= 2 && f >= 4 && m >= 4) return "cant_lose";
  if (r <= 2 && f >= 3) return "at_risk";
  if (r >= 4 && orders === 1) return "new";
  if (r >= 4) return "potential_loyalists";
  if (r === 3 && orders === 1) return "promising";
  if (r === 3) return "need_attention";
  if (r === 2) return "hibernating";
  return "lost";
}

/** The facts the lifecycle rules look at. */
export interface LifecycleFacts {
  orders: number;
  daysSinceSignup: number;
  /** Days since the first order (null without orders). */
  daysSinceFirstOrder: number | null;
  /** Days since the last order (null without orders). */
  recencyDays: number | null;
  /** Median days between purchase occasions (null with fewer than two). */
  medianGapDays: number | null;
  /** Spend in the last 180 days and in the 180 days before that, cents. */
  spendLast180Cents: number;
  spendPrior180Cents: number;
  /** Calibrated churn risk when a churn model is available. */
  churnRisk?: number;
}

/** Thresholds for {@link lifecycleStage}; defaults suit a sports retailer with a 90-day churn window. */
export interface LifecycleRules {
  newWithinDays: number;
  atRiskAfterDays: number;
  churnedAfterDays: number;
  atRiskChurnRisk: number;
  growthRatio: number;
}

/** Default lifecycle thresholds (see docs/customer-models.md). */
export const DEFAULT_LIFECYCLE_RULES: LifecycleRules = Object.freeze({
  newWithinDays: 90,
  atRiskAfterDays: 120,
  churnedAfterDays: 365,
  atRiskChurnRisk: 0.6,
  growthRatio: 1.25,
});

/**
 * Lifecycle stage, first matching rule wins: prospect (no order) · churned (no order for
 * max(365 d, 3× usual gap)) · new (first order within 90 d) · at_risk (no order for max(120 d, 2× usual gap)
 * or churn risk ≥ 0.6) · growing (≥ 2 orders and last-180-day spend ≥ 1.25× the prior 180 days) · active.
 */
export function lifecycleStage(f: LifecycleFacts, rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES): LifecycleStage {
  if (f.orders <= 0 || f.recencyDays === null || f.daysSinceFirstOrder === null) return "prospect";
  const gap = f.medianGapDays ?? 0;
  if (f.recencyDays > Math.max(rules.churnedAfterDays, 3 * gap)) return "churned";
  if (f.daysSinceFirstOrder <= rules.newWithinDays) return "new";
  if (f.recencyDays > Math.max(rules.atRiskAfterDays, 2 * gap)) return "at_risk";
  if (f.churnRisk !== undefined && f.churnRisk >= rules.atRiskChurnRisk) return "at_risk";
  if (f.orders >= 2 && f.spendLast180Cents > 0 && f.spendLast180Cents >= rules.growthRatio * f.spendPrior180Cents) return "growing";
  return "active";
}
