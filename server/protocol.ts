/**
 * The chat protocol (../shared/PROTOCOL.md, documented in docs/protocol.md): the public contract between
 * the server and every chat client. Types are imported by widget/ (type-only); the zod schemas
 * validate every incoming frame on the server.
 */
import { z } from "zod";

/** What the bot decided on a turn. New actions may be added, never removed. */
export type BotAction =
  | "answer"
  | "product_info"
  | "clarify"
  | "order_status"
  | "recommend"
  | "upsell"
  | "retention_offer"
  | "handoff"
  | "fallback"
  | "smalltalk"
  | "language_note";

/** Who wrote a message. */
export type Sender = "shopper" | "bot" | "agent" | "system";

/** The state of a conversation. */
export type ConversationState = "bot" | "queued" | "agent" | "closed";

/** A knowledge source cited by an answer. */
export interface SourceRef {
  id: string;
  title: string;
}

/** Whether a product (or variant) can be bought now. */
export type StockState = "in_stock" | "low_stock" | "out_of_stock";

/** A product card shown in the chat. Prices are in currency units of `currency` (default USD), e.g. 129.99. */
export interface ProductCard {
  id: string;
  name: string;
  price: number;
  /** ISO 4217 code of `price`; USD when absent. */
  currency?: string;
  /** The product page (http/https, absolute or relative to the shop page). */
  url?: string;
  /** Image URL (http/https, absolute or relative), shown about 150×100 px. */
  image?: string;
  /** Whether it can be bought now. */
  stock?: StockState;
  /** Options the shopper picks before adding to the cart (sizes, colours), each with its own stock. */
  variants?: { id: string; label: string; stock: StockState }[];
  /** Why this card is shown. */
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
  /** The shopper opened or dismissed a proactive campaign message (docs/campaigns.md). */
  campaign: z.object({
    type: z.literal("campaign"),
    campaignId: z.string().min(1).max(100),
    event: z.enum(["opened", "dismissed"]),
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
/** The shopper opened or dismissed a proactive campaign message. */
export type CampaignEventFrame = z.infer<typeof ClientFrameSchemas.campaign>;
/** Any frame a shopper client sends. */
export type ClientFrame = HelloFrame | MessageFrame | TypingFrame | FeedbackFrame | CampaignEventFrame;
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

/**
 * A proactive campaign message for a verified customer, sent once after `welcome` (never to the campaign's holdout;
 * at most one per frequency-cap period across campaigns). The widget shows it until opened or dismissed and reports
 * that with a `campaign` frame. `coupon.value` is in currency units (USD).
 */
export interface CampaignFrame {
  type: "campaign";
  campaignId: string;
  text: string;
  coupon?: { code: string; value: number; currency: string };
  products?: ProductCard[];
}

/** Any frame the server sends to a shopper client. */
export type ServerFrame = WelcomeFrame | ChatMessageFrame | StateFrame | ServerTypingFrame | ErrorFrame | CampaignFrame;

// ---- agent console (WebSocket at /agent/ws, authenticated by the agent's session; docs/handoff.md) ----

const ConversationRef = { conversationId: z.string().min(1).max(100), ref: z.string().max(100).optional() };
const TeamSchema = z.enum(["orders", "returns", "equipment", "general"]);

/** Schemas for every frame an agent console may send, keyed by `type`; `ref` is echoed in the `ack` or `error`. */
export const AgentClientFrameSchemas = {
  open: z.object({ type: z.literal("open"), ...ConversationRef }),
  unwatch: z.object({ type: z.literal("unwatch"), ...ConversationRef }),
  accept: z.object({ type: z.literal("accept"), ...ConversationRef }),
  decline: z.object({ type: z.literal("decline"), ...ConversationRef }),
  message: z.object({
    type: z.literal("message"),
    ...ConversationRef,
    id: z.string().min(1).max(100),
    text: z.string().min(1).max(4000),
    productIds: z.array(z.string().min(1).max(50)).max(6).optional(),
  }),
  typing: z.object({ type: z.literal("typing"), ...ConversationRef, on: z.boolean() }),
  note: z.object({ type: z.literal("note"), ...ConversationRef, text: z.string().min(1).max(4000) }),
  transfer: z.object({ type: z.literal("transfer"), ...ConversationRef, toAgentId: z.string().min(1).max(100).optional(), team: TeamSchema.optional() }),
  handback: z.object({ type: z.literal("handback"), ...ConversationRef }),
  close: z.object({ type: z.literal("close"), ...ConversationRef, resolution: z.string().min(1).max(500) }),
} as const;

/** Any frame an agent console sends. */
export type AgentClientFrame = { [K in keyof typeof AgentClientFrameSchemas]: z.infer<(typeof AgentClientFrameSchemas)[K]> }[keyof typeof AgentClientFrameSchemas];
/** The `type` of an agent console frame. */
export type AgentClientFrameType = keyof typeof AgentClientFrameSchemas;

/** A support team (agent skill) a conversation can be routed to. */
export type SupportTeam = "orders" | "returns" | "equipment" | "general";

/** A console user as the console sees it. */
export interface AgentView {
  id: string;
  email: string;
  name: string;
  role: "agent" | "admin";
  skills: SupportTeam[];
  capacity: number;
}

/** Another agent's live status (for transfers and supervision). */
export interface AgentStatusView {
  id: string;
  name: string;
  skills: SupportTeam[];
  capacity: number;
  online: boolean;
  load: number;
}

/** One queued or assigned conversation as the console lists it. */
export interface QueueEntryView {
  conversationId: string;
  status: "queued" | "assigned";
  team: SupportTeam;
  reason: string;
  priorityClass: "high" | "normal" | "low";
  score: number;
  queuedAt: string;
  /** Seconds waited so far (at `asOf` of the enclosing frame). */
  waitingSeconds: number;
  slaSeconds: number;
  slaBreached: boolean;
  /** 1-based position among queued conversations (absent once assigned). */
  position?: number;
  customer: { id: string; name: string } | null;
  preview: string;
  /** The language the shopper writes in (ISO 639-1). */
  language?: string;
  offeredTo?: string;
  agentId?: string;
  agentName?: string;
}

/** A message in the console transcript: the chat frame plus the bot's decision trail. */
export interface TranscriptMessage extends ChatMessageFrame {
  decision?: Record<string, unknown>;
  agentId?: string;
}

/** An internal note (never shown to the shopper). */
export interface NoteView {
  id: number;
  agentId: string;
  agentName: string;
  text: string;
  createdAt: string;
}

/** The customer sidebar; each part is null when unknown (anonymous shopper, no consent, no models). */
export interface CustomerSidebar {
  customer: { id: string; name: string; email: string; country: string; memberSince: string; summitMember: boolean } | null;
  profile: { orders: number; monetaryCents: number; averageOrderValueCents: number; recencyDays: number | null } | null;
  segment: string | null;
  stage: string | null;
  clv: { clvCents: number; probabilityAlive: number; horizonMonths: number } | null;
  churn: { risk: number; reasons: { text: string; direction: "raises" | "lowers" }[] } | null;
  orders: { id: string; placedAt: string; status: string; totalCents: number; carrier: string | null; trackingNumber: string | null; items: number }[];
  recommendations: (ProductCard & { reason?: string })[];
  /** Why it is empty or partial, e.g. "anonymous shopper" or "customer models not trained". */
  notes: string[];
}

/** Everything the console shows for one conversation. */
export interface ConversationDetail {
  conversationId: string;
  state: ConversationState;
  /** The shopper's locale from the widget (BCP 47), and the language they write in (ISO 639-1). */
  locale?: string;
  language?: string;
  entry: QueueEntryView | null;
  transcript: TranscriptMessage[];
  notes: NoteView[];
  transitions: { from: ConversationState; to: ConversationState; actor: string; reason: string | null; at: string }[];
  sidebar: CustomerSidebar;
  csat: "up" | "down" | null;
}

/** An out-of-hours message left for the team. */
export interface TicketView {
  id: number;
  conversationId: string;
  status: "collecting" | "open" | "closed";
  email: string | null;
  message: string;
  reason: string;
  createdAt: string;
  closedAt: string | null;
}

/** Frames the server sends to an agent console. */
export type AgentServerFrame =
  | { type: "ready"; agent: AgentView; supportOpen: boolean; supportHours: string }
  | { type: "queue"; asOf: string; queue: QueueEntryView[]; mine: QueueEntryView[]; agents: AgentStatusView[]; openTickets: number }
  | { type: "offer"; entry: QueueEntryView; expiresAt: string }
  | { type: "offer_withdrawn"; conversationId: string }
  | { type: "conversation"; detail: ConversationDetail }
  | { type: "event"; conversationId: string; frame: ServerFrame }
  | { type: "note"; conversationId: string; note: NoteView }
  | { type: "ack"; replyTo?: string; conversationId?: string }
  | ErrorFrame;
