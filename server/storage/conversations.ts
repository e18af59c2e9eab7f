import { randomUUID } from "node:crypto";
import type { ConversationState, Sender } from "../protocol.ts";
import type { Db } from "./database.ts";

/** A stored conversation. */
export interface ConversationRecord {
  id: string;
  sessionId: string;
  customerId: string | null;
  state: ConversationState;
  lastSeq: number;
  createdAt: string;
  updatedAt: string;
}

/** A stored chat message (text already PII-masked). `payload` holds intent, sources, products, quick replies. */
export interface StoredMessage {
  conversationId: string;
  seq: number;
  sender: Sender;
  clientId: string | null;
  replyTo: string | null;
  text: string;
  action: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

/** What to store for a new message; seq and time are assigned by the store. */
export type NewMessage = Omit<StoredMessage, "seq" | "createdAt" | "conversationId">;

type ConvRow = { id: string; session_id: string; customer_id: string | null; state: ConversationState; last_seq: number; created_at: string; updated_at: string };
type MsgRow = { conversation_id: string; seq: number; sender: Sender; client_id: string | null; reply_to: string | null; text: string; action: string | null; payload: string; created_at: string };

const toConv = (r: ConvRow): ConversationRecord => ({
  id: r.id, sessionId: r.session_id, customerId: r.customer_id, state: r.state, lastSeq: r.last_seq, createdAt: r.created_at, updatedAt: r.updated_at,
});
const toMsg = (r: MsgRow): StoredMessage => ({
  conversationId: r.conversation_id, seq: r.seq, sender: r.sender, clientId: r.client_id, replyTo: r.reply_to, text: r.text,
  action: r.action, payload: JSON.parse(r.payload) as Record<string, unknown>, createdAt: r.created_at,
});

/** Conversation and message persistence; seq numbers are assigned atomically per conversation. */
export interface ConversationStore {
  create(customerId: string | null): ConversationRecord;
  findBySession(sessionId: string): ConversationRecord | undefined;
  get(id: string): ConversationRecord | undefined;
  setCustomer(id: string, customerId: string | null): void;
  setState(id: string, state: ConversationState): void;
  append(conversationId: string, message: NewMessage): StoredMessage;
  findByClientId(conversationId: string, clientId: string): StoredMessage | undefined;
  repliesTo(conversationId: string, clientId: string): StoredMessage[];
  messagesAfter(conversationId: string, afterSeq: number, limit?: number): StoredMessage[];
  addFeedback(conversationId: string, rating: "up" | "down", seq: number | null): void;
}

/** Create the SQLite-backed conversation store. */
export function createConversationStore(db: Db, now: () => Date = () => new Date()): ConversationStore {
  const q = {
    insertConv: db.prepare("INSERT INTO conversations (id, session_id, customer_id, state, last_seq, created_at, updated_at) VALUES (?, ?, ?, 'bot', 0, ?, ?)"),
    bySession: db.prepare("SELECT * FROM conversations WHERE session_id = ?"),
    byId: db.prepare("SELECT * FROM conversations WHERE id = ?"),
    setCustomer: db.prepare("UPDATE conversations SET customer_id = ?, updated_at = ? WHERE id = ?"),
    setState: db.prepare("UPDATE conversations SET state = ?, updated_at = ? WHERE id = ?"),
    bumpSeq: db.prepare("UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq"),
    insertMsg: db.prepare(
      "INSERT INTO messages (conversation_id, seq, sender, client_id, reply_to, text, action, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    byClientId: db.prepare("SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?"),
    repliesTo: db.prepare("SELECT * FROM messages WHERE conversation_id = ? AND reply_to = ? AND sender <> 'shopper' ORDER BY seq"),
    after: db.prepare("SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?"),
    feedback: db.prepare("INSERT INTO feedback (conversation_id, seq, rating, created_at) VALUES (?, ?, ?, ?)"),
  };
  const appendTx = db.transaction((conversationId: string, m: NewMessage, at: string): StoredMessage => {
    const row = q.bumpSeq.get(at, conversationId) as { last_seq: number } | undefined;
    if (!row) throw new Error(`conversation ${conversationId} does not exist`);
    q.insertMsg.run(conversationId, row.last_seq, m.sender, m.clientId, m.replyTo, m.text, m.action, JSON.stringify(m.payload), at);
    return { ...m, conversationId, seq: row.last_seq, createdAt: at };
  });
  return {
    create(customerId) {
      const at = now().toISOString();
      const id = randomUUID();
      const sessionId = randomUUID();
      q.insertConv.run(id, sessionId, customerId, at, at);
      return { id, sessionId, customerId, state: "bot", lastSeq: 0, createdAt: at, updatedAt: at };
    },
    findBySession(sessionId) {
      const r = q.bySession.get(sessionId) as ConvRow | undefined;
      return r && toConv(r);
    },
    get(id) {
      const r = q.byId.get(id) as ConvRow | undefined;
      return r && toConv(r);
    },
    setCustomer(id, customerId) {
      q.setCustomer.run(customerId, now().toISOString(), id);
    },
    setState(id, state) {
      q.setState.run(state, now().toISOString(), id);
    },
    append(conversationId, message) {
      return appendTx(conversationId, message, now().toISOString());
    },
    findByClientId(conversationId, clientId) {
      const r = q.byClientId.get(conversationId, clientId) as MsgRow | undefined;
      return r && toMsg(r);
    },
    repliesTo(conversationId, clientId) {
      return (q.repliesTo.all(conversationId, clientId) as MsgRow[]).map(toMsg);
    },
    messagesAfter(conversationId, afterSeq, limit = 1000) {
      return (q.after.all(conversationId, afterSeq, limit) as MsgRow[]).map(toMsg);
    },
    addFeedback(conversationId, rating, seq) {
      q.feedback.run(conversationId, seq, rating, now().toISOString());
    },
  };
}
