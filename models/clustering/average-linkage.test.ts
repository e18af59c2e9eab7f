import { agnes } from "ml-hclust";
import { describe, expect, it } from "vitest";
import { createRandom, gaussian } from "../random.ts";
import { averageLinkage, condensedIndex, cosineDistances, cutMerges } from "./average-linkage.ts";

function unitVectors(n: number, dim: number, seed: number): Float32Array[] {
  const rand = createRandom(seed);
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: dim }, () => gaussian(rand));
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

function fullMatrix(vectors: Float32Array[]): number[][] {
  const d = cosineDistances(vectors);
  return vectors.map((_, i) => vectors.map((__, j) => (i === j ? 0 : d.values[condensedIndex(vectors.length, i, j)])));
}

/** Canonical form of a partition: each point's label renumbered by first appearance. */
function canonical(labels: readonly number[]): number[] {
  const seen = new Map<number, number>();
  return labels.map((l) => {
    if (!seen.has(l)) seen.set(l, seen.size);
    return seen.get(l)!;
  });
}

function hclustLabels(matrix: number[][], threshold: number): number[] {
  const labels = new Array<number>(matrix.length);
  agnes(matrix, { method: "average", isDistanceMatrix: true })
    .cut(threshold)
    .forEach((c, k) => c.indices().forEach((i) => (labels[i] = k)));
  return canonical(labels);
}

describe("average linkage (nearest-neighbour chain)", () => {
  it("cuts exactly like ml-hclust's average linkage at every threshold", () => {
    const vectors = unitVectors(120, 8, 3);
    const matrix = fullMatrix(vectors);
    const merges = averageLinkage(cosineDistances(vectors));
    expect(merges).toHaveLength(119);
    for (const t of [0.2, 0.5, 0.8, 1.0, 1.2]) {
      expect(cutMerges(120, merges, t)).toEqual(hclustLabels(matrix, t));
    }
  });

  it("gives the same clusters for weighted unique points as for the duplicated points", () => {
    const base = unitVectors(30, 6, 9);
    const weights = base.map((_, i) => 1 + (i % 3));
    const expanded = base.flatMap((v, i) => Array.from({ length: weights[i] }, () => v));
    const owner = base.flatMap((_, i) => Array.from({ length: weights[i] }, () => i));
    const weighted = averageLinkage(cosineDistances(base), weights);
    const plain = averageLinkage(cosineDistances(expanded));
    for (const t of [0.3, 0.7, 1.0]) {
      const w = cutMerges(base.length, weighted, t);
      const p = cutMerges(expanded.length, plain, t);
      expect(canonical(owner.map((i) => w[i]))).toEqual(canonical(p));
    }
  });

  it("keeps well-separated groups apart and merges each group", () => {
    // Three tight bundles around orthogonal axes.
    const axis = (k: number, jitter: number) => {
      const v = new Float32Array(3);
      v[k] = 1;
      v[(k + 1) % 3] = jitter;
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    };
    const vectors = [axis(0, 0.01), axis(1, 0.02), axis(0, 0.05), axis(2, 0.0), axis(1, 0.04), axis(2, 0.03)];
    const labels = cutMerges(6, averageLinkage(cosineDistances(vectors)), 0.1);
    expect(labels).toEqual([0, 1, 0, 2, 1, 2]);
  });

  it("leaves every point alone below the smallest distance", () => {
    const vectors = unitVectors(10, 4, 1);
    expect(new Set(cutMerges(10, averageLinkage(cosineDistances(vectors)), 0)).size).toBe(10);
  });
});
