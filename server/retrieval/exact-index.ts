import type { VectorHit, VectorIndex } from "./vector-index.ts";

/** Exact (brute-force) cosine index: the reference the HNSW index is checked against, fine for small sets. */
export function createExactIndex(options: { dim: number }): VectorIndex {
  const { dim } = options;
  const vectors = new Map<number, Float32Array>();
  return {
    dim,
    get size() {
      return vectors.size;
    },
    add(label, vector) {
      if (vector.length !== dim) throw new RangeError(`vector has ${vector.length} dimensions, index has ${dim}`);
      vectors.set(label, Float32Array.from(vector));
    },
    remove(label) {
      vectors.delete(label);
    },
    search(query, k): VectorHit[] {
      if (query.length !== dim) throw new RangeError(`query has ${query.length} dimensions, index has ${dim}`);
      const hits: VectorHit[] = [];
      for (const [label, v] of vectors) {
        let s = 0;
        for (let i = 0; i < dim; i++) s += v[i] * query[i];
        hits.push({ label, score: s });
      }
      hits.sort((a, b) => b.score - a.score || a.label - b.label);
      return hits.slice(0, k);
    },
  };
}
