import type { EventBus } from "../cluster/index.ts";
import type { Webhooks } from "./webhooks.ts";

/** Coupons the assistant gives are valid this long (the retention rule's text promises 30 days). */
const COUPON_VALID_DAYS = 30;

/**
 * Turn domain events on the bus into outbound webhook events: `offer.issued` (coupons only) → `coupon.issued`,
 * `offer.redeemed` → `coupon.redeemed`, `handoff.requested`, `conversation.closed`, `conversation.rated` (CSAT),
 * `campaign.message.delivered`. Domain events are handled on the instance that publishes them, so each is queued once.
 * @returns unsubscribe
 */
export function forwardBusEventsToWebhooks(bus: EventBus, webhooks: Webhooks, options: { clock?: () => Date } = {}): () => void {
  const now = options.clock ?? (() => new Date());
  const offs = [
    bus.subscribe("offer.issued", async (e) => {
      if (e.kind !== "coupon") return;
      const expiresAt = new Date(now().getTime() + COUPON_VALID_DAYS * 86_400_000).toISOString();
      await webhooks.emit("coupon.issued", { code: e.code, valueCents: e.valueCents, currency: "USD", expiresAt, customerId: e.customerId, conversationId: e.conversationId, experiment: e.experiment });
    }),
    bus.subscribe("offer.redeemed", async (e) => {
      await webhooks.emit("coupon.redeemed", { code: e.code, orderId: e.orderId, customerId: e.customerId, conversationId: e.conversationId, experiment: e.experiment, arm: e.arm });
    }),
    bus.subscribe("handoff.requested", async (e) => {
      await webhooks.emit("handoff.requested", { conversationId: e.conversationId, reason: e.reason, team: e.team ?? null });
    }),
    bus.subscribe("conversation.closed", async (e) => {
      await webhooks.emit("conversation.closed", { conversationId: e.conversationId, agentId: e.agentId, resolution: e.resolution });
    }),
    bus.subscribe("conversation.rated", async (e) => {
      await webhooks.emit("conversation.rated", { conversationId: e.conversationId, csat: e.rating });
    }),
    bus.subscribe("campaign.message.delivered", async (e) => {
      await webhooks.emit("campaign.message.delivered", { ...e });
    }),
  ];
  return () => offs.forEach((off) => off());
}
