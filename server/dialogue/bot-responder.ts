import type { ConversationStore } from "../storage/index.ts";
import type { DialogueEngine } from "./engine/index.ts";
import type { PendingEvent, Responder } from "./responder.ts";

/**
 * The bot as a responder: the engine decides, the reply carries the decision record, and a handoff
 * decision becomes a `handoff.requested` event for the handoff queue to act on.
 */
export function createBotResponder(options: { engine: DialogueEngine; store: ConversationStore; clock?: () => number }): Responder {
  const now = options.clock ?? (() => performance.now());
  return {
    name: "bot",
    showsTyping: true,
    async respond({ conversation, message, rawText, language, client }) {
      const t0 = now();
      const recent = (await options.store.messagesAfter(conversation.id, Math.max(0, message.seq - 12))).filter((m) => m.sender === "bot" && m.seq < message.seq);
      const reply = await options.engine.respond(message.text, {
        conversationId: conversation.id,
        customerId: conversation.customerId,
        recentBotActions: recent.map((m) => m.action ?? ""),
        rawText,
        language,
        client,
      });
      const payload: Record<string, unknown> = { decision: reply.decision };
      if (reply.intent) payload.intent = reply.intent;
      if (reply.sources) payload.sources = reply.sources;
      if (reply.products) payload.products = reply.products;
      if (reply.quickReplies) payload.quickReplies = reply.quickReplies;
      const events: PendingEvent[] = [
        { type: "turn.completed", payload: { conversationId: conversation.id, action: reply.action, rule: reply.decision.rule, latencyMs: now() - t0, language } },
      ];
      for (const o of reply.issuedOffers ?? []) {
        events.push({ type: "offer.issued", payload: { conversationId: conversation.id, customerId: conversation.customerId, ...o } });
      }
      if (reply.action === "handoff") {
        events.push({ type: "handoff.requested", payload: { conversationId: conversation.id, reason: reply.decision.handoffReason ?? reply.decision.why } });
      }
      return { reply: { text: reply.text, action: reply.action, payload }, events };
    },
  };
}
