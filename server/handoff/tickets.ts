import type { Logger } from "pino";
import type { EventBus } from "../cluster/index.ts";
import type { ConversationLog, Responder } from "../dialogue/index.ts";
import { AppError } from "../errors.ts";
import { t } from "../i18n/index.ts";
import type { TicketView } from "../protocol.ts";
import type { ConversationStore, HandoffStore, TicketRecord } from "../storage/index.ts";
import type { SupportHours } from "./support-hours.ts";

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** Out-of-hours tickets: a handoff outside support hours collects an e-mail and a message for the team. */
export interface TicketDesk {
  /** Start collecting (the handoff queue calls this when support is closed). */
  start(conversationId: string, reason: string): Promise<void>;
  /** True while a ticket is collecting the shopper's details (the router then picks `responder`). */
  collecting(conversationId: string): Promise<boolean>;
  /** The ticket collector: takes the shopper's messages while a ticket is collecting. */
  readonly responder: Responder;
  list(status?: TicketRecord["status"]): Promise<TicketView[]>;
  close(agentId: string, id: number): Promise<TicketView>;
}

const view = (t: TicketRecord): TicketView => ({
  id: t.id, conversationId: t.conversationId, status: t.status, email: t.email, message: t.message, reason: t.reason, createdAt: t.createdAt, closedAt: t.closedAt,
});

/** Create the ticket desk. */
export function createTicketDesk(o: { store: HandoffStore; conversations: ConversationStore; log: ConversationLog; bus: EventBus; supportHours: SupportHours; logger: Logger; clock: () => Date }): TicketDesk {
  const { store } = o;
  return {
    async start(conversationId, reason) {
      if (await store.collectingTicket(conversationId)) return;
      const ticket = await store.startTicket(conversationId, reason, o.clock().toISOString());
      const lang = (await o.conversations.get(conversationId))?.language ?? "en";
      await o.log.post(conversationId, { sender: "bot", text: t(lang, "ticket.offline", { hours: o.supportHours.describe() }), payload: { ticket: ticket.id } });
    },
    collecting: async (conversationId) => (await store.collectingTicket(conversationId)) !== undefined,
    responder: {
      name: "ticket",
      showsTyping: false,
      async respond({ conversation, message, rawText, language }) {
        const ticket = await store.collectingTicket(conversation.id);
        if (!ticket) return { reply: { text: t(language, "ticket.askEmail"), payload: {} } };
        const raw = rawText ?? message.text;
        if (/^\s*(cancel|never ?mind|no thanks|forget it)\b/i.test(raw)) {
          await store.updateTicket(ticket.id, { status: "closed", closedAt: o.clock().toISOString(), closedBy: "shopper" });
          return { reply: { text: t(language, "ticket.withdrawn") } };
        }
        const email = EMAIL_RE.exec(raw)?.[0] ?? ticket.email;
        const text = [ticket.message, message.text].filter(Boolean).join("\n");
        if (!email) {
          await store.updateTicket(ticket.id, { message: text });
          return { reply: { text: t(language, "ticket.askEmail") } };
        }
        await store.updateTicket(ticket.id, { email: email.toLowerCase(), message: text, status: "open" });
        o.logger.info({ conversationId: conversation.id, ticket: ticket.id }, "out-of-hours ticket opened");
        o.bus.publish("queue.changed", { reason: "ticket opened" });
        return { reply: { text: t(language, "ticket.saved", { ticketId: ticket.id }), payload: { ticket: ticket.id } } };
      },
    },
    list: async (status) => (await store.listTickets(status)).map(view),
    async close(agentId, id) {
      const t = await store.getTicket(id);
      if (!t) throw new AppError("CHAT_ERR_NOT_FOUND", "No such ticket.");
      if (t.status === "closed") return view(t);
      const updated = (await store.updateTicket(id, { status: "closed", closedAt: o.clock().toISOString(), closedBy: agentId }))!;
      o.bus.publish("queue.changed", { reason: "ticket closed" });
      return view(updated);
    },
  };
}
