/** Sample summaries (mean and standard deviation) and Welch's interval for a difference of two means. */
import { AppError } from "../../server/errors.ts";
import { requireFinite, requireLevel, tCdf, tQuantile } from "./distributions.ts";
import type { Interval } from "./proportions.ts";

/** Sufficient statistics of one sample: size, mean and the sum of squared deviations from the mean. */
export interface SampleSummary {
  readonly n: number;
  readonly mean: number;
  /** Σ (x − mean)², Welford's M2; the sample variance is m2 / (n − 1). */
  readonly m2: number;
}

/** The empty sample. */
export const EMPTY_SAMPLE: SampleSummary = Object.freeze({ n: 0, mean: 0, m2: 0 });

/**
 * Add one observation to a summary with Welford's (1962) update, which stays accurate where
 * Σx² − n·mean² would cancel catastrophically (Technometrics 4:419–420).
 */
export function addObservation(s: SampleSummary, x: number): SampleSummary {
  requireFinite(x, "observation");
  const n = s.n + 1;
  const delta = x - s.mean;
  const mean = s.mean + delta / n;
  return { n, mean, m2: s.m2 + delta * (x - mean) };
}

/** Merge two summaries (Chan, Golub & LeVeque 1979 parallel update). */
export function mergeSamples(a: SampleSummary, b: SampleSummary): SampleSummary {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

/** Summarise a list of observations. @example summarizeSample([1, 2, 3]) // { n: 3, mean: 2, m2: 2 } */
export function summarizeSample(values: readonly number[]): SampleSummary {
  let s = EMPTY_SAMPLE;
  for (const x of values) s = addObservation(s, x);
  return s;
}

/** Sample variance (n − 1 denominator); NaN below two observations. */
export function sampleVariance(s: SampleSummary): number {
  return s.n < 2 ? NaN : s.m2 / (s.n - 1);
}

/** Sample standard deviation (n − 1 denominator); NaN below two observations. */
export function sampleSd(s: SampleSummary): number {
  return Math.sqrt(sampleVariance(s));
}

/** Welch's interval for mean(a) − mean(b), with its Welch–Satterthwaite degrees of freedom and two-sided p-value. */
export interface WelchResult {
  difference: number;
  standardError: number;
  df: number;
  t: number;
  pValue: number;
  interval: Interval;
}

/**
 * Welch's (1947, Biometrika 34:28–35) interval for a difference of means with unequal variances:
 * d ± t_{1−α/2, ν} · √(s_a²/n_a + s_b²/n_b), with the Welch–Satterthwaite ν (Satterthwaite 1946).
 * Each arm needs at least two observations; with fewer the interval is (−∞, ∞).
 * @example welchInterval(summarizeSample(sleep1), summarizeSample(sleep2)).interval // R: [−3.3655, 0.2055]
 */
export function welchInterval(a: SampleSummary, b: SampleSummary, level = 0.95): WelchResult {
  requireLevel(level);
  const difference = a.mean - b.mean;
  if (a.n < 2 || b.n < 2) return { difference, standardError: NaN, df: NaN, t: NaN, pValue: NaN, interval: [-Infinity, Infinity] };
  const va = sampleVariance(a) / a.n;
  const vb = sampleVariance(b) / b.n;
  const standardError = Math.sqrt(va + vb);
  if (standardError === 0) {
    // Both arms constant: the difference is known exactly.
    return { difference, standardError, df: Infinity, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, pValue: difference === 0 ? 1 : 0, interval: [difference, difference] };
  }
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const t = difference / standardError;
  const half = tQuantile(1 - (1 - level) / 2, df) * standardError;
  return { difference, standardError, df, t, pValue: 2 * tCdf(-Math.abs(t), df), interval: [difference - half, difference + half] };
}

/** Throw a validation error unless the summary is internally consistent (n a count, m2 ≥ 0, finite mean). */
export function requireSummary(s: SampleSummary, name: string): void {
  if (!Number.isInteger(s.n) || s.n < 0 || !Number.isFinite(s.mean) || !(s.m2 >= 0)) {
    throw new AppError("CHAT_ERR_VALIDATION", `${name} must have an integer n ≥ 0, a finite mean and m2 ≥ 0, got ${JSON.stringify(s)}`);
  }
}
