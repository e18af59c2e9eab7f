import { describe, expect, it } from "vitest";
import { bgNbdLogLikelihood, conditionalExpectedPurchases, expectedPurchases, fitBgNbd, probabilityAlive } from "./bgnbd.ts";
import { readCdnowSummary } from "./cdnow-fixture.ts";

const PUBLISHED = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };
const data = readCdnowSummary().map((r) => ({ x: r.x, tx: r.tx, T: r.T }));

describe("BG/NBD", () => {
  it("gives the CDNOW log-likelihood of -9582.43 at the published parameters", () => {
    expect(bgNbdLogLikelihood(PUBLISHED, data)).toBeCloseTo(-9582.43, 1);
  });

  it("recovers the published CDNOW parameters within 1% by maximum likelihood", () => {
    const fit = fitBgNbd(data);
    for (const k of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(fit.params[k] / PUBLISHED[k] - 1)).toBeLessThan(0.01);
    }
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-9582.44);
  });

  it("expects 1.226 purchases in 39 weeks for x=2, t_x=30.43, T=38.86", () => {
    expect(conditionalExpectedPurchases(PUBLISHED, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
  });

  it("matches Hardie's unconditional expectations at 1 and 78 weeks", () => {
    expect(expectedPurchases(PUBLISHED, 1)).toBeCloseTo(0.0532, 4);
    expect(expectedPurchases(PUBLISHED, 78)).toBeCloseTo(1.8576, 2);
  });

  it("rates a customer who stopped buying long ago as less likely alive than a recent buyer", () => {
    const recent = probabilityAlive(PUBLISHED, { x: 4, tx: 38, T: 39 });
    const stale = probabilityAlive(PUBLISHED, { x: 4, tx: 5, T: 39 });
    expect(recent).toBeGreaterThan(0.8);
    expect(stale).toBeLessThan(0.2);
    expect(probabilityAlive(PUBLISHED, { x: 0, tx: 0, T: 39 })).toBe(1);
  });

  it("rejects a summary whose last purchase is after the end of calibration", () => {
    expect(() => fitBgNbd([{ x: 1, tx: 10, T: 5 }])).toThrow(/t_x ≤ T/);
  });
});
