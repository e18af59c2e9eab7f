import { describe, expect, it } from "vitest";
import { newcombeInterval, wilsonInterval } from "./proportions.ts";

describe("wilsonInterval", () => {
  it("matches Newcombe's (1998) worked value for 81 of 263", () => {
    const [lo, hi] = wilsonInterval(81, 263);
    expect(lo).toBeCloseTo(0.2553, 4);
    expect(hi).toBeCloseTo(0.3662, 4);
  });

  it("stays inside [0, 1] at the extremes and is [0, 1] with no data", () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it("rejects counts that cannot be counts", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(/must not exceed/);
    expect(() => wilsonInterval(-1, 10)).toThrow(/non-negative integer/);
    expect(() => wilsonInterval(1.5, 10)).toThrow(/non-negative integer/);
    expect(() => wilsonInterval(1, 10, 1.2)).toThrow(/level/);
  });
});

describe("newcombeInterval", () => {
  // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score). Example (c),
  // 6/7 − 2/7, is left out: its published limits could not be checked here (we compute [0.0582, 0.8062]).
  const published: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ];
  it.each(published)("reproduces the published interval for %i/%i − %i/%i", (x1, n1, x2, n2, lo, hi) => {
    const [l, u] = newcombeInterval(x1, n1, x2, n2);
    expect(l).toBeCloseTo(lo, 4);
    expect(u).toBeCloseTo(hi, 4);
  });

  it("widens as the confidence level rises", () => {
    const [l95, u95] = newcombeInterval(56, 70, 48, 80, 0.95);
    const [l99, u99] = newcombeInterval(56, 70, 48, 80, 0.99);
    expect(l99).toBeLessThan(l95);
    expect(u99).toBeGreaterThan(u95);
  });
});
