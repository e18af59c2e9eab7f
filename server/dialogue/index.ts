/** Dialogue: the conversation router and its responders, the conversation log, and the decision engine. */
export * from "./engine/index.ts";
export * from "./conversation-log.ts";
export * from "./router.ts";
export * from "./responder.ts";
export { createBotResponder } from "./bot-responder.ts";
export { createExperiments, computeUplift, experimentUplift, type Experiments, type ExperimentName, type UpliftReport } from "./experiments.ts";
export { signCustomerId, verifyCustomerSignature } from "./identity.ts";
