/** Classification figures shared by the evaluation scripts. */

/** Fraction of positions where predicted equals gold. */
export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  if (gold.length !== predicted.length) throw new Error("gold and predicted differ in length");
  if (gold.length === 0) return NaN;
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) ok++;
  return ok / gold.length;
}

/** Macro-averaged F1 over every label seen in gold or predicted (as scikit-learn's f1_score(average="macro")). */
export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  if (gold.length !== predicted.length) throw new Error("gold and predicted differ in length");
  const labels = new Set([...gold, ...predicted]);
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  for (let i = 0; i < gold.length; i++) {
    if (gold[i] === predicted[i]) tp.set(gold[i], (tp.get(gold[i]) ?? 0) + 1);
    else {
      fp.set(predicted[i], (fp.get(predicted[i]) ?? 0) + 1);
      fn.set(gold[i], (fn.get(gold[i]) ?? 0) + 1);
    }
  }
  let sum = 0;
  for (const l of labels) {
    const t = tp.get(l) ?? 0;
    const denom = 2 * t + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    sum += denom === 0 ? 0 : (2 * t) / denom;
  }
  return labels.size ? sum / labels.size : NaN;
}

/** Nearest-rank percentile (p in [0, 100]) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
