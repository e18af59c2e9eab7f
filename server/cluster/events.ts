import type { AgentServerFrame, NoteView, ServerFrame } from "../protocol.ts";

/**
 * Every event on the bus, by type. Events in CLUSTER_EVENTS also reach the other instances (socket
 * fan-out, console refreshes); the rest are domain events handled where they happen, once.
 */
export interface BusEvents {
  /** A frame for everyone watching a conversation (shopper sockets, agent consoles), wherever they are connected. */
  "conversation.frame": { conversationId: string; frame: ServerFrame };
  /** A frame for one agent's consoles. */
  "agent.frame": { agentId: string; frame: AgentServerFrame };
  /** The handoff queue changed: consoles refresh, the dispatcher offers again. */
  "queue.changed": { reason: string };
  /** An agent declined or let an offer lapse (the dispatcher, on whichever instance leads, skips them). */
  "handoff.declined": { conversationId: string; agentId: string };
  /** An agent opened a console (the dispatcher re-sends their pending offers to the new tab). */
  "agent.online": { agentId: string };
  /** An internal note was added (consoles watching the conversation show it). */
  "console.note": { conversationId: string; note: NoteView };
  /** The bot decided to hand a conversation to a person. */
  "handoff.requested": { conversationId: string; reason: string; team?: string };
  /** A bot turn finished (metrics, analytics). */
  "turn.completed": { conversationId: string; action: string; rule: string; latencyMs: number; language?: string };
  /** A conversation was closed by an agent. */
  "conversation.closed": { conversationId: string; agentId: string; resolution: string };
  /** A shopper message was stored and routed to a responder. */
  "message.received": { conversationId: string; seq: number; responder: string };
  /** The bot showed a retention offer with a code (a coupon the shop must honour; outbound webhook `coupon.issued`). */
  "offer.issued": { conversationId: string; customerId: string | null; experiment: string; kind: string; code: string; valueCents: number };
  /** A shopper rated a whole conversation (CSAT; outbound webhook `conversation.rated`). */
  "conversation.rated": { conversationId: string; rating: "up" | "down" };
  /** The shop's data changed through the ingest API or a platform webhook (every instance refreshes its catalogue). */
  "shop.changed": { source: string; products: string[]; customers: string[]; orders: string[]; events: number };
  /** An ingested order used the code of an offer the assistant made (attributed to the offer and its experiment). */
  "offer.redeemed": { offerId: number; code: string; experiment: string; arm: string; customerId: string | null; conversationId: string; orderId: string };
  /** A campaign message reached a customer (published by the campaign feature; outbound webhook `campaign.message.delivered`). */
  "campaign.message.delivered": { campaignId: string; messageId: string; customerId: string; channel: string; deliveredAt: string };
}

/** The type of a bus event. */
export type BusEventType = keyof BusEvents;

/** Events that every instance receives. */
export const CLUSTER_EVENTS: ReadonlySet<BusEventType> = new Set<BusEventType>(["conversation.frame", "agent.frame", "queue.changed", "handoff.declined", "agent.online", "console.note", "shop.changed"]);

/** A handler of one event type. */
export type BusHandler<K extends BusEventType> = (payload: BusEvents[K]) => void | Promise<void>;

/** Typed publish/subscribe between the parts of the server (and, on Redis, between instances). */
export interface EventBus {
  publish<K extends BusEventType>(type: K, payload: BusEvents[K]): void;
  subscribe<K extends BusEventType>(type: K, handler: BusHandler<K>): () => void;
  close(): Promise<void>;
}
