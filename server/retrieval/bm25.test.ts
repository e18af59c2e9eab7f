import { describe, expect, it } from "vitest";
import { createBm25Index, termCounts } from "./bm25.ts";
import { fitLogistic, predictLogistic } from "./calibration.ts";
import { stems } from "./text.ts";

describe("BM25", () => {
  const docs = ["shipping to canada takes 5 to 9 days", "returns within 30 days", "reset your password"].map(termCounts);
  const idx = createBm25Index(docs);

  it("ranks the document sharing the query's rare terms first", () => {
    const s = idx.scores(stems("how long does shipping to Canada take"));
    expect(s[0]).toBeGreaterThan(s[1]);
    expect(s[0]).toBeGreaterThan(s[2]);
    expect(s[2]).toBe(0);
  });

  it("can leave one field out of a document", () => {
    const withAll = idx.scores(stems("canada"));
    const without = idx.scores(stems("canada"), { doc: 0, counts: termCounts("canada") });
    expect(withAll[0]).toBeGreaterThan(0);
    expect(without[0]).toBe(0);
  });
});

describe("fitLogistic", () => {
  it("recovers a separating direction and gives calibrated-looking probabilities", () => {
    const xs: number[][] = [];
    const ys: number[] = [];
    let s = 7;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 400; i++) {
      const x = rnd() * 2 - 1;
      xs.push([x]);
      ys.push(rnd() < 1 / (1 + Math.exp(-4 * x)) ? 1 : 0);
    }
    const m = fitLogistic(xs, ys, 1e-3);
    expect(m.weights[0]).toBeGreaterThan(2.5);
    expect(m.weights[0]).toBeLessThan(6);
    expect(predictLogistic(m, [0.9])).toBeGreaterThan(0.9);
    expect(predictLogistic(m, [-0.9])).toBeLessThan(0.1);
  });
});
