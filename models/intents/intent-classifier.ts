import type { Embedder } from "../embedder.ts";
import { AppError } from "../errors.ts";
import { loadIntentHead, trainIntentHead, type HeadInput, type IntentHead, type IntentHeadArtifact, type IntentHeadOptions } from "./intent-head.ts";
import { fitLexicalFeaturizer, loadLexicalFeaturizer, type LexicalFeatureOptions, type LexicalFeaturizer, type LexicalFeaturizerArtifact } from "./lexical-features.ts";
import { calibrateOosThreshold, type OosCalibration, type OosCalibrationSample } from "./out-of-scope.ts";
import { createRandom, shuffleInPlace } from "./random.ts";

/** A labelled training utterance. */
export interface IntentExample {
  readonly text: string;
  readonly label: string;
}

/** One ranked intent with its probability. */
export interface IntentScore {
  readonly label: string;
  readonly probability: number;
}

/** What the classifier says about one message. */
export interface IntentPrediction {
  /** The most likely in-scope intent (check `outOfScope` before acting on it). */
  readonly label: string;
  /** Probability of `label`. */
  readonly confidence: number;
  /** The k most likely in-scope intents, best first. */
  readonly top: readonly IntentScore[];
  /** True when the message matches none of the intents well enough. */
  readonly outOfScope: boolean;
}

/** Options for trainIntentClassifier. */
export interface IntentClassifierOptions {
  /** Training options of the embedding head (defaults: logistic regression, see IntentHeadOptions). */
  readonly head?: IntentHeadOptions;
  /** Add a TF-IDF (word + character n-gram) logistic-regression head fused with the embedding head (default true). */
  readonly lexical?: boolean | LexicalFeatureOptions;
  /** Training options of the lexical head. */
  readonly lexicalHead?: IntentHeadOptions;
  /** Training rows with this label form an explicit out-of-scope class (default "oos"). */
  readonly oosLabel?: string;
  /** Validation rows (may include out-of-scope rows); without them a stratified fraction of training rows is held out. */
  readonly validation?: readonly IntentExample[];
  /** Fraction held out per label when no validation rows are given (default 0.15). */
  readonly validationFraction?: number;
  /** After calibrating on the held-out fraction, retrain the heads on all rows for their best epoch count (default true). */
  readonly refit?: boolean;
  /** With out-of-scope validation rows: the expected share of out-of-scope traffic the threshold is tuned for (default 0.2). */
  readonly expectedOosShare?: number;
  /** With no out-of-scope validation rows: the fraction of in-scope validation rows to reject (default 0.03). */
  readonly inScopeRejection?: number;
  /** Quantile of in-scope validation similarity to the nearest intent centroid below which messages are out of scope (default 0.005). */
  readonly similarityQuantile?: number;
  /** Also reject messages far from every intent centroid (default true). */
  readonly similarityGate?: boolean;
  /**
   * Add a k-nearest-neighbour head over the training embeddings (cosine, distance-weighted vote) to the fusion, its
   * weight chosen on validation with the others (default false). Costs one pass over all training vectors per query
   * and stores them in the artifact, so it suits benchmark-sized data rather than hot paths.
   */
  readonly knn?: boolean | KnnHeadOptions;
  /** Fix the fusion weight of the embedding head in [0, 1] instead of choosing it on validation. */
  readonly fusionWeight?: number;
  /** Ranked intents returned per prediction (default 3). */
  readonly topK?: number;
  /** Random seed for splits and training (default 1). */
  readonly seed?: number;
  /** Precomputed embeddings (e.g. from a disk cache): `train[i]` embeds `examples[i].text`, `validation[i]` the validation rows. */
  readonly embeddings?: { readonly train?: readonly Float32Array[]; readonly validation?: readonly Float32Array[] };
  /** Progress callback: a stage name after each step. */
  readonly onStage?: (stage: string) => void;
}

/** Settings of the optional k-nearest-neighbour head. */
export interface KnnHeadOptions {
  /** Neighbours that vote (default 10). */
  readonly k?: number;
  /** Softmax temperature on cosine similarity for the vote weights (default 0.05). */
  readonly temperature?: number;
}

/** Figures measured at training time and saved with the artifact. */
export interface IntentClassifierMetrics {
  readonly trainSize: number;
  readonly validationSize: number;
  readonly validationAccuracy: number;
  readonly validationInScopeAccuracy: number;
  readonly validationOosRecall: number;
  /** Validation accuracy of the fused argmax over all head labels, ignoring the out-of-scope threshold (what the fusion grid maximises). */
  readonly validationArgmaxAccuracy?: number;
  readonly fusionWeight: number;
  /** Fusion weight of the k-nearest-neighbour head (absent or 0 without one). */
  readonly knnWeight?: number;
  readonly trainingMs: number;
}

/** The saved classifier (JSON): metadata, heads, lexical vocabulary and out-of-scope calibration. */
export interface IntentClassifierArtifact {
  readonly format: "intent-classifier";
  readonly version: 1;
  readonly embedder: { readonly name: string; readonly dim: number };
  readonly labels: readonly string[];
  readonly oosLabel: string;
  readonly trainedAt: string;
  readonly metrics: IntentClassifierMetrics;
  readonly topK: number;
  readonly fusionWeight: number;
  readonly oos: OosCalibration;
  /** Messages whose cosine similarity to every intent centroid is below this are out of scope. */
  readonly similarityFloor: number;
  /** Base64 float32 centroids (labels × dim) in `labels` order. */
  readonly centroids: string;
  readonly embeddingHead: IntentHeadArtifact;
  readonly lexical?: { readonly featurizer: LexicalFeaturizerArtifact; readonly head: IntentHeadArtifact };
  /** The k-nearest-neighbour head: base64 float32 training vectors (rows × dim) and their head-label indices. */
  readonly knn?: { readonly k: number; readonly temperature: number; readonly weight: number; readonly vectors: string; readonly labels: readonly number[] };
}

/** A trained intent classifier bound to its embedder. */
export interface IntentClassifier {
  /** In-scope intent labels, sorted. */
  readonly labels: readonly string[];
  readonly metrics: IntentClassifierMetrics;
  /** The calibrated out-of-scope threshold. */
  readonly oos: OosCalibration;
  /** Classify one message (embeds it). */
  classify(text: string): Promise<IntentPrediction>;
  /** Classify many messages with one embedding call. */
  classifyBatch(texts: readonly string[]): Promise<IntentPrediction[]>;
  /** Classify from a precomputed embedding of `text`. */
  predict(vector: Float32Array, text: string): IntentPrediction;
  /** Full fused probabilities over `headLabels` (in-scope labels plus the oos class when trained with one). */
  probabilities(vector: Float32Array, text: string): Float32Array;
  /** Every label the heads score, in the order of `probabilities()`. */
  readonly headLabels: readonly string[];
  /** The JSON artifact to save. */
  toArtifact(): IntentClassifierArtifact;
}

interface Parts {
  embeddingHead: IntentHead;
  /** Unit mean embedding of each in-scope label, row-major (labels × dim): a distance gate for out-of-scope. */
  centroids: Float32Array;
  lexical?: { featurizer: LexicalFeaturizer; head: IntentHead };
  /** Embedding-head weight; the lexical head gets 1 - fusionWeight - knn.weight. */
  fusionWeight: number;
  knn?: KnnIndex & { weight: number };
}

interface KnnIndex {
  /** Unit training vectors, row-major (rows × dim). */
  vectors: Float32Array;
  /** Head-label index of each row. */
  labels: Int32Array;
  k: number;
  temperature: number;
}

/** Probabilities from a distance-weighted vote of the k most similar training rows, lightly smoothed so log-fusion stays finite. */
function knnProba(index: KnnIndex, vector: Float32Array, classes: number): Float32Array {
  const dim = vector.length;
  const rows = index.labels.length;
  const k = Math.min(index.k, rows);
  const topS = new Float32Array(k).fill(-Infinity);
  const topC = new Int32Array(k);
  const v = index.vectors;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const off = r * dim;
    for (let i = 0; i < dim; i++) s += v[off + i] * vector[i];
    if (s <= topS[k - 1]) continue;
    let j = k - 1;
    while (j > 0 && topS[j - 1] < s) {
      topS[j] = topS[j - 1];
      topC[j] = topC[j - 1];
      j--;
    }
    topS[j] = s;
    topC[j] = index.labels[r];
  }
  const out = new Float32Array(classes).fill(1e-3);
  for (let j = 0; j < k; j++) out[topC[j]] += Math.exp((topS[j] - topS[0]) / index.temperature);
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += out[c];
  for (let c = 0; c < classes; c++) out[c] /= sum;
  return out;
}

function buildKnnIndex(rows: readonly number[], vectors: readonly Float32Array[], rowLabel: (i: number) => number, dim: number, options: Required<KnnHeadOptions>): KnnIndex {
  const flat = new Float32Array(rows.length * dim);
  rows.forEach((i, r) => flat.set(vectors[i], r * dim));
  return { vectors: flat, labels: Int32Array.from(rows, rowLabel), k: options.k, temperature: options.temperature };
}

/** Weighted geometric mean of the two heads' probabilities (a product of experts), renormalised. */
function fuse(parts: Parts, vector: Float32Array, text: string, sparse?: HeadInput["sparse"]): Float32Array {
  const pe = parts.embeddingHead.predictProba({ dense: vector });
  const wk = parts.knn?.weight ?? 0;
  const pk = parts.knn && wk > 0 ? knnProba(parts.knn, vector, pe.length) : undefined;
  if ((!parts.lexical || parts.fusionWeight + wk >= 1) && !pk) return pe;
  const pl = parts.lexical && parts.fusionWeight + wk < 1 ? parts.lexical.head.predictProba({ sparse: sparse ?? parts.lexical.featurizer.transform(text) }) : undefined;
  return fuseProbabilities(pe, pl, parts.fusionWeight, pk, wk);
}

/** Weighted log-linear pool: embedding head `w`, k-NN head `wk`, lexical head the rest. */
function fuseProbabilities(pe: Float32Array, pl: Float32Array | undefined, w: number, pk?: Float32Array, wk = 0): Float32Array {
  const out = new Float32Array(pe.length);
  const wl = pl ? 1 - w - wk : 0;
  let max = -Infinity;
  for (let c = 0; c < pe.length; c++) {
    out[c] = w * Math.log(Math.max(pe[c], 1e-30)) + (pl && wl > 0 ? wl * Math.log(Math.max(pl[c], 1e-30)) : 0) + (pk && wk > 0 ? wk * Math.log(Math.max(pk[c], 1e-30)) : 0);
    if (out[c] > max) max = out[c];
  }
  let sum = 0;
  for (let c = 0; c < out.length; c++) {
    out[c] = Math.exp(out[c] - max);
    sum += out[c];
  }
  for (let c = 0; c < out.length; c++) out[c] /= sum;
  return out;
}

/** Cosine similarity of a unit vector to its nearest centroid. */
function nearestCentroid(centroids: Float32Array, dim: number, vector: Float32Array): number {
  let best = -Infinity;
  for (let off = 0; off < centroids.length; off += dim) {
    let s = 0;
    for (let i = 0; i < dim; i++) s += centroids[off + i] * vector[i];
    if (s > best) best = s;
  }
  return best;
}

function computeCentroids(labels: readonly string[], examples: readonly IntentExample[], vectors: readonly Float32Array[], dim: number): Float32Array {
  const index = new Map(labels.map((l, i) => [l, i]));
  const out = new Float32Array(labels.length * dim);
  examples.forEach((e, n) => {
    const k = index.get(e.label);
    if (k === undefined) return;
    const v = vectors[n];
    for (let i = 0; i < dim; i++) out[k * dim + i] += v[i];
  });
  for (let k = 0; k < labels.length; k++) {
    let s = 0;
    for (let i = 0; i < dim; i++) s += out[k * dim + i] ** 2;
    const norm = Math.sqrt(s) || 1;
    for (let i = 0; i < dim; i++) out[k * dim + i] /= norm;
  }
  return out;
}

function decide(probs: Float32Array, headLabels: readonly string[], oosLabel: string, threshold: number, topK: number, far = false): IntentPrediction {
  const ranked: IntentScore[] = [];
  let oosProb = 0;
  for (let c = 0; c < probs.length; c++) {
    if (headLabels[c] === oosLabel) oosProb = probs[c];
    else ranked.push({ label: headLabels[c], probability: probs[c] });
  }
  ranked.sort((a, b) => b.probability - a.probability);
  const best = ranked[0];
  return {
    label: best.label,
    confidence: best.probability,
    top: ranked.slice(0, topK),
    outOfScope: far || oosProb > best.probability || best.probability < threshold,
  };
}

function checkEmbeddings(vectors: readonly Float32Array[] | undefined, n: number, dim: number, what: string): void {
  if (!vectors) return;
  if (vectors.length !== n) throw new AppError("CHAT_ERR_VALIDATION", `${what}: ${vectors.length} embeddings for ${n} examples`);
  if (vectors.some((v) => v.length !== dim)) throw new AppError("CHAT_ERR_VALIDATION", `${what}: embeddings must have length ${dim}`);
}

function validateExamples(examples: readonly IntentExample[], what: string): void {
  examples.forEach((e, i) => {
    if (typeof e?.text !== "string" || typeof e?.label !== "string" || e.label === "") {
      throw new AppError("CHAT_ERR_VALIDATION", `${what}[${i}] needs a string text and a non-empty string label`);
    }
  });
}

function build(embedder: Embedder, parts: Parts, artifactBase: Omit<IntentClassifierArtifact, "embeddingHead" | "lexical" | "fusionWeight" | "centroids" | "knn">): IntentClassifier {
  const headLabels = parts.embeddingHead.labels;
  const { oosLabel, topK } = artifactBase;
  const threshold = artifactBase.oos.threshold;
  const dim = artifactBase.embedder.dim;
  const predict = (vector: Float32Array, text: string) => {
    if (vector.length !== dim) throw new AppError("CHAT_ERR_VALIDATION", `expected a ${dim}-d embedding, got ${vector.length}`);
    const far = nearestCentroid(parts.centroids, dim, vector) < artifactBase.similarityFloor;
    return decide(fuse(parts, vector, text), headLabels, oosLabel, threshold, topK, far);
  };
  return {
    labels: artifactBase.labels,
    headLabels,
    metrics: artifactBase.metrics,
    oos: artifactBase.oos,
    predict,
    probabilities: (vector, text) => fuse(parts, vector, text),
    async classify(text) {
      const [v] = await embedder.embed([text]);
      return predict(v, text);
    },
    async classifyBatch(texts) {
      const vs = await embedder.embed(texts);
      return vs.map((v, i) => predict(v, texts[i]));
    },
    toArtifact: () => ({
      ...artifactBase,
      fusionWeight: parts.fusionWeight,
      centroids: Buffer.from(parts.centroids.buffer, parts.centroids.byteOffset, parts.centroids.byteLength).toString("base64"),
      embeddingHead: parts.embeddingHead.toArtifact(),
      lexical: parts.lexical ? { featurizer: parts.lexical.featurizer.toArtifact(), head: parts.lexical.head.toArtifact() } : undefined,
      knn: parts.knn
        ? {
            k: parts.knn.k,
            temperature: parts.knn.temperature,
            weight: parts.knn.weight,
            vectors: Buffer.from(parts.knn.vectors.buffer, parts.knn.vectors.byteOffset, parts.knn.vectors.byteLength).toString("base64"),
            labels: [...parts.knn.labels],
          }
        : undefined,
    }),
  };
}

/**
 * Train an intent classifier on sentence embeddings from any Embedder, fused with a TF-IDF head, with a calibrated
 * out-of-scope threshold. Training rows labelled `oosLabel` become an explicit out-of-scope class.
 * @example const clf = await trainIntentClassifier(examples, embedder); const p = await clf.classify("where is my parcel");
 */
export async function trainIntentClassifier(examples: readonly IntentExample[], embedder: Embedder, options: IntentClassifierOptions = {}): Promise<IntentClassifier> {
  const started = performance.now();
  validateExamples(examples, "examples");
  const oosLabel = options.oosLabel ?? "oos";
  const labels = [...new Set(examples.map((e) => e.label).filter((l) => l !== oosLabel))].sort();
  if (labels.length < 2) throw new AppError("CHAT_ERR_VALIDATION", "an intent classifier needs at least two intents with examples");
  const seed = options.seed ?? 1;
  const topK = options.topK ?? 3;
  if (!(Number.isInteger(topK) && topK >= 1)) throw new AppError("CHAT_ERR_VALIDATION", "topK must be a positive integer");
  if (options.fusionWeight !== undefined && !(options.fusionWeight >= 0 && options.fusionWeight <= 1)) {
    throw new AppError("CHAT_ERR_VALIDATION", "fusionWeight must be in [0, 1]");
  }
  checkEmbeddings(options.embeddings?.train, examples.length, embedder.dim, "embeddings.train");
  const trainVectors = options.embeddings?.train ?? (await embedder.embed(examples.map((e) => e.text)));
  options.onStage?.("embedded training rows");

  // The calibration split: explicit validation rows, or a stratified held-out fraction of the training rows.
  let fitRows: number[];
  let valExamples: readonly IntentExample[];
  let valVectors: readonly Float32Array[];
  const explicitValidation = options.validation !== undefined && options.validation.length > 0;
  if (explicitValidation) {
    validateExamples(options.validation!, "validation");
    checkEmbeddings(options.embeddings?.validation, options.validation!.length, embedder.dim, "embeddings.validation");
    fitRows = examples.map((_, i) => i);
    valExamples = options.validation!;
    valVectors = options.embeddings?.validation ?? (await embedder.embed(valExamples.map((e) => e.text)));
  } else {
    const fraction = options.validationFraction ?? 0.15;
    if (!(fraction > 0 && fraction < 1)) throw new AppError("CHAT_ERR_VALIDATION", "validationFraction must be in (0, 1)");
    const rand = createRandom(seed);
    const byLabel = new Map<string, number[]>();
    examples.forEach((e, i) => {
      const rows = byLabel.get(e.label);
      if (rows) rows.push(i);
      else byLabel.set(e.label, [i]);
    });
    const held: number[] = [];
    fitRows = [];
    for (const label of [...byLabel.keys()].sort()) {
      const rows = shuffleInPlace(byLabel.get(label)!, rand);
      const nVal = rows.length >= 3 ? Math.max(1, Math.round(rows.length * fraction)) : 0;
      held.push(...rows.slice(0, nVal));
      fitRows.push(...rows.slice(nVal));
    }
    held.sort((a, b) => a - b);
    fitRows.sort((a, b) => a - b);
    valExamples = held.map((i) => examples[i]);
    valVectors = held.map((i) => trainVectors[i]);
  }
  const valLabels = valExamples.map((e) => e.label);
  const useLexical = options.lexical !== false && options.fusionWeight !== 1;
  const headOptions: IntentHeadOptions = { seed, ...options.head };
  const lexicalHeadOptions: IntentHeadOptions = { seed, learningRate: 0.01, weightDecay: 1e-5, patience: 5, ...options.lexicalHead };

  const trainHeads = (rows: number[], validation: boolean, epochs?: { emb: number; lex: number }) => {
    const v = validation ? { validation: { inputs: valVectors.map((dense) => ({ dense })), labels: valLabels } } : {};
    const embeddingHead = trainIntentHead(
      rows.map((i) => ({ dense: trainVectors[i] })),
      rows.map((i) => examples[i].label),
      { ...headOptions, ...v, ...(epochs ? { epochs: epochs.emb, validationFraction: 0 } : {}) },
    );
    options.onStage?.("trained embedding head");
    let lexical: Parts["lexical"];
    if (useLexical) {
      const featurizer = fitLexicalFeaturizer(rows.map((i) => examples[i].text), typeof options.lexical === "object" ? options.lexical : {});
      const lv = validation ? { validation: { inputs: valExamples.map((e) => ({ sparse: featurizer.transform(e.text) })), labels: valLabels } } : {};
      const head = trainIntentHead(
        rows.map((i) => ({ sparse: featurizer.transform(examples[i].text) })),
        rows.map((i) => examples[i].label),
        { ...lexicalHeadOptions, sparseDim: featurizer.dim, ...lv, ...(epochs ? { epochs: epochs.lex, validationFraction: 0 } : {}) },
      );
      lexical = { featurizer, head };
      options.onStage?.("trained lexical head");
    }
    return { embeddingHead, lexical };
  };

  const calibrated = trainHeads(fitRows, true);
  const headLabels = calibrated.embeddingHead.labels;
  const labelIndex = new Map(headLabels.map((l, i) => [l, i]));
  const peAll = valVectors.map((v) => calibrated.embeddingHead.predictProba({ dense: v }));
  const plAll = calibrated.lexical ? valExamples.map((e) => calibrated.lexical!.head.predictProba({ sparse: calibrated.lexical!.featurizer.transform(e.text) })) : undefined;

  // Optional k-NN head: an index of the fitted rows, scored on the validation rows.
  const knnSettings = options.knn ? { k: 10, temperature: 0.05, ...(typeof options.knn === "object" ? options.knn : {}) } : undefined;
  if (knnSettings && !(Number.isInteger(knnSettings.k) && knnSettings.k >= 1 && knnSettings.temperature > 0)) {
    throw new AppError("CHAT_ERR_VALIDATION", "knn.k must be a positive integer and knn.temperature positive");
  }
  const rowLabel = (i: number) => labelIndex.get(examples[i].label)!;
  const calibrationKnn = knnSettings ? buildKnnIndex(fitRows, trainVectors, rowLabel, embedder.dim, knnSettings) : undefined;
  const pkAll = calibrationKnn ? valVectors.map((v) => knnProba(calibrationKnn, v, headLabels.length)) : undefined;
  if (calibrationKnn) options.onStage?.("scored k-nearest-neighbour head");

  // Fusion weights: the grid point with the best validation accuracy (log-loss breaks ties).
  let fusionWeight = 1;
  let knnWeight = 0;
  let validationArgmaxAccuracy: number | undefined;
  if (plAll || pkAll) {
    const steps = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    const grid: { w: number; wk: number }[] = [];
    for (const w of options.fusionWeight !== undefined ? [options.fusionWeight] : steps) {
      if (!pkAll) grid.push({ w, wk: 0 });
      else if (!plAll) grid.push({ w, wk: Math.round((1 - w) * 10) / 10 });
      else for (const wk of steps) if (w + wk <= 1 + 1e-9) grid.push({ w, wk });
    }
    let best = { w: 1, wk: 0, acc: -1, loss: Infinity };
    for (const { w, wk } of grid) {
      let correct = 0;
      let loss = 0;
      let n = 0;
      valExamples.forEach((e, i) => {
        const y = labelIndex.get(e.label);
        if (y === undefined) return;
        const p = fuseProbabilities(peAll[i], plAll?.[i], w, pkAll?.[i], wk);
        let arg = 0;
        for (let c = 1; c < p.length; c++) if (p[c] > p[arg]) arg = c;
        if (arg === y) correct++;
        loss -= Math.log(Math.max(p[y], 1e-12));
        n++;
      });
      const acc = n ? correct / n : 0;
      if (acc > best.acc || (acc === best.acc && loss < best.loss)) best = { w, wk, acc, loss };
    }
    fusionWeight = best.w;
    knnWeight = best.wk;
    validationArgmaxAccuracy = best.acc;
  }

  // Distance gate: a linear softmax can be confident far from all training data, so messages less similar to every
  // intent centroid than nearly all in-scope validation rows (the lowest `similarityQuantile`) are out of scope.
  const dim = embedder.dim;
  const centroids = computeCentroids(labels, fitRows.map((i) => examples[i]), fitRows.map((i) => trainVectors[i]), dim);
  const valSims = valVectors.map((v) => nearestCentroid(centroids, dim, v));
  const inScopeSims = valSims.filter((_, i) => labelIndex.has(valExamples[i].label) && valExamples[i].label !== oosLabel).sort((a, b) => a - b);
  const q = options.similarityQuantile ?? 0.005;
  if (!(q >= 0 && q < 1)) throw new AppError("CHAT_ERR_VALIDATION", "similarityQuantile must be in [0, 1)");
  const gate = (options.similarityGate ?? true) && inScopeSims.length > 0;
  // A margin below the quantile (a quarter of its distance to the median) keeps in-scope rows just under an estimate
  // from a small validation split from being rejected.
  const low = inScopeSims[Math.floor(q * (inScopeSims.length - 1))];
  const median = inScopeSims[Math.floor((inScopeSims.length - 1) / 2)];
  const similarityFloor = gate ? low - 0.25 * (median - low) : -2;

  // Out-of-scope threshold from the validation predictions of the calibration heads.
  const samples: OosCalibrationSample[] = valExamples.map((e, i) => {
    const p = plAll || pkAll ? fuseProbabilities(peAll[i], plAll?.[i], fusionWeight, pkAll?.[i], knnWeight) : peAll[i];
    const d = decide(p, headLabels, oosLabel, 0, 1, valSims[i] < similarityFloor);
    return { confidence: d.confidence, correct: d.label === e.label, outOfScope: e.label === oosLabel || !labelIndex.has(e.label), predictedOutOfScope: d.outOfScope };
  });
  const oos = calibrateOosThreshold(samples, { inScopeRejection: options.inScopeRejection, expectedOosShare: options.expectedOosShare, min: 1 / labels.length });
  const validationAccuracy = samples.filter((s) => (s.outOfScope ? s.predictedOutOfScope || s.confidence < oos.threshold : s.correct && !(s.predictedOutOfScope || s.confidence < oos.threshold))).length / Math.max(1, samples.length);
  options.onStage?.("calibrated out-of-scope threshold");

  let final: Parts = { ...calibrated, centroids, fusionWeight, knn: calibrationKnn ? { ...calibrationKnn, weight: knnWeight } : undefined };
  if (!explicitValidation && (options.refit ?? true)) {
    const again = trainHeads(examples.map((_, i) => i), false, {
      emb: calibrated.embeddingHead.metrics.bestEpoch,
      lex: calibrated.lexical?.head.metrics.bestEpoch ?? 1,
    });
    const allRows = examples.map((_, i) => i);
    const knn = knnSettings ? { ...buildKnnIndex(allRows, trainVectors, rowLabel, dim, knnSettings), weight: knnWeight } : undefined;
    final = { ...again, centroids: computeCentroids(labels, examples, trainVectors, dim), fusionWeight, knn };
    options.onStage?.("refitted on all rows");
  }
  const metrics: IntentClassifierMetrics = {
    trainSize: examples.length,
    validationSize: valExamples.length,
    validationAccuracy,
    validationInScopeAccuracy: oos.validationInScopeAccuracy,
    validationOosRecall: oos.validationOosRecall,
    ...(validationArgmaxAccuracy !== undefined ? { validationArgmaxAccuracy } : {}),
    fusionWeight,
    ...(knnSettings ? { knnWeight } : {}),
    trainingMs: Math.round(performance.now() - started),
  };
  return build(embedder, final, {
    format: "intent-classifier",
    version: 1,
    embedder: { name: embedder.name, dim: embedder.dim },
    labels,
    oosLabel,
    trainedAt: new Date().toISOString(),
    metrics,
    topK,
    oos,
    similarityFloor,
  });
}

function decodeFloats(s: string, expected: number, what: string): Float32Array {
  const buf = Buffer.from(s, "base64");
  if (buf.byteLength !== expected * 4) throw new Error(`${what} have ${buf.byteLength / 4} values, expected ${expected}`);
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/**
 * Rebuild a classifier from its artifact; the embedder must be the one it was trained with (same name and dim).
 * @example const clf = loadIntentClassifier(JSON.parse(await readFile(file, "utf8")), embedder);
 */
export function loadIntentClassifier(artifact: IntentClassifierArtifact, embedder: Embedder): IntentClassifier {
  if (artifact?.format !== "intent-classifier" || artifact.version !== 1) {
    throw new AppError("CHAT_ERR_MODEL_UNAVAILABLE", "not an intent-classifier v1 artifact");
  }
  if (artifact.embedder.name !== embedder.name || artifact.embedder.dim !== embedder.dim) {
    throw new AppError(
      "CHAT_ERR_MODEL_UNAVAILABLE",
      `intent classifier was trained with embedder ${artifact.embedder.name} (${artifact.embedder.dim}-d), not ${embedder.name} (${embedder.dim}-d)`,
    );
  }
  try {
    const parts: Parts = {
      embeddingHead: loadIntentHead(artifact.embeddingHead),
      lexical: artifact.lexical ? { featurizer: loadLexicalFeaturizer(artifact.lexical.featurizer), head: loadIntentHead(artifact.lexical.head) } : undefined,
      centroids: decodeFloats(artifact.centroids, artifact.labels.length * artifact.embedder.dim, "centroids"),
      fusionWeight: artifact.fusionWeight,
      knn: artifact.knn
        ? {
            k: artifact.knn.k,
            temperature: artifact.knn.temperature,
            weight: artifact.knn.weight,
            vectors: decodeFloats(artifact.knn.vectors, artifact.knn.labels.length * artifact.embedder.dim, "k-NN vectors"),
            labels: Int32Array.from(artifact.knn.labels),
          }
        : undefined,
    };
    const { embeddingHead: _e, lexical: _l, fusionWeight: _f, centroids: _c, knn: _k, ...base } = artifact;
    return build(embedder, parts, base);
  } catch (err) {
    throw new AppError("CHAT_ERR_MODEL_UNAVAILABLE", `intent classifier artifact is damaged: ${(err as Error).message}`, { cause: err });
  }
}
