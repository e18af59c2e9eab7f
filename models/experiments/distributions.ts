/**
 * The distribution functions the experiment statistics need, from @stdlib (one wrapper, so the
 * rest of the folder never imports a third-party module directly).
 */
import normalCdfLib from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantileLib from "@stdlib/stats-base-dists-normal-quantile";
import tCdfLib from "@stdlib/stats-base-dists-t-cdf";
import tQuantileLib from "@stdlib/stats-base-dists-t-quantile";
import { AppError } from "../../server/errors.ts";

/** Standard normal quantile: the z with P(Z ≤ z) = p. @example normalQuantile(0.975) // 1.95996… */
export function normalQuantile(p: number): number {
  return normalQuantileLib(p, 0, 1);
}

/** Standard normal cumulative distribution function P(Z ≤ z). */
export function normalCdf(z: number): number {
  return normalCdfLib(z, 0, 1);
}

/** Student's t quantile with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export function tQuantile(p: number, df: number): number {
  return tQuantileLib(p, df);
}

/** Student's t cumulative distribution function with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  return tCdfLib(t, df);
}

/** The two-sided critical value z_{1−α/2} for a confidence level such as 0.95. */
export function zForLevel(level: number): number {
  requireLevel(level);
  return normalQuantile(1 - (1 - level) / 2);
}

/** Throw a validation error unless `level` is a confidence level strictly between 0 and 1. */
export function requireLevel(level: number, name = "level"): void {
  if (!(level > 0 && level < 1)) throw new AppError("CHAT_ERR_VALIDATION", `${name} must be strictly between 0 and 1, got ${String(level)}`);
}

/** Throw a validation error unless `value` is a non-negative integer. */
export function requireCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new AppError("CHAT_ERR_VALIDATION", `${name} must be a non-negative integer, got ${String(value)}`);
}

/** Throw a validation error unless `value` is a finite number. */
export function requireFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new AppError("CHAT_ERR_VALIDATION", `${name} must be a finite number, got ${String(value)}`);
}
