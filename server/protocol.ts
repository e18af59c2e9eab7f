/**
 * The chat protocol (../shared/PROTOCOL.md, documented in docs/protocol.md): the public contract between
 * the server and every chat client. Types are imported by widget/ (type-only); the zod schemas
 * validate every incoming frame on the server.
 */
import { z } from "zod";

/** What the bot decided on a turn. New actions may be added, never removed. */
export type BotAction =
  | "answer"
  | "clarify"
  | "order_status"
  | "recommend"
  | "upsell"
  | "retention_offer"
  | "handoff"
  | "fallback"
  | "smalltalk";

/** Who wrote a message. */
export type Sender = "shopper" | "bot" | "agent" | "system";

/** The state of a conversation. */
export type ConversationState = "bot" | "queued" | "agent" | "closed";

/** A knowledge source cited by an answer. */
export interface SourceRef {
  id: string;
  title: string;
}

/** A product card shown in the chat. Prices are in the shop's currency units (USD), e.g. 129.99. */
export interface ProductCard {
  id: string;
  name: string;
  price: number;
  url?: string;
  image?: string;
  reason?: string;
}

// ---- client -> server ----

const CustomerIdentity = z.object({ id: z.string().min(1).max(200), signature: z.string().min(1).max(200) });

/** Schemas for every frame a shopper client may send, keyed by `type`. */
export const ClientFrameSchemas = {
  hello: z.object({
    type: z.literal("hello"),
    sessionId: z.string().min(1).max(100).optional(),
    lastSeq: z.number().int().min(0).optional(),
    customer: CustomerIdentity.optional(),
    locale: z.string().max(35).optional(),
  }),
  message: z.object({
    type: z.literal("message"),
    id: z.string().min(1).max(100),
    text: z.string().min(1).max(4000),
  }),
  typing: z.object({ type: z.literal("typing"), on: z.boolean() }),
  feedback: z.object({
    type: z.literal("feedback"),
    rating: z.enum(["up", "down"]),
    seq: z.number().int().min(1).optional(),
  }),
} as const;

/** A `hello` frame: start or resume a conversation. */
export type HelloFrame = z.infer<typeof ClientFrameSchemas.hello>;
/** A shopper's chat message. */
export type MessageFrame = z.infer<typeof ClientFrameSchemas.message>;
/** A typing indicator from the shopper. */
export type TypingFrame = z.infer<typeof ClientFrameSchemas.typing>;
/** A rating of one answer or of the conversation. */
export type FeedbackFrame = z.infer<typeof ClientFrameSchemas.feedback>;
/** Any frame a shopper client sends. */
export type ClientFrame = HelloFrame | MessageFrame | TypingFrame | FeedbackFrame;
/** The `type` of a client frame. */
export type ClientFrameType = keyof typeof ClientFrameSchemas;

// ---- server -> client ----

/** Reply to `hello`. */
export interface WelcomeFrame {
  type: "welcome";
  sessionId: string;
  conversationId: string;
  state: ConversationState;
  customer?: { id: string; name?: string };
}

/** One message shown in the chat, with its per-conversation sequence number. */
export interface ChatMessageFrame {
  type: "message";
  seq: number;
  from: Sender;
  text: string;
  action?: BotAction;
  replyTo?: string;
  intent?: { name: string; confidence: number };
  sources?: SourceRef[];
  products?: ProductCard[];
  quickReplies?: string[];
  createdAt?: string;
}

/** A conversation state change. */
export interface StateFrame {
  type: "state";
  state: ConversationState;
  position?: number;
  agentName?: string;
}

/** The bot or an agent is typing. */
export interface ServerTypingFrame {
  type: "typing";
  from: Sender;
  on: boolean;
}

/** A refused request; nothing else changed. */
export interface ErrorFrame {
  type: "error";
  code: string;
  message: string;
  replyTo?: string;
}

/** Any frame the server sends to a shopper client. */
export type ServerFrame = WelcomeFrame | ChatMessageFrame | StateFrame | ServerTypingFrame | ErrorFrame;
