import { describe, expect, it } from "vitest";
import { createRandom, gaussian } from "../random.ts";
import { bootstrapMeanDifference, sortedQuantile } from "./bootstrap.ts";
import { summarizeSample, welchInterval } from "./means.ts";

function zeroInflatedRevenue(n: number, seed: number, conversion: number): number[] {
  const rand = createRandom(seed);
  // Zero for non-buyers, a log-normal-ish order value for buyers.
  return Array.from({ length: n }, () => (rand() < conversion ? Math.round(5000 * Math.exp(0.8 * gaussian(rand))) : 0));
}

describe("bootstrapMeanDifference", () => {
  it("is reproducible for a seed and changes with the seed", () => {
    const a = zeroInflatedRevenue(300, 1, 0.2);
    const b = zeroInflatedRevenue(300, 2, 0.15);
    const one = bootstrapMeanDifference(a, b, { resamples: 500, seed: 9 });
    expect(bootstrapMeanDifference(a, b, { resamples: 500, seed: 9 }).interval).toEqual(one.interval);
    expect(bootstrapMeanDifference(a, b, { resamples: 500, seed: 10 }).interval).not.toEqual(one.interval);
  });

  it("agrees with Welch's interval on large samples", () => {
    const a = zeroInflatedRevenue(4000, 3, 0.2);
    const b = zeroInflatedRevenue(4000, 4, 0.15);
    const boot = bootstrapMeanDifference(a, b, { resamples: 2000, seed: 5 }).interval;
    const welch = welchInterval(summarizeSample(a), summarizeSample(b)).interval;
    const width = welch[1] - welch[0];
    expect(Math.abs(boot[0] - welch[0])).toBeLessThan(0.1 * width);
    expect(Math.abs(boot[1] - welch[1])).toBeLessThan(0.1 * width);
  });

  it("is uninformative for an empty arm and rejects too few resamples", () => {
    expect(bootstrapMeanDifference([], [1, 2], { resamples: 100, seed: 1 }).interval).toEqual([-Infinity, Infinity]);
    expect(() => bootstrapMeanDifference([1], [2], { resamples: 10, seed: 1 })).toThrow(/resamples/);
  });
});

describe("sortedQuantile", () => {
  it("interpolates like R's quantile(type = 7)", () => {
    // R: quantile(c(1, 2, 3, 4, 10), c(0.1, 0.5, 0.95)) = 1.4, 3, 8.8
    const xs = [1, 2, 3, 4, 10];
    expect(sortedQuantile(xs, 0.1)).toBeCloseTo(1.4, 12);
    expect(sortedQuantile(xs, 0.5)).toBe(3);
    expect(sortedQuantile(xs, 0.95)).toBeCloseTo(8.8, 12);
  });
});
