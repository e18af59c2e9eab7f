/** Customer lifecycle models: profiles, RFM segments and stages, lifetime value, churn, recommendations. */
export * from "./types.ts";
export * from "./bgnbd.ts";
export * from "./gamma-gamma.ts";
export * from "./lifetime-value.ts";
export * from "./segments.ts";
export * from "./profile.ts";
export * from "./churn.ts";
export * from "./recommender.ts";
export * from "./metrics.ts";
export * from "./artifact.ts";
export { createRandom, shuffled } from "./random.ts";
