import { describe, expect, it } from "vitest";
import { logParamStandardErrors, readCdnowSummary, readSyntheticCdnow, realCdnowDir } from "./cdnow-fixture.ts";
import { conditionalExpectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from "./gamma-gamma.ts";
import { predictLifetimeValue, type LifetimeValueModel } from "./lifetime-value.ts";
import { CDNOW_PUBLISHED } from "./simulate-cdnow.ts";

const PUBLISHED = CDNOW_PUBLISHED.gammaGamma;
const KEYS = ["p", "q", "gamma"] as const;

describe("Gamma-Gamma on the synthetic CDNOW-like cohort (test/data/cdnow-synthetic, drawn at the published parameters)", () => {
  const spend = readSyntheticCdnow().calibration.filter((r) => r.x > 0).map((r) => ({ x: r.x, m: r.m }));
  const fit = fitGammaGamma(spend);

  it("finds a maximum: the fit's log-likelihood is at least that of the generating parameters", () => {
    expect(spend).toHaveLength(399);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(PUBLISHED, spend));
  });

  it("recovers the generating parameters within 3 standard errors", () => {
    const ll = (z: number[]) => gammaGammaLogLikelihood({ p: Math.exp(z[0]), q: Math.exp(z[1]), gamma: Math.exp(z[2]) }, spend);
    const se = logParamStandardErrors(ll, KEYS.map((k) => Math.log(fit.params[k])));
    KEYS.forEach((k, i) => expect(Math.abs(Math.log(fit.params[k] / PUBLISHED[k])), k).toBeLessThan(3 * se[i]));
  });

  it("expects the cohort's mean spend within 10% of its observed mean", () => {
    const expected = spend.reduce((s, c) => s + conditionalExpectedSpend(fit.params, c), 0) / spend.length;
    const observed = spend.reduce((s, c) => s + c.m, 0) / spend.length;
    expect(Math.abs(expected / observed - 1)).toBeLessThan(0.1);
  });
});

describe("Gamma-Gamma closed forms at the published CDNOW parameters", () => {
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

// The real CDNOW summary is not committed (licence unconfirmed): set DATASETS_DIR to a folder holding cdnow/ to run these.
const realDir = realCdnowDir();
describe.skipIf(!realDir)("Gamma-Gamma on the real CDNOW summary (DATASETS_DIR)", () => {
  const spend = realDir ? readCdnowSummary(realDir).filter((r) => r.x > 0).map((r) => ({ x: r.x, m: r.zbar })) : [];

  it("gives the CDNOW log-likelihood of -4055.92 at the published parameters", () => {
    expect(spend).toHaveLength(946);
    expect(gammaGammaLogLikelihood(PUBLISHED, spend)).toBeCloseTo(-4055.92, 1);
  });

  it("recovers the published CDNOW parameters within 1%", () => {
    const fit = fitGammaGamma(spend);
    for (const k of KEYS) expect(Math.abs(fit.params[k] / PUBLISHED[k] - 1)).toBeLessThan(0.01);
  });
});
