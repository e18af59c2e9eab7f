/**
 * A sentence encoder: maps texts to fixed-size, L2-normalised vectors whose dot product is
 * cosine similarity. Every implementation passes the contract suite in embedder.contract.ts.
 */
export interface Embedder {
  /** Stable name, e.g. "use-lite" or "transformers:all-MiniLM-L6-v2"; used in cache keys. */
  readonly name: string;
  /** Vector length. */
  readonly dim: number;
  /** Embed a batch of texts; result[i] belongs to texts[i]; each vector has unit L2 norm. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Release native resources. */
  dispose?(): Promise<void>;
}

/** Embed a single text with any Embedder. */
export async function embedOne(embedder: Embedder, text: string): Promise<Float32Array> {
  const [v] = await embedder.embed([text]);
  return v;
}

/** Dot product of two equal-length vectors (cosine similarity for unit vectors). */
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Scale a vector in place to unit L2 norm (a zero vector stays zero) and return it. */
export function normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}
