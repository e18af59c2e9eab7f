/** One validation prediction used to calibrate out-of-scope rejection. */
export interface OosCalibrationSample {
  /** Top in-scope probability of the prediction. */
  readonly confidence: number;
  /** The predicted in-scope label is the true label (always false for an out-of-scope row). */
  readonly correct: boolean;
  /** The row is truly out of scope. */
  readonly outOfScope: boolean;
  /** The model already predicted its explicit out-of-scope class. */
  readonly predictedOutOfScope?: boolean;
}

/** Options for calibrateOosThreshold. */
export interface OosCalibrationOptions {
  /** With no out-of-scope rows: reject this fraction of in-scope validation rows, the least confident (default 0.03). */
  readonly inScopeRejection?: number;
  /**
   * With out-of-scope rows: the share of out-of-scope messages expected in real traffic (default 0.2, close to the
   * 18 % in CLINC150's test set). The threshold maximises (1 - share) × in-scope accuracy + share × oos recall.
   */
  readonly expectedOosShare?: number;
  /** Highest threshold the quantile method may choose (default 0.5). */
  readonly maxWithoutOos?: number;
  /** Lowest threshold allowed (default 0: the caller usually passes 1 / number of intents). */
  readonly min?: number;
  /** Highest threshold allowed (default 0.99). */
  readonly max?: number;
}

/** The chosen threshold and how it was chosen, with validation figures at that threshold. */
export interface OosCalibration {
  readonly threshold: number;
  readonly method: "expected-accuracy" | "quantile";
  readonly validationInScopeAccuracy: number;
  readonly validationOosRecall: number;
}

function figures(samples: readonly OosCalibrationSample[], t: number): { inScopeAccuracy: number; oosRecall: number } {
  let inScope = 0;
  let inScopeOk = 0;
  let oos = 0;
  let oosCaught = 0;
  for (const s of samples) {
    const rejected = s.predictedOutOfScope === true || s.confidence < t;
    if (s.outOfScope) {
      oos++;
      if (rejected) oosCaught++;
    } else {
      inScope++;
      if (!rejected && s.correct) inScopeOk++;
    }
  }
  return { inScopeAccuracy: inScope ? inScopeOk / inScope : NaN, oosRecall: oos ? oosCaught / oos : NaN };
}

/**
 * Choose the confidence below which a message is out of scope. With out-of-scope validation rows, maximise the
 * expected accuracy on traffic with `expectedOosShare` out-of-scope messages, from in-scope accuracy and out-of-scope
 * recall (the two figures Larson et al. 2019 report), since the validation split's own share (3 % in CLINC150) is
 * not what a shop sees; without
 * them, reject a fixed small fraction of in-scope validation rows (the `oos-threshold` scheme of Larson et al.,
 * https://aclanthology.org/D19-1131).
 * @example calibrateOosThreshold(samples, { min: 1 / 77 }).threshold
 */
export function calibrateOosThreshold(samples: readonly OosCalibrationSample[], options: OosCalibrationOptions = {}): OosCalibration {
  const min = options.min ?? 0;
  const max = options.max ?? 0.99;
  if (!(min >= 0 && max <= 1 && min <= max)) throw new Error("threshold bounds must satisfy 0 <= min <= max <= 1");
  const clamp = (t: number) => Math.min(max, Math.max(min, t));
  const inScope = samples.filter((s) => !s.outOfScope);
  const hasOos = samples.some((s) => s.outOfScope);
  if (inScope.length === 0) {
    return { threshold: clamp(0.5), method: "quantile", validationInScopeAccuracy: NaN, validationOosRecall: NaN };
  }
  if (!hasOos) {
    const rate = options.inScopeRejection ?? 0.03;
    if (!(rate >= 0 && rate < 1)) throw new Error("inScopeRejection must be in [0, 1)");
    const conf = inScope.map((s) => s.confidence).sort((a, b) => a - b);
    const k = Math.floor(rate * conf.length);
    // Threshold sits at the k-th smallest confidence: the k rows below it are rejected.
    // Without out-of-scope rows nothing says how unsure an off-topic message makes the model, and with everything
    // confident the quantile alone would reject any hesitation; the cap accepts an intent more likely than all the
    // others together.
    const threshold = Math.min(clamp(k === 0 ? conf[0] : conf[k]), Math.max(min, options.maxWithoutOos ?? 0.5));
    const f = figures(samples, threshold);
    return { threshold, method: "quantile", validationInScopeAccuracy: f.inScopeAccuracy, validationOosRecall: f.oosRecall };
  }
  const candidates = [...new Set(samples.map((s) => clamp(s.confidence)).concat([min, max]))].sort((a, b) => a - b);
  const share = options.expectedOosShare ?? 0.2;
  if (!(share > 0 && share < 1)) throw new Error("expectedOosShare must be in (0, 1)");
  let best = { t: min, score: -Infinity, f: figures(samples, min) };
  for (const t of candidates) {
    const f = figures(samples, t);
    const score = (1 - share) * f.inScopeAccuracy + share * f.oosRecall;
    if (score > best.score) best = { t, score, f };
  }
  return { threshold: best.t, method: "expected-accuracy", validationInScopeAccuracy: best.f.inScopeAccuracy, validationOosRecall: best.f.oosRecall };
}
