import { minimize } from "./optimizer.ts";
import { gammaln } from "./special.ts";

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", and Hardie's note 025): the
 * value of each transaction is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of
 * the purchase process. Fitted on customers with at least one repeat purchase.
 */

/** One customer's spend summary: x repeat purchases with mean value m. */
export interface SpendSummary {
  x: number;
  /** Mean value of the repeat purchases (> 0). */
  m: number;
}

/** Gamma-Gamma parameters (`gamma` is lifetimes' `v`). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Log-likelihood of one customer's mean spend under Gamma-Gamma. */
export function gammaGammaLogLikelihoodOne(g: GammaGammaParams, s: SpendSummary): number {
  const { p, q, gamma } = g;
  const { x, m } = s;
  return (
    gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * Math.log(gamma) +
    (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(gamma + m * x)
  );
}

/** Total Gamma-Gamma log-likelihood. */
export function gammaGammaLogLikelihood(g: GammaGammaParams, data: readonly SpendSummary[]): number {
  let s = 0;
  for (const d of data) s += gammaGammaLogLikelihoodOne(g, d);
  return s;
}

/** Result of fitting Gamma-Gamma. */
export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  customers: number;
}

/**
 * Fit Gamma-Gamma by maximum likelihood (Nelder-Mead over log-parameters). Rows with x = 0 or
 * m ≤ 0 are ignored, as the model is defined on repeat customers only.
 */
export function fitGammaGamma(data: readonly SpendSummary[], options: { penalizer?: number } = {}): GammaGammaFit {
  const rows = data.filter((d) => d.x > 0 && d.m > 0 && Number.isFinite(d.m));
  if (rows.length < 3) throw new RangeError(`Gamma-Gamma needs at least 3 customers with repeat purchases, got ${rows.length}`);
  const pen = options.penalizer ?? 0;
  const meanM = rows.reduce((s, d) => s + d.m, 0) / rows.length;
  const obj = (z: number[]): number => {
    const g = { p: Math.exp(z[0]), q: Math.exp(z[1]), gamma: Math.exp(z[2]) };
    return -gammaGammaLogLikelihood(g, rows) / rows.length + pen * (g.p ** 2 + g.q ** 2 + g.gamma ** 2);
  };
  const res = minimize(obj, [0, 0, Math.log(meanM)], { restarts: 6 });
  const params = { p: Math.exp(res.x[0]), q: Math.exp(res.x[1]), gamma: Math.exp(res.x[2]) };
  return { params, logLikelihood: gammaGammaLogLikelihood(params, rows), customers: rows.length };
}

/**
 * Expected mean transaction value for a customer given x repeat purchases with mean m; for x = 0
 * this is the population mean p·γ/(q−1).
 */
export function conditionalExpectedSpend(g: GammaGammaParams, s: SpendSummary): number {
  const { p, q, gamma } = g;
  if (s.x <= 0 || !(s.m > 0)) return (p * gamma) / (q - 1);
  return (p * (gamma + s.x * s.m)) / (p * s.x + q - 1);
}
