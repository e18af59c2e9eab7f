/** Unanswered-question clustering: group failed questions by meaning, describe each group, keep dismissed ones hidden. */
export { clusterQuestions, DEFAULT_CLUSTER_THRESHOLD } from "./cluster-questions.ts";
export { isDismissed, matchDismissed, DEFAULT_DISMISS_THRESHOLD } from "./dismissal.ts";
export { groupVectors, type GroupVectorsOptions, type Grouping } from "./group.ts";
export { averageLinkage, cosineDistances, cutMerges, condensedIndex, type CondensedDistances, type Merge } from "./average-linkage.ts";
export { classTfidfTerms, titleFromTerms, diverseCentral, type WeightedText } from "./describe.ts";
export { normalizeQuestion, topicWords, topicTerms } from "./text.ts";
export { timelineOf, dayOf, isoWeekOf, type ClusterTimeline, type ClusterTrend, type PeriodCount } from "./timeline.ts";
export { adjustedRandIndex, normalizedMutualInformation, purity } from "./metrics.ts";
export { kMeansLabels, createTfidfEmbed } from "./baselines.ts";
export type { UnansweredQuestion, QuestionCluster, ClusteringResult, ClusterQuestionsOptions, EmbedTexts } from "./types.ts";
export { scoreLabels, clusterLabels, asQuestions, longTailSample, simulateDismissal, type ClusteringScore, type LongTailOptions, type LongTailSample, type DismissalOutcome } from "./evaluation.ts";
