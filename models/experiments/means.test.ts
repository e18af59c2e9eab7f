import { describe, expect, it } from "vitest";
import { addObservation, EMPTY_SAMPLE, mergeSamples, sampleSd, summarizeSample, welchInterval } from "./means.ts";

// R's `sleep` data (Student 1908): extra hours of sleep under drugs 1 and 2.
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe("welchInterval", () => {
  it("reproduces R's t.test(extra ~ group, data = sleep)", () => {
    // R: t = -1.8608, df = 17.776, p-value = 0.07939, 95 % CI -3.3654832 0.2054832.
    const r = welchInterval(summarizeSample(SLEEP_1), summarizeSample(SLEEP_2));
    expect(r.difference).toBeCloseTo(-1.58, 10);
    expect(r.t).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.pValue).toBeCloseTo(0.07939, 5);
    expect(r.interval[0]).toBeCloseTo(-3.3654832, 6);
    expect(r.interval[1]).toBeCloseTo(0.2054832, 6);
  });

  it("matches a hand computation with unequal sizes and variances", () => {
    // a = [1,2,3,4] (mean 2.5, var 5/3), b = [10,20] (mean 15, var 50):
    // se² = 5/12 + 25 = 25.41667, df = se⁴ / ((5/12)²/3 + 25²/1) = 1.0334, t_{0.975,1.0334} ≈ 12.06.
    const r = welchInterval(summarizeSample([1, 2, 3, 4]), summarizeSample([10, 20]));
    expect(r.standardError).toBeCloseTo(Math.sqrt(25.416667), 5);
    expect(r.df).toBeCloseTo(25.416667 ** 2 / ((5 / 12) ** 2 / 3 + 625), 6);
    expect(r.interval[0]).toBeLessThan(-12.5 - 11 * r.standardError);
  });

  it("is uninformative below two observations per arm and exact for constant arms", () => {
    expect(welchInterval(summarizeSample([1]), summarizeSample([1, 2])).interval).toEqual([-Infinity, Infinity]);
    expect(welchInterval(summarizeSample([3, 3]), summarizeSample([1, 1, 1])).interval).toEqual([2, 2]);
  });
});

describe("sample summaries", () => {
  it("give the textbook mean and sd, and merging equals summarising the union", () => {
    const a = summarizeSample([2, 4, 4, 4]);
    const b = summarizeSample([5, 5, 7, 9]);
    const all = summarizeSample([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(all.mean).toBe(5);
    expect(sampleSd(all)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    const merged = mergeSamples(a, b);
    expect(merged.n).toBe(8);
    expect(merged.mean).toBeCloseTo(all.mean, 12);
    expect(merged.m2).toBeCloseTo(all.m2, 10);
  });

  it("rejects a non-finite observation", () => {
    expect(() => addObservation(EMPTY_SAMPLE, Number.NaN)).toThrow(/finite/);
  });
});
