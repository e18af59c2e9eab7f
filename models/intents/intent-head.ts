import { createRandom, gaussian, shuffleInPlace, type Random } from "./random.ts";

/** A sparse vector: ascending feature indices with their values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** One input row for the head: a dense vector (a sentence embedding), sparse features (TF-IDF), or both. */
export interface HeadInput {
  readonly dense?: Float32Array;
  readonly sparse?: SparseVector;
}

/** Training options for the softmax head. */
export interface IntentHeadOptions {
  /** Hidden ReLU units on the dense input; 0 gives multinomial logistic regression (default 0). */
  readonly hidden?: number;
  /** Maximum epochs (default 40). */
  readonly epochs?: number;
  /** Mini-batch size (default 32). */
  readonly batchSize?: number;
  /** Adam step size (default 0.003). */
  readonly learningRate?: number;
  /** Decoupled weight decay per step, AdamW-style (default 1e-4). */
  readonly weightDecay?: number;
  /** Stop after this many epochs without validation improvement (default 4). */
  readonly patience?: number;
  /** Fraction of each label held out for early stopping when no validation set is given (default 0.1). */
  readonly validationFraction?: number;
  /** Label smoothing for the cross-entropy target (default 0). */
  readonly labelSmoothing?: number;
  /** Dropout on the hidden layer while training (default 0). */
  readonly dropout?: number;
  /** After early stopping on a carved-out split, retrain on all rows for the best epoch count (default false). */
  readonly refit?: boolean;
  /** Random seed; training is deterministic for a seed (default 1). */
  readonly seed?: number;
  /** Called after each epoch (for progress reporting). */
  readonly onEpoch?: (epoch: number, validation: { loss: number; accuracy: number }) => void;
}

/** Training summary kept with the artifact. */
export interface IntentHeadMetrics {
  readonly epochsRun: number;
  readonly bestEpoch: number;
  readonly validationAccuracy: number;
  readonly validationLoss: number;
  readonly validationSize: number;
  readonly trainSize: number;
}

/** The saved head: shapes, standardisation and weights (base64 float32). */
export interface IntentHeadArtifact {
  readonly kind: "softmax-head";
  readonly version: 1;
  readonly labels: readonly string[];
  readonly denseDim: number;
  readonly sparseDim: number;
  readonly hidden: number;
  readonly mean: string;
  readonly scale: string;
  readonly weights: Readonly<Record<string, string>>;
  readonly metrics: IntentHeadMetrics;
}

/** A trained softmax head over dense and/or sparse features. */
export interface IntentHead {
  readonly labels: readonly string[];
  readonly denseDim: number;
  readonly sparseDim: number;
  readonly metrics: IntentHeadMetrics;
  /** Class probabilities (sum to 1), in `labels` order. */
  predictProba(input: HeadInput): Float32Array;
  /** Saveable artifact. */
  toArtifact(): IntentHeadArtifact;
}

/** Validation rows given explicitly (instead of a carved-out fraction). */
export interface HeadValidation {
  readonly inputs: readonly HeadInput[];
  readonly labels: readonly string[];
}

interface Params {
  w1: Float32Array; // hidden × denseDim (hidden > 0)
  b1: Float32Array; // hidden
  wd: Float32Array; // classes × (hidden || denseDim)
  ws: Float32Array; // sparseDim × classes (feature-major so a sparse row is contiguous)
  b: Float32Array; // classes
}

interface Shape {
  classes: number;
  denseDim: number;
  sparseDim: number;
  hidden: number;
}

const PARAM_NAMES = ["w1", "b1", "wd", "ws", "b"] as const;

function encode(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

function decode(s: string, expected: number, what: string): Float32Array {
  const buf = Buffer.from(s, "base64");
  if (buf.byteLength !== expected * 4) throw new Error(`head artifact: ${what} has ${buf.byteLength / 4} values, expected ${expected}`);
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

function sizes(s: Shape): Record<(typeof PARAM_NAMES)[number], number> {
  const inner = s.hidden > 0 ? s.hidden : s.denseDim;
  return {
    w1: s.hidden * s.denseDim,
    b1: s.hidden,
    wd: s.classes * inner,
    ws: s.sparseDim * s.classes,
    b: s.classes,
  };
}

function allocate(s: Shape): Params {
  const z = sizes(s);
  return { w1: new Float32Array(z.w1), b1: new Float32Array(z.b1), wd: new Float32Array(z.wd), ws: new Float32Array(z.ws), b: new Float32Array(z.b) };
}

function cloneParams(p: Params): Params {
  return { w1: p.w1.slice(), b1: p.b1.slice(), wd: p.wd.slice(), ws: p.ws.slice(), b: p.b.slice() };
}

/** Scratch buffers for one forward pass. */
interface Scratch {
  x: Float32Array;
  h: Float32Array;
  logits: Float32Array;
}

function makeScratch(s: Shape): Scratch {
  return { x: new Float32Array(s.denseDim), h: new Float32Array(s.hidden), logits: new Float32Array(s.classes) };
}

/** Forward pass; leaves standardised input in sc.x, hidden activations in sc.h and probabilities in sc.logits. */
function forward(s: Shape, p: Params, mean: Float32Array, scale: Float32Array, input: HeadInput, sc: Scratch, dropMask?: Uint8Array, keep = 1): void {
  const C = s.classes;
  const D = s.denseDim;
  const H = s.hidden;
  const out = sc.logits;
  out.set(p.b);
  if (D > 0) {
    const dense = input.dense!;
    const x = sc.x;
    for (let i = 0; i < D; i++) x[i] = (dense[i] - mean[i]) * scale[i];
    if (H > 0) {
      const h = sc.h;
      for (let j = 0; j < H; j++) {
        let a = p.b1[j];
        const row = j * D;
        for (let i = 0; i < D; i++) a += p.w1[row + i] * x[i];
        a = a > 0 ? a : 0;
        if (dropMask) a = dropMask[j] ? a / keep : 0;
        h[j] = a;
      }
      for (let c = 0; c < C; c++) {
        let a = 0;
        const row = c * H;
        for (let j = 0; j < H; j++) a += p.wd[row + j] * h[j];
        out[c] += a;
      }
    } else {
      for (let c = 0; c < C; c++) {
        let a = 0;
        const row = c * D;
        for (let i = 0; i < D; i++) a += p.wd[row + i] * x[i];
        out[c] += a;
      }
    }
  }
  if (s.sparseDim > 0 && input.sparse) {
    const { indices, values } = input.sparse;
    for (let k = 0; k < indices.length; k++) {
      const row = indices[k] * C;
      const v = values[k];
      for (let c = 0; c < C; c++) out[c] += v * p.ws[row + c];
    }
  }
  let max = -Infinity;
  for (let c = 0; c < C; c++) if (out[c] > max) max = out[c];
  let sum = 0;
  for (let c = 0; c < C; c++) {
    out[c] = Math.exp(out[c] - max);
    sum += out[c];
  }
  for (let c = 0; c < C; c++) out[c] /= sum;
}

function validateInputs(inputs: readonly HeadInput[], s: Shape): void {
  inputs.forEach((r, n) => {
    if (s.denseDim > 0 && (!r.dense || r.dense.length !== s.denseDim)) throw new Error(`row ${n}: dense vector must have length ${s.denseDim}`);
    if (s.sparseDim === 0 && r.sparse) throw new Error(`row ${n}: sparse features given but the head has none`);
    if (r.sparse) {
      const { indices } = r.sparse;
      for (let k = 0; k < indices.length; k++) {
        if (indices[k] < 0 || indices[k] >= s.sparseDim) throw new Error(`row ${n}: sparse index ${indices[k]} outside [0, ${s.sparseDim})`);
      }
    }
  });
}

/** Per-label stratified split of row numbers into train and validation. */
function stratifiedSplit(labels: readonly number[], fraction: number, rand: Random): { train: number[]; val: number[] } {
  const byLabel = new Map<number, number[]>();
  labels.forEach((l, i) => {
    const list = byLabel.get(l) ?? [];
    list.push(i);
    byLabel.set(l, list);
  });
  const train: number[] = [];
  const val: number[] = [];
  for (const rows of byLabel.values()) {
    shuffleInPlace(rows, rand);
    // Keep at least one training row per label; tiny labels contribute no validation rows.
    const nVal = rows.length >= 3 ? Math.max(1, Math.round(rows.length * fraction)) : 0;
    val.push(...rows.slice(0, nVal));
    train.push(...rows.slice(nVal));
  }
  train.sort((a, b) => a - b);
  val.sort((a, b) => a - b);
  return { train, val };
}

interface FitResult {
  params: Params;
  epochsRun: number;
  bestEpoch: number;
  valLoss: number;
  valAccuracy: number;
}

/** Mini-batch AdamW with lazy (touched-rows-only) updates for the sparse weights and early stopping on validation. */
function fit(
  s: Shape,
  mean: Float32Array,
  scale: Float32Array,
  rows: readonly HeadInput[],
  y: readonly number[],
  val: { rows: readonly HeadInput[]; y: readonly number[] } | undefined,
  opts: Required<Omit<IntentHeadOptions, "onEpoch" | "refit" | "validationFraction">> & Pick<IntentHeadOptions, "onEpoch">,
  fixedEpochs: number | undefined,
  rand: Random,
): FitResult {
  const C = s.classes;
  const D = s.denseDim;
  const H = s.hidden;
  const inner = H > 0 ? H : D;
  const p = allocate(s);
  if (H > 0) {
    // He initialisation for the ReLU layer, Glorot-like for the output layer.
    const s1 = Math.sqrt(2 / D);
    for (let i = 0; i < p.w1.length; i++) p.w1[i] = gaussian(rand) * s1;
    const s2 = Math.sqrt(1 / H);
    for (let i = 0; i < p.wd.length; i++) p.wd[i] = gaussian(rand) * s2;
  }
  const g = allocate(s);
  const m = allocate(s);
  const v = allocate(s);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const lr = opts.learningRate;
  const wdDecay = opts.weightDecay;
  const smooth = opts.labelSmoothing;
  const keep = 1 - opts.dropout;
  const sc = makeScratch(s);
  const delta = new Float32Array(C);
  const dh = new Float32Array(H);
  const dropMask = H > 0 && opts.dropout > 0 ? new Uint8Array(H) : undefined;
  const touched = new Uint8Array(s.sparseDim);
  const touchedList: number[] = [];
  let step = 0;

  const adam = (w: Float32Array, gw: Float32Array, mw: Float32Array, vw: Float32Array, from: number, to: number, bc1: number, bc2: number, decay: boolean) => {
    for (let i = from; i < to; i++) {
      const gi = gw[i];
      mw[i] = beta1 * mw[i] + (1 - beta1) * gi;
      vw[i] = beta2 * vw[i] + (1 - beta2) * gi * gi;
      const upd = (mw[i] / bc1) / (Math.sqrt(vw[i] / bc2) + eps);
      w[i] -= lr * (upd + (decay ? wdDecay * w[i] : 0));
      gw[i] = 0;
    }
  };

  const evaluate = (params: Params): { loss: number; accuracy: number } => {
    if (!val || val.rows.length === 0) return { loss: NaN, accuracy: NaN };
    let loss = 0;
    let correct = 0;
    val.rows.forEach((r, n) => {
      forward(s, params, mean, scale, r, sc);
      const probs = sc.logits;
      loss -= Math.log(Math.max(probs[val.y[n]], 1e-12));
      let best = 0;
      for (let c = 1; c < C; c++) if (probs[c] > probs[best]) best = c;
      if (best === val.y[n]) correct++;
    });
    return { loss: loss / val.rows.length, accuracy: correct / val.rows.length };
  };

  const order = rows.map((_, i) => i);
  const maxEpochs = fixedEpochs ?? opts.epochs;
  let best: { params: Params; epoch: number; loss: number; accuracy: number } | undefined;
  let sinceBest = 0;
  let epochsRun = 0;
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    epochsRun = epoch;
    shuffleInPlace(order, rand);
    for (let start = 0; start < order.length; start += opts.batchSize) {
      const end = Math.min(order.length, start + opts.batchSize);
      const inv = 1 / (end - start);
      for (let t = start; t < end; t++) {
        const n = order[t];
        const r = rows[n];
        if (dropMask) for (let j = 0; j < H; j++) dropMask[j] = rand() < keep ? 1 : 0;
        forward(s, p, mean, scale, r, sc, dropMask, keep);
        const probs = sc.logits;
        for (let c = 0; c < C; c++) {
          const target = (c === y[n] ? 1 - smooth : 0) + smooth / C;
          delta[c] = (probs[c] - target) * inv;
          g.b[c] += delta[c];
        }
        if (D > 0) {
          const feat = H > 0 ? sc.h : sc.x;
          for (let c = 0; c < C; c++) {
            const dc = delta[c];
            if (dc === 0) continue;
            const row = c * inner;
            for (let i = 0; i < inner; i++) g.wd[row + i] += dc * feat[i];
          }
          if (H > 0) {
            for (let j = 0; j < H; j++) {
              if (sc.h[j] <= 0) {
                dh[j] = 0;
                continue;
              }
              let a = 0;
              for (let c = 0; c < C; c++) a += p.wd[c * H + j] * delta[c];
              dh[j] = dropMask ? a / keep : a;
            }
            const x = sc.x;
            for (let j = 0; j < H; j++) {
              const dj = dh[j];
              if (dj === 0) continue;
              g.b1[j] += dj;
              const row = j * D;
              for (let i = 0; i < D; i++) g.w1[row + i] += dj * x[i];
            }
          }
        }
        if (r.sparse && s.sparseDim > 0) {
          const { indices, values } = r.sparse;
          for (let k = 0; k < indices.length; k++) {
            const f = indices[k];
            if (!touched[f]) {
              touched[f] = 1;
              touchedList.push(f);
            }
            const row = f * C;
            const val0 = values[k];
            for (let c = 0; c < C; c++) g.ws[row + c] += val0 * delta[c];
          }
        }
      }
      step++;
      const bc1 = 1 - Math.pow(beta1, step);
      const bc2 = 1 - Math.pow(beta2, step);
      adam(p.b, g.b, m.b, v.b, 0, C, bc1, bc2, false);
      if (D > 0) adam(p.wd, g.wd, m.wd, v.wd, 0, p.wd.length, bc1, bc2, true);
      if (H > 0) {
        adam(p.w1, g.w1, m.w1, v.w1, 0, p.w1.length, bc1, bc2, true);
        adam(p.b1, g.b1, m.b1, v.b1, 0, H, bc1, bc2, false);
      }
      // Lazy Adam: only the sparse rows this batch touched move (as TensorFlow's LazyAdam does).
      for (const f of touchedList) {
        adam(p.ws, g.ws, m.ws, v.ws, f * C, (f + 1) * C, bc1, bc2, true);
        touched[f] = 0;
      }
      touchedList.length = 0;
    }
    if (fixedEpochs !== undefined) continue;
    const ev = evaluate(p);
    opts.onEpoch?.(epoch, ev);
    if (Number.isNaN(ev.loss)) continue;
    // An epoch improves on the best when validation accuracy rises, or holds while the loss falls by over 1 %.
    if (!best || ev.accuracy > best.accuracy || (ev.accuracy === best.accuracy && ev.loss < best.loss * 0.99)) {
      best = { params: cloneParams(p), epoch, loss: ev.loss, accuracy: ev.accuracy };
      sinceBest = 0;
    } else if (++sinceBest >= opts.patience) {
      break;
    }
  }
  if (best) return { params: best.params, epochsRun, bestEpoch: best.epoch, valLoss: best.loss, valAccuracy: best.accuracy };
  return { params: p, epochsRun, bestEpoch: epochsRun, valLoss: NaN, valAccuracy: NaN };
}

function makeHead(labels: readonly string[], s: Shape, mean: Float32Array, scale: Float32Array, params: Params, metrics: IntentHeadMetrics): IntentHead {
  const sc = makeScratch(s);
  return {
    labels,
    denseDim: s.denseDim,
    sparseDim: s.sparseDim,
    metrics,
    predictProba(input) {
      validateInputs([input], s);
      forward(s, params, mean, scale, input, sc);
      return sc.logits.slice();
    },
    toArtifact() {
      const weights: Record<string, string> = {};
      for (const name of PARAM_NAMES) weights[name] = encode(params[name]);
      return { kind: "softmax-head", version: 1, labels: [...labels], denseDim: s.denseDim, sparseDim: s.sparseDim, hidden: s.hidden, mean: encode(mean), scale: encode(scale), weights, metrics };
    },
  };
}

/**
 * Train a softmax classifier (multinomial logistic regression, or a one-hidden-layer MLP on the dense part) with
 * mini-batch AdamW, optional label smoothing and early stopping. Dense inputs are standardised per dimension.
 * Inputs may be synthetic vectors; no embedder is needed.
 * @example const head = trainIntentHead(vectors.map((dense) => ({ dense })), labels, { seed: 7 });
 */
export function trainIntentHead(
  inputs: readonly HeadInput[],
  labels: readonly string[],
  options: IntentHeadOptions & { sparseDim?: number; validation?: HeadValidation } = {},
): IntentHead {
  if (inputs.length === 0) throw new Error("no training rows");
  if (inputs.length !== labels.length) throw new Error(`${inputs.length} rows but ${labels.length} labels`);
  const labelList = [...new Set(labels)].sort();
  if (labelList.length < 2) throw new Error("need at least two distinct labels");
  const labelIndex = new Map(labelList.map((l, i) => [l, i]));
  const denseDim = inputs[0].dense?.length ?? 0;
  const sparseDim = options.sparseDim ?? 0;
  if (denseDim === 0 && sparseDim === 0) throw new Error("rows have neither dense vectors nor a sparseDim");
  const shape: Shape = { classes: labelList.length, denseDim, sparseDim, hidden: denseDim > 0 ? (options.hidden ?? 0) : 0 };
  validateInputs(inputs, shape);
  const opts = {
    hidden: shape.hidden,
    epochs: options.epochs ?? 40,
    batchSize: options.batchSize ?? 32,
    learningRate: options.learningRate ?? 0.003,
    weightDecay: options.weightDecay ?? 1e-4,
    patience: options.patience ?? 4,
    labelSmoothing: options.labelSmoothing ?? 0,
    dropout: options.dropout ?? 0,
    seed: options.seed ?? 1,
    onEpoch: options.onEpoch,
  };
  for (const [k, val] of Object.entries(opts)) {
    if (typeof val === "number" && (!Number.isFinite(val) || val < 0)) throw new Error(`option ${k} must be a finite non-negative number`);
  }
  if (opts.batchSize < 1 || opts.epochs < 1) throw new Error("batchSize and epochs must be at least 1");
  if (opts.dropout >= 1 || opts.labelSmoothing >= 1) throw new Error("dropout and labelSmoothing must be below 1");
  const rand = createRandom(opts.seed);
  const y = labels.map((l) => labelIndex.get(l)!);

  let trainRows: HeadInput[];
  let trainY: number[];
  let val: { rows: HeadInput[]; y: number[] } | undefined;
  let carved = false;
  if (options.validation) {
    validateInputs(options.validation.inputs, shape);
    const known = options.validation.labels.map((l) => labelIndex.get(l));
    // Validation rows with labels unseen in training cannot be scored by the head; they are left out here.
    const keepRows = known.map((k, i) => (k === undefined ? -1 : i)).filter((i) => i >= 0);
    val = { rows: keepRows.map((i) => options.validation!.inputs[i]), y: keepRows.map((i) => known[i]!) };
    trainRows = [...inputs];
    trainY = y;
  } else {
    const fraction = options.validationFraction ?? 0.1;
    if (!(fraction >= 0 && fraction < 1)) throw new Error("validationFraction must be in [0, 1)");
    const split = fraction > 0 ? stratifiedSplit(y, fraction, rand) : { train: y.map((_, i) => i), val: [] };
    carved = split.val.length > 0;
    trainRows = split.train.map((i) => inputs[i]);
    trainY = split.train.map((i) => y[i]);
    val = carved ? { rows: split.val.map((i) => inputs[i]), y: split.val.map((i) => y[i]) } : undefined;
  }

  // Per-dimension standardisation of the dense input, fitted on training rows.
  const mean = new Float32Array(denseDim);
  const scale = new Float32Array(denseDim).fill(1);
  if (denseDim > 0) {
    const sq = new Float64Array(denseDim);
    const sum = new Float64Array(denseDim);
    for (const r of trainRows) for (let i = 0; i < denseDim; i++) {
      sum[i] += r.dense![i];
      sq[i] += r.dense![i] * r.dense![i];
    }
    const n = trainRows.length;
    for (let i = 0; i < denseDim; i++) {
      mean[i] = sum[i] / n;
      const variance = Math.max(sq[i] / n - mean[i] * mean[i], 0);
      scale[i] = 1 / Math.sqrt(variance + 1e-8);
    }
  }

  let result = fit(shape, mean, scale, trainRows, trainY, val, opts, undefined, rand);
  let trainSize = trainRows.length;
  if (options.refit && carved) {
    const best = result;
    result = fit(shape, mean, scale, inputs, y, undefined, opts, best.bestEpoch, createRandom(opts.seed + 1));
    result = { ...result, bestEpoch: best.bestEpoch, valLoss: best.valLoss, valAccuracy: best.valAccuracy, epochsRun: best.epochsRun };
    trainSize = inputs.length;
  }
  const metrics: IntentHeadMetrics = {
    epochsRun: result.epochsRun,
    bestEpoch: result.bestEpoch,
    validationAccuracy: result.valAccuracy,
    validationLoss: result.valLoss,
    validationSize: val?.rows.length ?? 0,
    trainSize,
  };
  return makeHead(labelList, shape, mean, scale, result.params, metrics);
}

/** Rebuild a head from its artifact; throws on shape mismatches. */
export function loadIntentHead(artifact: IntentHeadArtifact): IntentHead {
  if (artifact.kind !== "softmax-head" || artifact.version !== 1) throw new Error("not a softmax-head v1 artifact");
  const shape: Shape = { classes: artifact.labels.length, denseDim: artifact.denseDim, sparseDim: artifact.sparseDim, hidden: artifact.hidden };
  const z = sizes(shape);
  const params = {} as Params;
  for (const name of PARAM_NAMES) params[name] = decode(artifact.weights[name] ?? "", z[name], name);
  return makeHead(
    [...artifact.labels],
    shape,
    decode(artifact.mean, shape.denseDim, "mean"),
    decode(artifact.scale, shape.denseDim, "scale"),
    params,
    artifact.metrics,
  );
}
