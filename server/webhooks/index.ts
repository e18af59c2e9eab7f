/** Outbound webhooks: signed (Stripe-style timestamped HMAC), persisted queue, retried with backoff and jitter, delivery log. */
export { createWebhooks, WEBHOOK_EVENTS, type WebhookDeliveryOptions, type WebhookEnvelope, type WebhookEventType, type Webhooks, type WebhooksOptions } from "./webhooks.ts";
export { forwardBusEventsToWebhooks } from "./bus-events.ts";
export { retryDelayMs, type BackoffOptions } from "./backoff.ts";
export { SIGNATURE_HEADER, signWebhookPayload, verifyWebhookSignature, type SignatureVerdict } from "./signing.ts";
