/** Intervals for binomial proportions and for the difference of two independent proportions. */
import { AppError } from "../../server/errors.ts";
import { requireCount, zForLevel } from "./distributions.ts";

/** A closed interval [lower, upper]. */
export type Interval = [number, number];

/**
 * Wilson score interval for a binomial proportion (Wilson 1927, JASA 22:209–212; Newcombe 1998 method 3).
 * @example wilsonInterval(81, 263) // ≈ [0.2553, 0.3662]
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval {
  requireCount(successes, "successes");
  requireCount(n, "n");
  if (successes > n) throw new AppError("CHAT_ERR_VALIDATION", `successes (${successes}) must not exceed n (${n})`);
  const z = zForLevel(level);
  if (n === 0) return [0, 1];
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  // The bounds at 0 and n are exactly 0 and 1; rounding would otherwise leave ±1e-17.
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}

/**
 * Newcombe's hybrid score interval for p1 − p2 of two independent proportions (Newcombe 1998,
 * Statistics in Medicine 17:873–890, method 10): it combines the two Wilson intervals, stays inside
 * [−1, 1] and keeps its coverage for small arms and rates near 0 or 1, unlike the Wald interval.
 * @example newcombeInterval(56, 70, 48, 80) // ≈ [0.0524, 0.3339]
 */
export function newcombeInterval(successes1: number, n1: number, successes2: number, n2: number, level = 0.95): Interval {
  const [l1, u1] = wilsonInterval(successes1, n1, level);
  const [l2, u2] = wilsonInterval(successes2, n2, level);
  const p1 = n1 ? successes1 / n1 : 0;
  const p2 = n2 ? successes2 / n2 : 0;
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const upper = d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return [Math.max(-1, lower), Math.min(1, upper)];
}

/**
 * The Wald interval for p1 − p2, d ± z·√(p1(1−p1)/n1 + p2(1−p2)/n2): kept only as the naive baseline the
 * simulation compares Newcombe's interval with (it collapses to a point at 0/n and undercovers for small arms).
 */
export function waldDifferenceInterval(successes1: number, n1: number, successes2: number, n2: number, level = 0.95): Interval {
  if (n1 === 0 || n2 === 0) return [-1, 1];
  const p1 = successes1 / n1;
  const p2 = successes2 / n2;
  const half = zForLevel(level) * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return [p1 - p2 - half, p1 - p2 + half];
}
