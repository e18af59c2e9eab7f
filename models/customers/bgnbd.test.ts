import { describe, expect, it } from "vitest";
import { bgNbdLogLikelihood, conditionalExpectedPurchases, expectedPurchases, fitBgNbd, probabilityAlive, type BgNbdParams } from "./bgnbd.ts";
import { logParamStandardErrors, readCdnowSummary, readSyntheticCdnow, realCdnowDir } from "./cdnow-fixture.ts";
import { CDNOW_PUBLISHED } from "./simulate-cdnow.ts";

const PUBLISHED = CDNOW_PUBLISHED.bgNbd;
const KEYS = ["r", "alpha", "a", "b"] as const;
const synthetic = readSyntheticCdnow();

describe("BG/NBD on the synthetic CDNOW-like cohort (test/data/cdnow-synthetic, drawn at the published parameters)", () => {
  const data = synthetic.calibration;
  const fit = fitBgNbd(data);

  it("summarises 1,000 customers, 399 of them with repeat purchases", () => {
    expect(data).toHaveLength(1000);
    expect(data.filter((d) => d.x > 0)).toHaveLength(399);
  });

  it("finds a maximum: the fit's log-likelihood is at least that of the generating parameters", () => {
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(PUBLISHED, data));
  });

  it("recovers the generating parameters within 3 standard errors", () => {
    const ll = (z: number[]) => bgNbdLogLikelihood({ r: Math.exp(z[0]), alpha: Math.exp(z[1]), a: Math.exp(z[2]), b: Math.exp(z[3]) }, data);
    const se = logParamStandardErrors(ll, KEYS.map((k) => Math.log(fit.params[k])));
    KEYS.forEach((k, i) => expect(Math.abs(Math.log(fit.params[k] / PUBLISHED[k])), k).toBeLessThan(3 * se[i]));
    // Standard errors a cohort of this size gives: tight on r, loose on the dropout parameters.
    expect(se[0]).toBeLessThan(0.2);
  });

  it("predicts the holdout's repeat purchase days within 15%", () => {
    const predicted = data.reduce((s, c) => s + conditionalExpectedPurchases(fit.params, c, 39), 0);
    const actual = synthetic.holdoutDays.reduce((s, n) => s + n, 0);
    expect(actual).toBeGreaterThan(500);
    expect(Math.abs(predicted / actual - 1)).toBeLessThan(0.15);
  });

  it("a likelihood with a wrong parameter scores the cohort worse", () => {
    const wrong: BgNbdParams = { ...PUBLISHED, alpha: PUBLISHED.alpha * 3 };
    expect(bgNbdLogLikelihood(wrong, data)).toBeLessThan(bgNbdLogLikelihood(PUBLISHED, data) - 10);
  });
});

describe("BG/NBD closed forms at the published CDNOW parameters", () => {
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

// The real CDNOW summary is not committed (licence unconfirmed): set DATASETS_DIR to a folder holding cdnow/ to run these.
const realDir = realCdnowDir();
describe.skipIf(!realDir)("BG/NBD on the real CDNOW summary (DATASETS_DIR)", () => {
  const data = realDir ? readCdnowSummary(realDir).map((r) => ({ x: r.x, tx: r.tx, T: r.T })) : [];

  it("gives the CDNOW log-likelihood of -9582.43 at the published parameters", () => {
    expect(bgNbdLogLikelihood(PUBLISHED, data)).toBeCloseTo(-9582.43, 1);
  });

  it("recovers the published CDNOW parameters within 1% by maximum likelihood", () => {
    const fit = fitBgNbd(data);
    for (const k of KEYS) expect(Math.abs(fit.params[k] / PUBLISHED[k] - 1)).toBeLessThan(0.01);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-9582.44);
  });
});
