import { describe, expect, it } from "vitest";
import { readCdnowSummary } from "./cdnow-fixture.ts";
import { conditionalExpectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from "./gamma-gamma.ts";
import { predictLifetimeValue, type LifetimeValueModel } from "./lifetime-value.ts";

const PUBLISHED = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
const spend = readCdnowSummary().filter((r) => r.x > 0).map((r) => ({ x: r.x, m: r.zbar }));

describe("Gamma-Gamma", () => {
  it("gives the CDNOW log-likelihood of -4055.92 at the published parameters", () => {
    expect(spend).toHaveLength(946);
    expect(gammaGammaLogLikelihood(PUBLISHED, spend)).toBeCloseTo(-4055.92, 1);
  });

  it("recovers the published CDNOW parameters within 1%", () => {
    const fit = fitGammaGamma(spend);
    for (const k of ["p", "q", "gamma"] as const) expect(Math.abs(fit.params[k] / PUBLISHED[k] - 1)).toBeLessThan(0.01);
  });

  it("reproduces Hardie's conditional expected average spend for the first customers", () => {
    expect(conditionalExpectedSpend(PUBLISHED, { x: 2, m: 22.35 })).toBeCloseTo(24.66, 1);
    expect(conditionalExpectedSpend(PUBLISHED, { x: 1, m: 11.77 })).toBeCloseTo(18.91, 1);
  });

  it("discounts CLV: a higher discount rate gives a lower value", () => {
    const base: LifetimeValueModel = {
      kind: "bgnbd-gamma-gamma", timeUnit: "week", bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: PUBLISHED,
      annualDiscountRate: 0, horizonMonths: 12, metrics: { bgNbdLogLikelihood: 0, gammaGammaLogLikelihood: 0, customers: 0, repeatCustomers: 0 },
    };
    const c = { x: 3, tx: 30, T: 39, m: 40 };
    const flat = predictLifetimeValue(base, c);
    const disc = predictLifetimeValue({ ...base, annualDiscountRate: 0.5 }, c);
    expect(flat.clvCents).toBeCloseTo(flat.expectedPurchasesHorizon * flat.expectedOrderValueCents, 6);
    expect(disc.clvCents).toBeLessThan(flat.clvCents);
    expect(disc.clvCents).toBeGreaterThan(0.7 * flat.clvCents);
  });
});
