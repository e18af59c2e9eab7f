import { describe, expect, it } from "vitest";
import { createRandom } from "../random.ts";
import { summarizeSample, welchInterval } from "./means.ts";
import { createSequentialTest, mixingSdForHorizon, mixtureInterval, mixtureLogLikelihoodRatio } from "./sequential.ts";
import { zForLevel } from "./distributions.ts";

const PER_LOOK = 50;
const LOOKS = 40;
const BASE = 0.2;
// τ tuned for the planned end: 2,000 units per arm at a 20 % rate.
const TAU = mixingSdForHorizon(Math.sqrt((2 * BASE * (1 - BASE)) / (PER_LOOK * LOOKS)));

/** One simulated experiment with a look after every batch; returns whether each procedure ever rejected. */
function simulate(seed: number, uplift: number) {
  const rand = createRandom(seed);
  const test = createSequentialTest({ mixingSd: TAU, minUnitsPerArm: 100 });
  const treated: number[] = [];
  const held: number[] = [];
  let always = false;
  let naive = false;
  const pValues: number[] = [];
  for (let look = 0; look < LOOKS; look++) {
    const t = Array.from({ length: PER_LOOK }, () => (rand() < BASE + uplift ? 1 : 0));
    const h = Array.from({ length: PER_LOOK }, () => (rand() < BASE ? 1 : 0));
    treated.push(...t);
    held.push(...h);
    test.update("treatment", t);
    test.update("holdout", h);
    const r = test.look();
    pValues.push(r.pValue);
    if (r.reason === "effect-detected") always = true;
    const [lo, hi] = welchInterval(summarizeSample(treated), summarizeSample(held)).interval;
    if (lo > 0 || hi < 0) naive = true;
  }
  return { always, naive, pValues };
}

describe("createSequentialTest (mSPRT)", () => {
  it("never raises its p-value from one look to the next", () => {
    for (const seed of [1, 2, 3]) {
      const { pValues } = simulate(seed, 0.01);
      for (let i = 1; i < pValues.length; i++) expect(pValues[i]).toBeLessThanOrEqual(pValues[i - 1]);
    }
  });

  it("keeps false positives at or below α over 40 looks, where the naive fixed test does not", () => {
    const runs = Array.from({ length: 400 }, (_, i) => simulate(1000 + i, 0));
    const always = runs.filter((r) => r.always).length / runs.length;
    const naive = runs.filter((r) => r.naive).length / runs.length;
    expect(always).toBeLessThanOrEqual(0.05);
    expect(naive).toBeGreaterThan(0.1);
  });

  it("detects a real uplift of 8 points in most runs", () => {
    const runs = Array.from({ length: 100 }, (_, i) => simulate(5000 + i, 0.08));
    expect(runs.filter((r) => r.always).length).toBeGreaterThan(80);
  });

  it("warms up, then stops for the budget when the effect is not clear", () => {
    const test = createSequentialTest({ mixingSd: 0.05, minUnitsPerArm: 3, maxUnits: 8 });
    test.update("treatment", [1, 0]);
    test.update("holdout", [0, 1]);
    const first = test.look();
    expect(first).toMatchObject({ reason: "warming-up", stop: false, pValue: 1, interval: [-Infinity, Infinity] });
    test.update("treatment", [1, 0]);
    test.update("holdout", [1, 0]);
    expect(test.look()).toMatchObject({ reason: "budget-spent", stop: true });
    test.update("treatment", 1);
    expect(test.look()).toMatchObject({ reason: "budget-spent", stop: true, look: 3 });
  });

  it("gives the same look from cumulative totals as from single observations, and rejects shrinking totals", () => {
    const t = [1, 0, 0, 1, 1, 0, 0, 0, 1, 0];
    const h = [0, 0, 1, 0, 0, 0, 0, 1, 0, 0];
    const a = createSequentialTest({ mixingSd: 0.1, minUnitsPerArm: 5 });
    a.update("treatment", t);
    a.update("holdout", h);
    const b = createSequentialTest({ mixingSd: 0.1, minUnitsPerArm: 5 });
    const fromTotals = b.look({ treatment: summarizeSample(t), holdout: summarizeSample(h) });
    expect(fromTotals.pValue).toBeCloseTo(a.look().pValue, 12);
    expect(() => b.look({ treatment: summarizeSample(t.slice(1)), holdout: summarizeSample(h) })).toThrow(/shrank/);
  });

  it("bases the p-value on the pooled within-arm variance by default and on the per-arm variances when asked", () => {
    const t = [0, 0, 0, 10, 0, 0, 12, 0, 0, 0, 9, 0];
    const h = [0, 1, 0, 0, 1, 0];
    const st = summarizeSample(t);
    const sh = summarizeSample(h);
    const look = (nullVariance: "pooled" | "unpooled") => createSequentialTest({ mixingSd: 1, minUnitsPerArm: 2, nullVariance }).look({ treatment: st, holdout: sh });
    const pooled = ((st.m2 + sh.m2) / (st.n + sh.n - 2)) * (1 / st.n + 1 / sh.n);
    const unpooled = st.m2 / (st.n - 1) / st.n + sh.m2 / (sh.n - 1) / sh.n;
    const d = st.mean - sh.mean;
    expect(look("pooled").pValue).toBeCloseTo(Math.min(1, Math.exp(-mixtureLogLikelihoodRatio(d, pooled, 0, 1))), 12);
    expect(look("unpooled").pValue).toBeCloseTo(Math.min(1, Math.exp(-mixtureLogLikelihoodRatio(d, unpooled, 0, 1))), 12);
    // The interval does not depend on the choice.
    expect(look("pooled").interval).toEqual(look("unpooled").interval);
  });

  it("widens the confidence sequence to the larger of the pooled and unpooled variance when asked to be conservative", () => {
    // A small holdout without the treatment's large values: the pooled variance is the larger one.
    const st = summarizeSample([0, 0, 0, 10, 0, 0, 12, 0, 0, 0, 9, 0]);
    const sh = summarizeSample([0, 1, 0, 0, 1, 0]);
    const interval = (intervalVariance: "unpooled" | "conservative") =>
      createSequentialTest({ mixingSd: 1, minUnitsPerArm: 2, intervalVariance }).look({ treatment: st, holdout: sh }).interval;
    const pooled = ((st.m2 + sh.m2) / (st.n + sh.n - 2)) * (1 / st.n + 1 / sh.n);
    expect(interval("conservative")).toEqual(mixtureInterval(st.mean - sh.mean, pooled, 1, 0.05));
    expect(interval("conservative")[1] - interval("conservative")[0]).toBeGreaterThan(interval("unpooled")[1] - interval("unpooled")[0]);
  });

  it("rejects options that make no test", () => {
    expect(() => createSequentialTest({ mixingSd: 0 })).toThrow(/mixingSd/);
    expect(() => createSequentialTest({ mixingSd: 1, alpha: 1 })).toThrow(/alpha/);
    expect(() => createSequentialTest({ mixingSd: 1, maxUnits: 0 })).toThrow(/maxUnits/);
  });
});

describe("mSPRT formulas", () => {
  it("puts the interval's ends exactly where the likelihood ratio reaches 1/α", () => {
    const [lo, hi] = mixtureInterval(0.03, 1e-4, 0.02, 0.05);
    expect(mixtureLogLikelihoodRatio(0.03, 1e-4, lo, 0.02)).toBeCloseTo(Math.log(20), 9);
    expect(mixtureLogLikelihoodRatio(0.03, 1e-4, hi, 0.02)).toBeCloseTo(Math.log(20), 9);
  });

  it("is wider than the fixed-sample interval (the price of looking any time)", () => {
    const se = 0.01;
    const [lo, hi] = mixtureInterval(0, se * se, mixingSdForHorizon(se), 0.05);
    // At the planned horizon: half-width √(9.21) se = 3.03 se against 1.96 se, about 1.55×.
    const ratio = (hi - lo) / (2 * zForLevel(0.95) * se);
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(1.6);
  });

  it("tunes τ² ≈ 8.2 × the horizon variance at α = 0.05 (the fixed point r = log(1 + r) − 2 log α)", () => {
    const r = (mixingSdForHorizon(1) ** 2);
    expect(r).toBeCloseTo(Math.log(1 + r) - 2 * Math.log(0.05), 9);
    expect(r).toBeGreaterThan(8.1);
    expect(r).toBeLessThan(8.3);
  });
});
