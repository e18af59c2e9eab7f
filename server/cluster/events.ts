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
}

/** The type of a bus event. */
export type BusEventType = keyof BusEvents;

/** Events that every instance receives. */
export const CLUSTER_EVENTS: ReadonlySet<BusEventType> = new Set<BusEventType>(["conversation.frame", "agent.frame", "queue.changed", "handoff.declined", "agent.online", "console.note"]);

/** A handler of one event type. */
export type BusHandler<K extends BusEventType> = (payload: BusEvents[K]) => void | Promise<void>;

/** Typed publish/subscribe between the parts of the server (and, on Redis, between instances). */
export interface EventBus {
  publish<K extends BusEventType>(type: K, payload: BusEvents[K]): void;
  subscribe<K extends BusEventType>(type: K, handler: BusHandler<K>): () => void;
  close(): Promise<void>;
}
