import { PorterStemmer } from "../natural.ts";
import type { SparseVector } from "./intent-head.ts";

const stemmer = PorterStemmer;

/** Options for the TF-IDF featurizer (word 1–2-grams of stems + character n-grams inside word boundaries). */
export interface LexicalFeatureOptions {
  /** Use word unigrams and bigrams of Porter stems (default true). */
  readonly words?: boolean;
  /** Character n-gram lengths inside padded words, like scikit-learn's char_wb (default [2, 5]; [0, 0] disables). */
  readonly charRange?: readonly [number, number];
  /** Keep features seen in at least this many training texts (default 2). */
  readonly minDf?: number;
  /** Keep at most this many features, the most frequent first (default 40000). */
  readonly maxFeatures?: number;
}

/** The fitted vocabulary and idf weights; JSON-safe. */
export interface LexicalFeaturizerArtifact {
  readonly words: boolean;
  readonly charRange: readonly [number, number];
  readonly vocabulary: readonly string[];
  readonly idf: readonly number[];
}

/** Turns text into an L2-normalised sparse TF-IDF vector over a fixed vocabulary. */
export interface LexicalFeaturizer {
  /** Number of features (vector length). */
  readonly dim: number;
  /** Featurise one text; unseen terms are dropped. */
  transform(text: string): SparseVector;
  /** The fitted state for saving. */
  toArtifact(): LexicalFeaturizerArtifact;
}

/** Tokens of a text: lower-cased alphanumeric runs (apostrophes dropped). */
export function tokenize(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().replace(/'/g, "").match(/[\p{L}\p{N}]+/gu) ?? [];
}

function terms(text: string, words: boolean, charRange: readonly [number, number]): string[] {
  const tokens = tokenize(text);
  const out: string[] = [];
  if (words) {
    const stems = tokens.map((t) => stemmer.stem(t));
    for (let i = 0; i < stems.length; i++) {
      out.push(`w:${stems[i]}`);
      if (i + 1 < stems.length) out.push(`b:${stems[i]} ${stems[i + 1]}`);
    }
  }
  const [lo, hi] = charRange;
  if (lo > 0) {
    for (const t of tokens) {
      const padded = ` ${t} `;
      for (let n = lo; n <= hi; n++) {
        for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`);
      }
    }
  }
  return out;
}

function build(artifact: LexicalFeaturizerArtifact): LexicalFeaturizer {
  const index = new Map<string, number>();
  artifact.vocabulary.forEach((t, i) => index.set(t, i));
  const idf = Float32Array.from(artifact.idf);
  return {
    dim: artifact.vocabulary.length,
    transform(text) {
      const counts = new Map<number, number>();
      for (const t of terms(text, artifact.words, artifact.charRange)) {
        const i = index.get(t);
        if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
      }
      const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
      const values = new Float32Array(indices.length);
      let norm = 0;
      indices.forEach((i, k) => {
        // Sublinear tf (1 + log tf) damps repeated words, as in scikit-learn's sublinear_tf.
        const v = (1 + Math.log(counts.get(i)!)) * idf[i];
        values[k] = v;
        norm += v * v;
      });
      norm = Math.sqrt(norm) || 1;
      for (let k = 0; k < values.length; k++) values[k] /= norm;
      return { indices, values };
    },
    toArtifact: () => artifact,
  };
}

/**
 * Fit a TF-IDF vocabulary on training texts (smooth idf = ln((1+N)/(1+df)) + 1).
 * @example const f = fitLexicalFeaturizer(texts); const v = f.transform("where is my card");
 */
export function fitLexicalFeaturizer(texts: readonly string[], options: LexicalFeatureOptions = {}): LexicalFeaturizer {
  const words = options.words ?? true;
  const charRange = options.charRange ?? [2, 5];
  const minDf = options.minDf ?? 2;
  const maxFeatures = options.maxFeatures ?? 40000;
  if (!words && charRange[0] <= 0) throw new Error("lexical features need words or a character range");
  const df = new Map<string, number>();
  for (const text of texts) for (const t of new Set(terms(text, words, charRange))) df.set(t, (df.get(t) ?? 0) + 1);
  const kept = [...df.entries()]
    .filter(([, n]) => n >= minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxFeatures);
  const n = texts.length;
  return build({
    words,
    charRange: [charRange[0], charRange[1]],
    vocabulary: kept.map(([t]) => t),
    idf: kept.map(([, d]) => Math.log((1 + n) / (1 + d)) + 1),
  });
}

/** Rebuild a featurizer from its artifact. */
export function loadLexicalFeaturizer(artifact: LexicalFeaturizerArtifact): LexicalFeaturizer {
  if (artifact.vocabulary.length !== artifact.idf.length) throw new Error("lexical artifact: vocabulary and idf lengths differ");
  return build(artifact);
}
