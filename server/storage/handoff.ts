import type { ConversationState } from "../protocol.ts";
import type { Team } from "./auth.ts";
import type { Db } from "./database.ts";

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
  customer_value: string; queued_at: string; agent_id: string | null; assigned_at: string | null; ended_at: string | null; resolution: string | null;
};
type TicketRow = {
  id: number; conversation_id: string; status: TicketRecord["status"]; email: string | null; message: string; reason: string;
  created_at: string; closed_at: string | null; closed_by: string | null;
};

const toHandoff = (r: HandoffRow): HandoffRecord => ({
  id: r.id, conversationId: r.conversation_id, status: r.status, team: r.team, reason: r.reason, priorityBase: r.priority_base,
  priorityClass: r.priority_class, customerValue: JSON.parse(r.customer_value) as HandoffRecord["customerValue"], queuedAt: r.queued_at,
  agentId: r.agent_id, assignedAt: r.assigned_at, endedAt: r.ended_at, resolution: r.resolution,
});
const toTicket = (r: TicketRow): TicketRecord => ({
  id: r.id, conversationId: r.conversation_id, status: r.status, email: r.email, message: r.message, reason: r.reason,
  createdAt: r.created_at, closedAt: r.closed_at, closedBy: r.closed_by,
});

/** What to store when a conversation joins the queue. */
export type NewHandoff = Pick<HandoffRecord, "conversationId" | "team" | "reason" | "priorityBase" | "priorityClass" | "customerValue" | "queuedAt">;

/** Persistence of the handoff queue, transitions, notes, canned responses and tickets. */
export interface HandoffStore {
  enqueue(h: NewHandoff): HandoffRecord;
  getOpen(conversationId: string): HandoffRecord | undefined;
  latest(conversationId: string): HandoffRecord | undefined;
  /** Every queued or assigned episode, oldest first (the queue after a restart). */
  listOpen(): HandoffRecord[];
  assign(id: number, agentId: string, at: string): void;
  requeue(id: number, team: Team, reason: string, priorityBase: number, priorityClass: PriorityClass, at: string): void;
  setPriority(id: number, priorityBase: number, priorityClass: PriorityClass, customerValue: HandoffRecord["customerValue"]): void;
  end(id: number, status: "returned" | "closed", at: string, resolution: string | null): void;
  recordTransition(t: TransitionRecord): void;
  transitions(conversationId: string): TransitionRecord[];
  addNote(conversationId: string, agentId: string, text: string, at: string): AgentNote;
  notes(conversationId: string): AgentNote[];
  listCanned(): CannedResponse[];
  countCanned(): number;
  upsertCanned(c: { id?: number; title: string; text: string; updatedBy: string | null; updatedAt: string }): CannedResponse | undefined;
  deleteCanned(id: number): boolean;
  startTicket(conversationId: string, reason: string, at: string): TicketRecord;
  collectingTicket(conversationId: string): TicketRecord | undefined;
  updateTicket(id: number, patch: { status?: TicketRecord["status"]; email?: string | null; message?: string; closedAt?: string; closedBy?: string }): TicketRecord | undefined;
  listTickets(status?: TicketRecord["status"]): TicketRecord[];
  getTicket(id: number): TicketRecord | undefined;
  /** The conversation rating (feedback without a seq), newest first, if any. */
  conversationRating(conversationId: string): "up" | "down" | undefined;
}

/** Create the SQLite-backed handoff store. */
export function createHandoffStore(db: Db): HandoffStore {
  const q = {
    enqueue: db.prepare(
      "INSERT INTO handoffs (conversation_id, status, team, reason, priority_base, priority_class, customer_value, queued_at) VALUES (?, 'queued', ?, ?, ?, ?, ?, ?) RETURNING *",
    ),
    open: db.prepare("SELECT * FROM handoffs WHERE conversation_id = ? AND status IN ('queued','assigned')"),
    latest: db.prepare("SELECT * FROM handoffs WHERE conversation_id = ? ORDER BY id DESC LIMIT 1"),
    listOpen: db.prepare("SELECT * FROM handoffs WHERE status IN ('queued','assigned') ORDER BY id"),
    assign: db.prepare("UPDATE handoffs SET status = 'assigned', agent_id = ?, assigned_at = ? WHERE id = ?"),
    requeue: db.prepare(
      "UPDATE handoffs SET status = 'queued', agent_id = NULL, assigned_at = NULL, team = ?, reason = ?, priority_base = ?, priority_class = ?, queued_at = ? WHERE id = ?",
    ),
    priority: db.prepare("UPDATE handoffs SET priority_base = ?, priority_class = ?, customer_value = ? WHERE id = ?"),
    end: db.prepare("UPDATE handoffs SET status = ?, ended_at = ?, resolution = ? WHERE id = ?"),
    transition: db.prepare("INSERT INTO conversation_transitions (conversation_id, from_state, to_state, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?)"),
    transitions: db.prepare("SELECT conversation_id, from_state, to_state, actor, reason, at FROM conversation_transitions WHERE conversation_id = ? ORDER BY id"),
    addNote: db.prepare("INSERT INTO agent_notes (conversation_id, agent_id, text, created_at) VALUES (?, ?, ?, ?) RETURNING id"),
    notes: db.prepare("SELECT id, conversation_id, agent_id, text, created_at FROM agent_notes WHERE conversation_id = ? ORDER BY id"),
    canned: db.prepare("SELECT id, title, text, updated_by, updated_at FROM canned_responses ORDER BY title"),
    cannedCount: db.prepare("SELECT COUNT(*) FROM canned_responses").pluck(),
    cannedById: db.prepare("SELECT id, title, text, updated_by, updated_at FROM canned_responses WHERE id = ?"),
    cannedInsert: db.prepare("INSERT INTO canned_responses (title, text, updated_by, updated_at) VALUES (?, ?, ?, ?) RETURNING id"),
    cannedUpdate: db.prepare("UPDATE canned_responses SET title = ?, text = ?, updated_by = ?, updated_at = ? WHERE id = ?"),
    cannedDelete: db.prepare("DELETE FROM canned_responses WHERE id = ?"),
    ticketStart: db.prepare("INSERT INTO tickets (conversation_id, status, reason, created_at) VALUES (?, 'collecting', ?, ?) RETURNING *"),
    ticketCollecting: db.prepare("SELECT * FROM tickets WHERE conversation_id = ? AND status = 'collecting'"),
    ticketById: db.prepare("SELECT * FROM tickets WHERE id = ?"),
    ticketsAll: db.prepare("SELECT * FROM tickets ORDER BY id DESC LIMIT 500"),
    ticketsBy: db.prepare("SELECT * FROM tickets WHERE status = ? ORDER BY id DESC LIMIT 500"),
    rating: db.prepare("SELECT rating FROM feedback WHERE conversation_id = ? AND seq IS NULL ORDER BY id DESC LIMIT 1").pluck(),
  };
  const store: HandoffStore = {
    enqueue(h) {
      return toHandoff(q.enqueue.get(h.conversationId, h.team, h.reason, h.priorityBase, h.priorityClass, JSON.stringify(h.customerValue), h.queuedAt) as HandoffRow);
    },
    getOpen(conversationId) {
      const r = q.open.get(conversationId) as HandoffRow | undefined;
      return r && toHandoff(r);
    },
    latest(conversationId) {
      const r = q.latest.get(conversationId) as HandoffRow | undefined;
      return r && toHandoff(r);
    },
    listOpen() {
      return (q.listOpen.all() as HandoffRow[]).map(toHandoff);
    },
    assign(id, agentId, at) {
      q.assign.run(agentId, at, id);
    },
    requeue(id, team, reason, base, cls, at) {
      q.requeue.run(team, reason, base, cls, at, id);
    },
    setPriority(id, base, cls, value) {
      q.priority.run(base, cls, JSON.stringify(value), id);
    },
    end(id, status, at, resolution) {
      q.end.run(status, at, resolution, id);
    },
    recordTransition(t) {
      q.transition.run(t.conversationId, t.from, t.to, t.actor, t.reason, t.at);
    },
    transitions(conversationId) {
      return (q.transitions.all(conversationId) as { conversation_id: string; from_state: ConversationState; to_state: ConversationState; actor: string; reason: string | null; at: string }[]).map(
        (r) => ({ conversationId: r.conversation_id, from: r.from_state, to: r.to_state, actor: r.actor, reason: r.reason, at: r.at }),
      );
    },
    addNote(conversationId, agentId, text, at) {
      const { id } = q.addNote.get(conversationId, agentId, text, at) as { id: number };
      return { id, conversationId, agentId, text, createdAt: at };
    },
    notes(conversationId) {
      return (q.notes.all(conversationId) as { id: number; conversation_id: string; agent_id: string; text: string; created_at: string }[]).map((r) => ({
        id: r.id, conversationId: r.conversation_id, agentId: r.agent_id, text: r.text, createdAt: r.created_at,
      }));
    },
    listCanned() {
      return (q.canned.all() as { id: number; title: string; text: string; updated_by: string | null; updated_at: string }[]).map((r) => ({
        id: r.id, title: r.title, text: r.text, updatedBy: r.updated_by, updatedAt: r.updated_at,
      }));
    },
    countCanned() {
      return q.cannedCount.get() as number;
    },
    upsertCanned(c) {
      let id = c.id;
      if (id === undefined) id = (q.cannedInsert.get(c.title, c.text, c.updatedBy, c.updatedAt) as { id: number }).id;
      else if (q.cannedUpdate.run(c.title, c.text, c.updatedBy, c.updatedAt, id).changes === 0) return undefined;
      const r = q.cannedById.get(id) as { id: number; title: string; text: string; updated_by: string | null; updated_at: string };
      return { id: r.id, title: r.title, text: r.text, updatedBy: r.updated_by, updatedAt: r.updated_at };
    },
    deleteCanned(id) {
      return q.cannedDelete.run(id).changes > 0;
    },
    startTicket(conversationId, reason, at) {
      return toTicket(q.ticketStart.get(conversationId, reason, at) as TicketRow);
    },
    collectingTicket(conversationId) {
      const r = q.ticketCollecting.get(conversationId) as TicketRow | undefined;
      return r && toTicket(r);
    },
    updateTicket(id, patch) {
      const sets: string[] = [];
      const args: unknown[] = [];
      if (patch.status !== undefined) (sets.push("status = ?"), args.push(patch.status));
      if (patch.email !== undefined) (sets.push("email = ?"), args.push(patch.email));
      if (patch.message !== undefined) (sets.push("message = ?"), args.push(patch.message));
      if (patch.closedAt !== undefined) (sets.push("closed_at = ?"), args.push(patch.closedAt));
      if (patch.closedBy !== undefined) (sets.push("closed_by = ?"), args.push(patch.closedBy));
      if (sets.length) db.prepare(`UPDATE tickets SET ${sets.join(", ")} WHERE id = ?`).run(...args, id);
      return store.getTicket(id);
    },
    listTickets(status) {
      return ((status ? q.ticketsBy.all(status) : q.ticketsAll.all()) as TicketRow[]).map(toTicket);
    },
    getTicket(id) {
      const r = q.ticketById.get(id) as TicketRow | undefined;
      return r && toTicket(r);
    },
    conversationRating(conversationId) {
      return (q.rating.get(conversationId) as "up" | "down" | undefined) ?? undefined;
    },
  };
  return store;
}
