import type { EventBus } from "../cluster/index.ts";
import { maskPii } from "../privacy/mask.ts";
import type { ChatMessageFrame, ConversationState, Sender, ServerFrame } from "../protocol.ts";
import type { ConversationStore, StoredMessage } from "../storage/index.ts";

/** Receives the frames of one conversation (an open shopper socket, an agent console). */
export type FrameListener = (frame: ServerFrame) => void;

/** A message someone other than the shopper adds to a conversation. */
export interface PostedMessage {
  sender: Exclude<Sender, "shopper">;
  text: string;
  action?: string | null;
  payload?: Record<string, unknown>;
  /** De-duplicates a resend (an agent console after a reconnect): stored and sent once. */
  clientId?: string | null;
  /** The shopper message this answers (a bot reply). */
  replyTo?: string | null;
}

/**
 * The conversation's record and fan-out: every change is stored first, then published as a frame on the
 * bus, which delivers it to whoever watches the conversation on any instance. The router, the handoff and
 * the agent console all write through it; none of them calls the router.
 */
export interface ConversationLog {
  /** Store a message (agent text is PII-masked) and publish it; a repeated clientId or bot reply returns the stored one. */
  post(conversationId: string, message: PostedMessage): Promise<ChatMessageFrame>;
  /** Publish a frame of a stored message again (an acknowledgement after a resend). */
  republish(conversationId: string, message: StoredMessage): void;
  /** Store a state change and tell everyone watching (`extra` carries the queue position or agent name). */
  setState(conversationId: string, state: ConversationState, extra?: { position?: number; agentName?: string }): Promise<void>;
  /** Tell everyone watching, without storing (typing indicators, queue positions). */
  publish(conversationId: string, frame: ServerFrame): void;
  /** Watch a conversation's frames on this instance. */
  subscribe(conversationId: string, listener: FrameListener): () => void;
  /** Conversations watched on this instance (metrics). */
  watched(): number;
}

/** Turn a stored message into the protocol frame clients see. */
export function toMessageFrame(m: StoredMessage): ChatMessageFrame {
  const p = m.payload as Partial<Pick<ChatMessageFrame, "intent" | "sources" | "products" | "quickReplies">>;
  const frame: ChatMessageFrame = { type: "message", seq: m.seq, from: m.sender, text: m.text, createdAt: m.createdAt };
  if (m.action) frame.action = m.action as ChatMessageFrame["action"];
  if (m.replyTo) frame.replyTo = m.replyTo;
  if (p.intent) frame.intent = p.intent;
  if (p.sources?.length) frame.sources = p.sources;
  if (p.products?.length) frame.products = p.products;
  if (p.quickReplies?.length) frame.quickReplies = p.quickReplies;
  return frame;
}

/** Create the conversation log over the conversation store and the bus. */
export function createConversationLog(options: { store: ConversationStore; bus: EventBus; mask?: (text: string) => string }): ConversationLog {
  const { store, bus } = options;
  const mask = options.mask ?? ((t: string) => maskPii(t).text);
  const listeners = new Map<string, Set<FrameListener>>();
  bus.subscribe("conversation.frame", ({ conversationId, frame }) => {
    for (const l of listeners.get(conversationId) ?? []) l(frame);
  });
  const publish = (conversationId: string, frame: ServerFrame) => bus.publish("conversation.frame", { conversationId, frame });
  return {
    async post(conversationId, m) {
      const { message } = await store.append(conversationId, {
        sender: m.sender,
        clientId: m.clientId ?? null,
        replyTo: m.replyTo ?? null,
        text: m.sender === "agent" ? mask(m.text) : m.text,
        action: m.action ?? null,
        payload: m.payload ?? {},
      });
      const frame = toMessageFrame(message);
      publish(conversationId, frame);
      return frame;
    },
    republish(conversationId, message) {
      publish(conversationId, toMessageFrame(message));
    },
    async setState(conversationId, state, extra = {}) {
      await store.setState(conversationId, state);
      publish(conversationId, { type: "state", state, ...extra });
    },
    publish,
    subscribe(conversationId, listener) {
      let set = listeners.get(conversationId);
      if (!set) listeners.set(conversationId, (set = new Set()));
      set.add(listener);
      return () => {
        set!.delete(listener);
        if (set!.size === 0) listeners.delete(conversationId);
      };
    },
    watched: () => listeners.size,
  };
}
