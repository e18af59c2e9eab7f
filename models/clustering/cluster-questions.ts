import { createHash } from "node:crypto";
import { AppError } from "../../server/errors.ts";
import { dot, normalize } from "../embedder.ts";
import { classTfidfTerms, diverseCentral, titleFromTerms, type WeightedText } from "./describe.ts";
import { groupVectors } from "./group.ts";
import { normalizeQuestion } from "./text.ts";
import { timelineOf } from "./timeline.ts";
import type { ClusterQuestionsOptions, ClusteringResult, EmbedTexts, QuestionCluster, UnansweredQuestion } from "./types.ts";

/**
 * Default cosine-distance cut for USE-lite vectors: the best mean pairwise F0.5 (precision weighted: a cluster that
 * mixes topics is the worse error) over two validation sets, CLINC150 val (0.629) and 3,000 BANKING77 train texts
 * (0.289), in `npm run eval:clustering` (docs/unanswered-questions.md). The best mean ARI would be at 0.4.
 */
export const DEFAULT_CLUSTER_THRESHOLD = 0.325;

/**
 * Distinct texts clustered exactly by default: 5,000 takes a 50 MB distance matrix and seconds on a 2-core machine
 * (docs/unanswered-questions.md); more go through sampled rounds (groupVectors).
 */
export const DEFAULT_MAX_EXACT = 5000;

/** One distinct normalised text and the questions that asked it. */
interface DistinctText {
  readonly norm: string;
  /** The most frequent original spelling (ties: the one asked first), shown in examples. */
  readonly display: string;
  readonly items: UnansweredQuestion[];
}

function invalid(message: string): never {
  throw new AppError("CHAT_ERR_VALIDATION", message);
}

function checkOptions(o: ClusterQuestionsOptions) {
  const threshold = o.threshold ?? DEFAULT_CLUSTER_THRESHOLD;
  if (!(threshold > 0 && threshold < 2)) invalid(`threshold must be a cosine distance in (0, 2), got ${threshold}`);
  const ints = { minClusterSize: [o.minClusterSize ?? 2, 2], maxExact: [o.maxExact ?? DEFAULT_MAX_EXACT, 2], maxExamples: [o.maxExamples ?? 5, 1], maxSuggestedQuestions: [o.maxSuggestedQuestions ?? 5, 1], embedBatchSize: [o.embedBatchSize ?? 64, 1] } as const;
  for (const [name, [v, min]] of Object.entries(ints)) {
    if (!Number.isInteger(v) || v < min) invalid(`${name} must be an integer ≥ ${min}, got ${v}`);
  }
  const asOf = o.asOf === undefined ? undefined : Date.parse(o.asOf);
  if (asOf !== undefined && Number.isNaN(asOf)) invalid(`asOf is not an ISO 8601 time: "${o.asOf}"`);
  return { threshold, asOf, minClusterSize: ints.minClusterSize[0], maxExact: ints.maxExact[0], maxExamples: ints.maxExamples[0], maxSuggested: ints.maxSuggestedQuestions[0], batch: ints.embedBatchSize[0] };
}

function checkItems(items: readonly UnansweredQuestion[]): Map<string, number> {
  if (!Array.isArray(items)) invalid("items must be an array of questions");
  const times = new Map<string, number>();
  items.forEach((q, i) => {
    if (typeof q?.id !== "string" || q.id === "") invalid(`question ${i} has no id`);
    if (times.has(q.id)) invalid(`question id "${q.id}" appears twice`);
    if (typeof q.text !== "string") invalid(`question "${q.id}" has no text`);
    if (typeof q.kind !== "string" || q.kind === "") invalid(`question "${q.id}" has no kind`);
    const t = typeof q.at === "string" ? Date.parse(q.at) : NaN;
    if (Number.isNaN(t)) invalid(`question "${q.id}" has an invalid time "${String(q.at)}" (ISO 8601 expected)`);
    times.set(q.id, t);
  });
  return times;
}

/** Distinct normalised texts in a fixed order (by text), so the result does not depend on the input order. */
function distinctTexts(items: readonly UnansweredQuestion[], times: ReadonlyMap<string, number>): { distinct: DistinctText[]; empty: UnansweredQuestion[] } {
  const byNorm = new Map<string, UnansweredQuestion[]>();
  const empty: UnansweredQuestion[] = [];
  for (const q of items) {
    const norm = normalizeQuestion(q.text);
    if (norm === "") empty.push(q);
    else if (byNorm.has(norm)) byNorm.get(norm)!.push(q);
    else byNorm.set(norm, [q]);
  }
  const distinct = [...byNorm]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([norm, qs]) => {
      const spellings = new Map<string, { count: number; first: UnansweredQuestion }>();
      for (const q of qs) {
        const s = spellings.get(q.text.trim());
        if (!s) spellings.set(q.text.trim(), { count: 1, first: q });
        else {
          s.count++;
          if (earlier(q, s.first, times)) s.first = q;
        }
      }
      const [display] = [...spellings].sort(([, a], [, b]) => b.count - a.count || (earlier(a.first, b.first, times) ? -1 : 1))[0];
      return { norm, display, items: qs };
    });
  return { distinct, empty };
}

async function embedAll(texts: string[], embed: EmbedTexts, batch: number, onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += batch) {
    const chunk = texts.slice(i, i + batch);
    const vectors = await embed(chunk);
    if (vectors.length !== chunk.length) throw new Error(`embed returned ${vectors.length} vectors for ${chunk.length} texts`);
    for (const v of vectors) {
      if (out.length > 0 && v.length !== out[0].length) throw new Error(`embed returned a ${v.length}-d vector after ${out[0].length}-d ones`);
      out.push(normalize(Float32Array.from(v)));
    }
    onProgress?.(out.length, texts.length);
  }
  return out;
}

/** True when question a was asked before b (ties: by id), a total order independent of input order. */
function earlier(a: UnansweredQuestion, b: UnansweredQuestion, times: ReadonlyMap<string, number>): boolean {
  const ta = times.get(a.id)!;
  const tb = times.get(b.id)!;
  return ta < tb || (ta === tb && a.id < b.id);
}

/** A short hash of a text: the cluster key and the pseudo-random sampling order. */
function hashOf(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/**
 * Group unanswered questions by meaning: embed each distinct text once, cluster by average linkage cut at a
 * cosine-distance threshold (sampled rounds past `maxExact` distinct texts), and describe each cluster (key,
 * medoid, examples, c-TF-IDF title, diverse suggested questions, timeline, kinds). Bad input throws
 * CHAT_ERR_VALIDATION before anything is embedded.
 * @example const { clusters } = await clusterQuestions(questions, (t) => embedder.embed(t));
 */
export async function clusterQuestions(items: readonly UnansweredQuestion[], embed: EmbedTexts, options: ClusterQuestionsOptions = {}): Promise<ClusteringResult> {
  const o = checkOptions(options);
  const times = checkItems(items);
  const { distinct, empty } = distinctTexts(items, times);
  // The normalised text is embedded, so a group's vectors do not change when a new spelling becomes the most common.
  const vectors = await embedAll(distinct.map((d) => d.norm), embed, o.batch, options.onEmbedProgress);
  const weights = distinct.map((d) => d.items.length);
  const order = distinct.map((d, i) => [hashOf(d.norm), i] as const).sort(([a], [b]) => (a < b ? -1 : 1)).map(([, i]) => i);
  const grouping = groupVectors(vectors, weights, { threshold: o.threshold, minGroupWeight: o.minClusterSize, maxExact: o.maxExact, order });
  const asOf = o.asOf ?? [...times.values()].reduce((a, b) => Math.max(a, b), -Infinity);

  const membersOf: number[][] = Array.from({ length: grouping.groups }, () => []);
  const loose: number[] = [];
  distinct.forEach((_, i) => (grouping.labels[i] >= 0 ? membersOf[grouping.labels[i]].push(i) : loose.push(i)));
  const groups = membersOf.filter((m) => m.length > 0);
  const texts = (idx: readonly number[]): WeightedText[] => idx.map((i) => ({ text: distinct[i].display, weight: weights[i] }));
  // The ungrouped texts form one more class, so words common to everything rank low in every title.
  const terms = classTfidfTerms([...groups.map(texts), texts(loose)]);

  const clusters = groups.map((idx, g): QuestionCluster => {
    const sum = new Float32Array(vectors[0].length);
    for (const i of idx) for (let k = 0; k < sum.length; k++) sum[k] += weights[i] * vectors[i][k];
    const centroid = normalize(sum);
    const centrality = new Map(idx.map((i) => [i, dot(vectors[i], centroid)]));
    const central = [...idx].sort((a, b) => centrality.get(b)! - centrality.get(a)! || a - b);
    const medoid = distinct[central[0]];
    const questions = central.flatMap((i) => [...distinct[i].items].sort((a, b) => times.get(b.id)! - times.get(a.id)! || (a.id < b.id ? -1 : 1)));
    const size = questions.length;
    const candidates = central.slice(0, 50);
    const picked = diverseCentral(candidates.map((i) => vectors[i]), candidates.map((i) => centrality.get(i)!), o.maxSuggested);
    const kinds: Record<string, number> = {};
    for (const q of questions) kinds[q.kind] = (kinds[q.kind] ?? 0) + 1;
    return {
      key: `uq-${hashOf(medoid.norm)}`,
      size,
      members: questions.map((q) => q.id),
      medoid: { id: medoid.items.reduce((a, b) => (earlier(a, b, times) ? a : b)).id, text: medoid.display },
      centroid,
      cohesion: idx.reduce((s, i) => s + weights[i] * centrality.get(i)!, 0) / size,
      examples: central.slice(0, o.maxExamples).map((i) => distinct[i].display),
      suggestedTitle: titleFromTerms(terms[g], medoid.display),
      topTerms: terms[g],
      suggestedQuestions: picked.map((k) => distinct[candidates[k]].display),
      ...timelineOf(questions.map((q) => times.get(q.id)!), asOf),
      kinds,
    };
  });
  clusters.sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : 1));
  const unclustered = [...loose.flatMap((i) => distinct[i].items), ...empty].sort((a, b) => times.get(b.id)! - times.get(a.id)! || (a.id < b.id ? -1 : 1));
  return { clusters, unclustered, stats: { questions: items.length, distinctTexts: distinct.length, rounds: grouping.rounds, threshold: o.threshold } };
}
