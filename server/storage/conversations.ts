import { randomUUID } from "node:crypto";
import type { ConversationState, Sender } from "../protocol.ts";
import { isUniqueViolation, type SqlExecutor } from "./driver.ts";

/** A stored conversation. */
export interface ConversationRecord {
  id: string;
  sessionId: string;
  customerId: string | null;
  state: ConversationState;
  lastSeq: number;
  /** The shopper's locale from `hello` (BCP 47), if given. */
  locale: string | null;
  /** The language the assistant answers in (ISO 639-1), once known. */
  language: string | null;
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
  /** For shopper messages: the responder that took it (`bot` and `ticket` owe a reply). */
  responder?: string | null;
  createdAt: string;
}

/** What to store for a new message; seq and time are assigned by the store. */
export type NewMessage = Omit<StoredMessage, "seq" | "createdAt" | "conversationId">;

type ConvRow = {
  id: string; session_id: string; customer_id: string | null; state: ConversationState; last_seq: number; locale: string | null; language: string | null;
  created_at: string; updated_at: string;
};
type MsgRow = { conversation_id: string; seq: number; sender: Sender; client_id: string | null; reply_to: string | null; text: string; action: string | null; payload: string; responder: string | null; created_at: string };

const toConv = (r: ConvRow): ConversationRecord => ({
  id: r.id, sessionId: r.session_id, customerId: r.customer_id, state: r.state, lastSeq: Number(r.last_seq), locale: r.locale, language: r.language,
  createdAt: r.created_at, updatedAt: r.updated_at,
});
const toMsg = (r: MsgRow): StoredMessage => ({
  conversationId: r.conversation_id, seq: Number(r.seq), sender: r.sender, clientId: r.client_id, replyTo: r.reply_to, text: r.text,
  action: r.action, payload: JSON.parse(r.payload) as Record<string, unknown>, responder: r.responder, createdAt: r.created_at,
});

/** A shopper message that no bot reply answers yet (found after a crash or on another instance). */
export interface UnansweredMessage {
  conversationId: string;
  message: StoredMessage;
}

/** Conversation and message persistence; seq numbers are assigned atomically per conversation. */
export interface ConversationStore {
  create(customerId: string | null, locale?: string | null): Promise<ConversationRecord>;
  findBySession(sessionId: string): Promise<ConversationRecord | undefined>;
  get(id: string): Promise<ConversationRecord | undefined>;
  setCustomer(id: string, customerId: string | null): Promise<void>;
  setState(id: string, state: ConversationState): Promise<void>;
  /** Change the state only if it is still `from`; true when it changed (one winner among concurrent callers). */
  compareAndSetState(id: string, from: ConversationState, to: ConversationState): Promise<boolean>;
  /** Record which responder took a shopper message. */
  setResponder(conversationId: string, seq: number, responder: string): Promise<void>;
  setLanguage(id: string, patch: { locale?: string | null; language?: string | null }): Promise<void>;
  /**
   * Store a message. A shopper message whose client id is already stored, or a second bot reply to the
   * same shopper message, is not stored again: the stored one is returned with `created: false`.
   */
  append(conversationId: string, message: NewMessage): Promise<{ message: StoredMessage; created: boolean }>;
  findByClientId(conversationId: string, clientId: string): Promise<StoredMessage | undefined>;
  /** The bot, agent and system messages that reply to a shopper message. */
  repliesTo(conversationId: string, clientId: string): Promise<StoredMessage[]>;
  messagesAfter(conversationId: string, afterSeq: number, limit?: number): Promise<StoredMessage[]>;
  /** Shopper messages taken by the bot or the ticket collector, in conversations still with the bot, that have no reply, sent since `sinceIso`, oldest first. */
  unanswered(sinceIso: string, limit?: number): Promise<UnansweredMessage[]>;
  /** The same for one conversation, whatever the age (a shopper resuming it is owed these replies). */
  unansweredIn(conversationId: string): Promise<StoredMessage[]>;
  addFeedback(conversationId: string, rating: "up" | "down", seq: number | null): Promise<void>;
}

/** Shopper messages owed a reply: taken by the bot or the ticket collector, in a conversation still with the bot, with no reply. */
const UNANSWERED = `SELECT m.* FROM messages m JOIN conversations c ON c.id = m.conversation_id
  WHERE m.sender = 'shopper' AND c.state = 'bot' AND m.client_id IS NOT NULL AND m.responder IN ('bot', 'ticket')
    AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.conversation_id = m.conversation_id AND r.reply_to = m.client_id AND r.sender <> 'shopper')`;

/** Create the conversation store over a SQL driver (SQLite or PostgreSQL). */
export function createConversationStore(db: SqlExecutor, now: () => Date = () => new Date()): ConversationStore {
  const byClientId = async (ex: SqlExecutor, conversationId: string, clientId: string) => {
    const r = await ex.get<MsgRow>("SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?", [conversationId, clientId]);
    return r && toMsg(r);
  };
  const botReplyTo = async (ex: SqlExecutor, conversationId: string, replyTo: string) => {
    const r = await ex.get<MsgRow>("SELECT * FROM messages WHERE conversation_id = ? AND reply_to = ? AND sender = 'bot'", [conversationId, replyTo]);
    return r && toMsg(r);
  };
  const store: ConversationStore = {
    async create(customerId, locale = null) {
      const at = now().toISOString();
      const id = randomUUID();
      const sessionId = randomUUID();
      await db.run(
        "INSERT INTO conversations (id, session_id, customer_id, state, last_seq, locale, created_at, updated_at) VALUES (?, ?, ?, 'bot', 0, ?, ?, ?)",
        [id, sessionId, customerId, locale, at, at],
      );
      return { id, sessionId, customerId, state: "bot", lastSeq: 0, locale, language: null, createdAt: at, updatedAt: at };
    },
    async findBySession(sessionId) {
      const r = await db.get<ConvRow>("SELECT * FROM conversations WHERE session_id = ?", [sessionId]);
      return r && toConv(r);
    },
    async get(id) {
      const r = await db.get<ConvRow>("SELECT * FROM conversations WHERE id = ?", [id]);
      return r && toConv(r);
    },
    async setCustomer(id, customerId) {
      await db.run("UPDATE conversations SET customer_id = ?, updated_at = ? WHERE id = ?", [customerId, now().toISOString(), id]);
    },
    async setState(id, state) {
      await db.run("UPDATE conversations SET state = ?, updated_at = ? WHERE id = ?", [state, now().toISOString(), id]);
    },
    async compareAndSetState(id, from, to) {
      const { changes } = await db.run("UPDATE conversations SET state = ?, updated_at = ? WHERE id = ? AND state = ?", [to, now().toISOString(), id, from]);
      return changes === 1;
    },
    async setResponder(conversationId, seq, responder) {
      await db.run("UPDATE messages SET responder = ? WHERE conversation_id = ? AND seq = ?", [responder, conversationId, seq]);
    },
    async setLanguage(id, patch) {
      if (patch.locale !== undefined) await db.run("UPDATE conversations SET locale = ? WHERE id = ?", [patch.locale, id]);
      if (patch.language !== undefined) await db.run("UPDATE conversations SET language = ? WHERE id = ?", [patch.language, id]);
    },
    async append(conversationId, m) {
      const at = now().toISOString();
      try {
        return await db.transaction(async (tx) => {
          if (m.sender === "shopper" && m.clientId) {
            const seen = await byClientId(tx, conversationId, m.clientId);
            if (seen) return { message: seen, created: false };
          }
          const row = await tx.get<{ last_seq: number }>("UPDATE conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq", [at, conversationId]);
          if (!row) throw new Error(`conversation ${conversationId} does not exist`);
          const seq = Number(row.last_seq);
          await tx.run(
            "INSERT INTO messages (conversation_id, seq, sender, client_id, reply_to, text, action, payload, responder, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [conversationId, seq, m.sender, m.clientId, m.replyTo, m.text, m.action, JSON.stringify(m.payload), m.responder ?? null, at],
          );
          return { message: { ...m, conversationId, seq, createdAt: at }, created: true };
        });
      } catch (err) {
        // Another instance stored the same message (or reply) first: its copy is the one.
        if (!isUniqueViolation(err)) throw err;
        const existing =
          m.sender === "bot" && m.replyTo ? await botReplyTo(db, conversationId, m.replyTo) : m.clientId ? await byClientId(db, conversationId, m.clientId) : undefined;
        if (!existing) throw err;
        return { message: existing, created: false };
      }
    },
    findByClientId: (conversationId, clientId) => byClientId(db, conversationId, clientId),
    async repliesTo(conversationId, clientId) {
      const rows = await db.all<MsgRow>("SELECT * FROM messages WHERE conversation_id = ? AND reply_to = ? AND sender <> 'shopper' ORDER BY seq", [conversationId, clientId]);
      return rows.map(toMsg);
    },
    async messagesAfter(conversationId, afterSeq, limit = 1000) {
      const rows = await db.all<MsgRow>("SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?", [conversationId, afterSeq, limit]);
      return rows.map(toMsg);
    },
    async unanswered(sinceIso, limit = 500) {
      const rows = await db.all<MsgRow>(`${UNANSWERED} AND m.created_at >= ? ORDER BY m.created_at, m.conversation_id, m.seq LIMIT ?`, [sinceIso, limit]);
      return rows.map((r) => ({ conversationId: r.conversation_id, message: toMsg(r) }));
    },
    async unansweredIn(conversationId) {
      const rows = await db.all<MsgRow>(`${UNANSWERED} AND m.conversation_id = ? ORDER BY m.seq`, [conversationId]);
      return rows.map(toMsg);
    },
    async addFeedback(conversationId, rating, seq) {
      await db.run("INSERT INTO feedback (conversation_id, seq, rating, created_at) VALUES (?, ?, ?, ?)", [conversationId, seq, rating, now().toISOString()]);
    },
  };
  return store;
}
