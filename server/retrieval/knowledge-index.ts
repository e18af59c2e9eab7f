import type { Embedder } from "../../models/embedder.ts";
import { createBm25Index, termCounts, type TermCounts } from "./bm25.ts";
import { fitLogistic, predictLogistic, type LogisticModel } from "./calibration.ts";
import { createHnswIndex } from "./hnsw-index.ts";
import type { FaqEntry } from "./knowledge.ts";
import { stems } from "./text.ts";
import type { VectorIndex } from "./vector-index.ts";

/** One FAQ entry ranked for a query, with the scores that ranked it. */
export interface RetrievalCandidate {
  entry: FaqEntry;
  /** Best cosine similarity between the query and any of the entry's passages. */
  dense: number;
  /** Okapi BM25 score of the entry's text. */
  lexical: number;
  /** Reciprocal rank fusion score. */
  fused: number;
}

/** Ranked candidates and the calibrated probability that the first one answers the query. */
export interface RetrievalResult {
  candidates: RetrievalCandidate[];
  confidence: number;
}

/** How well the confidence model fits, measured leave-one-question-out when the index was built. */
export interface CalibrationReport {
  positives: number;
  negatives: number;
  /** Share of held-out example questions whose top candidate was their own entry. */
  leaveOneOutTop1: number;
  /** Expected calibration error over 10 bins. */
  ece: number;
  model: LogisticModel;
}

/** A searchable, calibrated index of the FAQ. */
export interface KnowledgeIndex {
  readonly entries: readonly FaqEntry[];
  readonly calibration: CalibrationReport;
  /** Rank FAQ entries for a query; pass `vector` when the query is already embedded. */
  search(text: string, options?: { k?: number; vector?: Float32Array }): Promise<RetrievalResult>;
}

/** Options for buildKnowledgeIndex. */
export interface KnowledgeIndexOptions {
  embedder: Embedder;
  faq: readonly FaqEntry[];
  /** Texts no FAQ entry answers (out-of-scope, smalltalk): negatives for calibrating confidence. */
  negatives?: readonly string[];
  createVectorIndex?: (dim: number) => VectorIndex;
  /** Reciprocal rank fusion constant (Cormack et al. 2009 use 60; a small FAQ ranks better with a smaller one). */
  rrfK?: number;
}

interface Passage {
  entry: number;
  kind: "title" | "question" | "answer";
  question?: number;
}

/** Split an answer into passages: paragraphs, and long paragraphs into sentences. */
function answerPassages(answer: string): string[] {
  const out: string[] = [];
  for (const para of answer.split(/\n\s*\n/)) {
    const p = para.replace(/\s+/g, " ").trim();
    if (!p) continue;
    if (p.length <= 280) out.push(p);
    else out.push(...(p.match(/[^.!?]+[.!?]+(\s|$)|[^.!?]+$/g) ?? [p]).map((s) => s.trim()).filter(Boolean));
  }
  return out;
}

/**
 * Embed every FAQ entry (title, example questions, answer passages) into an HNSW index, build a
 * BM25 index over the same text, and fit the confidence model leave-one-question-out.
 */
export async function buildKnowledgeIndex(options: KnowledgeIndexOptions): Promise<KnowledgeIndex> {
  const { embedder, faq } = options;
  const rrfK = options.rrfK ?? 20;
  const passages: Passage[] = [];
  const texts: string[] = [];
  faq.forEach((e, i) => {
    passages.push({ entry: i, kind: "title" });
    texts.push(e.title);
    e.questions.forEach((q, qi) => {
      passages.push({ entry: i, kind: "question", question: qi });
      texts.push(q);
    });
    for (const p of answerPassages(e.answer)) {
      passages.push({ entry: i, kind: "answer" });
      texts.push(p);
    }
  });
  const vectors = texts.length ? await embedder.embed(texts) : [];
  const index = (options.createVectorIndex ?? ((dim) => createHnswIndex({ dim, initialCapacity: texts.length + 16 })))(embedder.dim);
  vectors.forEach((v, label) => index.add(label, v));
  const docCounts: TermCounts[] = faq.map((e) => termCounts([e.title, ...e.questions, e.answer, e.tags.join(" ")].join("\n")));
  const bm25 = createBm25Index(docCounts);

  // Rank entries for one query; `excludePassage` hides a question's own vector and text (leave-one-out).
  function rank(vector: Float32Array, queryStems: string[], k: number, exclude?: { passage: number; counts: TermCounts }) {
    const dense = new Float64Array(faq.length).fill(-1);
    const hits = index.search(vector, Math.min(index.size, 96));
    for (const h of hits) {
      if (exclude && h.label === exclude.passage) continue;
      const e = passages[h.label].entry;
      if (h.score > dense[e]) dense[e] = h.score;
    }
    const lexical = bm25.scores(queryStems, exclude && { doc: passages[exclude.passage].entry, counts: exclude.counts });
    const ids = faq.map((_, i) => i);
    const denseRank = new Map([...ids].sort((a, b) => dense[b] - dense[a]).map((id, r) => [id, r]));
    const lexRank = new Map([...ids].sort((a, b) => lexical[b] - lexical[a]).map((id, r) => [id, r]));
    const candidates = ids
      .map((i) => ({
        i,
        dense: dense[i],
        lexical: lexical[i],
        fused: 1 / (rrfK + 1 + denseRank.get(i)!) + (lexical[i] > 0 ? 1 / (rrfK + 1 + lexRank.get(i)!) : 0),
      }))
      .sort((a, b) => b.fused - a.fused || b.dense - a.dense);
    const top = candidates[0];
    const bestOtherDense = candidates.slice(1).reduce((m, c) => Math.max(m, c.dense), -1);
    const maxLex = queryStems.length ? [...new Set(queryStems)].length * 2.2 * Math.log(1 + faq.length) : 1;
    const features = top ? [top.dense, top.dense - bestOtherDense, Math.min(1, top.lexical / maxLex)] : [0, 0, 0];
    return { candidates: candidates.slice(0, k), features };
  }

  // Leave-one-question-out calibration: each example question, hidden from the index, is a query
  // whose right answer is known; negatives are texts that no entry answers.
  const xs: number[][] = [];
  const ys: number[] = [];
  let correct = 0;
  let positives = 0;
  passages.forEach((p, label) => {
    if (p.kind !== "question") return;
    const text = texts[label];
    const counts = termCounts(text);
    const { candidates, features } = rank(vectors[label], stems(text), 1, { passage: label, counts });
    const ok = candidates[0]?.i === p.entry ? 1 : 0;
    correct += ok;
    positives++;
    xs.push(features);
    ys.push(ok);
  });
  const negatives = options.negatives ?? [];
  const negVectors = negatives.length ? await embedder.embed(negatives) : [];
  negVectors.forEach((v, i) => {
    xs.push(rank(v, stems(negatives[i]), 1).features);
    ys.push(0);
  });
  const model = xs.length >= 4 && new Set(ys).size === 2 ? fitLogistic(xs, ys) : { bias: 0, weights: [4, 4, 1] };
  const calibration: CalibrationReport = {
    positives,
    negatives: negatives.length,
    leaveOneOutTop1: positives ? correct / positives : 0,
    ece: expectedCalibrationError(xs.map((x) => predictLogistic(model, x)), ys),
    model,
  };

  return {
    entries: faq,
    calibration,
    async search(text, opts = {}) {
      const k = opts.k ?? 5;
      if (faq.length === 0) return { candidates: [], confidence: 0 };
      const vector = opts.vector ?? (await embedder.embed([text]))[0];
      const { candidates, features } = rank(vector, stems(text), k);
      return {
        candidates: candidates.map((c) => ({ entry: faq[c.i], dense: c.dense, lexical: c.lexical, fused: c.fused })),
        confidence: predictLogistic(model, features),
      };
    },
  };
}

/** Expected calibration error over equal-width probability bins (Guo et al. 2017). */
export function expectedCalibrationError(probs: readonly number[], labels: readonly number[], bins = 10): number {
  if (probs.length === 0) return 0;
  const sum = new Array<number>(bins).fill(0);
  const hit = new Array<number>(bins).fill(0);
  const count = new Array<number>(bins).fill(0);
  probs.forEach((p, i) => {
    const b = Math.min(bins - 1, Math.floor(p * bins));
    sum[b] += p;
    hit[b] += labels[i];
    count[b]++;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += (count[b] / probs.length) * Math.abs(sum[b] / count[b] - hit[b] / count[b]);
  return ece;
}
