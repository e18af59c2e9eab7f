/** Dialogue: the engine that turns a shopper message into a decision and a reply, and the conversation lifecycle. */
export * from "./engine.ts";
export * from "./conversation-service.ts";
export { signCustomerId, verifyCustomerSignature } from "./identity.ts";
export { questionType, questionTypes, answersQuestionType, statedTypes, type QuestionType, type StatedType } from "./question-type.ts";
export { isGibberish } from "./gibberish.ts";
