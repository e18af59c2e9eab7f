import { createHash } from "node:crypto";
import { normalize, type Embedder } from "../../models/embedder.ts";
import { foldAccents } from "./text.ts";

/** Options for createCharNgramEmbedder. */
export interface CharNgramEmbedderOptions {
  /** Texts to fit the inverse document frequencies on (the entries the index will hold). */
  corpus: readonly string[];
  /** Hash buckets (vector length; default 2048). */
  dim?: number;
  /** Character n-gram lengths inside space-padded words, like scikit-learn's char_wb (default [3, 5]). */
  range?: readonly [number, number];
}

// FNV-1a, 32 bits: a fast, well-spread string hash for the hashing trick.
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function ngrams(text: string, lo: number, hi: number): string[] {
  const out: string[] = [];
  for (const word of foldAccents(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = ` ${word} `;
    for (let n = lo; n <= hi; n++) for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  }
  return out;
}

/**
 * A language-independent sentence vector: accent-folded character n-grams hashed into `dim` signed buckets
 * (Weinberger et al. 2009, "Feature Hashing for Large Scale Multitask Learning"), weighted by sublinear tf and the
 * idf fitted on `corpus`, unit-normalised. It matches spelling, not meaning: it serves languages the sentence encoder
 * does not know, where misspelt, unaccented and inflected words still share most of their n-grams.
 * @example const e = createCharNgramEmbedder({ corpus: texts }); const [v] = await e.embed(["envio gratis"]);
 */
export function createCharNgramEmbedder(options: CharNgramEmbedderOptions): Embedder {
  const dim = options.dim ?? 2048;
  const [lo, hi] = options.range ?? [3, 5];
  if (!(Number.isInteger(dim) && dim >= 16 && Number.isInteger(lo) && lo >= 1 && hi >= lo)) throw new Error("char n-gram embedder: dim must be an integer >= 16 and 1 <= range[0] <= range[1]");
  const df = new Float64Array(dim);
  for (const text of options.corpus) for (const b of new Set(ngrams(text, lo, hi).map((g) => fnv1a(g) % dim))) df[b]++;
  const n = options.corpus.length;
  // Smooth idf, ln((1 + N) / (1 + df)) + 1, as scikit-learn's TfidfVectorizer.
  const idf = Float64Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
  const fingerprint = createHash("sha256").update(Buffer.from(idf.buffer)).digest("hex").slice(0, 12);
  return {
    name: `char-ngrams:${lo}-${hi}:${dim}:${fingerprint}`,
    dim,
    async embed(texts) {
      return texts.map((text) => {
        const counts = new Map<number, number>();
        for (const g of ngrams(text, lo, hi)) {
          const h = fnv1a(g);
          // One hash bit chooses the sign, so colliding n-grams cancel on average instead of adding up.
          const key = (h % dim) * ((h >>> 31) & 1 ? -1 : 1);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        const v = new Float32Array(dim);
        for (const [key, c] of counts) {
          const b = Math.abs(key);
          v[b] += Math.sign(key || 1) * (1 + Math.log(c)) * idf[b];
        }
        return normalize(v);
      });
    },
  };
}
