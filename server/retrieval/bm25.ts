import { ENGLISH_ANALYZER, type TextAnalyzer } from "./text.ts";

/** Term counts of one text. */
export type TermCounts = Map<string, number>;

/** Count the English stems of a text. */
export function termCounts(text: string): TermCounts {
  return countTerms(text, ENGLISH_ANALYZER);
}

/** Count the terms of a text as `analyzer` reads them. */
export function countTerms(text: string, analyzer: TextAnalyzer): TermCounts {
  const counts: TermCounts = new Map();
  for (const s of analyzer.terms(text)) counts.set(s, (counts.get(s) ?? 0) + 1);
  return counts;
}

/** Options of Okapi BM25 (Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework"). */
export interface Bm25Options {
  k1?: number;
  b?: number;
}

/**
 * Okapi BM25 over documents given as term counts. `score(query, exclude)` can subtract one
 * field's counts from a document, which leave-one-out calibration needs.
 */
export interface Bm25Index {
  readonly size: number;
  /** BM25 score of every document for the query stems, optionally with `exclude` subtracted from document `excludeDoc`. */
  scores(queryTerms: readonly string[], exclude?: { doc: number; counts: TermCounts }): Float64Array;
}

/** Build a BM25 index over documents (each a TermCounts). */
export function createBm25Index(docs: readonly TermCounts[], options: Bm25Options = {}): Bm25Index {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const n = docs.length;
  const lengths = docs.map((d) => [...d.values()].reduce((a, c) => a + c, 0));
  const avgLen = lengths.reduce((a, c) => a + c, 0) / Math.max(1, n);
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => {
    const f = df.get(t) ?? 0;
    return Math.log(1 + (n - f + 0.5) / (f + 0.5));
  };
  return {
    size: n,
    scores(queryTerms, exclude) {
      const out = new Float64Array(n);
      const unique = [...new Set(queryTerms)];
      for (let i = 0; i < n; i++) {
        let len = lengths[i];
        const ex = exclude && exclude.doc === i ? exclude.counts : undefined;
        if (ex) for (const c of ex.values()) len -= c;
        let s = 0;
        for (const t of unique) {
          const tf = (docs[i].get(t) ?? 0) - (ex?.get(t) ?? 0);
          if (tf <= 0) continue;
          s += (idf(t) * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / avgLen));
        }
        out[i] = s;
      }
      return out;
    },
  };
}
