/** Unanswered-question clustering: group failed questions by meaning, describe each group, keep dismissed ones hidden. */
export { clusterQuestions, DEFAULT_CLUSTER_THRESHOLD, DEFAULT_MAX_EXACT } from "./cluster-questions.ts";
export { isDismissed, matchDismissed, DEFAULT_DISMISS_THRESHOLD, type DismissedGroup } from "./dismissal.ts";
export { groupVectors, type GroupVectorsOptions, type Grouping } from "./group.ts";
export { averageLinkage, cosineDistances, cutMerges, condensedIndex, type CondensedDistances, type Merge } from "./average-linkage.ts";
export { classTfidfTerms, titleFromTerms, diverseCentral, type WeightedText } from "./describe.ts";
export { normalizeQuestion, topicWords, topicTerms } from "./text.ts";
export { timelineOf, dayOf, isoWeekOf, type ClusterTimeline, type ClusterTrend, type PeriodCount } from "./timeline.ts";
export { adjustedRandIndex, normalizedMutualInformation, purity } from "./metrics.ts";
export { kMeansLabels, createTfidfEmbed } from "./baselines.ts";
export type { UnansweredQuestion, QuestionCluster, ClusteringResult, ClusterQuestionsOptions, EmbedTexts } from "./types.ts";
export { scoreLabels, clusterLabels, asQuestions, longTailSample, simulateDismissal, type ClusteringScore, type LongTailOptions, type LongTailSample, type DismissalOutcome } from "./evaluation.ts";
export { draftFaqEntry, type FaqDraft } from "./draft.ts";
