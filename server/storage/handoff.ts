import type { ConversationState } from "../protocol.ts";
import type { Team } from "./auth.ts";
import { isUniqueViolation, type SqlExecutor } from "./driver.ts";

/** A priority class; each has its own SLA. */
export type PriorityClass = "high" | "normal" | "low";

/** The status of one handoff episode. */
export type HandoffStatus = "queued" | "assigned" | "returned" | "closed";

/** One handoff episode of a conversation (queued for, or assigned to, a human). */
export interface HandoffRecord {
  id: number;
  conversationId: string;
  status: HandoffStatus;
  team: Team;
  reason: string;
  priorityBase: number;
  priorityClass: PriorityClass;
  customerValue: { clvCents?: number; churnRisk?: number };
  queuedAt: string;
  agentId: string | null;
  assignedAt: string | null;
  endedAt: string | null;
  resolution: string | null;
  /** When the SLA breach was first flagged (warned once). */
  slaBreachedAt: string | null;
}

/** A stored state transition of a conversation. */
export interface TransitionRecord {
  conversationId: string;
  from: ConversationState;
  to: ConversationState;
  actor: string;
  reason: string | null;
  at: string;
}

/** An internal note on a conversation (never shown to the shopper). */
export interface AgentNote {
  id: number;
  conversationId: string;
  agentId: string;
  text: string;
  createdAt: string;
}

/** A reusable agent reply. */
export interface CannedResponse {
  id: number;
  title: string;
  text: string;
  updatedBy: string | null;
  updatedAt: string;
}

/** A message taken outside support hours. */
export interface TicketRecord {
  id: number;
  conversationId: string;
  status: "collecting" | "open" | "closed";
  email: string | null;
  message: string;
  reason: string;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

type HandoffRow = {
  id: number; conversation_id: string; status: HandoffStatus; team: Team; reason: string; priority_base: number; priority_class: PriorityClass;
  customer_value: string; queued_at: string; agent_id: string | null; assigned_at: string | null; ended_at: string | null; resolution: string | null; sla_breached_at: string | null;
};
type TicketRow = {
  id: number; conversation_id: string; status: TicketRecord["status"]; email: string | null; message: string; reason: string;
  created_at: string; closed_at: string | null; closed_by: string | null;
};

const toHandoff = (r: HandoffRow): HandoffRecord => ({
  id: Number(r.id), conversationId: r.conversation_id, status: r.status, team: r.team, reason: r.reason, priorityBase: Number(r.priority_base),
  priorityClass: r.priority_class, customerValue: JSON.parse(r.customer_value) as HandoffRecord["customerValue"], queuedAt: r.queued_at,
  agentId: r.agent_id, assignedAt: r.assigned_at, endedAt: r.ended_at, resolution: r.resolution, slaBreachedAt: r.sla_breached_at,
});
const toTicket = (r: TicketRow): TicketRecord => ({
  id: Number(r.id), conversationId: r.conversation_id, status: r.status, email: r.email, message: r.message, reason: r.reason,
  createdAt: r.created_at, closedAt: r.closed_at, closedBy: r.closed_by,
});

/** What to store when a conversation joins the queue. */
export type NewHandoff = Pick<HandoffRecord, "conversationId" | "team" | "reason" | "priorityBase" | "priorityClass" | "customerValue" | "queuedAt">;

/** Persistence of the handoff queue, transitions, notes, canned responses and tickets. */
export interface HandoffStore {
  /** Open a handoff episode; if the conversation already has an open one (another instance was first), that one is returned with `created: false`. */
  enqueue(h: NewHandoff): Promise<{ record: HandoffRecord; created: boolean }>;
  getOpen(conversationId: string): Promise<HandoffRecord | undefined>;
  latest(conversationId: string): Promise<HandoffRecord | undefined>;
  /** Every queued or assigned episode, oldest first. */
  listOpen(): Promise<HandoffRecord[]>;
  /** Give a queued episode to an agent; true only for the one caller that won it (atomic across instances). */
  claim(id: number, agentId: string, at: string): Promise<boolean>;
  /** Move an assigned episode to another agent; true when it was assigned to `fromAgentId`. */
  reassign(id: number, fromAgentId: string, toAgentId: string, at: string): Promise<boolean>;
  requeue(id: number, team: Team, reason: string, priorityBase: number, priorityClass: PriorityClass, at: string): Promise<void>;
  setPriority(id: number, priorityBase: number, priorityClass: PriorityClass, customerValue: HandoffRecord["customerValue"]): Promise<void>;
  /** End an open episode; true when it was still open (one caller ends it). */
  end(id: number, status: "returned" | "closed", at: string, resolution: string | null): Promise<boolean>;
  /** Flag an SLA breach once; true for the first caller. */
  markSlaBreached(id: number, at: string): Promise<boolean>;
  recordTransition(t: TransitionRecord): Promise<void>;
  transitions(conversationId: string): Promise<TransitionRecord[]>;
  addNote(conversationId: string, agentId: string, text: string, at: string): Promise<AgentNote>;
  notes(conversationId: string): Promise<AgentNote[]>;
  listCanned(): Promise<CannedResponse[]>;
  countCanned(): Promise<number>;
  upsertCanned(c: { id?: number; title: string; text: string; updatedBy: string | null; updatedAt: string }): Promise<CannedResponse | undefined>;
  deleteCanned(id: number): Promise<boolean>;
  startTicket(conversationId: string, reason: string, at: string): Promise<TicketRecord>;
  collectingTicket(conversationId: string): Promise<TicketRecord | undefined>;
  updateTicket(id: number, patch: { status?: TicketRecord["status"]; email?: string | null; message?: string; closedAt?: string; closedBy?: string }): Promise<TicketRecord | undefined>;
  listTickets(status?: TicketRecord["status"]): Promise<TicketRecord[]>;
  countTickets(status: TicketRecord["status"]): Promise<number>;
  getTicket(id: number): Promise<TicketRecord | undefined>;
  /** The conversation rating (feedback without a seq), newest first, if any. */
  conversationRating(conversationId: string): Promise<"up" | "down" | undefined>;
}

type CannedRow = { id: number; title: string; text: string; updated_by: string | null; updated_at: string };
const toCanned = (r: CannedRow): CannedResponse => ({ id: Number(r.id), title: r.title, text: r.text, updatedBy: r.updated_by, updatedAt: r.updated_at });

/** Create the handoff store over a SQL driver (SQLite or PostgreSQL). */
export function createHandoffStore(db: SqlExecutor): HandoffStore {
  const store: HandoffStore = {
    async enqueue(h) {
      try {
        const r = await db.get<HandoffRow>(
          "INSERT INTO handoffs (conversation_id, status, team, reason, priority_base, priority_class, customer_value, queued_at) VALUES (?, 'queued', ?, ?, ?, ?, ?, ?) RETURNING *",
          [h.conversationId, h.team, h.reason, h.priorityBase, h.priorityClass, JSON.stringify(h.customerValue), h.queuedAt],
        );
        return { record: toHandoff(r!), created: true };
      } catch (err) {
        const open = isUniqueViolation(err) ? await store.getOpen(h.conversationId) : undefined;
        if (!open) throw err;
        return { record: open, created: false };
      }
    },
    async getOpen(conversationId) {
      const r = await db.get<HandoffRow>("SELECT * FROM handoffs WHERE conversation_id = ? AND status IN ('queued','assigned')", [conversationId]);
      return r && toHandoff(r);
    },
    async latest(conversationId) {
      const r = await db.get<HandoffRow>("SELECT * FROM handoffs WHERE conversation_id = ? ORDER BY id DESC LIMIT 1", [conversationId]);
      return r && toHandoff(r);
    },
    async listOpen() {
      return (await db.all<HandoffRow>("SELECT * FROM handoffs WHERE status IN ('queued','assigned') ORDER BY id")).map(toHandoff);
    },
    async claim(id, agentId, at) {
      const { changes } = await db.run("UPDATE handoffs SET status = 'assigned', agent_id = ?, assigned_at = ? WHERE id = ? AND status = 'queued'", [agentId, at, id]);
      return changes === 1;
    },
    async reassign(id, fromAgentId, toAgentId, at) {
      const { changes } = await db.run("UPDATE handoffs SET agent_id = ?, assigned_at = ? WHERE id = ? AND status = 'assigned' AND agent_id = ?", [toAgentId, at, id, fromAgentId]);
      return changes === 1;
    },
    async requeue(id, team, reason, base, cls, at) {
      await db.run(
        "UPDATE handoffs SET status = 'queued', agent_id = NULL, assigned_at = NULL, team = ?, reason = ?, priority_base = ?, priority_class = ?, queued_at = ?, sla_breached_at = NULL WHERE id = ?",
        [team, reason, base, cls, at, id],
      );
    },
    async setPriority(id, base, cls, value) {
      await db.run("UPDATE handoffs SET priority_base = ?, priority_class = ?, customer_value = ? WHERE id = ?", [base, cls, JSON.stringify(value), id]);
    },
    async end(id, status, at, resolution) {
      const { changes } = await db.run("UPDATE handoffs SET status = ?, ended_at = ?, resolution = ? WHERE id = ? AND status IN ('queued','assigned')", [status, at, resolution, id]);
      return changes === 1;
    },
    async markSlaBreached(id, at) {
      const { changes } = await db.run("UPDATE handoffs SET sla_breached_at = ? WHERE id = ? AND sla_breached_at IS NULL", [at, id]);
      return changes === 1;
    },
    async recordTransition(t) {
      await db.run("INSERT INTO conversation_transitions (conversation_id, from_state, to_state, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?)", [
        t.conversationId, t.from, t.to, t.actor, t.reason, t.at,
      ]);
    },
    async transitions(conversationId) {
      const rows = await db.all<{ conversation_id: string; from_state: ConversationState; to_state: ConversationState; actor: string; reason: string | null; at: string }>(
        "SELECT conversation_id, from_state, to_state, actor, reason, at FROM conversation_transitions WHERE conversation_id = ? ORDER BY id",
        [conversationId],
      );
      return rows.map((r) => ({ conversationId: r.conversation_id, from: r.from_state, to: r.to_state, actor: r.actor, reason: r.reason, at: r.at }));
    },
    async addNote(conversationId, agentId, text, at) {
      const r = await db.get<{ id: number }>("INSERT INTO agent_notes (conversation_id, agent_id, text, created_at) VALUES (?, ?, ?, ?) RETURNING id", [conversationId, agentId, text, at]);
      return { id: Number(r!.id), conversationId, agentId, text, createdAt: at };
    },
    async notes(conversationId) {
      const rows = await db.all<{ id: number; conversation_id: string; agent_id: string; text: string; created_at: string }>(
        "SELECT id, conversation_id, agent_id, text, created_at FROM agent_notes WHERE conversation_id = ? ORDER BY id",
        [conversationId],
      );
      return rows.map((r) => ({ id: Number(r.id), conversationId: r.conversation_id, agentId: r.agent_id, text: r.text, createdAt: r.created_at }));
    },
    async listCanned() {
      return (await db.all<CannedRow>("SELECT id, title, text, updated_by, updated_at FROM canned_responses ORDER BY title")).map(toCanned);
    },
    async countCanned() {
      return Number((await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM canned_responses"))?.n ?? 0);
    },
    async upsertCanned(c) {
      let id = c.id;
      if (id === undefined) {
        id = Number((await db.get<{ id: number }>("INSERT INTO canned_responses (title, text, updated_by, updated_at) VALUES (?, ?, ?, ?) RETURNING id", [c.title, c.text, c.updatedBy, c.updatedAt]))!.id);
      } else if ((await db.run("UPDATE canned_responses SET title = ?, text = ?, updated_by = ?, updated_at = ? WHERE id = ?", [c.title, c.text, c.updatedBy, c.updatedAt, id])).changes === 0) {
        return undefined;
      }
      const r = await db.get<CannedRow>("SELECT id, title, text, updated_by, updated_at FROM canned_responses WHERE id = ?", [id]);
      return r && toCanned(r);
    },
    async deleteCanned(id) {
      return (await db.run("DELETE FROM canned_responses WHERE id = ?", [id])).changes > 0;
    },
    async startTicket(conversationId, reason, at) {
      try {
        return toTicket((await db.get<TicketRow>("INSERT INTO tickets (conversation_id, status, reason, created_at) VALUES (?, 'collecting', ?, ?) RETURNING *", [conversationId, reason, at]))!);
      } catch (err) {
        const open = isUniqueViolation(err) ? await store.collectingTicket(conversationId) : undefined;
        if (!open) throw err;
        return open;
      }
    },
    async collectingTicket(conversationId) {
      const r = await db.get<TicketRow>("SELECT * FROM tickets WHERE conversation_id = ? AND status = 'collecting'", [conversationId]);
      return r && toTicket(r);
    },
    async updateTicket(id, patch) {
      const sets: string[] = [];
      const args: (string | null)[] = [];
      if (patch.status !== undefined) (sets.push("status = ?"), args.push(patch.status));
      if (patch.email !== undefined) (sets.push("email = ?"), args.push(patch.email));
      if (patch.message !== undefined) (sets.push("message = ?"), args.push(patch.message));
      if (patch.closedAt !== undefined) (sets.push("closed_at = ?"), args.push(patch.closedAt));
      if (patch.closedBy !== undefined) (sets.push("closed_by = ?"), args.push(patch.closedBy));
      if (sets.length) await db.run(`UPDATE tickets SET ${sets.join(", ")} WHERE id = ?`, [...args, id]);
      return store.getTicket(id);
    },
    async listTickets(status) {
      const rows = status
        ? await db.all<TicketRow>("SELECT * FROM tickets WHERE status = ? ORDER BY id DESC LIMIT 500", [status])
        : await db.all<TicketRow>("SELECT * FROM tickets ORDER BY id DESC LIMIT 500");
      return rows.map(toTicket);
    },
    async countTickets(status) {
      return Number((await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM tickets WHERE status = ?", [status]))?.n ?? 0);
    },
    async getTicket(id) {
      const r = await db.get<TicketRow>("SELECT * FROM tickets WHERE id = ?", [id]);
      return r && toTicket(r);
    },
    async conversationRating(conversationId) {
      const r = await db.get<{ rating: "up" | "down" }>("SELECT rating FROM feedback WHERE conversation_id = ? AND seq IS NULL ORDER BY id DESC LIMIT 1", [conversationId]);
      return r?.rating;
    },
  };
  return store;
}
