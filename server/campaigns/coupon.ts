import type { CouponRule } from "./definition.ts";

/**
 * A campaign coupon's value for a customer: a share of their predicted lifetime value rounded to whole dollars and
 * kept within [minCents, maxCents], the same rule as the retention offer's coupon (server/dialogue/engine/rules/retention.ts),
 * so a coupon never costs more than a fixed share of what the customer is expected to be worth. No CLV, no coupon.
 * @example couponValueCents({ shareOfClv: 0.05, minCents: 500, maxCents: 2500 }, 31_000) // 1600
 */
export function couponValueCents(rule: CouponRule, clvCents: number | null): number | null {
  if (clvCents === null || !(clvCents > 0)) return null;
  const raw = Math.round((clvCents * rule.shareOfClv) / 100) * 100;
  return Math.min(rule.maxCents, Math.max(rule.minCents, raw));
}
