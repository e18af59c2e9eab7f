import { describe, expect, it } from "vitest";
import { computeCampaignResults, type CustomerOutcome } from "./campaign-results.ts";
import { summarizeSample, welchInterval } from "./means.ts";
import { newcombeInterval } from "./proportions.ts";

// 10 treated (4 bought: 50, 30, 20, 100 dollars) and 8 held out (2 bought: 40, 20 dollars), in cents.
const treatedRevenue = [5000, 3000, 2000, 10000, 0, 0, 0, 0, 0, 0];
const holdoutRevenue = [4000, 2000, 0, 0, 0, 0, 0, 0];
const outcomes: CustomerOutcome[] = [
  ...treatedRevenue.map((r) => ({ arm: "treatment" as const, converted: r > 0, revenueCents: r })),
  ...holdoutRevenue.map((r) => ({ arm: "holdout" as const, converted: r > 0, revenueCents: r })),
];

describe("computeCampaignResults", () => {
  const r = computeCampaignResults({ outcomes, couponCostCents: 1000, margin: 0.5 });

  it("reports each arm's size, conversions, rate and revenue per customer", () => {
    expect(r.treatment).toMatchObject({ n: 10, conversions: 4, conversionRate: 0.4, revenueCents: 20000 });
    expect(r.holdout).toMatchObject({ n: 8, conversions: 2, conversionRate: 0.25, revenueCents: 6000 });
    expect(r.treatment.revenuePerCustomer.mean).toBe(2000);
    // sd of [5000, 3000, 2000, 10000, 0 ×6]: Σ(x − 2000)² = 9e6 + 1e6 + 0 + 64e6 + 6 × 4e6 = 98e6, / 9.
    expect(r.treatment.revenuePerCustomer.sd).toBeCloseTo(Math.sqrt(98e6 / 9), 6);
  });

  it("gives the conversion uplift with Newcombe's interval and the revenue uplift with Welch's", () => {
    expect(r.conversionUplift.value).toBeCloseTo(0.15, 12);
    expect(r.conversionUplift.interval).toEqual(newcombeInterval(4, 10, 2, 8));
    const welch = welchInterval(summarizeSample(treatedRevenue), summarizeSample(holdoutRevenue));
    expect(r.revenueUplift.value).toBe(2000 - 750);
    expect(r.revenueUplift.interval).toEqual(welch.interval);
    expect(r.revenueUplift.df).toBeCloseTo(welch.df, 12);
  });

  it("scales uplift to the treated customers for incremental conversions and revenue", () => {
    expect(r.incrementalConversions.value).toBeCloseTo(1.5, 12);
    expect(r.incrementalConversions.interval[0]).toBeCloseTo(10 * r.conversionUplift.interval[0], 12);
    expect(r.incrementalRevenueCents.value).toBe(12500);
    expect(r.incrementalRevenueCents.interval[1]).toBeCloseTo(10 * r.revenueUplift.interval[1], 6);
  });

  it("computes ROI = (incremental revenue × margin − cost) / cost and maps the interval through it", () => {
    expect(r.roi!.value).toBeCloseTo((12500 * 0.5 - 1000) / 1000, 12);
    const [lo, hi] = r.incrementalRevenueCents.interval;
    expect(r.roi!.interval[0]).toBeCloseTo((lo * 0.5 - 1000) / 1000, 9);
    expect(r.roi!.interval[1]).toBeCloseTo((hi * 0.5 - 1000) / 1000, 9);
  });

  it("adds seeded bootstrap intervals on request and has no ROI for a free campaign", () => {
    const b = computeCampaignResults({ outcomes, couponCostCents: 0, margin: 0.5, bootstrap: { resamples: 1000, seed: 3 } });
    expect(b.roi).toBeNull();
    const [lo, hi] = b.revenueUplift.bootstrapInterval!;
    expect(lo).toBeLessThan(b.revenueUplift.value);
    expect(hi).toBeGreaterThan(b.revenueUplift.value);
    expect(b.incrementalRevenueCents.bootstrapInterval![0]).toBeCloseTo(10 * lo, 9);
    expect(computeCampaignResults({ outcomes, couponCostCents: 0, margin: 0.5, bootstrap: { resamples: 1000, seed: 3 } }).revenueUplift.bootstrapInterval).toEqual([lo, hi]);
  });

  it("rejects impossible outcomes and settings", () => {
    expect(() => computeCampaignResults({ outcomes: [{ arm: "treatment", converted: false, revenueCents: 10 }], couponCostCents: 0, margin: 0.5 })).toThrow(/did not convert/);
    expect(() => computeCampaignResults({ outcomes, couponCostCents: -1, margin: 0.5 })).toThrow(/couponCostCents/);
    expect(() => computeCampaignResults({ outcomes, couponCostCents: 0, margin: 0 })).toThrow(/margin/);
    expect(() => computeCampaignResults({ outcomes: [{ arm: "control" as never, converted: true, revenueCents: 1 }], couponCostCents: 0, margin: 1 })).toThrow(/arm/);
  });
});
