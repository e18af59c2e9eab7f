import { describe, expect, it } from "vitest";
import { accuracy, macroF1, percentile } from "./metrics.ts";

describe("evaluation metrics", () => {
  it("computes accuracy and macro-F1 like scikit-learn", () => {
    const gold = ["a", "a", "b", "b", "c"];
    const pred = ["a", "b", "b", "b", "a"];
    expect(accuracy(gold, pred)).toBeCloseTo(0.6);
    // a: tp1 fp1 fn1 -> 0.5; b: tp2 fp1 fn0 -> 0.8; c: tp0 fn1 -> 0
    expect(macroF1(gold, pred)).toBeCloseTo((0.5 + 0.8 + 0) / 3);
  });

  it("takes nearest-rank percentiles", () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 99)).toBe(99);
    expect(percentile([3], 99)).toBe(3);
  });
});
