/** Analytics for the admin area: the dashboard's charts (docs/metrics.md) and the unanswered questions (docs/unanswered-questions.md). */
export { createDashboard, type DashboardOptions, type DashboardService } from "./dashboard.ts";
export { createUnanswered, collectUnanswered, LOW_CONFIDENCE, type UnansweredService, type UnansweredReport, type UnansweredCluster, type CollectedQuestion } from "./unanswered.ts";
export { conversationCharts, type ConversationFacts } from "./conversation-metrics.ts";
export { customerCharts, LIFECYCLE_ACTIVE_DAYS, LIFECYCLE_AT_RISK_DAYS, type CustomerFacts } from "./customer-metrics.ts";
export { listOfferExperiments, experimentsChart, type ExperimentRow, type ExperimentSource } from "./experiments.ts";
export { chartCsv } from "./csv.ts";
export { parseRange, MAX_RANGE_DAYS, DEFAULT_RANGE_DAYS } from "./range.ts";
export type { Chart, Dashboard, DateRange } from "./types.ts";
