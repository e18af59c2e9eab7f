import { dot } from "../embedder.ts";
import { stemOf, topicTerms, topicWords } from "./text.ts";

/** One distinct question text of a group with how often it was asked. */
export interface WeightedText {
  readonly text: string;
  readonly weight: number;
}

/**
 * Class-based TF-IDF (c-TF-IDF, as in BERTopic: M. Grootendorst, arXiv:2203.05794, eq. 1) over groups of
 * questions: W(t, c) = tf(t, c) / |c| · log(1 + A / f(t)), where tf counts the questions of group c holding term t,
 * |c| is the group's term count, A the average term count per group and f(t) the term's count over all groups.
 * Returns, per group, its terms best first; a term must occur in at least a fifth of a group's questions, so one
 * odd question cannot name the group.
 */
export function classTfidfTerms(groups: readonly (readonly WeightedText[])[], topK = 5): string[][] {
  const perGroup = groups.map((texts) => {
    const tf = new Map<string, number>();
    for (const { text, weight } of texts) for (const term of topicTerms(text)) tf.set(term, (tf.get(term) ?? 0) + weight);
    return tf;
  });
  const total = new Map<string, number>();
  let allTerms = 0;
  for (const tf of perGroup) {
    for (const [term, c] of tf) {
      total.set(term, (total.get(term) ?? 0) + c);
      allTerms += c;
    }
  }
  const avg = allTerms / Math.max(1, groups.length);
  return perGroup.map((tf, g) => {
    const questions = groups[g].reduce((s, x) => s + x.weight, 0);
    const support = Math.max(1, Math.ceil(0.2 * questions));
    const size = [...tf.values()].reduce((s, c) => s + c, 0) || 1;
    const scored = [...tf]
      .filter(([, c]) => c >= support)
      .map(([term, c]) => ({ term, score: (c / size) * Math.log(1 + avg / total.get(term)!) }))
      .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
    return scored.slice(0, topK).map((s) => s.term);
  });
}

/**
 * A short title from a group's top terms: up to `maxWords` words of the best terms (one form per stem, so not
 * "gift wrap wrapping"), in the order they appear in the group's most central question, first letter capitalised
 * ("Refund damaged item").
 * Falls back to the central question itself when no term qualified.
 */
export function titleFromTerms(terms: readonly string[], medoidText: string, maxWords = 4): string {
  const words: string[] = [];
  const stems = new Set<string>();
  for (const term of terms) {
    const fresh = term.split(" ").filter((w) => !stems.has(stemOf(w)));
    if (fresh.length === 0) continue;
    if (words.length + fresh.length > maxWords) break;
    words.push(...fresh);
    for (const w of fresh) stems.add(stemOf(w));
    if (words.length >= 3) break;
  }
  if (words.length === 0) return medoidText.length > 60 ? `${medoidText.slice(0, 57)}…` : medoidText;
  const order = topicWords(medoidText);
  const pos = (w: string) => {
    const i = order.indexOf(w);
    return i === -1 ? order.length + words.indexOf(w) : i;
  };
  const title = [...words].sort((a, b) => pos(a) - pos(b)).join(" ");
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/**
 * Pick up to `k` central yet different questions by maximal marginal relevance (Carbonell & Goldstein, SIGIR 1998):
 * each step takes the candidate maximising λ·centrality − (1 − λ)·(highest similarity to one already taken).
 * `centrality[i]` is candidate i's cosine to the group centroid. Returns candidate indices.
 */
export function diverseCentral(vectors: readonly Float32Array[], centrality: readonly number[], k: number, lambda = 0.6): number[] {
  const chosen: number[] = [];
  const maxSim = new Float64Array(vectors.length).fill(-Infinity);
  while (chosen.length < Math.min(k, vectors.length)) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < vectors.length; i++) {
      if (chosen.includes(i)) continue;
      const redundancy = chosen.length === 0 ? 0 : maxSim[i];
      const score = lambda * centrality[i] - (1 - lambda) * redundancy;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    chosen.push(best);
    for (let i = 0; i < vectors.length; i++) maxSim[i] = Math.max(maxSim[i], dot(vectors[i], vectors[best]));
  }
  return chosen;
}
