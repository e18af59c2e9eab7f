/** Dialogue: the conversation router and its responders, the conversation log, and the decision engine. */
export * from "./engine/index.ts";
export * from "./conversation-log.ts";
export * from "./router.ts";
export * from "./responder.ts";
export { createBotResponder } from "./bot-responder.ts";
export { createAbuseGuard } from "./abuse-guard.ts";
export { createExperiments, computeUplift, experimentUplift, type Experiments, type ExperimentName, type UpliftReport } from "./experiments.ts";
export {
  signCustomerIdentity,
  verifyCustomerIdentity,
  DEFAULT_IDENTITY_MAX_AGE_S,
  DEFAULT_IDENTITY_CLOCK_SKEW_S,
  type IdentityVerdict,
  type IdentityRefusal,
  type SignIdentityOptions,
  type VerifyIdentityOptions,
} from "./identity.ts";
export { questionType, questionTypes, answersQuestionType, statedTypes, type QuestionType, type StatedType } from "./question-type.ts";
export { isGibberish } from "./gibberish.ts";
