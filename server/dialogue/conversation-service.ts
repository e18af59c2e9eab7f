import type { Logger } from "pino";
import { AppError } from "../errors.ts";
import { maskPii } from "../privacy/mask.ts";
import type { ChatMessageFrame, ConversationState, FeedbackFrame, HelloFrame, MessageFrame, Sender, ServerFrame, WelcomeFrame } from "../protocol.ts";
import type { ConversationRecord, ConversationStore, StoredMessage } from "../storage/index.ts";
import type { BotReply, DialogueEngine } from "./engine.ts";
import { verifyCustomerSignature } from "./identity.ts";

/** Receives the frames of one conversation (one per open socket, agent console, …). */
export type FrameListener = (frame: ServerFrame) => void;

/** The result of a `hello`: the conversation, what to send first, and any warning. */
export interface HelloResult {
  conversation: ConversationRecord;
  welcome: WelcomeFrame;
  replay: ChatMessageFrame[];
  warning?: AppError;
}

/** Options of the conversation service. */
export interface ConversationServiceOptions {
  store: ConversationStore;
  engine: () => DialogueEngine;
  shopSecret: string;
  logger: Logger;
  customerExists?: (id: string) => boolean;
  /** Called with each bot reply after it is stored (decision trail, analytics). */
  onBotReply?: (conversationId: string, stored: StoredMessage, reply: BotReply) => void;
  /** Called with each bot reply after it is sent to listeners (the handoff queues a conversation here). */
  afterBotReply?: (conversationId: string, stored: StoredMessage, reply: BotReply) => void;
  /**
   * Called with a stored shopper message before the bot answers it, with its unmasked text; resolve
   * true when it was handled (e.g. an out-of-hours message taken for a ticket) and the bot stays silent.
   */
  interceptShopperMessage?: (conversationId: string, message: { raw: string; stored: StoredMessage }) => boolean | Promise<boolean>;
  /** Called when a listener subscribes, so it can be told state it missed (e.g. its queue position). */
  onSubscribe?: (conversationId: string, listener: FrameListener) => void;
}

/** Conversation lifecycle: hello/resume, de-duplicated shopper messages, bot replies, feedback, fan-out to listeners. */
export interface ConversationService {
  hello(frame: HelloFrame): HelloResult;
  /** Handle a shopper message; resolves once the reply is stored and sent. */
  message(conversationId: string, frame: MessageFrame): Promise<void>;
  feedback(conversationId: string, frame: FeedbackFrame): void;
  /** Relay a typing indicator (`from` defaults to the shopper; the handoff passes "agent"). */
  typing(conversationId: string, on: boolean, from?: Sender): void;
  /** Store and send a message from someone other than the shopper (an agent, the system, the bot unprompted). */
  post(conversationId: string, message: { sender: "bot" | "agent" | "system"; text: string; action?: string; payload?: Record<string, unknown>; clientId?: string }): ChatMessageFrame;
  /** Change the conversation state, store it, and tell every listener (`extra` carries queue position or agent name). */
  setState(conversationId: string, state: ConversationState, extra?: { position?: number; agentName?: string }): void;
  subscribe(conversationId: string, listener: FrameListener): () => void;
  /** Wait until every queued message has been answered (graceful shutdown, tests). */
  drain(): Promise<void>;
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

/**
 * Create the conversation service. Every message is stored before it is sent; shopper text is
 * PII-masked before it is stored or embedded; messages of one conversation are handled in order.
 */
export function createConversationService(options: ConversationServiceOptions): ConversationService {
  const { store, logger } = options;
  const listeners = new Map<string, Set<FrameListener>>();
  const queues = new Map<string, Promise<void>>();

  function emit(conversationId: string, frame: ServerFrame) {
    for (const l of listeners.get(conversationId) ?? []) {
      try {
        l(frame);
      } catch (err) {
        logger.error({ err, conversationId }, "frame listener failed");
      }
    }
  }

  function verifiedCustomer(frame: HelloFrame): { id: string | null; warning?: AppError } {
    if (!frame.customer) return { id: null };
    const ok = verifyCustomerSignature(frame.customer.id, frame.customer.signature, options.shopSecret);
    if (!ok || (options.customerExists && !options.customerExists(frame.customer.id))) {
      return { id: null, warning: new AppError("CHAT_ERR_BAD_SIGNATURE", "The customer signature is not valid; continuing as an anonymous shopper.") };
    }
    return { id: frame.customer.id };
  }

  async function handle(conversationId: string, frame: MessageFrame) {
    const conv = store.get(conversationId);
    if (!conv) throw new AppError("CHAT_ERR_NOT_FOUND", "The conversation no longer exists.");
    if (conv.state === "closed") throw new AppError("CHAT_ERR_CONVERSATION_CLOSED", "This conversation is closed; start a new one.");
    const existing = store.findByClientId(conversationId, frame.id);
    if (existing) {
      // Processed before (a resend after a reconnect): acknowledge again, answer nothing twice.
      emit(conversationId, toMessageFrame(existing));
      return;
    }
    const masked = maskPii(frame.text).text;
    const shopperMsg = store.append(conversationId, { sender: "shopper", clientId: frame.id, replyTo: frame.id, text: masked, action: null, payload: {} });
    emit(conversationId, toMessageFrame(shopperMsg));
    if (conv.state !== "bot") return; // a human has the conversation: the bot stays silent
    if (options.interceptShopperMessage && (await options.interceptShopperMessage(conversationId, { raw: frame.text, stored: shopperMsg }))) return;

    emit(conversationId, { type: "typing", from: "bot", on: true });
    const recent = store.messagesAfter(conversationId, Math.max(0, shopperMsg.seq - 12)).filter((m) => m.sender === "bot");
    let reply: BotReply;
    try {
      reply = await options.engine().respond(masked, {
        conversationId,
        customerId: conv.customerId,
        recentBotActions: recent.map((m) => m.action ?? ""),
        rawText: frame.text,
      });
    } finally {
      emit(conversationId, { type: "typing", from: "bot", on: false });
    }
    const payload: Record<string, unknown> = { decision: reply.decision };
    if (reply.intent) payload.intent = reply.intent;
    if (reply.sources) payload.sources = reply.sources;
    if (reply.products) payload.products = reply.products;
    if (reply.quickReplies) payload.quickReplies = reply.quickReplies;
    const botMsg = store.append(conversationId, { sender: "bot", clientId: null, replyTo: frame.id, text: reply.text, action: reply.action, payload });
    options.onBotReply?.(conversationId, botMsg, reply);
    emit(conversationId, toMessageFrame(botMsg));
    options.afterBotReply?.(conversationId, botMsg, reply);
  }

  return {
    hello(frame) {
      const who = verifiedCustomer(frame);
      let conv = frame.sessionId ? store.findBySession(frame.sessionId) : undefined;
      // A conversation tied to a customer is only resumed by that same verified customer.
      if (conv && conv.customerId && conv.customerId !== who.id) conv = undefined;
      if (conv && conv.state === "closed") conv = undefined;
      if (conv && !conv.customerId && who.id) {
        store.setCustomer(conv.id, who.id);
        conv = { ...conv, customerId: who.id };
      }
      const resumed = !!conv;
      if (!conv) conv = store.create(who.id);
      const lastSeq = resumed ? (frame.lastSeq ?? 0) : 0;
      const replay = store.messagesAfter(conv.id, lastSeq).map(toMessageFrame);
      const welcome: WelcomeFrame = { type: "welcome", sessionId: conv.sessionId, conversationId: conv.id, state: conv.state };
      if (conv.customerId) welcome.customer = { id: conv.customerId };
      return { conversation: conv, welcome, replay, warning: who.warning };
    },
    message(conversationId, frame) {
      const prev = queues.get(conversationId) ?? Promise.resolve();
      const next = prev.catch(() => undefined).then(() => handle(conversationId, frame));
      const tail = next.catch(() => undefined);
      queues.set(conversationId, tail);
      void tail.then(() => {
        if (queues.get(conversationId) === tail) queues.delete(conversationId);
      });
      return next;
    },
    feedback(conversationId, frame) {
      store.addFeedback(conversationId, frame.rating, frame.seq ?? null);
    },
    typing(conversationId, on, from = "shopper") {
      // Relayed to a human agent when one is connected (handoff); the bot ignores it.
      emit(conversationId, { type: "typing", from, on });
    },
    post(conversationId, message) {
      // A repeated clientId (an agent console resending after a reconnect) is stored and sent once.
      const existing = message.clientId ? store.findByClientId(conversationId, message.clientId) : undefined;
      if (existing) return toMessageFrame(existing);
      const stored = store.append(conversationId, {
        sender: message.sender,
        clientId: message.clientId ?? null,
        replyTo: null,
        text: message.sender === "agent" ? maskPii(message.text).text : message.text,
        action: message.action ?? null,
        payload: message.payload ?? {},
      });
      const frame = toMessageFrame(stored);
      emit(conversationId, frame);
      return frame;
    },
    setState(conversationId, state, extra = {}) {
      store.setState(conversationId, state);
      emit(conversationId, { type: "state", state, ...extra });
    },
    subscribe(conversationId, listener) {
      let set = listeners.get(conversationId);
      if (!set) listeners.set(conversationId, (set = new Set()));
      set.add(listener);
      options.onSubscribe?.(conversationId, listener);
      return () => {
        set!.delete(listener);
        if (set!.size === 0) listeners.delete(conversationId);
      };
    },
    async drain() {
      await Promise.all([...queues.values()]);
    },
  };
}
