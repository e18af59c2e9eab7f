/** Dialogue: the engine that turns a shopper message into a decision and a reply, and the conversation lifecycle. */
export * from "./engine.ts";
export * from "./conversation-service.ts";
export { signCustomerId, verifyCustomerSignature } from "./identity.ts";
