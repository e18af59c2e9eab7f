/** Evaluation metrics for the customer models. */

/** Area under the ROC curve (probability a random positive outranks a random negative; ties count ½). */
export function rocAuc(scores: readonly number[], labels: readonly (0 | 1 | boolean)[]): number {
  const idx = scores.map((s, i) => i).sort((i, j) => scores[i] - scores[j]);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]]) {
        pos++;
        rankSum += avgRank;
      } else neg++;
    }
    i = j + 1;
  }
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Area under the precision-recall curve as average precision. */
export function averagePrecision(scores: readonly number[], labels: readonly (0 | 1 | boolean)[]): number {
  const idx = scores.map((s, i) => i).sort((i, j) => scores[j] - scores[i]);
  const totalPos = labels.filter(Boolean).length;
  if (totalPos === 0) return NaN;
  let tp = 0;
  let sum = 0;
  idx.forEach((k, rank) => {
    if (labels[k]) {
      tp++;
      sum += tp / (rank + 1);
    }
  });
  return sum / totalPos;
}

/** Brier score: mean squared error of probabilities against 0/1 outcomes. */
export function brierScore(probabilities: readonly number[], labels: readonly (0 | 1 | boolean)[]): number {
  let s = 0;
  for (let i = 0; i < probabilities.length; i++) s += (probabilities[i] - (labels[i] ? 1 : 0)) ** 2;
  return s / probabilities.length;
}

/** Precision@k: share of the top-k recommended ids that are relevant. */
export function precisionAtK(recommended: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  let hits = 0;
  for (const id of recommended.slice(0, k)) if (relevant.has(id)) hits++;
  return hits / k;
}

/** Recall@k: share of the relevant ids found in the top k. */
export function recallAtK(recommended: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return NaN;
  let hits = 0;
  for (const id of recommended.slice(0, k)) if (relevant.has(id)) hits++;
  return hits / relevant.size;
}

/** NDCG@k with binary relevance. */
export function ndcgAtK(recommended: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  let dcg = 0;
  recommended.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let idcg = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
  return idcg === 0 ? NaN : dcg / idcg;
}

/** Mean of the finite values (NaN when there are none). */
export function mean(values: readonly number[]): number {
  const v = values.filter(Number.isFinite);
  return v.length === 0 ? NaN : v.reduce((a, b) => a + b, 0) / v.length;
}
