import { describe, expect, it } from "vitest";
import { createRandom } from "../random.ts";
import { longTailSample, scoreLabels } from "./evaluation.ts";

describe("clustering evaluation helpers", () => {
  it("scores unclustered texts as their own clusters and noise as its own truth", () => {
    const truth = ["a", "a", "a", "b", "b", "b", "x"];
    const s = scoreLabels(truth, [1, 1, 1, 2, 2, null, null], [false, false, false, false, false, false, true]);
    expect(s.coverage).toBeCloseTo(5 / 7, 10);
    expect(s.purity).toBe(1);
    expect(s.clusters).toBe(2);
    expect(s.trueGroups).toBe(2);
    expect(s.groupsSurfaced).toBe(1);
    expect(s.ari).toBeGreaterThan(0.5);
    expect(s.ari).toBeLessThan(1);
    // Pairs: predicted together a-a-a (3) + b-b (1) = 4, all right; true pairs 3 + 3 = 6.
    expect(s.pairPrecision).toBe(1);
    expect(s.pairRecall).toBeCloseTo(4 / 6, 10);
    expect(s.pairF05).toBeCloseTo((1.25 * (4 / 6)) / (0.25 + 4 / 6), 10);
    const mixed = scoreLabels(["a", "a", "b", "b"], [1, 1, 1, 1]);
    expect(mixed.pairPrecision).toBeCloseTo(2 / 6, 10);
    expect(mixed.pairRecall).toBe(1);
    const perfect = scoreLabels(truth, [1, 1, 1, 2, 2, 2, null], [false, false, false, false, false, false, true]);
    expect(perfect.ari).toBe(1);
  });

  it("draws intents with long-tailed sizes and a share of one-off texts", () => {
    const labels = Array.from({ length: 50 * 40 }, (_, i) => `intent-${i % 50}`);
    const s = longTailSample(labels, 500, createRandom(3), { intents: 30, exponent: 0.8, noiseShare: 0.1 });
    const counts = new Map<string, number>();
    for (const i of s.rows) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
    const sizes = [...counts.values()].sort((a, b) => b - a);
    expect(counts.size).toBe(30);
    expect(sizes[0]).toBe(40);
    expect(sizes[29]).toBe(Math.ceil(40 * 30 ** -0.8));
    expect(new Set(s.rows).size).toBe(s.rows.length);
    expect(s.noise.length).toBe(Math.round(s.rows.length * 0.1));
  });
});
