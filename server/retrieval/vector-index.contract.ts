import { describe, expect, it } from "vitest";
import type { VectorIndex } from "./vector-index.ts";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomUnit(dim: number, next: () => number): Float32Array {
  const v = new Float32Array(dim);
  let n = 0;
  for (let i = 0; i < dim; i++) {
    v[i] = next() * 2 - 1;
    n += v[i] * v[i];
  }
  n = Math.sqrt(n);
  for (let i = 0; i < dim; i++) v[i] /= n;
  return v;
}

/** The behaviour every VectorIndex must show; call once per implementation. */
export function runVectorIndexContract(name: string, create: (dim: number) => VectorIndex): void {
  describe(`VectorIndex contract: ${name}`, () => {
    it("finds an added vector as its own nearest neighbour with similarity 1", () => {
      const idx = create(8);
      const next = rng(1);
      const vs = Array.from({ length: 20 }, () => randomUnit(8, next));
      vs.forEach((v, i) => idx.add(i, v));
      for (let i = 0; i < vs.length; i++) {
        const [hit] = idx.search(vs[i], 1);
        expect(hit.label).toBe(i);
        expect(hit.score).toBeCloseTo(1, 4);
      }
    });

    it("returns hits best first, at most k and at most size", () => {
      const idx = create(8);
      const next = rng(2);
      for (let i = 0; i < 5; i++) idx.add(i, randomUnit(8, next));
      const hits = idx.search(randomUnit(8, next), 10);
      expect(hits).toHaveLength(5);
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score - 1e-6);
    });

    it("returns nothing from an empty index", () => {
      expect(create(4).search(new Float32Array([1, 0, 0, 0]), 3)).toEqual([]);
    });

    it("forgets removed labels and can re-add them", () => {
      const idx = create(4);
      idx.add(1, new Float32Array([1, 0, 0, 0]));
      idx.add(2, new Float32Array([0, 1, 0, 0]));
      idx.remove(1);
      expect(idx.size).toBe(1);
      expect(idx.search(new Float32Array([1, 0, 0, 0]), 2).map((h) => h.label)).toEqual([2]);
      idx.add(1, new Float32Array([0, 0, 1, 0]));
      expect(idx.search(new Float32Array([0, 0, 1, 0]), 1)[0].label).toBe(1);
    });

    it("grows past its initial capacity", () => {
      const idx = create(6);
      const next = rng(3);
      for (let i = 0; i < 3000; i++) idx.add(i, randomUnit(6, next));
      expect(idx.size).toBe(3000);
    });

    it("rejects vectors of the wrong dimension", () => {
      const idx = create(4);
      expect(() => idx.add(0, new Float32Array(3))).toThrow(/dimensions/);
      expect(() => idx.search(new Float32Array(5), 1)).toThrow(/dimensions/);
    });

    it("agrees with exact search on most top-5 neighbours (recall@5 >= 0.95)", () => {
      const idx = create(32);
      const next = rng(4);
      const vs = Array.from({ length: 1500 }, () => randomUnit(32, next));
      vs.forEach((v, i) => idx.add(i, v));
      let found = 0;
      const queries = 50;
      for (let q = 0; q < queries; q++) {
        const query = randomUnit(32, next);
        const exact = vs
          .map((v, i) => ({ i, s: v.reduce((acc, x, j) => acc + x * query[j], 0) }))
          .sort((a, b) => b.s - a.s)
          .slice(0, 5)
          .map((h) => h.i);
        const got = new Set(idx.search(query, 5).map((h) => h.label));
        found += exact.filter((i) => got.has(i)).length;
      }
      expect(found / (queries * 5)).toBeGreaterThanOrEqual(0.95);
    });
  });
}
