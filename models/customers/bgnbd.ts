import { minimize } from "./optimizer.ts";
import { betaln, gammaln, hyp2f1, logAddExp } from "./special.ts";

/**
 * BG/NBD ("Counting Your Customers the Easy Way", Fader, Hardie & Lee 2005, doi:10.1287/mksc.1040.0098).
 * Purchases follow a Poisson process with rate λ ~ Gamma(r, α); after each purchase the customer
 * drops out with probability p ~ Beta(a, b). Time is in whatever unit the summaries use (weeks for CDNOW).
 */

/** One customer's calibration summary: x repeat purchases, last at t_x, observed for T since the first. */
export interface RepeatSummary {
  /** Number of repeat purchases (purchase occasions after the first). */
  x: number;
  /** Time of the last purchase since the first (0 when x = 0). */
  tx: number;
  /** Time from the first purchase to the end of calibration. */
  T: number;
}

/** BG/NBD parameters. */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Log-likelihood of one customer under BG/NBD (FHL 2005, eq. 6). */
export function bgNbdLogLikelihoodOne(p: BgNbdParams, c: RepeatSummary): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const a2 = betaln(a, b + x) - betaln(a, b);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return a1 + a2 + logAddExp(a3, a4);
}

/** Total log-likelihood of a set of customers; `weights` optionally counts identical summaries. */
export function bgNbdLogLikelihood(p: BgNbdParams, data: readonly RepeatSummary[], weights?: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += (weights ? weights[i] : 1) * bgNbdLogLikelihoodOne(p, data[i]);
  return s;
}

/** Result of fitting BG/NBD. */
export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  customers: number;
}

/** Collapse identical (x, t_x, T) rows so the likelihood is evaluated once per distinct summary. */
function compress(data: readonly RepeatSummary[]): { rows: RepeatSummary[]; weights: number[] } {
  const map = new Map<string, { row: RepeatSummary; n: number }>();
  for (const d of data) {
    const k = `${d.x}|${d.tx}|${d.T}`;
    const e = map.get(k);
    if (e) e.n++;
    else map.set(k, { row: d, n: 1 });
  }
  const rows: RepeatSummary[] = [];
  const weights: number[] = [];
  for (const { row, n } of map.values()) {
    rows.push(row);
    weights.push(n);
  }
  return { rows, weights };
}

function validate(data: readonly RepeatSummary[]): void {
  if (data.length === 0) throw new RangeError("BG/NBD needs at least one customer summary");
  for (const d of data) {
    if (!(d.x >= 0 && d.tx >= 0 && d.T > 0 && d.tx <= d.T + 1e-9)) {
      throw new RangeError(`invalid BG/NBD summary x=${d.x} t_x=${d.tx} T=${d.T} (need x ≥ 0, 0 ≤ t_x ≤ T, T > 0)`);
    }
  }
}

/**
 * Fit BG/NBD by maximum likelihood (Nelder-Mead over log-parameters, from fmin).
 * `penalizer` adds an L2 penalty on the parameters as lifetimes does (0 = plain MLE).
 * @example fitBgNbd(summaries).params // { r, alpha, a, b }
 */
export function fitBgNbd(data: readonly RepeatSummary[], options: { penalizer?: number } = {}): BgNbdFit {
  validate(data);
  const { rows, weights } = compress(data);
  const pen = options.penalizer ?? 0;
  const meanT = data.reduce((s, d) => s + d.T, 0) / data.length;
  const obj = (z: number[]): number => {
    const p = { r: Math.exp(z[0]), alpha: Math.exp(z[1]), a: Math.exp(z[2]), b: Math.exp(z[3]) };
    const ll = bgNbdLogLikelihood(p, rows, weights);
    return -ll / data.length + pen * (p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2);
  };
  const res = minimize(obj, [0, Math.log(Math.max(meanT / 4, 0.1)), 0, 0], { restarts: 6 });
  const params = { r: Math.exp(res.x[0]), alpha: Math.exp(res.x[1]), a: Math.exp(res.x[2]), b: Math.exp(res.x[3]) };
  return { params, logLikelihood: bgNbdLogLikelihood(params, rows, weights), customers: data.length };
}

/** Probability the customer is still "alive" at T (FHL 2005 / Fader-Hardie note 021). */
export function probabilityAlive(p: BgNbdParams, c: RepeatSummary): number {
  if (c.x === 0) return 1;
  const { r, alpha, a, b } = p;
  const logRatio = Math.log(a) - Math.log(b + c.x - 1) + (r + c.x) * (Math.log(alpha + c.T) - Math.log(alpha + c.tx));
  return 1 / (1 + Math.exp(logRatio));
}

/** Expected repeat purchases in (T, T + t] for a customer with history (x, t_x, T) (FHL 2005, eq. 10). */
export function conditionalExpectedPurchases(p: BgNbdParams, c: RepeatSummary, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const z = t / (alpha + T + t);
  const f = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const head = (a + b + x - 1) / (a - 1);
  const num = 1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * f;
  const den = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))) : 1;
  return (head * num) / den;
}

/** Expected number of repeat purchases in (0, t] for a randomly chosen new customer (FHL 2005, eq. 7). */
export function expectedPurchases(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}
