import hnswlib from "hnswlib-node";
import type { HnswIndexOptions, VectorHit, VectorIndex } from "./vector-index.ts";

const { HierarchicalNSW } = hnswlib as unknown as typeof import("hnswlib-node");

/**
 * HNSW approximate nearest-neighbour index (hnswlib-node), inner-product space over unit vectors.
 * This file is the only place hnswlib is used. Capacity grows by doubling.
 * @example const idx = createHnswIndex({ dim: 512 }); idx.add(0, v); idx.search(q, 5);
 */
export function createHnswIndex(options: HnswIndexOptions): VectorIndex {
  const { dim, m = 16, efConstruction = 200, efSearch = 64, seed = 100 } = options;
  let capacity = Math.max(16, options.initialCapacity ?? 1024);
  const index = new HierarchicalNSW("ip", dim);
  index.initIndex({ maxElements: capacity, m, efConstruction, randomSeed: seed, allowReplaceDeleted: false });
  index.setEf(efSearch);
  const live = new Set<number>();
  const deleted = new Set<number>();
  return {
    dim,
    get size() {
      return live.size;
    },
    add(label, vector) {
      if (vector.length !== dim) throw new RangeError(`vector has ${vector.length} dimensions, index has ${dim}`);
      if (deleted.delete(label)) index.unmarkDelete(label);
      else if (!live.has(label) && index.getCurrentCount() >= capacity) {
        capacity *= 2;
        index.resizeIndex(capacity);
      }
      index.addPoint(Array.from(vector), label, false);
      live.add(label);
    },
    remove(label) {
      if (!live.delete(label)) return;
      index.markDelete(label);
      deleted.add(label);
    },
    search(query, k): VectorHit[] {
      if (query.length !== dim) throw new RangeError(`query has ${query.length} dimensions, index has ${dim}`);
      const n = Math.min(k, live.size);
      if (n === 0) return [];
      index.setEf(Math.max(efSearch, n));
      const { neighbors, distances } = index.searchKnn(Array.from(query), n);
      // hnswlib's "ip" space returns 1 - <q, v>.
      return neighbors.map((label, i) => ({ label, score: 1 - distances[i] }));
    },
  };
}
