/** One nearest-neighbour hit: the label given at `add` and its cosine similarity to the query. */
export interface VectorHit {
  label: number;
  score: number;
}

/**
 * A nearest-neighbour index over unit vectors, scored by cosine similarity (inner product).
 * Every implementation passes the contract suite in vector-index.contract.ts.
 */
export interface VectorIndex {
  readonly dim: number;
  readonly size: number;
  /** Add (or replace) a vector under an integer label. */
  add(label: number, vector: Float32Array): void;
  /** Remove a label; unknown labels are ignored. */
  remove(label: number): void;
  /** The k most similar vectors, best first. */
  search(query: Float32Array, k: number): VectorHit[];
}

/** Options for the HNSW index (defaults suit a few thousand FAQ vectors). */
export interface HnswIndexOptions {
  dim: number;
  initialCapacity?: number;
  m?: number;
  efConstruction?: number;
  efSearch?: number;
  seed?: number;
}
