/** Customer insights: trains the customer models from the shop database, stores and reloads artifacts, answers queries. */
export { createCustomerInsights, CUSTOMER_ARTIFACT_FILE, type CustomerInsights, type CustomerInsightsOptions, type CustomerInsightsService, type CustomerScore, type InsightsLogger, type RecommendQuery } from "./customer-insights.ts";
export { trainCustomerModels, churnRowsAt, churnedAfter, fitLifetimeValueAt, interactionsBefore, type TrainCustomerModelsOptions } from "./training.ts";
export { createModelRefresher, type ModelRefresher, type ModelRefresherOptions, type ModelRefreshState } from "./model-refresh.ts";
export { MIN_BUYERS_FOR_MODELS } from "./training.ts";
export { trainInWorker } from "./train-in-worker.ts";
export type { TrainingWorkerData } from "./training-worker.ts";
