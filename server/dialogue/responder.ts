import type { BusEvents, BusEventType } from "../cluster/index.ts";
import type { ConversationRecord, StoredMessage } from "../storage/index.ts";

/** One shopper message handed to a responder. */
export interface Turn {
  conversation: ConversationRecord;
  /** The shopper's message as stored (PII-masked). */
  message: StoredMessage;
  /** The unmasked text, held in memory only (order e-mail checks, ticket e-mail); null when answering after a restart. */
  rawText: string | null;
  /** The language to answer in (ISO 639-1), from the message, the widget's locale and the conversation so far. */
  language: string;
  /** The shopper's network address (abuse budgets; never stored); null when answering after a restart. */
  client?: string | null;
}

/** A reply a responder wants stored and sent (it answers the turn's message). */
export interface ResponderReply {
  text: string;
  action?: string;
  payload?: Record<string, unknown>;
}

/** An event a responder wants published once its reply is stored. */
export type PendingEvent = { [K in BusEventType]: { type: K; payload: BusEvents[K] } }[BusEventType];

/** What a responder decided: at most one reply, and events for the rest of the server. */
export interface ResponderResult {
  reply?: ResponderReply;
  events?: PendingEvent[];
}

/** Answers shopper messages in one conversation state: the bot, the out-of-hours ticket collector, or the agent relay. */
export interface Responder {
  /** Stored with each message it takes; `bot` and `ticket` owe the shopper a reply. */
  readonly name: "bot" | "ticket" | "agent";
  /** Show the bot's typing indicator while it works. */
  readonly showsTyping: boolean;
  respond(turn: Turn): Promise<ResponderResult>;
}

/** The agent relay: a person has (or will take) the conversation, so the message is only stored and fanned out. */
export const agentRelay: Responder = { name: "agent", showsTyping: false, respond: async () => ({}) };
