import type { Embedder } from "../../models/embedder.ts";
import { createHash } from "node:crypto";
import { loadIntentClassifier, trainIntentClassifier, type IntentClassifier, type IntentClassifierArtifact } from "../../models/intents/index.ts";
import { countTerms, createBm25Index, type TermCounts } from "./bm25.ts";
import { fitLogistic, predictLogistic, type LogisticModel } from "./calibration.ts";
import { createHnswIndex } from "./hnsw-index.ts";
import type { FaqEntry } from "./knowledge.ts";
import { ENGLISH_ANALYZER, type TextAnalyzer } from "./text.ts";
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
  /** How held-out questions were produced: "leave-one-out" (retrieval only) or "k-fold" (with the entry classifier). */
  method: string;
  /** Weight of retrieval (reciprocal rank fusion) next to the entry classifier, chosen on the held-out questions. */
  retrievalWeight: number;
  /** Expected calibration error over 10 bins. */
  ece: number;
  model: LogisticModel;
}

/**
 * What building an index learned (passage vectors, the entry classifier, the confidence model), saved so that a
 * restart with unchanged knowledge and embedder skips embedding and training. `key` fingerprints the inputs.
 */
export interface TrainedKnowledge {
  format: "knowledge-index";
  version: 1;
  key: string;
  /** Base64 float32 passage vectors, row-major (passages × dim). */
  vectors: string;
  classifier?: IntentClassifierArtifact;
  calibration: CalibrationReport;
}

/** A searchable, calibrated index of the FAQ. */
export interface KnowledgeIndex {
  readonly entries: readonly FaqEntry[];
  readonly calibration: CalibrationReport;
  /** What was learned, to save and pass back as `trained` next time. */
  toTrained(): TrainedKnowledge;
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
  /** Train a classifier over the entries from their titles, example questions and answer passages (default true). */
  entryClassifier?: boolean;
  /** Folds for the entry classifier's out-of-fold calibration (default 4). */
  folds?: number;
  seed?: number;
  /** A saved build with the same `knowledgeIndexKey`: reused instead of embedding and training again. */
  trained?: TrainedKnowledge;
  /** How BM25 reads text (default: English Porter stems); translated entries use their language's analyzer. */
  analyzer?: TextAnalyzer;
}

/** Fingerprint of everything an index build depends on (content, negatives, embedder, settings). */
export function knowledgeIndexKey(options: KnowledgeIndexOptions): string {
  const { faq, embedder } = options;
  return createHash("sha256")
    .update(
      JSON.stringify({
        v: 1,
        embedder: [embedder.name, embedder.dim],
        faq: faq.map((e) => [e.id, e.title, e.questions, e.answer, e.tags]),
        negatives: options.negatives ?? [],
        settings: [options.rrfK ?? 20, options.entryClassifier ?? true, options.folds ?? 4, options.seed ?? 7],
        // Only a non-default analyzer enters the key, so saved English indexes stay valid.
        ...(options.analyzer && options.analyzer.name !== ENGLISH_ANALYZER.name ? { analyzer: options.analyzer.name } : {}),
      }),
    )
    .digest("hex");
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
  const analyzer = options.analyzer ?? ENGLISH_ANALYZER;
  const stems = (text: string) => analyzer.terms(text);
  const termCounts = (text: string) => countTerms(text, analyzer);
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
  const key = knowledgeIndexKey(options);
  const reuse = options.trained?.format === "knowledge-index" && options.trained.key === key ? options.trained : undefined;
  const vectors = reuse ? decodeVectors(reuse.vectors, embedder.dim, texts.length) : texts.length ? await embedder.embed(texts) : [];
  const index = (options.createVectorIndex ?? ((dim) => createHnswIndex({ dim, initialCapacity: texts.length + 16 })))(embedder.dim);
  vectors.forEach((v, label) => index.add(label, v));
  const docCounts: TermCounts[] = faq.map((e) => termCounts([e.title, ...e.questions, e.answer, e.tags.join(" ")].join("\n")));
  const bm25 = createBm25Index(docCounts);
  const maxLexFor = (queryStems: string[]) => (queryStems.length ? new Set(queryStems).size * 2.2 * Math.log(1 + faq.length) : 1);

  interface Retrieved {
    dense: Float64Array;
    lexical: Float64Array;
    rrf: Float64Array;
    lexMax: number;
  }
  // Dense (best passage per entry) and BM25 scores of every entry, fused by reciprocal rank; `exclude` hides one
  // example question's own vector and words (held-out evaluation).
  function retrieve(vector: Float32Array, queryStems: string[], exclude?: { passage: number; counts: TermCounts }): Retrieved {
    const dense = new Float64Array(faq.length).fill(-1);
    for (const h of index.search(vector, Math.min(index.size, 96))) {
      if (exclude && h.label === exclude.passage) continue;
      const e = passages[h.label].entry;
      if (h.score > dense[e]) dense[e] = h.score;
    }
    const lexical = bm25.scores(queryStems, exclude && { doc: passages[exclude.passage].entry, counts: exclude.counts });
    const ids = faq.map((_, i) => i);
    const rrf = new Float64Array(faq.length);
    [...ids].sort((a, b) => dense[b] - dense[a]).forEach((id, r) => (rrf[id] += 1 / (rrfK + 1 + r)));
    [...ids].sort((a, b) => lexical[b] - lexical[a]).forEach((id, r) => {
      if (lexical[id] > 0) rrf[id] += 1 / (rrfK + 1 + r);
    });
    return { dense, lexical, rrf, lexMax: maxLexFor(queryStems) };
  }

  // Order entries by the classifier's probability plus `weight` x normalised fusion score (retrieval alone without a classifier).
  function order(r: Retrieved, probs: Float64Array | undefined, weight: number): { ranked: number[]; score: Float64Array; features: number[] } {
    const rrfMax = Math.max(...r.rrf, 1e-9);
    const score = new Float64Array(faq.length);
    for (let i = 0; i < faq.length; i++) score[i] = (probs ? probs[i] : 0) + (probs ? weight : 1) * (r.rrf[i] / rrfMax);
    const ranked = faq.map((_, i) => i).sort((a, b) => score[b] - score[a] || r.dense[b] - r.dense[a]);
    const top = ranked[0];
    const lexShare = top === undefined ? 0 : Math.min(1, r.lexical[top] / r.lexMax);
    let features: number[];
    if (probs) {
      const sorted = [...probs].sort((a, b) => b - a);
      features = top === undefined ? [0, 0, 0, 0] : [probs[top], probs[top] - (sorted[1] ?? 0), r.dense[top], lexShare];
    } else {
      const bestOther = ranked.slice(1).reduce((m, i) => Math.max(m, r.dense[i]), -1);
      features = top === undefined ? [0, 0, 0] : [r.dense[top], r.dense[top] - bestOther, lexShare];
    }
    return { ranked, score, features };
  }

  const questionPassages = passages.map((p, label) => ({ p, label })).filter(({ p }) => p.kind === "question");
  const useClassifier = (options.entryClassifier ?? true) && faq.length >= 2 && questionPassages.length >= faq.length;
  const seed = options.seed ?? 7;
  const labelOf = (entry: number) => faq[entry].id;
  const train = async (rows: number[], validation: number[]): Promise<IntentClassifier> =>
    trainIntentClassifier(
      rows.map((l) => ({ text: texts[l], label: labelOf(passages[l].entry) })),
      embedder,
      {
        seed,
        topK: 5,
        refit: false,
        embeddings: { train: rows.map((l) => vectors[l]), validation: validation.length ? validation.map((l) => vectors[l]) : undefined },
        validation: validation.length ? validation.map((l) => ({ text: texts[l], label: labelOf(passages[l].entry) })) : undefined,
      },
    );
  const entryPosition = new Map(faq.map((e, i) => [e.id, i]));
  const probsOf = (clf: IntentClassifier, vector: Float32Array, text: string): Float64Array => {
    const raw = clf.probabilities(vector, text);
    const out = new Float64Array(faq.length);
    clf.headLabels.forEach((l, j) => {
      const i = entryPosition.get(l);
      if (i !== undefined) out[i] = raw[j];
    });
    return out;
  };

  if (reuse) {
    const classifier = reuse.classifier ? loadIntentClassifier(reuse.classifier, embedder) : undefined;
    return makeIndex(classifier, reuse.calibration);
  }

  // Held-out questions: the classifier sees none of its fold (k-fold); retrieval hides each question's own vector and words.
  const held: { entry: number; r: Retrieved; probs?: Float64Array }[] = [];
  let classifier: IntentClassifier | undefined;
  const weights = useClassifier ? [0, 0.1, 0.25, 0.5, 1] : [1];
  if (useClassifier) {
    const k = Math.max(2, options.folds ?? 4);
    const foldOf = new Map(questionPassages.map(({ label }, j) => [label, (j * 7919 + seed) % k]));
    for (let f = 0; f < k; f++) {
      const out = questionPassages.filter(({ label }) => foldOf.get(label) === f).map(({ label }) => label);
      if (!out.length) continue;
      const outSet = new Set(out);
      const rows = passages.map((_, l) => l).filter((l) => !outSet.has(l));
      if (new Set(rows.map((l) => passages[l].entry)).size < 2) continue;
      const clf = await train(rows, out);
      for (const l of out) {
        held.push({ entry: passages[l].entry, r: retrieve(vectors[l], stems(texts[l]), { passage: l, counts: termCounts(texts[l]) }), probs: probsOf(clf, vectors[l], texts[l]) });
      }
    }
    classifier = await train(passages.map((_, l) => l), []);
  } else {
    for (const { p, label } of questionPassages) held.push({ entry: p.entry, r: retrieve(vectors[label], stems(texts[label]), { passage: label, counts: termCounts(texts[label]) }) });
  }
  // Choose the retrieval weight on the held-out questions (never on evaluation data).
  let retrievalWeight = weights[0];
  let bestTop1 = -1;
  for (const w of weights) {
    const top1 = held.filter((h) => order(h.r, h.probs, w).ranked[0] === h.entry).length;
    if (top1 > bestTop1) {
      bestTop1 = top1;
      retrievalWeight = w;
    }
  }
  const xs: number[][] = [];
  const ys: number[] = [];
  for (const h of held) {
    const o = order(h.r, h.probs, retrievalWeight);
    xs.push(o.features);
    ys.push(o.ranked[0] === h.entry ? 1 : 0);
  }
  const negatives = options.negatives ?? [];
  const negVectors = negatives.length ? await embedder.embed(negatives) : [];
  negVectors.forEach((v, i) => {
    const probs = classifier ? probsOf(classifier, v, negatives[i]) : undefined;
    xs.push(order(retrieve(v, stems(negatives[i])), probs, retrievalWeight).features);
    ys.push(0);
  });
  const fallbackModel = { bias: 0, weights: classifier ? [4, 2, 4, 1] : [4, 4, 1] };
  const model = xs.length >= 4 && new Set(ys).size === 2 ? fitLogistic(xs, ys) : fallbackModel;
  const calibration: CalibrationReport = {
    positives: held.length,
    negatives: negatives.length,
    leaveOneOutTop1: held.length ? Math.max(0, bestTop1) / held.length : 0,
    method: classifier ? "k-fold" : "leave-one-out",
    retrievalWeight,
    ece: expectedCalibrationError(xs.map((x) => predictLogistic(model, x)), ys),
    model,
  };

  return makeIndex(classifier, calibration);

  function makeIndex(classifier: IntentClassifier | undefined, calibration: CalibrationReport): KnowledgeIndex {
    const { model, retrievalWeight } = calibration;
    return {
    entries: faq,
    calibration,
    toTrained: () => ({ format: "knowledge-index", version: 1, key, vectors: encodeVectors(vectors), classifier: classifier?.toArtifact(), calibration }),
    async search(text, opts = {}) {
      const k = opts.k ?? 5;
      if (faq.length === 0) return { candidates: [], confidence: 0 };
      const vector = opts.vector ?? (await embedder.embed([text]))[0];
      const r = retrieve(vector, stems(text));
      const probs = classifier ? probsOf(classifier, vector, text) : undefined;
      const o = order(r, probs, retrievalWeight);
      return {
        candidates: o.ranked.slice(0, k).map((i) => ({ entry: faq[i], dense: r.dense[i], lexical: r.lexical[i], fused: o.score[i] })),
        confidence: predictLogistic(model, o.features),
      };
    },
    };
  }
}

function encodeVectors(vectors: readonly Float32Array[]): string {
  const dim = vectors[0]?.length ?? 0;
  const all = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => all.set(v, i * dim));
  return Buffer.from(all.buffer).toString("base64");
}

function decodeVectors(b64: string, dim: number, count: number): Float32Array[] {
  const buf = Buffer.from(b64, "base64");
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  if (all.length !== dim * count) throw new Error(`saved index has ${all.length} values, expected ${dim * count}`);
  return Array.from({ length: count }, (_, i) => all.slice(i * dim, (i + 1) * dim));
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
