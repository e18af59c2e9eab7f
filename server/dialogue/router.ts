import type { Logger } from "pino";
import type { EventBus, KeyedLock } from "../cluster/index.ts";
import { AppError } from "../errors.ts";
import type { ChatMessageFrame, ConversationState, FeedbackFrame, HelloFrame, MessageFrame, ServerFrame, WelcomeFrame } from "../protocol.ts";
import type { ConversationRecord, ConversationStore, StoredMessage } from "../storage/index.ts";
import { toMessageFrame, type ConversationLog, type FrameListener } from "./conversation-log.ts";
import type { Responder, Turn } from "./responder.ts";

/** What the router tells a socket after `hello`. */
export interface HelloResult {
  conversation: ConversationRecord;
  welcome: WelcomeFrame;
  /** A verified identity that failed: the shopper continues anonymously. */
  warning?: AppError;
  /** Stop the socket's subscription (on close or a new hello). */
  unsubscribe: () => void;
}

/** Where a queued or assigned conversation stands (from the handoff queue). */
export type QueueStatus = (conversationId: string) => Promise<{ position?: number; agentName?: string } | undefined>;

/** Options of the conversation router. */
export interface ConversationRouterOptions {
  store: ConversationStore;
  log: ConversationLog;
  bus: EventBus;
  locks: KeyedLock;
  logger: Logger;
  responders: { bot: Responder; ticket: Responder; agent: Responder };
  /** True while an out-of-hours ticket is collecting the shopper's details. */
  ticketOpen: (conversationId: string) => Promise<boolean>;
  /** The customer id of a verified `hello.customer`, or a warning; null for an anonymous shopper. */
  identify: (customer: HelloFrame["customer"]) => Promise<{ id: string | null; warning?: AppError }>;
  queueStatus?: QueueStatus;
  /** PII masking applied before a shopper message is stored. */
  mask: (text: string) => string;
  /** The language of a message, given the widget's locale and the conversation's language so far (default: English). */
  detectLanguage?: (text: string, context: { locale?: string; previous?: string }) => { lang: string };
}

/** One path per shopper message: store it, pick exactly one responder by the conversation's state, store and send its reply. */
export interface ConversationRouter {
  /** Start or resume a conversation and subscribe `listener` to it (replay first, then live frames, none twice). */
  hello(frame: HelloFrame, listener: FrameListener): Promise<HelloResult>;
  /** Handle a shopper message (`client`: the sender's address, for abuse budgets); resolves once its reply (if any) is stored and sent. */
  message(conversationId: string, frame: MessageFrame, client?: string): Promise<void>;
  feedback(conversationId: string, frame: FeedbackFrame): Promise<void>;
  typing(conversationId: string, on: boolean): void;
  /** Answer shopper messages stored since `sinceIso` that never got their reply (after a crash). Returns how many. */
  recover(sinceIso: string): Promise<number>;
  /** Wait until messages in flight are answered (graceful shutdown, tests). */
  drain(): Promise<void>;
}

/**
 * Create the router: bot state → the bot engine, or the ticket collector while an out-of-hours ticket is
 * open; queued or agent state → the agent relay. Messages of one conversation are handled one at a time
 * (a lock that spans instances on Redis); a message is stored once, and answered at most once (the store
 * refuses a second bot reply), so a resend after a crash gets the reply it is owed and never two.
 */
export function createConversationRouter(options: ConversationRouterOptions): ConversationRouter {
  const { store, log, bus, logger } = options;
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  async function pick(conv: ConversationRecord): Promise<Responder> {
    if (conv.state === "queued" || conv.state === "agent") return options.responders.agent;
    if (await options.ticketOpen(conv.id)) return options.responders.ticket;
    return options.responders.bot;
  }

  /** The language to answer `text` in; a change is stored on the conversation (the console and later turns use it). */
  async function languageOf(conv: ConversationRecord, text: string): Promise<string> {
    if (!options.detectLanguage) return conv.language ?? "en";
    const { lang } = options.detectLanguage(text, { locale: conv.locale ?? undefined, previous: conv.language ?? undefined });
    if (lang !== conv.language) await store.setLanguage(conv.id, { language: lang });
    return lang;
  }

  /** Run the responder that took `message` and store its reply. */
  async function answer(conv: ConversationRecord, responder: Responder, message: StoredMessage, rawText: string | null, client: string | null = null) {
    const language = await languageOf(conv, message.text);
    const turn: Turn = { conversation: { ...conv, language }, message, rawText, language, client };
    if (responder.showsTyping) log.publish(conv.id, { type: "typing", from: "bot", on: true });
    let result;
    try {
      result = await responder.respond(turn);
    } finally {
      if (responder.showsTyping) log.publish(conv.id, { type: "typing", from: "bot", on: false });
    }
    if (result.reply) {
      await log.post(conv.id, { sender: "bot", text: result.reply.text, action: result.reply.action ?? null, payload: result.reply.payload ?? {}, replyTo: message.clientId });
    }
    for (const e of result.events ?? []) bus.publish(e.type, e.payload as never);
  }

  /**
   * Answer, in order, the messages of one conversation that were stored but never answered (the instance
   * that took them died). Under the conversation's lock: an instance still answering holds it, and its
   * reply is found afterwards.
   */
  async function answerOwed(conversationId: string): Promise<number> {
    if (!(await store.unansweredIn(conversationId)).length) return 0;
    return options.locks.run(`conversation:${conversationId}`, async () => {
      let answered = 0;
      for (const message of await store.unansweredIn(conversationId)) {
        const conv = await store.get(conversationId);
        if (!conv || conv.state !== "bot") break;
        await answer(conv, await pick(conv), message, null);
        answered++;
      }
      return answered;
    });
  }

  async function handle(conversationId: string, frame: MessageFrame, client: string | null) {
    const conv = await store.get(conversationId);
    if (!conv) throw new AppError("CHAT_ERR_NOT_FOUND", "The conversation no longer exists.");
    if (conv.state === "closed") throw new AppError("CHAT_ERR_CONVERSATION_CLOSED", "This conversation is closed; start a new one.");
    const responder = await pick(conv);
    const { message, created } = await store.append(conversationId, {
      sender: "shopper", clientId: frame.id, replyTo: frame.id, text: options.mask(frame.text), action: null, payload: {}, responder: responder.name,
    });
    if (!created) {
      // A resend (after a reconnect or a crash): acknowledge it and repeat its reply, or answer it now if it is still owed one.
      log.republish(conversationId, message);
      const replies = await store.repliesTo(conversationId, frame.id);
      for (const r of replies) log.republish(conversationId, r);
      const owed = (message.responder === "bot" || message.responder === "ticket") && conv.state === "bot";
      if (!replies.length && owed) await answer(conv, responder, message, frame.text, client);
      return;
    }
    log.republish(conversationId, message);
    bus.publish("message.received", { conversationId, seq: message.seq, responder: responder.name });
    await answer(conv, responder, message, frame.text, client);
  }

  return {
    async hello(frame, listener) {
      const who = await options.identify(frame.customer);
      let conv = frame.sessionId ? await store.findBySession(frame.sessionId) : undefined;
      // A conversation tied to a customer is only resumed by that same verified customer.
      if (conv && conv.customerId && conv.customerId !== who.id) conv = undefined;
      if (conv && conv.state === "closed") conv = undefined;
      if (conv && !conv.customerId && who.id) {
        await store.setCustomer(conv.id, who.id);
        conv = { ...conv, customerId: who.id };
      }
      const resumed = !!conv;
      if (!conv) conv = await store.create(who.id, frame.locale ?? null);
      else if (frame.locale && frame.locale !== conv.locale) await store.setLanguage(conv.id, { locale: frame.locale });
      const id = conv.id;
      // Subscribe before reading the replay, hold live frames until the replay is out, and drop live copies of replayed messages.
      const held: ServerFrame[] = [];
      let replaying = true;
      // A client cannot have seen more than the conversation holds (a stale or bogus lastSeq would hide new messages).
      let lastSent = resumed ? Math.min(frame.lastSeq ?? 0, conv.lastSeq) : 0;
      const deliver = (f: ServerFrame) => {
        if (f.type === "message") {
          if (f.seq <= lastSent) return;
          lastSent = f.seq;
        }
        listener(f);
      };
      const unsubscribe = log.subscribe(id, (f) => (replaying ? held.push(f) : deliver(f)));
      const welcome: WelcomeFrame = { type: "welcome", sessionId: conv.sessionId, conversationId: id, state: conv.state };
      if (conv.customerId) welcome.customer = { id: conv.customerId };
      listener(welcome);
      if (who.warning) listener({ type: "error", code: who.warning.code, message: who.warning.message });
      for (let after = lastSent; ; ) {
        const batch = await store.messagesAfter(id, after, 500);
        for (const m of batch) deliver(toMessageFrame(m));
        if (batch.length < 500) break;
        after = batch[batch.length - 1].seq;
      }
      const current = (await store.get(id))?.state ?? conv.state;
      if (current !== "bot") {
        const status = current === "queued" || current === "agent" ? await options.queueStatus?.(id) : undefined;
        deliver({ type: "state", state: current, ...(status ?? {}) });
      }
      replaying = false;
      for (const f of held.splice(0)) deliver(f);
      // A resumed conversation may hold messages a crashed instance stored (and echoed) but never answered;
      // the shopper does not resend those, so they are answered now (the replies arrive as live frames).
      if (resumed && current === "bot") void track(answerOwed(id)).catch((err) => logger.error({ err, conversationId: id }, "could not answer a message left unanswered"));
      return { conversation: { ...conv, state: current as ConversationState }, welcome, warning: who.warning, unsubscribe };
    },
    message(conversationId, frame, client) {
      return track(options.locks.run(`conversation:${conversationId}`, () => handle(conversationId, frame, client ?? null)));
    },
    async feedback(conversationId, frame) {
      await store.addFeedback(conversationId, frame.rating, frame.seq ?? null);
      // A rating of the whole conversation is its CSAT (outbound webhook `conversation.rated`).
      if (frame.seq == null) bus.publish("conversation.rated", { conversationId, rating: frame.rating });
    },
    typing(conversationId, on) {
      // Relayed to a human agent when one watches; the bot ignores it.
      log.publish(conversationId, { type: "typing", from: "shopper", on });
    },
    async recover(sinceIso) {
      const owed = await store.unanswered(sinceIso);
      let answered = 0;
      for (const conversationId of new Set(owed.map((o) => o.conversationId))) {
        answered += await track(answerOwed(conversationId)).catch((err) => {
          logger.error({ err, conversationId }, "could not answer a message left unanswered");
          return 0;
        });
      }
      if (owed.length) logger.info({ owed: owed.length, answered }, "answered messages left unanswered by a restart");
      return answered;
    },
    async drain() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

