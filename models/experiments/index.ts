/**
 * Statistics for randomised experiments and campaigns with a holdout: arm assignment, fixed-horizon
 * intervals (Wilson, Newcombe, Welch, percentile bootstrap), campaign uplift/increment/ROI, and the
 * always-valid mSPRT for looking at results every day. Pure functions over typed inputs, no I/O.
 * Formulas and sources: docs/experiment-statistics.md.
 */
export { normalQuantile, normalCdf, tQuantile, tCdf, zForLevel } from "./distributions.ts";
export { wilsonInterval, newcombeInterval, waldDifferenceInterval, type Interval } from "./proportions.ts";
export {
  EMPTY_SAMPLE, addObservation, mergeSamples, summarizeSample, sampleVariance, sampleSd, welchInterval,
  type SampleSummary, type WelchResult,
} from "./means.ts";
export { bootstrapMeanDifference, sortedQuantile, type BootstrapOptions, type BootstrapResult } from "./bootstrap.ts";
export { assignmentNumber, assignArm, type CampaignArm } from "./assignment.ts";
export {
  computeCampaignResults,
  type CampaignResults, type CampaignResultsInput, type CampaignArmResult, type CustomerOutcome, type Estimate, type RevenueEstimate,
} from "./campaign-results.ts";
export {
  createSequentialTest, mixingSdForHorizon, mixtureInterval, mixtureLogLikelihoodRatio,
  type SequentialLook, type SequentialReason, type SequentialTest, type SequentialTestOptions,
} from "./sequential.ts";
export {
  simulateUplift,
  type SimulatedCustomer, type UpliftSimulationOptions, type UpliftSimulationReport, type IntervalPerformance, type SequentialPerformance, type Rate,
} from "./simulation.ts";
