import type { SqlExecutor } from "./driver.ts";

/**
 * Read-only facts for the admin dashboard and the unanswered-questions list, over a time range [from, to) of
 * conversation start times (ISO-8601 strings compare in time order on both dialects). The SQL is plain SELECTs
 * and GROUP BYs that SQLite and PostgreSQL read alike; the metrics are computed from these rows in
 * server/analytics (docs/metrics.md defines each).
 */

/** A conversation started in the range. */
export interface ConversationFact {
  id: string;
  customerId: string | null;
  state: string;
  createdAt: string;
  updatedAt: string;
}

/** One message of a conversation in the range; `payload` only for bot messages (the decision record). */
export interface MessageFact {
  conversationId: string;
  seq: number;
  sender: "shopper" | "bot" | "agent" | "system";
  clientId: string | null;
  replyTo: string | null;
  action: string | null;
  /** The (PII-masked) text of shopper messages; empty for the others. */
  text: string;
  payload: Record<string, unknown> | null;
  createdAt: string;
}

/** A handoff episode of a conversation in the range. */
export interface HandoffFact {
  conversationId: string;
  status: string;
  team: string;
  reason: string;
  queuedAt: string;
  assignedAt: string | null;
  endedAt: string | null;
  agentId: string | null;
}

/** A thumbs-up or -down: on a message (`seq`) or on the whole conversation (`seq` null, CSAT). */
export interface FeedbackFact {
  conversationId: string;
  seq: number | null;
  rating: "up" | "down";
  createdAt: string;
}

/** An order, for conversion and retention. */
export interface OrderFact {
  customerId: string;
  placedAt: string;
  totalCents: number;
}

/** Offers of one experiment and arm in the range. */
export interface OfferSummary {
  experiment: string;
  arm: string;
  kind: string;
  due: number;
  shown: number;
  costCents: number;
}

/** A dismissed cluster of unanswered questions. */
export interface UnansweredDismissal {
  id: number;
  clusterKey: string;
  title: string;
  centroid: number[];
  members: string[];
  dismissedBy: string | null;
  dismissedAt: string;
}

/** The analytics repository. */
export interface AnalyticsStore {
  conversations(fromIso: string, toIso: string): Promise<ConversationFact[]>;
  /** Messages of the conversations started in the range (bot payloads parsed), by conversation and seq. */
  messages(fromIso: string, toIso: string): Promise<MessageFact[]>;
  handoffs(fromIso: string, toIso: string): Promise<HandoffFact[]>;
  feedback(fromIso: string, toIso: string): Promise<FeedbackFact[]>;
  /** Orders that are not cancelled, placed before `toIso` (every order counts for retention cohorts). */
  orders(toIso: string): Promise<OrderFact[]>;
  /** Per customer who browsed (behaviour events) in the range: the first event time. */
  firstActivity(fromIso: string, toIso: string): Promise<{ customerId: string; at: string }[]>;
  /** Offers recorded in the range, per experiment, arm and kind. */
  offerSummary(fromIso: string, toIso: string): Promise<OfferSummary[]>;
  /** The newest conversation start, or undefined when there is none. */
  latestConversationAt(): Promise<string | undefined>;
  addDismissal(d: Omit<UnansweredDismissal, "id" | "dismissedAt">, atIso: string): Promise<UnansweredDismissal>;
  listDismissals(): Promise<UnansweredDismissal[]>;
  removeDismissal(id: number): Promise<boolean>;
}

type MsgRow = { conversation_id: string; seq: number; sender: MessageFact["sender"]; client_id: string | null; reply_to: string | null; action: string | null; text: string; payload: string | null; created_at: string };
type DismissalRow = { id: number; cluster_key: string; title: string; centroid: string; members: string; dismissed_by: string | null; dismissed_at: string };

const toDismissal = (r: DismissalRow): UnansweredDismissal => ({
  id: Number(r.id), clusterKey: r.cluster_key, title: r.title, centroid: JSON.parse(r.centroid) as number[], members: JSON.parse(r.members) as string[],
  dismissedBy: r.dismissed_by, dismissedAt: r.dismissed_at,
});

const IN_RANGE = "c.created_at >= ? AND c.created_at < ?";

/** Create the analytics store over a SQL driver (SQLite or PostgreSQL). */
export function createAnalyticsStore(db: SqlExecutor): AnalyticsStore {
  return {
    async conversations(from, to) {
      const rows = await db.all<{ id: string; customer_id: string | null; state: string; created_at: string; updated_at: string }>(
        `SELECT c.id, c.customer_id, c.state, c.created_at, c.updated_at FROM conversations c WHERE ${IN_RANGE} ORDER BY c.created_at, c.id`, [from, to]);
      return rows.map((r) => ({ id: r.id, customerId: r.customer_id, state: r.state, createdAt: r.created_at, updatedAt: r.updated_at }));
    },
    async messages(from, to) {
      const rows = await db.all<MsgRow>(
        `SELECT m.conversation_id, m.seq, m.sender, m.client_id, m.reply_to, m.action,
                CASE WHEN m.sender = 'shopper' THEN m.text ELSE '' END AS text,
                CASE WHEN m.sender = 'bot' THEN m.payload ELSE NULL END AS payload, m.created_at
         FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE ${IN_RANGE} ORDER BY m.conversation_id, m.seq`, [from, to]);
      return rows.map((r) => ({
        conversationId: r.conversation_id, seq: Number(r.seq), sender: r.sender, clientId: r.client_id, replyTo: r.reply_to, action: r.action, text: r.text,
        payload: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : null, createdAt: r.created_at,
      }));
    },
    async handoffs(from, to) {
      const rows = await db.all<{ conversation_id: string; status: string; team: string; reason: string; queued_at: string; assigned_at: string | null; ended_at: string | null; agent_id: string | null }>(
        `SELECT h.conversation_id, h.status, h.team, h.reason, h.queued_at, h.assigned_at, h.ended_at, h.agent_id
         FROM handoffs h JOIN conversations c ON c.id = h.conversation_id WHERE ${IN_RANGE} ORDER BY h.queued_at, h.id`, [from, to]);
      return rows.map((r) => ({ conversationId: r.conversation_id, status: r.status, team: r.team, reason: r.reason, queuedAt: r.queued_at, assignedAt: r.assigned_at, endedAt: r.ended_at, agentId: r.agent_id }));
    },
    async feedback(from, to) {
      const rows = await db.all<{ conversation_id: string; seq: number | null; rating: "up" | "down"; created_at: string }>(
        `SELECT f.conversation_id, f.seq, f.rating, f.created_at FROM feedback f JOIN conversations c ON c.id = f.conversation_id WHERE ${IN_RANGE} ORDER BY f.id`, [from, to]);
      return rows.map((r) => ({ conversationId: r.conversation_id, seq: r.seq === null ? null : Number(r.seq), rating: r.rating, createdAt: r.created_at }));
    },
    async orders(to) {
      const rows = await db.all<{ customer_id: string; placed_at: string; total_cents: number }>(
        "SELECT customer_id, placed_at, total_cents FROM orders WHERE status <> 'cancelled' AND placed_at < ? ORDER BY placed_at", [to]);
      return rows.map((r) => ({ customerId: r.customer_id, placedAt: r.placed_at, totalCents: Number(r.total_cents) }));
    },
    async firstActivity(from, to) {
      const rows = await db.all<{ customer_id: string; first_at: string }>(
        "SELECT customer_id, MIN(at) AS first_at FROM events WHERE customer_id IS NOT NULL AND at >= ? AND at < ? GROUP BY customer_id", [from, to]);
      return rows.map((r) => ({ customerId: r.customer_id, at: r.first_at }));
    },
    async offerSummary(from, to) {
      const rows = await db.all<{ experiment: string; arm: string; kind: string; due: number; shown: number; cost: number }>(
        `SELECT experiment, arm, kind, COUNT(*) AS due, SUM(shown) AS shown, COALESCE(SUM(CASE WHEN shown = 1 THEN cost_cents ELSE 0 END), 0) AS cost
         FROM offers WHERE created_at >= ? AND created_at < ? GROUP BY experiment, arm, kind ORDER BY experiment, arm, kind`, [from, to]);
      return rows.map((r) => ({ experiment: r.experiment, arm: r.arm, kind: r.kind, due: Number(r.due), shown: Number(r.shown ?? 0), costCents: Number(r.cost) }));
    },
    async latestConversationAt() {
      const r = await db.get<{ at: string | null }>("SELECT MAX(created_at) AS at FROM conversations");
      return r?.at ?? undefined;
    },
    async addDismissal(d, at) {
      const r = await db.get<DismissalRow>(
        `INSERT INTO unanswered_dismissals (cluster_key, title, centroid, members, dimensions, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [d.clusterKey, d.title, JSON.stringify(d.centroid), JSON.stringify(d.members), d.centroid.length, d.dismissedBy, at]);
      return toDismissal(r!);
    },
    async listDismissals() {
      return (await db.all<DismissalRow>("SELECT * FROM unanswered_dismissals ORDER BY id")).map(toDismissal);
    },
    async removeDismissal(id) {
      return (await db.run("DELETE FROM unanswered_dismissals WHERE id = ?", [id])).changes === 1;
    },
  };
}
