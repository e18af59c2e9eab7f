import type { SqlExecutor, SqlParam } from "./driver.ts";
import { insertMany } from "./shop.ts";

/** A past, closed conversation with everything stored about it (the demo shop's history; scripts/seed.ts). */
export interface HistoryConversation {
  id: string;
  sessionId: string;
  customerId: string | null;
  language: string;
  createdAt: string;
  updatedAt: string;
  messages: {
    seq: number; sender: "shopper" | "bot" | "agent" | "system"; clientId: string | null; replyTo: string | null; text: string;
    action: string | null; payload: Record<string, unknown>; responder: string | null; createdAt: string;
  }[];
  handoff?: { team: string; reason: string; priorityBase: number; priorityClass: "high" | "normal" | "low"; queuedAt: string; assignedAt: string; endedAt: string; agentId: string | null };
  feedback: { seq: number | null; rating: "up" | "down"; createdAt: string }[];
  offers: { experiment: string; arm: "treatment" | "holdout"; kind: string; shown: boolean; code: string | null; valueCents: number; costCents: number; productIds: string[]; reason: string; createdAt: string }[];
}

/**
 * Store closed past conversations with their messages, handoffs (closed), transitions, feedback, experiment
 * assignments and offers, in one transaction. Every conversation is stored `closed`: none is queued or open.
 */
export async function insertConversationHistory(db: SqlExecutor, history: readonly HistoryConversation[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < history.length; i += 500) {
      const chunk = history.slice(i, i + 500);
      await insertMany(tx, "conversations", ["id", "session_id", "customer_id", "state", "last_seq", "locale", "language", "created_at", "updated_at"],
        chunk.map((c) => [c.id, c.sessionId, c.customerId, "closed", c.messages.length, "en-US", c.language, c.createdAt, c.updatedAt]));
      await insertMany(tx, "messages", ["conversation_id", "seq", "sender", "client_id", "reply_to", "text", "action", "payload", "responder", "created_at"],
        chunk.flatMap((c) => c.messages.map((m): SqlParam[] => [c.id, m.seq, m.sender, m.clientId, m.replyTo, m.text, m.action, JSON.stringify(m.payload), m.responder, m.createdAt])));
      const handed = chunk.filter((c) => c.handoff);
      await insertMany(tx, "handoffs", ["conversation_id", "status", "team", "reason", "priority_base", "priority_class", "customer_value", "queued_at", "agent_id", "assigned_at", "ended_at", "resolution"],
        handed.map((c) => { const h = c.handoff!; return [c.id, "closed", h.team, h.reason, h.priorityBase, h.priorityClass, "{}", h.queuedAt, h.agentId, h.assignedAt, h.endedAt, "resolved"]; }));
      await insertMany(tx, "conversation_transitions", ["conversation_id", "from_state", "to_state", "actor", "reason", "at"],
        handed.flatMap((c) => { const h = c.handoff!; return [[c.id, "bot", "queued", "bot", h.reason, h.queuedAt], [c.id, "queued", "agent", h.agentId ?? "agent", null, h.assignedAt], [c.id, "agent", "closed", h.agentId ?? "agent", "resolved", h.endedAt]] as SqlParam[][]; }));
      await insertMany(tx, "feedback", ["conversation_id", "seq", "rating", "created_at"], chunk.flatMap((c) => c.feedback.map((f): SqlParam[] => [c.id, f.seq, f.rating, f.createdAt])));
      const offered = chunk.filter((c) => c.offers.length && c.customerId);
      await insertMany(tx, "offers", ["experiment", "arm", "conversation_id", "customer_id", "kind", "shown", "code", "value_cents", "cost_cents", "product_ids", "reason", "created_at"],
        offered.flatMap((c) => c.offers.map((o): SqlParam[] => [o.experiment, o.arm, c.id, c.customerId, o.kind, o.shown ? 1 : 0, o.code, o.valueCents, o.costCents, JSON.stringify(o.productIds), o.reason, o.createdAt])));
    }
    // One assignment per customer and experiment, at its first offer (the history is oldest first).
    const units = new Map<string, SqlParam[]>();
    for (const c of history) {
      if (!c.customerId) continue;
      for (const o of c.offers) if (!units.has(`${o.experiment}|${c.customerId}`)) units.set(`${o.experiment}|${c.customerId}`, [o.experiment, `customer:${c.customerId}`, c.customerId, o.arm, o.createdAt]);
    }
    await insertMany(tx, "experiment_assignments", ["experiment", "unit", "customer_id", "arm", "assigned_at"], [...units.values()]);
  });
}
