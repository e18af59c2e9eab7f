/**
 * External clustering figures (labels against true classes), defined as in scikit-learn's `adjusted_rand_score`,
 * `normalized_mutual_info_score` (arithmetic mean) and the usual purity. No maintained JS package offers these,
 * so they are written here and tested against worked examples from scikit-learn's user guide.
 */

type Label = string | number;

interface Contingency {
  readonly n: number;
  readonly cells: number[];
  readonly rows: number[];
  readonly cols: number[];
}

function contingency(truth: readonly Label[], predicted: readonly Label[]): Contingency {
  if (truth.length !== predicted.length) throw new RangeError(`truth has ${truth.length} labels, predicted ${predicted.length}`);
  const cell = new Map<string, number>();
  const row = new Map<Label, number>();
  const col = new Map<Label, number>();
  for (let i = 0; i < truth.length; i++) {
    const key = `${typeof truth[i]}:${truth[i]}\u0000${typeof predicted[i]}:${predicted[i]}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    row.set(truth[i], (row.get(truth[i]) ?? 0) + 1);
    col.set(predicted[i], (col.get(predicted[i]) ?? 0) + 1);
  }
  return { n: truth.length, cells: [...cell.values()], rows: [...row.values()], cols: [...col.values()] };
}

const pairs = (x: number) => (x * (x - 1)) / 2;

/**
 * Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, about 0 for random ones, can be negative.
 * @example adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]) // 0.571…
 */
export function adjustedRandIndex(truth: readonly Label[], predicted: readonly Label[]): number {
  const c = contingency(truth, predicted);
  if (c.n === 0) return NaN;
  const index = c.cells.reduce((s, x) => s + pairs(x), 0);
  const a = c.rows.reduce((s, x) => s + pairs(x), 0);
  const b = c.cols.reduce((s, x) => s + pairs(x), 0);
  const expected = (a * b) / pairs(c.n);
  const max = (a + b) / 2;
  // Both partitions trivial in the same way (all one cluster, or all singletons): scikit-learn returns 1.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

function entropy(counts: readonly number[], n: number): number {
  return -counts.reduce((s, x) => (x > 0 ? s + (x / n) * Math.log(x / n) : s), 0);
}

/** Normalised mutual information, MI / mean(H(truth), H(predicted)) (scikit-learn's default "arithmetic"). */
export function normalizedMutualInformation(truth: readonly Label[], predicted: readonly Label[]): number {
  if (truth.length === 0) return NaN;
  const rowOf = new Map<Label, number>();
  const colOf = new Map<Label, number>();
  const joint = new Map<string, { r: Label; c: Label; n: number }>();
  for (let i = 0; i < truth.length; i++) {
    rowOf.set(truth[i], (rowOf.get(truth[i]) ?? 0) + 1);
    colOf.set(predicted[i], (colOf.get(predicted[i]) ?? 0) + 1);
    const key = `${typeof truth[i]}:${truth[i]}\u0000${typeof predicted[i]}:${predicted[i]}`;
    const cell = joint.get(key) ?? { r: truth[i], c: predicted[i], n: 0 };
    cell.n++;
    joint.set(key, cell);
  }
  const n = truth.length;
  const hTruth = entropy([...rowOf.values()], n);
  const hPred = entropy([...colOf.values()], n);
  // One class and one cluster, or both partitions identical and trivial: perfect agreement (scikit-learn).
  if (hTruth === 0 && hPred === 0) return 1;
  let mi = 0;
  for (const { r, c, n: nij } of joint.values()) mi += (nij / n) * Math.log((n * nij) / (rowOf.get(r)! * colOf.get(c)!));
  const denominator = (hTruth + hPred) / 2;
  return denominator === 0 ? 0 : Math.max(0, mi) / denominator;
}

/**
 * Purity: the share of items whose cluster's majority class is their own class. Only items whose predicted
 * label is not `null` count (purity of what was clustered); NaN when none is.
 */
export function purity(truth: readonly Label[], predicted: readonly (Label | null)[]): number {
  if (truth.length !== predicted.length) throw new RangeError(`truth has ${truth.length} labels, predicted ${predicted.length}`);
  const byCluster = new Map<Label, Map<Label, number>>();
  let counted = 0;
  for (let i = 0; i < truth.length; i++) {
    const p = predicted[i];
    if (p === null) continue;
    counted++;
    const m = byCluster.get(p) ?? new Map<Label, number>();
    m.set(truth[i], (m.get(truth[i]) ?? 0) + 1);
    byCluster.set(p, m);
  }
  if (counted === 0) return NaN;
  let majority = 0;
  for (const m of byCluster.values()) majority += Math.max(...m.values());
  return majority / counted;
}
