import { describe, expect, it } from "vitest";
import { normalize } from "../embedder.ts";
import { createRandom, gaussian, shuffled } from "../random.ts";
import { averageLinkage, cosineDistances, cutMerges } from "./average-linkage.ts";
import { groupVectors } from "./group.ts";
import { adjustedRandIndex } from "./metrics.ts";

/** `groups` bundles of `per` unit vectors around random centres in `dim` dimensions. */
function bundles(groups: number, per: number, dim: number, spread: number, seed: number) {
  const rand = createRandom(seed);
  const centres = Array.from({ length: groups }, () => Float32Array.from({ length: dim }, () => gaussian(rand)));
  const vectors: Float32Array[] = [];
  const truth: number[] = [];
  centres.forEach((c, g) => {
    for (let i = 0; i < per; i++) {
      vectors.push(normalize(c.map((x) => x + spread * gaussian(rand))));
      truth.push(g);
    }
  });
  return { vectors, truth };
}

describe("groupVectors", () => {
  it("is the plain average-linkage cut when everything fits in one exact round", () => {
    const { vectors } = bundles(5, 8, 16, 0.6, 1);
    const ones = vectors.map(() => 1);
    const g = groupVectors(vectors, ones, { threshold: 0.5, minGroupWeight: 1, maxExact: 1000 });
    const plain = cutMerges(vectors.length, averageLinkage(cosineDistances(vectors)), 0.5);
    expect(g.rounds).toBe(1);
    expect(adjustedRandIndex(Array.from(g.labels), plain)).toBe(1);
  });

  it("recovers clear groups in sampled rounds when there are more points than maxExact", () => {
    const { vectors, truth } = bundles(12, 25, 32, 0.5, 2);
    const order = shuffled(vectors.map((_, i) => i), createRandom(5));
    const g = groupVectors(vectors, vectors.map(() => 1), { threshold: 0.6, minGroupWeight: 2, maxExact: 60, order });
    expect(g.rounds).toBeGreaterThan(1);
    expect(g.groups).toBe(12);
    expect(adjustedRandIndex(truth, Array.from(g.labels))).toBe(1);
  });

  it("stops its rounds when nothing is alike and leaves every point alone", () => {
    const vectors = Array.from({ length: 50 }, (_, i) => {
      const v = new Float32Array(50);
      v[i] = 1;
      return v;
    });
    const g = groupVectors(vectors, vectors.map(() => 1), { threshold: 0.5, minGroupWeight: 2, maxExact: 10 });
    expect(g.groups).toBe(0);
    expect([...g.labels].every((l) => l === -1)).toBe(true);
  });

  it("counts a text asked often enough as a group on its own, and a lighter pair as none", () => {
    const v = (...x: number[]) => normalize(Float32Array.from(x));
    const vectors = [v(1, 0, 0), v(0, 1, 0), v(0, 0.99, 0.1)];
    const g = groupVectors(vectors, [3, 1, 1], { threshold: 0.3, minGroupWeight: 3, maxExact: 100 });
    expect(g.groups).toBe(1);
    expect(Array.from(g.labels)).toEqual([0, -1, -1]);
  });
});
