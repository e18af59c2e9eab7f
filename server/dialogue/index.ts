/** Dialogue: the engine that turns a shopper message into a decision and a reply, and the conversation lifecycle. */
export * from "./engine.ts";
export * from "./conversation-service.ts";
export {
  signCustomerIdentity,
  verifyCustomerIdentity,
  signCustomerId,
  verifyCustomerSignature,
  DEFAULT_IDENTITY_MAX_AGE_S,
  DEFAULT_IDENTITY_CLOCK_SKEW_S,
  type IdentityVerdict,
  type IdentityRefusal,
  type SignIdentityOptions,
  type VerifyIdentityOptions,
} from "./identity.ts";
