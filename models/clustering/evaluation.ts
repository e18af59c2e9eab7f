/**
 * Pieces of the clustering evaluation (`npm run eval:clustering`) that are not I/O: scoring a clustering against
 * true intents, long-tail sub-samples that look like a shop's unanswered questions, and the dismissal simulation.
 */
import type { Random } from "../random.ts";
import { shuffled } from "../random.ts";
import { clusterQuestions } from "./cluster-questions.ts";
import { isDismissed } from "./dismissal.ts";
import { adjustedRandIndex, normalizedMutualInformation, purity } from "./metrics.ts";
import type { ClusterQuestionsOptions, ClusteringResult, EmbedTexts, UnansweredQuestion } from "./types.ts";

/** Figures of one clustering against the true labels. */
export interface ClusteringScore {
  /** Adjusted Rand index; every text in no cluster counts as its own cluster. */
  readonly ari: number;
  /** Normalised mutual information, same convention. */
  readonly nmi: number;
  /** Purity of the texts that are in a cluster. */
  readonly purity: number;
  /** Share of texts in a cluster. */
  readonly coverage: number;
  /** Clusters with at least 2 texts, and with at least 5. */
  readonly clusters: number;
  readonly clustersOf5: number;
  /** Distinct true labels. */
  readonly trueGroups: number;
  /** Share of true groups (with ≥ 3 texts) that are the majority label of at least one cluster. */
  readonly groupsSurfaced: number;
  /** Pair counting: of the pairs put in one cluster, the share with one true label; of the same-label pairs, the share put together. */
  readonly pairPrecision: number;
  readonly pairRecall: number;
  /**
   * Pairwise F0.5 (precision weighted twice as much as recall): a cluster mixing two topics misleads the owner,
   * a topic split in two only shows twice. The cut is chosen by this figure.
   */
  readonly pairF05: number;
}

const pairs = (x: number) => (x * (x - 1)) / 2;

/**
 * Score predicted cluster labels (`null`: in no cluster) against true labels. Pass `noise` to mark texts whose
 * truth is "like no other" (each counts as its own true group; they are left out of trueGroups and surfacing).
 */
export function scoreLabels(truth: readonly string[], predicted: readonly (string | number | null)[], noise?: readonly boolean[]): ClusteringScore {
  const truthOrNoise = truth.map((t, i) => (noise?.[i] ? `noise:${i}` : `t:${t}`));
  const asSingletons = predicted.map((p, i) => (p === null ? `alone:${i}` : `c:${p}`));
  const sizes = new Map<string, number>();
  for (const p of predicted) if (p !== null) sizes.set(String(p), (sizes.get(String(p)) ?? 0) + 1);
  const groupSize = new Map<string, number>();
  truth.forEach((t, i) => noise?.[i] || groupSize.set(t, (groupSize.get(t) ?? 0) + 1));
  const byCluster = new Map<string, Map<string, number>>();
  predicted.forEach((p, i) => {
    if (p === null) return;
    const m = byCluster.get(String(p)) ?? new Map<string, number>();
    m.set(truthOrNoise[i], (m.get(truthOrNoise[i]) ?? 0) + 1);
    byCluster.set(String(p), m);
  });
  const majorities = new Set([...byCluster.values()].map((m) => [...m].sort((a, b) => b[1] - a[1])[0][0]));
  let together = 0;
  for (const m of byCluster.values()) for (const [label, n] of m) if (!label.startsWith("noise:")) together += pairs(n);
  const predictedPairs = [...sizes.values()].reduce((a, n) => a + pairs(n), 0);
  const truePairs = [...groupSize.values()].reduce((a, n) => a + pairs(n), 0);
  const pairPrecision = predictedPairs ? together / predictedPairs : NaN;
  const pairRecall = truePairs ? together / truePairs : NaN;
  const big = [...groupSize].filter(([, n]) => n >= 3).map(([t]) => t);
  return {
    ari: adjustedRandIndex(truthOrNoise, asSingletons),
    nmi: normalizedMutualInformation(truthOrNoise, asSingletons),
    purity: purity(truthOrNoise, predicted.map((p) => (p === null ? null : String(p)))),
    coverage: predicted.filter((p) => p !== null).length / Math.max(1, predicted.length),
    clusters: [...sizes.values()].filter((n) => n >= 2).length,
    clustersOf5: [...sizes.values()].filter((n) => n >= 5).length,
    trueGroups: groupSize.size,
    groupsSurfaced: big.length ? big.filter((t) => majorities.has(`t:${t}`)).length / big.length : NaN,
    pairPrecision,
    pairRecall,
    pairF05: pairPrecision + pairRecall > 0 ? (1.25 * pairPrecision * pairRecall) / (0.25 * pairPrecision + pairRecall) : 0,
  };
}

/** Cluster keys per question id (`null`: unclustered), in the order of `items`. */
export function clusterLabels(result: ClusteringResult, items: readonly UnansweredQuestion[]): (string | null)[] {
  const of = new Map<string, string>();
  for (const c of result.clusters) for (const m of c.members) of.set(m, c.key);
  return items.map((q) => of.get(q.id) ?? null);
}

/** Texts as unanswered questions with reproducible times spread over `days` days before 2025-06-30. */
export function asQuestions(texts: readonly string[], rand: Random, days = 60): UnansweredQuestion[] {
  const end = Date.UTC(2025, 5, 30);
  return texts.map((text, i) => ({ id: `q${i}`, text, at: new Date(end - Math.floor(rand() * days * 86_400_000)).toISOString(), kind: "fallback" }));
}

/** Options of longTailSample. */
export interface LongTailOptions {
  /** How many intents to draw (default 30). */
  readonly intents?: number;
  /** Zipf exponent of the group sizes: the intent of rank r gets ⌈largest · r^−s⌉ texts (default 0.8). */
  readonly exponent?: number;
  /** One-off texts added, as a share of the intent texts (default 0.1). */
  readonly noiseShare?: number;
}

/** A drawn sub-sample: indices into the labelled rows and into the noise texts. */
export interface LongTailSample {
  readonly rows: number[];
  readonly noise: number[];
}

/**
 * A sub-sample that looks like one shop's unanswered questions: a few intents, Zipf-distributed sizes (a couple of
 * big groups, a long tail of small ones), plus one-off questions from `noiseCount` unrelated texts.
 */
export function longTailSample(labels: readonly string[], noiseCount: number, rand: Random, options: LongTailOptions = {}): LongTailSample {
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    if (byLabel.has(l)) byLabel.get(l)!.push(i);
    else byLabel.set(l, [i]);
  });
  const intents = shuffled([...byLabel.keys()].sort(), rand).slice(0, options.intents ?? 30);
  const largest = Math.min(...intents.map((l) => byLabel.get(l)!.length));
  const rows = intents.flatMap((l, r) => shuffled(byLabel.get(l)!, rand).slice(0, Math.ceil(largest * (r + 1) ** -(options.exponent ?? 0.8))));
  const noiseWanted = Math.min(noiseCount, Math.round(rows.length * (options.noiseShare ?? 0.1)));
  const noise = shuffled(Array.from({ length: noiseCount }, (_, i) => i), rand).slice(0, noiseWanted);
  return { rows, noise };
}

/** Outcome of the dismissal simulation at one bar, for one rule. */
export interface DismissalOutcome {
  /** "centroid": stored centroids only; "centroid+members": also the stored member ids. */
  readonly rule: "centroid" | "centroid+members";
  readonly threshold: number;
  /** Grown clusters whose intent the owner had dismissed, and how many of them stayed hidden. */
  readonly shouldHide: number;
  readonly hidden: number;
  /** Grown clusters of intents nobody dismissed, and how many were hidden by mistake. */
  readonly shouldShow: number;
  readonly wronglyHidden: number;
}

function majorityLabel(members: readonly string[], labelOf: ReadonlyMap<string, string>): string {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(labelOf.get(m)!, (counts.get(labelOf.get(m)!) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
}

/**
 * Simulate dismissal: cluster the first half of the questions (by time), dismiss a random half of the clusters of
 * ≥ 3 questions, cluster all questions, and count which grown clusters (≥ 3 questions) are hidden, per rule and bar.
 * Truth is by intent: a grown cluster should be hidden when its majority intent was the majority of a dismissed
 * cluster and of no kept one; it should show when its majority intent was dismissed nowhere; intents that were
 * dismissed in one cluster and kept in another are left out as ambiguous.
 */
export async function simulateDismissal(
  items: readonly UnansweredQuestion[],
  truth: readonly string[],
  embed: EmbedTexts,
  options: ClusterQuestionsOptions,
  dismissThresholds: readonly number[],
  rand: Random,
): Promise<DismissalOutcome[]> {
  const labelOf = new Map(items.map((q, i) => [q.id, truth[i]]));
  const sorted = [...items].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const early = (await clusterQuestions(sorted.slice(0, Math.floor(sorted.length / 2)), embed, options)).clusters.filter((c) => c.size >= 3);
  const dismissed = early.filter(() => rand() < 0.5);
  const dismissedLabels = new Set(dismissed.map((c) => majorityLabel(c.members, labelOf)));
  const keptLabels = new Set(early.filter((c) => !dismissed.includes(c)).map((c) => majorityLabel(c.members, labelOf)));
  const grown = (await clusterQuestions(items, embed, options)).clusters.filter((c) => c.size >= 3);
  const rules = [
    ["centroid", dismissed.map((c) => ({ centroid: c.centroid }))],
    ["centroid+members", dismissed.map((c) => ({ centroid: c.centroid, members: c.members }))],
  ] as const;
  return rules.flatMap(([rule, stored]) =>
    dismissThresholds.map((threshold) => {
      const o = { rule, threshold, shouldHide: 0, hidden: 0, shouldShow: 0, wronglyHidden: 0 };
      for (const c of grown) {
        const label = majorityLabel(c.members, labelOf);
        const hide = isDismissed(c, stored, threshold);
        if (dismissedLabels.has(label) && !keptLabels.has(label)) {
          o.shouldHide++;
          if (hide) o.hidden++;
        } else if (!dismissedLabels.has(label)) {
          o.shouldShow++;
          if (hide) o.wronglyHidden++;
        }
      }
      return o;
    }),
  );
}
