import { describe, expect, it } from "vitest";
import { adjustedRandIndex, normalizedMutualInformation, purity } from "./metrics.ts";

describe("clustering metrics", () => {
  it("gives the adjusted Rand index of scikit-learn's user-guide examples", () => {
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.24242424, 6);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.57142857, 6);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 6);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });

  it("gives the normalised mutual information of worked examples", () => {
    // MI = (2/3)·ln 2, H(truth) = ln 2, H(pred) = ln 3 → (2/3)·ln 2 / ((ln 2 + ln 3) / 2) = 0.5158…
    expect(normalizedMutualInformation([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.51578, 4);
    expect(normalizedMutualInformation(["a", "a", "b", "b"], [1, 1, 0, 0])).toBeCloseTo(1, 10);
    expect(normalizedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });

  it("does not confuse a string label with the same number", () => {
    expect(adjustedRandIndex(["1", "1", 1, 1], [0, 0, 1, 1])).toBe(1);
  });

  it("measures purity over the clustered items only", () => {
    expect(purity(["a", "a", "b", "b", "c"], [0, 0, 0, 1, null])).toBeCloseTo(3 / 4, 10);
    expect(purity(["a"], [null])).toBeNaN();
  });

  it("rejects label lists of different lengths", () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(/2 labels, predicted 1/);
  });
});
