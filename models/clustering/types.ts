import type { ClusterTrend, PeriodCount } from "./timeline.ts";

/** A question the assistant failed on (already PII-masked), as the workspace stores it. */
export interface UnansweredQuestion {
  readonly id: string;
  readonly text: string;
  /** When it was asked, ISO 8601. */
  readonly at: string;
  /** Why it counts as unanswered, e.g. "fallback", "low_confidence", "not_helpful", "handoff_no_answer". */
  readonly kind: string;
}

/** Embeds a batch of texts into unit vectors (an Embedder's `embed`). */
export type EmbedTexts = (texts: string[]) => Promise<Float32Array[]>;

/** A group of unanswered questions that mean the same thing. */
export interface QuestionCluster {
  /** Stable id for the same group across runs: derived from the medoid's normalised text. */
  readonly key: string;
  /** Number of questions (repeats counted). */
  readonly size: number;
  /** Ids of the member questions, most central first. */
  readonly members: readonly string[];
  /** The most central question (highest average similarity to the others). */
  readonly medoid: { readonly id: string; readonly text: string };
  /** Unit-length mean of the members' vectors; store it to keep a dismissed group hidden (isDismissed). */
  readonly centroid: Float32Array;
  /** Mean cosine similarity of the members to the centroid (1 = all the same text). */
  readonly cohesion: number;
  /** Distinct question texts, most central first. */
  readonly examples: readonly string[];
  /** A short draft title from the group's c-TF-IDF top terms. */
  readonly suggestedTitle: string;
  /** The group's c-TF-IDF terms, best first. */
  readonly topTerms: readonly string[];
  /** Central and mutually different questions, for the example questions of a draft FAQ entry. */
  readonly suggestedQuestions: readonly string[];
  readonly countsByDay: readonly PeriodCount[];
  readonly countsByWeek: readonly PeriodCount[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly trend: ClusterTrend;
  /** Count of members per kind. */
  readonly kinds: Readonly<Record<string, number>>;
}

/** The clusters (largest first), the questions in none, and what the run did. */
export interface ClusteringResult {
  readonly clusters: readonly QuestionCluster[];
  /** Questions like no other (or in groups smaller than minClusterSize), newest first. */
  readonly unclustered: readonly UnansweredQuestion[];
  readonly stats: {
    readonly questions: number;
    readonly distinctTexts: number;
    /** Exact clustering rounds (1 when every distinct text fit in maxExact). */
    readonly rounds: number;
    readonly threshold: number;
  };
}

/** Options of clusterQuestions. */
export interface ClusterQuestionsOptions {
  /** Cosine-distance cut of the average-linkage tree (default DEFAULT_CLUSTER_THRESHOLD). */
  readonly threshold?: number;
  /** Fewest questions (repeats counted) a cluster needs (default 2). */
  readonly minClusterSize?: number;
  /** Most distinct texts clustered exactly in one round (default DEFAULT_MAX_EXACT = 5,000); see groupVectors. */
  readonly maxExact?: number;
  /** Examples kept per cluster (default 5). */
  readonly maxExamples?: number;
  /** Suggested questions per cluster (default 5). */
  readonly maxSuggestedQuestions?: number;
  /** Texts per embed call (default 64). */
  readonly embedBatchSize?: number;
  /** The "now" of the trend, ISO 8601 (default: the newest question's time). */
  readonly asOf?: string;
  /** Called after each embed batch with the texts embedded so far and the total. */
  readonly onEmbedProgress?: (done: number, total: number) => void;
}
