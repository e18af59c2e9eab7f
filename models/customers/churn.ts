import { minimize, minimizeWithGradient } from "./optimizer.ts";
import { rocAuc } from "./metrics.ts";
import { createRandom, shuffled } from "./random.ts";
import { daysBetween, eventsBefore, purchasesBefore, type CustomerHistory } from "./types.ts";

/**
 * Churn risk: L2-regularised logistic regression on standardised features, trained on a temporal
 * split (features up to a cut-off, label = no purchase in the following window), then Platt-scaled
 * on a held-out calibration fold (Platt 1999). Per-customer reasons are coefficient × standardised
 * value contributions to the logit, so base + Σ contributions = the raw logit exactly.
 */

/** Named numeric features for one customer at one moment. */
export type ChurnFeatures = Record<string, number>;

/** Extra model outputs a churn feature vector may include (e.g. from BG/NBD). */
export interface ChurnFeatureExtras {
  probabilityAlive?: number;
  expectedPurchases90d?: number;
}

/**
 * Compute churn features for a buyer as of `asOf` from purchases and behaviour; null when the
 * customer had no purchase before `asOf` (churn is defined for buyers only).
 */
export function churnFeatures(h: CustomerHistory, asOf: Date, extras: ChurnFeatureExtras = {}): ChurnFeatures | null {
  const orders = purchasesBefore(h, asOf);
  if (orders.length === 0) return null;
  const events = eventsBefore(h, asOf);
  const age = (iso: string) => daysBetween(iso, asOf);
  const first = orders[0].placedAt;
  const last = orders[orders.length - 1].placedAt;
  const recency = age(last);
  const span = age(first);
  const days = new Set(orders.map((o) => o.placedAt.slice(0, 10))).size;
  const meanGap = days > 1 ? (span - recency) / (days - 1) : span + 30;
  const kept = orders.filter((o) => o.status !== "returned");
  const count = (pred: (e: (typeof events)[number]) => boolean) => events.filter(pred).length;
  const lastEvent = events.reduce((m, e) => (e.at > m ? e.at : m), "");
  const f: ChurnFeatures = {
    log_recency_days: Math.log1p(recency),
    log_tenure_days: Math.log1p(Math.max(0, age(h.createdAt))),
    log_orders: Math.log1p(orders.length),
    orders_90d: orders.filter((o) => age(o.placedAt) <= 90).length,
    orders_180d: orders.filter((o) => age(o.placedAt) <= 180).length,
    orders_365d: orders.filter((o) => age(o.placedAt) <= 365).length,
    log_avg_order_value: Math.log1p(kept.length ? kept.reduce((s, o) => s + o.totalCents, 0) / kept.length / 100 : 0),
    recency_over_gap: Math.min(10, recency / Math.max(7, meanGap)),
    return_rate: orders.length ? (orders.length - kept.length) / orders.length : 0,
    discount_share: orders.filter((o) => o.discountCents > 0).length / orders.length,
    views_30d: Math.log1p(count((e) => e.type === "view" && age(e.at) <= 30)),
    views_90d: Math.log1p(count((e) => e.type === "view" && age(e.at) <= 90)),
    searches_90d: Math.log1p(count((e) => e.type === "search" && age(e.at) <= 90)),
    cart_adds_90d: Math.log1p(count((e) => e.type === "cart_add" && age(e.at) <= 90)),
    log_days_since_last_visit: Math.log1p(Math.min(lastEvent ? age(lastEvent) : 730, 730)),
    support_contacts: Math.log1p(h.supportContacts),
  };
  if (extras.probabilityAlive !== undefined) f.p_alive = extras.probabilityAlive;
  if (extras.expectedPurchases90d !== undefined) f.log_expected_purchases_90d = Math.log1p(extras.expectedPurchases90d);
  return f;
}

/** A trained churn model. */
export interface ChurnModel {
  kind: "logistic-platt";
  featureNames: string[];
  means: number[];
  scales: number[];
  coefficients: number[];
  intercept: number;
  platt: { a: number; b: number };
  l2: number;
  metrics: { trainRows: number; calibrationRows: number; churnRate: number; calibrationAuc?: number };
}

/** Options for {@link trainChurn}. */
export interface ChurnTrainOptions {
  /** L2 penalty on standardised coefficients (default 1e-2). */
  l2?: number;
  /** Share of rows held out for Platt scaling (default 0.25). */
  calibrationShare?: number;
  seed?: number;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function logistic(X: number[][], y: number[], l2: number): { w: number[]; b: number } {
  const n = X.length;
  const d = X[0]?.length ?? 0;
  const prior = Math.min(0.999, Math.max(0.001, y.reduce((a, c) => a + c, 0) / Math.max(1, n)));
  const x0 = new Array(d + 1).fill(0);
  x0[d] = Math.log(prior / (1 - prior));
  // Mean negative log-likelihood + L2 (intercept unpenalised), with its analytic gradient.
  const f = (theta: number[], grad: number[]): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let z = theta[d];
      const xi = X[i];
      for (let j = 0; j < d; j++) z += theta[j] * xi[j];
      const p = sigmoid(z);
      loss += y[i] ? -Math.log(Math.max(p, 1e-300)) : -Math.log(Math.max(1 - p, 1e-300));
      const r = p - y[i];
      for (let j = 0; j < d; j++) grad[j] += r * xi[j];
      grad[d] += r;
    }
    loss /= n;
    for (let j = 0; j <= d; j++) grad[j] /= n;
    for (let j = 0; j < d; j++) {
      loss += 0.5 * l2 * theta[j] * theta[j];
      grad[j] += l2 * theta[j];
    }
    return loss;
  };
  const res = minimizeWithGradient(f, x0, 1000);
  return { w: res.x.slice(0, d), b: res.x[d] };
}

/**
 * Train the churn classifier on rows of (features, churned). Rows are shuffled with `seed`;
 * `calibrationShare` of them fit the Platt scaling of the raw logit, the rest fit the regression.
 */
export function trainChurn(rows: readonly { features: ChurnFeatures; churned: boolean }[], options: ChurnTrainOptions = {}): ChurnModel {
  if (rows.length < 20) throw new RangeError(`churn training needs at least 20 customers, got ${rows.length}`);
  const l2 = options.l2 ?? 1e-2;
  const names = Object.keys(rows[0].features).sort();
  const data = shuffled(rows, createRandom(options.seed ?? 7));
  const nCal = Math.max(10, Math.round(data.length * (options.calibrationShare ?? 0.25)));
  const cal = data.slice(0, nCal);
  const fit = data.slice(nCal);
  const raw = fit.map((r) => names.map((k) => r.features[k] ?? 0));
  const means = names.map((_, j) => raw.reduce((s, x) => s + x[j], 0) / raw.length);
  const scales = names.map((_, j) => {
    const v = raw.reduce((s, x) => s + (x[j] - means[j]) ** 2, 0) / raw.length;
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  const X = raw.map((x) => x.map((v, j) => (v - means[j]) / scales[j]));
  const y = fit.map((r) => (r.churned ? 1 : 0));
  if (y.every((v) => v === y[0])) throw new RangeError("churn training needs both churned and retained customers");
  const { w, b } = logistic(X, y, l2);
  const model: ChurnModel = {
    kind: "logistic-platt", featureNames: names, means, scales, coefficients: w, intercept: b, platt: { a: 1, b: 0 }, l2,
    metrics: { trainRows: fit.length, calibrationRows: cal.length, churnRate: rows.filter((r) => r.churned).length / rows.length },
  };
  // Platt scaling: P = σ(A·logit + B), fitted by maximum likelihood on the held-out fold with
  // Platt's smoothed targets (N+ + 1)/(N+ + 2) and 1/(N− + 2) to avoid over-confidence.
  const logits = cal.map((r) => explainChurn(model, r.features).logit);
  const nPos = cal.filter((r) => r.churned).length;
  const tPos = (nPos + 1) / (nPos + 2);
  const tNeg = 1 / (cal.length - nPos + 2);
  const targets = cal.map((r) => (r.churned ? tPos : tNeg));
  const nll = ([a, c]: number[]) => {
    let s = 0;
    for (let i = 0; i < logits.length; i++) {
      const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(a * logits[i] + c)));
      s -= targets[i] * Math.log(p) + (1 - targets[i]) * Math.log(1 - p);
    }
    return s;
  };
  const pr = minimize(nll, [1, 0], { restarts: 2 });
  model.platt = { a: pr.x[0], b: pr.x[1] };
  model.metrics.calibrationAuc = rocAuc(logits, cal.map((r) => r.churned));
  return model;
}

/** One feature's push on the churn logit. */
export interface ChurnContribution {
  feature: string;
  value: number;
  /** coefficient × standardised value, in logit units; positive raises the risk. */
  contribution: number;
}

/** A churn prediction with its explanation. */
export interface ChurnExplanation {
  /** Calibrated probability of no purchase in the churn window. */
  risk: number;
  /** Raw (uncalibrated) logit = base + Σ contributions. */
  logit: number;
  /** The intercept: the logit of a customer with every feature at the training mean. */
  base: number;
  contributions: ChurnContribution[];
}

/** Score features and explain the score feature by feature. */
export function explainChurn(model: ChurnModel, features: ChurnFeatures): ChurnExplanation {
  const contributions = model.featureNames.map((name, j) => {
    const value = features[name] ?? 0;
    return { feature: name, value, contribution: model.coefficients[j] * ((value - model.means[j]) / model.scales[j]) };
  });
  const logit = model.intercept + contributions.reduce((s, c) => s + c.contribution, 0);
  const risk = sigmoid(model.platt.a * logit + model.platt.b);
  contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return { risk, logit, base: model.intercept, contributions };
}

/** Calibrated churn probability only. */
export function predictChurn(model: ChurnModel, features: ChurnFeatures): number {
  return explainChurn(model, features).risk;
}

const FEATURE_TEXT: Record<string, (v: number, up: boolean) => string> = {
  log_recency_days: (v) => `last order ${Math.round(Math.expm1(v))} days ago`,
  log_tenure_days: (v) => `customer for ${Math.round(Math.expm1(v))} days`,
  log_orders: (v) => `${Math.round(Math.expm1(v))} orders in total`,
  orders_90d: (v) => `${v} orders in the last 90 days`,
  orders_180d: (v) => `${v} orders in the last 180 days`,
  orders_365d: (v) => `${v} orders in the last year`,
  log_avg_order_value: (v) => `average order $${Math.round(Math.expm1(v))}`,
  recency_over_gap: (v) => `${v.toFixed(1)}× their usual time between orders since the last one`,
  return_rate: (v) => `${Math.round(v * 100)}% of orders returned`,
  discount_share: (v) => `${Math.round(v * 100)}% of orders used a discount`,
  views_30d: (v) => `${Math.round(Math.expm1(v))} product views in the last 30 days`,
  views_90d: (v) => `${Math.round(Math.expm1(v))} product views in the last 90 days`,
  searches_90d: (v) => `${Math.round(Math.expm1(v))} searches in the last 90 days`,
  cart_adds_90d: (v) => `${Math.round(Math.expm1(v))} cart adds in the last 90 days`,
  log_days_since_last_visit: (v) => (Math.expm1(v) >= 729 ? "no site visits on record" : `last site visit ${Math.round(Math.expm1(v))} days ago`),
  support_contacts: (v) => `${Math.round(Math.expm1(v))} support contacts`,
  p_alive: (v) => `purchase-pattern P(active) ${Math.round(v * 100)}%`,
  log_expected_purchases_90d: (v) => `${Math.expm1(v).toFixed(2)} purchases expected in the next 90 days`,
};

/** A human-readable reason behind a churn score. */
export interface ChurnReason {
  feature: string;
  direction: "raises" | "lowers";
  /** Contribution to the logit. */
  contribution: number;
  text: string;
}

/** The strongest `k` contributions as readable reasons (both directions). */
export function churnReasons(explanation: ChurnExplanation, k = 4): ChurnReason[] {
  return explanation.contributions
    .filter((c) => Math.abs(c.contribution) >= 0.05)
    .slice(0, k)
    .map((c) => {
      const up = c.contribution > 0;
      const describe = FEATURE_TEXT[c.feature] ?? ((v: number) => `${c.feature} = ${v.toFixed(2)}`);
      return { feature: c.feature, direction: up ? "raises" : "lowers", contribution: c.contribution, text: `${describe(c.value, up)} (${up ? "raises" : "lowers"} risk)` };
    });
}
