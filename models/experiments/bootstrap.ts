/** Seeded percentile bootstrap for a difference of two means. */
import { AppError } from "../../server/errors.ts";
import { createRandom } from "../random.ts";
import { requireLevel } from "./distributions.ts";
import type { Interval } from "./proportions.ts";

/** Options of bootstrapMeanDifference. */
export interface BootstrapOptions {
  /** Number of bootstrap resamples (≥ 100; 2,000 is a good default for 95 % percentile intervals). */
  resamples: number;
  /** Seed of models/random.ts's PRNG: the same seed and data give the same interval. */
  seed: number;
  /** Confidence level, default 0.95. */
  level?: number;
}

/** A percentile bootstrap interval with what produced it. */
export interface BootstrapResult {
  interval: Interval;
  resamples: number;
  seed: number;
}

/**
 * Empirical quantile with linear interpolation between order statistics (Hyndman & Fan 1996,
 * definition 7, R's default) of an ascending-sorted array.
 */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Percentile bootstrap interval for mean(a) − mean(b) (Efron & Tibshirani 1993, An Introduction to the
 * Bootstrap, ch. 13): resample each arm with replacement (a stratified bootstrap, so arm sizes stay
 * fixed as in the experiment), take the α/2 and 1−α/2 quantiles of the resampled differences. It makes
 * no normality assumption, which matters for zero-inflated, heavy-tailed revenue in small arms.
 * @example bootstrapMeanDifference(treatmentRevenue, holdoutRevenue, { resamples: 2000, seed: 7 }).interval
 */
export function bootstrapMeanDifference(a: readonly number[], b: readonly number[], options: BootstrapOptions): BootstrapResult {
  const level = options.level ?? 0.95;
  requireLevel(level);
  if (!Number.isInteger(options.resamples) || options.resamples < 100) {
    throw new AppError("CHAT_ERR_VALIDATION", `resamples must be an integer of at least 100, got ${String(options.resamples)}`);
  }
  if (!Number.isInteger(options.seed) || options.seed < 0) throw new AppError("CHAT_ERR_VALIDATION", `seed must be a non-negative integer, got ${String(options.seed)}`);
  if (a.length === 0 || b.length === 0) return { interval: [-Infinity, Infinity], resamples: options.resamples, seed: options.seed };
  const rand = createRandom(options.seed);
  const resampledMean = (xs: readonly number[]) => {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) sum += xs[Math.floor(rand() * xs.length)];
    return sum / xs.length;
  };
  const diffs = new Float64Array(options.resamples);
  for (let r = 0; r < options.resamples; r++) diffs[r] = resampledMean(a) - resampledMean(b);
  diffs.sort();
  const alpha = 1 - level;
  return { interval: [sortedQuantile(diffs, alpha / 2), sortedQuantile(diffs, 1 - alpha / 2)], resamples: options.resamples, seed: options.seed };
}
