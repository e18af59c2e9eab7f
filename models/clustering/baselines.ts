/**
 * Naive baselines that the clustering evaluation runs beside clusterQuestions: k-means told the true number of
 * groups (ml-kmeans), and TF-IDF vectors for the same average-linkage clustering without sentence embeddings.
 */
import { kmeans } from "ml-kmeans";
import { normalize } from "../embedder.ts";

/**
 * k-means++ (ml-kmeans) with k given: a label per vector. Squared Euclidean distance on unit vectors orders
 * points like cosine distance.
 * @example const labels = kMeansLabels(vectors, 77, 1);
 */
export function kMeansLabels(vectors: readonly Float32Array[], k: number, seed: number, maxIterations = 50): number[] {
  if (!Number.isInteger(k) || k < 1 || k > vectors.length) throw new RangeError(`k must be an integer in [1, ${vectors.length}], got ${k}`);
  const data = vectors.map((v) => Array.from(v));
  return kmeans(data, k, { initialization: "kmeans++", seed, maxIterations }).clusters;
}

function words(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().replace(/'/g, "").match(/[\p{L}\p{N}]+/gu) ?? [];
}

function terms(text: string): string[] {
  const w = words(text);
  const out = [...w];
  for (let i = 0; i + 1 < w.length; i++) out.push(`${w[i]} ${w[i + 1]}`);
  return out;
}

/**
 * An `embed` function of unit TF-IDF vectors fitted on `corpus` (word 1–2-grams, the `maxFeatures` most frequent
 * terms, smooth idf = ln((1 + n) / (1 + df)) + 1, as scikit-learn's TfidfVectorizer). Texts with no known term get
 * a zero vector, which is far from everything.
 */
export function createTfidfEmbed(corpus: readonly string[], maxFeatures = 1024): { dim: number; embed: (texts: string[]) => Promise<Float32Array[]> } {
  const tf = new Map<string, number>();
  const df = new Map<string, number>();
  for (const text of corpus) {
    const t = terms(text);
    for (const term of t) tf.set(term, (tf.get(term) ?? 0) + 1);
    for (const term of new Set(t)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const vocabulary = [...tf].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, maxFeatures).map(([term]) => term);
  const index = new Map(vocabulary.map((term, i) => [term, i]));
  const idf = vocabulary.map((term) => Math.log((1 + corpus.length) / (1 + df.get(term)!)) + 1);
  const dim = vocabulary.length;
  return {
    dim,
    async embed(texts) {
      return texts.map((text) => {
        const v = new Float32Array(dim);
        for (const term of terms(text)) {
          const i = index.get(term);
          if (i !== undefined) v[i] += idf[i];
        }
        return normalize(v);
      });
    },
  };
}
