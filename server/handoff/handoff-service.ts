import type { Logger } from "pino";
import type { CustomerInsights } from "../customers/index.ts";
import { toMessageFrame, type BotReply, type ConversationService, type FrameListener } from "../dialogue/index.ts";
import { AppError } from "../errors.ts";
import type {
  AgentServerFrame, AgentStatusView, ConversationDetail, ConversationState, CustomerSidebar, NoteView, ProductCard, QueueEntryView,
  TicketView, TranscriptMessage,
} from "../protocol.ts";
import type {
  AgentRecord, CannedResponse, ConversationStore, Customer, HandoffRecord, HandoffStore, Order, Product, StoredMessage, Team, TicketRecord,
} from "../storage/index.ts";
import { basePriority, DEFAULT_PRIORITY, priorityScore, type PriorityConfig } from "./priority.ts";
import { pickAgent, type AgentLoad } from "./routing.ts";
import type { SupportHours } from "./support-hours.ts";
import { inferTeam } from "./team.ts";

/** The part of the customer-insights service the handoff uses (sidebar and priority). */
export interface InsightsSource {
  getInsights(customerId: string, options?: { k?: number }): Promise<CustomerInsights>;
}

/** Shop look-ups for the sidebar and product cards. */
export interface ShopLookup {
  getCustomer(id: string): Customer | undefined;
  listCustomerOrders(customerId: string, limit?: number): Order[];
  getProduct(id: string): Product | undefined;
}

/** The part of the auth service the handoff uses. */
export interface AgentDirectory {
  getAgent(id: string): AgentRecord | undefined;
  listAgents(): AgentRecord[];
}

/** Options of the handoff service. */
export interface HandoffServiceOptions {
  store: HandoffStore;
  conversations: ConversationService;
  conversationStore: ConversationStore;
  agents: AgentDirectory;
  shop: ShopLookup;
  /** Customer insights, when the models are available; the sidebar and priority degrade without them. */
  insights?: () => InsightsSource | undefined;
  supportHours: SupportHours;
  priority?: Omit<PriorityConfig, "reasonScores"> & { reasonScores?: PriorityConfig["reasonScores"] };
  /** How long an agent has to accept an offer before it goes to the next agent, ms. */
  offerTimeoutMs: number;
  logger: Logger;
  clock?: () => Date;
  /** How often offers, SLA flags and positions are re-checked, ms (default 1000). */
  tickMs?: number;
}

/** A live agent console connection. */
export interface AgentConnection {
  readonly agentId: string;
  /** Receive the conversation's live frames (messages, typing, state) as `event` frames. */
  watch(conversationId: string): void;
  unwatch(conversationId: string): void;
  close(): void;
}

/** The handoff queue, routing and the actions of the agent console. */
export interface HandoffService {
  /** Restore the queue from the database and start the timer (offers, SLA, positions). */
  start(): void;
  stop(): void;
  /** Queue a conversation for a human (or take a message outside support hours). */
  requestHandoff(conversationId: string, reason: string): void;
  /** Conversation-service hook: queue the conversation when a bot reply hands off. */
  afterBotReply(conversationId: string, stored: StoredMessage, reply: BotReply): void;
  /** Conversation-service hook: collect an out-of-hours message; true when the bot must not answer. */
  interceptShopperMessage(conversationId: string, message: { raw: string; stored: StoredMessage }): boolean;
  /** Conversation-service hook: tell a new listener the queue position or agent it missed. */
  onSubscribe(conversationId: string, listener: FrameListener): void;
  connect(agentId: string, send: (frame: AgentServerFrame) => void): AgentConnection;
  accept(agentId: string, conversationId: string): void;
  decline(agentId: string, conversationId: string): void;
  sendMessage(agentId: string, conversationId: string, message: { id: string; text: string; productIds?: string[] }): void;
  typing(agentId: string, conversationId: string, on: boolean): void;
  addNote(agentId: string, conversationId: string, text: string): NoteView;
  transfer(agentId: string, conversationId: string, to: { toAgentId?: string; team?: Team }): void;
  handBack(agentId: string, conversationId: string): void;
  close(agentId: string, conversationId: string, resolution: string): void;
  detail(conversationId: string): Promise<ConversationDetail>;
  queueFor(agentId: string): Extract<AgentServerFrame, { type: "queue" }>;
  listTickets(status?: TicketRecord["status"]): TicketView[];
  closeTicket(agentId: string, id: number): TicketView;
  listCanned(): CannedResponse[];
  saveCanned(agentId: string, c: { id?: number; title: string; text: string }): CannedResponse;
  deleteCanned(id: number): void;
  /** Whether human support is open now, and the hours. */
  supportStatus(): { open: boolean; hours: string };
}

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** Canned responses created on a database without any. */
const DEFAULT_CANNED: { title: string; text: string }[] = [
  { title: "Greeting", text: "Hi, thanks for waiting! I've read your conversation with our assistant. Let me help you with this." },
  { title: "Checking", text: "Give me a moment while I look into this for you." },
  { title: "Returns window", text: "Most items can be returned within 30 days of delivery, unused and in their original packaging. Running shoes have a 60-day Run-It-In guarantee, even if worn outdoors." },
  { title: "Cancel before shipping", text: "An order can be cancelled free of charge until it ships; once it has shipped, it needs to be returned instead." },
  { title: "Anything else?", text: "Is there anything else I can help you with today?" },
];

const cents = (p: Product): ProductCard => ({ id: p.id, name: p.name, price: p.priceCents / 100 });

/**
 * Create the handoff service: the queue (persisted; it survives a restart), priority and SLA,
 * routing by skill and capacity with offers that time out, support hours with out-of-hours
 * tickets, and the agent console's actions. The bot stays silent while a conversation is queued or
 * with an agent (the conversation service checks the stored state).
 */
export function createHandoffService(options: HandoffServiceOptions): HandoffService {
  const { store, conversations, conversationStore: convStore, logger } = options;
  const now = options.clock ?? (() => new Date());
  const priority: PriorityConfig = { ...DEFAULT_PRIORITY, ...options.priority, reasonScores: options.priority?.reasonScores ?? DEFAULT_PRIORITY.reasonScores };
  const entries = new Map<string, HandoffRecord & { preview: string }>();
  const offers = new Map<string, { agentId: string; at: number }>();
  const declined = new Map<string, Set<string>>();
  const timedOut = new Map<string, Set<string>>();
  const positions = new Map<string, number>();
  const breached = new Set<string>();
  const lastAssignedAt = new Map<string, number>();
  const connections = new Map<string, Set<Conn>>();
  let timer: NodeJS.Timeout | undefined;
  let broadcastPending = false;

  interface Conn extends AgentConnection {
    send: (frame: AgentServerFrame) => void;
    watching: Map<string, () => void>;
  }

  const agentName = (id: string | null) => (id ? (options.agents.getAgent(id)?.name ?? "an agent") : "");
  const online = (agentId: string) => (connections.get(agentId)?.size ?? 0) > 0;
  const sendTo = (agentId: string, frame: AgentServerFrame) => {
    for (const c of connections.get(agentId) ?? []) c.send(frame);
  };
  const waitingSeconds = (e: HandoffRecord, at = now().getTime()) =>
    ((e.status === "assigned" && e.assignedAt ? Date.parse(e.assignedAt) : at) - Date.parse(e.queuedAt)) / 1000;

  function transition(conversationId: string, from: ConversationState, to: ConversationState, actor: string, reason: string | null) {
    store.recordTransition({ conversationId, from, to, actor, reason, at: now().toISOString() });
  }

  function queuedInOrder(): (HandoffRecord & { preview: string })[] {
    const at = now().getTime();
    return [...entries.values()]
      .filter((e) => e.status === "queued")
      .map((e) => ({ e, s: priorityScore(e.priorityBase, waitingSeconds(e, at), priority) }))
      .sort((a, b) => b.s - a.s || a.e.queuedAt.localeCompare(b.e.queuedAt) || a.e.id - b.e.id)
      .map((x) => x.e);
  }

  const customerCache = new Map<string, { id: string; name: string } | null>();
  function customerOf(conversationId: string): { id: string; name: string } | null {
    if (!customerCache.has(conversationId)) {
      const id = convStore.get(conversationId)?.customerId;
      const c = id ? options.shop.getCustomer(id) : undefined;
      customerCache.set(conversationId, c ? { id: c.id, name: c.name } : null);
    }
    return customerCache.get(conversationId)!;
  }

  function view(e: HandoffRecord & { preview: string }, at = now().getTime()): QueueEntryView {
    const waited = waitingSeconds(e, at);
    const sla = priority.slaSeconds[e.priorityClass];
    const v: QueueEntryView = {
      conversationId: e.conversationId,
      status: e.status === "assigned" ? "assigned" : "queued",
      team: e.team,
      reason: e.reason,
      priorityClass: e.priorityClass,
      score: Math.round(priorityScore(e.priorityBase, e.status === "queued" ? waited : 0, priority) * 1000) / 1000,
      queuedAt: e.queuedAt,
      waitingSeconds: Math.round(waited),
      slaSeconds: sla,
      slaBreached: waited > sla,
      customer: customerOf(e.conversationId),
      preview: e.preview,
    };
    const pos = positions.get(e.conversationId);
    if (e.status === "queued" && pos) v.position = pos;
    const offer = offers.get(e.conversationId);
    if (offer) v.offeredTo = offer.agentId;
    if (e.agentId) {
      v.agentId = e.agentId;
      v.agentName = agentName(e.agentId);
    }
    return v;
  }

  function loads(): AgentLoad[] {
    const count = new Map<string, number>();
    for (const e of entries.values()) if (e.status === "assigned" && e.agentId) count.set(e.agentId, (count.get(e.agentId) ?? 0) + 1);
    for (const o of offers.values()) count.set(o.agentId, (count.get(o.agentId) ?? 0) + 1);
    return options.agents
      .listAgents()
      .filter((a) => !a.disabled)
      .map((a) => ({ id: a.id, skills: a.skills, capacity: a.capacity, online: online(a.id), load: count.get(a.id) ?? 0, lastAssignedAt: lastAssignedAt.get(a.id) ?? 0 }));
  }

  function withdrawOffer(conversationId: string) {
    const offer = offers.get(conversationId);
    if (!offer) return;
    offers.delete(conversationId);
    sendTo(offer.agentId, { type: "offer_withdrawn", conversationId });
  }

  /** Offer each queued conversation without a live offer to the best free agent, highest priority first. */
  function dispatch() {
    const at = now().getTime();
    for (const e of queuedInOrder()) {
      const offer = offers.get(e.conversationId);
      if (offer) {
        if (at - offer.at < options.offerTimeoutMs && online(offer.agentId)) continue;
        if (online(offer.agentId)) {
          let set = timedOut.get(e.conversationId);
          if (!set) timedOut.set(e.conversationId, (set = new Set()));
          set.add(offer.agentId);
        }
        withdrawOffer(e.conversationId);
      }
      const current = loads();
      const no = declined.get(e.conversationId) ?? new Set<string>();
      const skip = new Set([...no, ...(timedOut.get(e.conversationId) ?? [])]);
      let agent = pickAgent(e.team, current, skip);
      if (!agent && timedOut.get(e.conversationId)?.size) {
        // Everyone free let the offer lapse: start the round again rather than leave it unoffered.
        timedOut.delete(e.conversationId);
        agent = pickAgent(e.team, current, no);
      }
      if (!agent) continue;
      offers.set(e.conversationId, { agentId: agent.id, at });
      sendTo(agent.id, { type: "offer", entry: view(e, at), expiresAt: new Date(at + options.offerTimeoutMs).toISOString() });
    }
  }

  /** Tell each queued shopper their position when it changed. */
  function updatePositions(): boolean {
    let changed = false;
    const order = queuedInOrder();
    const seen = new Set<string>();
    order.forEach((e, i) => {
      seen.add(e.conversationId);
      if (positions.get(e.conversationId) !== i + 1) {
        positions.set(e.conversationId, i + 1);
        conversations.setState(e.conversationId, "queued", { position: i + 1 });
        changed = true;
      }
    });
    for (const id of [...positions.keys()]) if (!seen.has(id)) positions.delete(id);
    return changed;
  }

  function broadcastNow() {
    broadcastPending = false;
    for (const agentId of connections.keys()) sendTo(agentId, service.queueFor(agentId));
  }
  function broadcast() {
    if (broadcastPending) return;
    broadcastPending = true;
    queueMicrotask(broadcastNow);
  }
  function changed() {
    updatePositions();
    dispatch();
    broadcast();
  }

  function tick() {
    const at = now().getTime();
    let any = updatePositions();
    const before = offers.size;
    dispatch();
    if (offers.size !== before) any = true;
    for (const e of entries.values()) {
      if (e.status !== "queued" || breached.has(e.conversationId)) continue;
      if (waitingSeconds(e, at) > priority.slaSeconds[e.priorityClass]) {
        breached.add(e.conversationId);
        logger.warn({ conversationId: e.conversationId, priorityClass: e.priorityClass }, "handoff SLA breached");
        any = true;
      }
    }
    if (any) broadcast();
  }

  function openEntry(conversationId: string) {
    const e = entries.get(conversationId);
    if (!e) throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", "This conversation is not waiting for or with an agent.");
    return e;
  }
  function agentOf(agentId: string): AgentRecord {
    const a = options.agents.getAgent(agentId);
    if (!a || a.disabled) throw new AppError("CHAT_ERR_UNAUTHORIZED", "Unknown or disabled agent.");
    return a;
  }
  function ownedEntry(agentId: string, conversationId: string) {
    const agent = agentOf(agentId);
    const e = openEntry(conversationId);
    if (e.status !== "assigned" || (e.agentId !== agentId && agent.role !== "admin")) {
      throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", e.status === "queued" ? "Accept the conversation first." : `This conversation is with ${agentName(e.agentId)}.`);
    }
    return { agent, e };
  }
  function forget(conversationId: string) {
    entries.delete(conversationId);
    withdrawOffer(conversationId);
    declined.delete(conversationId);
    timedOut.delete(conversationId);
    positions.delete(conversationId);
    breached.delete(conversationId);
    customerCache.delete(conversationId);
  }
  function watchAll(agentId: string, conversationId: string) {
    for (const c of connections.get(agentId) ?? []) c.watch(conversationId);
  }

  /** Refine a queued conversation's priority with the customer's value once the insights answer. */
  async function enrich(e: HandoffRecord) {
    const customerId = convStore.get(e.conversationId)?.customerId;
    const insights = options.insights?.();
    if (!customerId || !insights) return;
    try {
      const ins = await insights.getInsights(customerId, { k: 4 });
      const value = { clvCents: ins.clv?.clvCents, churnRisk: ins.churn?.risk };
      if (value.clvCents === undefined && value.churnRisk === undefined) return;
      const p = basePriority({ reason: e.reason, ...value }, priority);
      const live = entries.get(e.conversationId);
      if (!live || live.id !== e.id) return;
      store.setPriority(e.id, p.base, p.priorityClass, value);
      Object.assign(live, { priorityBase: p.base, priorityClass: p.priorityClass, customerValue: value });
      changed();
    } catch (err) {
      logger.warn({ err: (err as Error).message, conversationId: e.conversationId }, "customer value unavailable for handoff priority");
    }
  }

  function recentTurns(conversationId: string) {
    const conv = convStore.get(conversationId);
    const msgs = convStore.messagesAfter(conversationId, Math.max(0, (conv?.lastSeq ?? 0) - 16));
    return msgs.map((m) => ({ sender: m.sender, text: m.text, action: m.action, intent: (m.payload.intent as { name?: string } | undefined)?.name }));
  }

  function startTicket(conversationId: string, reason: string) {
    if (store.collectingTicket(conversationId)) return;
    const t = store.startTicket(conversationId, reason, now().toISOString());
    conversations.post(conversationId, {
      sender: "bot",
      text: `Our support team is offline right now (hours: ${options.supportHours.describe()}). Leave your email address and your message here, and a person from our team will reply by email within one business day.`,
      payload: { ticket: t.id },
    });
  }

  function ticketView(t: TicketRecord): TicketView {
    return { id: t.id, conversationId: t.conversationId, status: t.status, email: t.email, message: t.message, reason: t.reason, createdAt: t.createdAt, closedAt: t.closedAt };
  }

  const service: HandoffService = {
    start() {
      for (const r of store.listOpen()) {
        const turns = recentTurns(r.conversationId);
        entries.set(r.conversationId, { ...r, preview: [...turns].reverse().find((t) => t.sender === "shopper")?.text ?? "" });
        if (r.agentId && r.assignedAt) lastAssignedAt.set(r.agentId, Math.max(lastAssignedAt.get(r.agentId) ?? 0, Date.parse(r.assignedAt)));
      }
      if (entries.size) logger.info({ queued: queuedInOrder().length, assigned: entries.size - queuedInOrder().length }, "handoff queue restored");
      if (store.countCanned() === 0) for (const c of DEFAULT_CANNED) store.upsertCanned({ ...c, updatedBy: null, updatedAt: now().toISOString() });
      updatePositions();
      timer = setInterval(tick, options.tickMs ?? 1000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      for (const set of connections.values()) for (const c of [...set]) c.close();
    },
    requestHandoff(conversationId, reason) {
      if (entries.has(conversationId)) return;
      const conv = convStore.get(conversationId);
      if (!conv || conv.state === "closed") throw new AppError("CHAT_ERR_NOT_FOUND", "The conversation does not exist or is closed.");
      if (!options.supportHours.isOpen(now())) return startTicket(conversationId, reason);
      const turns = recentTurns(conversationId);
      const team = inferTeam(turns);
      const p = basePriority({ reason }, priority);
      const rec = store.enqueue({ conversationId, team, reason, priorityBase: p.base, priorityClass: p.priorityClass, customerValue: {}, queuedAt: now().toISOString() });
      const preview = [...turns].reverse().find((t) => t.sender === "shopper")?.text ?? "";
      entries.set(conversationId, { ...rec, preview });
      transition(conversationId, conv.state, "queued", "bot", reason);
      logger.info({ conversationId, team, reason, priorityClass: p.priorityClass }, "conversation queued for a human");
      changed();
      void enrich(rec);
    },
    afterBotReply(conversationId, _stored, reply) {
      if (reply.action !== "handoff") return;
      const d = reply.decision as { handoffReason?: unknown; rule?: unknown };
      const reason = typeof d.handoffReason === "string" ? d.handoffReason : typeof d.rule === "string" && d.rule ? d.rule : "handoff";
      try {
        service.requestHandoff(conversationId, reason);
      } catch (err) {
        logger.error({ err, conversationId }, "handoff failed");
      }
    },
    interceptShopperMessage(conversationId, { raw, stored }) {
      const t = store.collectingTicket(conversationId);
      if (!t) return false;
      if (/^\s*(cancel|never ?mind|no thanks|forget it)\b/i.test(raw)) {
        store.updateTicket(t.id, { status: "closed", closedAt: now().toISOString(), closedBy: "shopper" });
        conversations.post(conversationId, { sender: "bot", text: "No problem, I won't pass a message on. What else can I help you with?" });
        return true;
      }
      const email = EMAIL_RE.exec(raw)?.[0] ?? t.email;
      const message = [t.message, stored.text].filter(Boolean).join("\n");
      if (!email) {
        store.updateTicket(t.id, { message });
        conversations.post(conversationId, { sender: "bot", text: "Thanks, I've noted that. What email address should our team reply to?" });
        return true;
      }
      store.updateTicket(t.id, { email: email.toLowerCase(), message, status: "open" });
      conversations.post(conversationId, {
        sender: "bot",
        text: `Thanks! Your message is saved as ticket #${t.id}. A person from our team will reply to the email address you gave within one business day.`,
        payload: { ticket: t.id },
      });
      logger.info({ conversationId, ticket: t.id }, "out-of-hours ticket opened");
      broadcast();
      return true;
    },
    onSubscribe(conversationId, listener) {
      const e = entries.get(conversationId);
      if (!e) return;
      if (e.status === "queued") listener({ type: "state", state: "queued", ...(positions.get(conversationId) ? { position: positions.get(conversationId) } : {}) });
      else listener({ type: "state", state: "agent", agentName: agentName(e.agentId) });
    },
    connect(agentId, send) {
      const agent = agentOf(agentId);
      const conn: Conn = {
        agentId,
        send,
        watching: new Map(),
        watch(conversationId) {
          if (conn.watching.has(conversationId)) return;
          const unsubscribe = conversations.subscribe(conversationId, (frame) => send({ type: "event", conversationId, frame }));
          conn.watching.set(conversationId, unsubscribe);
        },
        unwatch(conversationId) {
          conn.watching.get(conversationId)?.();
          conn.watching.delete(conversationId);
        },
        close() {
          for (const u of conn.watching.values()) u();
          conn.watching.clear();
          const set = connections.get(agentId);
          if (!set?.delete(conn)) return;
          if (set.size === 0) {
            connections.delete(agentId);
            for (const [cid, o] of [...offers]) if (o.agentId === agentId) offers.delete(cid);
            changed();
          }
        },
      };
      const first = !online(agentId);
      let set = connections.get(agentId);
      if (!set) connections.set(agentId, (set = new Set()));
      set.add(conn);
      const sh = service.supportStatus();
      send({ type: "ready", agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role, skills: agent.skills, capacity: agent.capacity }, supportOpen: sh.open, supportHours: sh.hours });
      for (const e of entries.values()) if (e.status === "assigned" && e.agentId === agentId) conn.watch(e.conversationId);
      send(service.queueFor(agentId));
      // Re-send a pending offer to a second tab; a newly online agent gets offers from dispatch.
      for (const [cid, o] of offers) if (o.agentId === agentId && entries.get(cid)) send({ type: "offer", entry: view(entries.get(cid)!), expiresAt: new Date(o.at + options.offerTimeoutMs).toISOString() });
      if (first) changed();
      return conn;
    },
    accept(agentId, conversationId) {
      const agent = agentOf(agentId);
      const e = openEntry(conversationId);
      if (e.status === "assigned") {
        if (e.agentId === agentId) return;
        throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", `${agentName(e.agentId)} has already taken this conversation.`);
      }
      const offer = offers.get(conversationId);
      if (offer && offer.agentId !== agentId) withdrawOffer(conversationId);
      offers.delete(conversationId);
      const at = now();
      store.assign(e.id, agentId, at.toISOString());
      Object.assign(e, { status: "assigned", agentId, assignedAt: at.toISOString() });
      lastAssignedAt.set(agentId, at.getTime());
      positions.delete(conversationId);
      transition(conversationId, "queued", "agent", agentId, "accepted");
      conversations.setState(conversationId, "agent", { agentName: agent.name });
      conversations.post(conversationId, { sender: "system", text: `${agent.name} from our support team has joined the chat.` });
      watchAll(agentId, conversationId);
      changed();
    },
    decline(agentId, conversationId) {
      agentOf(agentId);
      const e = openEntry(conversationId);
      if (e.status !== "queued") return;
      let set = declined.get(conversationId);
      if (!set) declined.set(conversationId, (set = new Set()));
      set.add(agentId);
      if (offers.get(conversationId)?.agentId === agentId) offers.delete(conversationId);
      changed();
    },
    sendMessage(agentId, conversationId, message) {
      ownedEntry(agentId, conversationId);
      const products: ProductCard[] = [];
      for (const id of message.productIds ?? []) {
        const p = options.shop.getProduct(id);
        if (!p) throw new AppError("CHAT_ERR_VALIDATION", `No product ${id}.`);
        products.push(cents(p));
      }
      conversations.post(conversationId, {
        sender: "agent",
        text: message.text,
        clientId: `agent:${message.id}`,
        payload: { agentId, ...(products.length ? { products } : {}) },
      });
    },
    typing(agentId, conversationId, on) {
      ownedEntry(agentId, conversationId);
      conversations.typing(conversationId, on, "agent");
    },
    addNote(agentId, conversationId, text) {
      const agent = agentOf(agentId);
      if (!convStore.get(conversationId)) throw new AppError("CHAT_ERR_NOT_FOUND", "No such conversation.");
      const n = store.addNote(conversationId, agentId, text, now().toISOString());
      const note: NoteView = { id: n.id, agentId, agentName: agent.name, text: n.text, createdAt: n.createdAt };
      for (const set of connections.values()) for (const c of set) if (c.watching.has(conversationId)) c.send({ type: "note", conversationId, note });
      return note;
    },
    transfer(agentId, conversationId, to) {
      const { agent, e } = ownedEntry(agentId, conversationId);
      if (to.toAgentId) {
        const target = options.agents.getAgent(to.toAgentId);
        if (!target || target.disabled) throw new AppError("CHAT_ERR_VALIDATION", "No such agent to transfer to.");
        if (target.id === e.agentId) return;
        const at = now();
        store.assign(e.id, target.id, at.toISOString());
        Object.assign(e, { agentId: target.id, assignedAt: at.toISOString() });
        lastAssignedAt.set(target.id, at.getTime());
        transition(conversationId, "agent", "agent", agentId, `transfer to ${target.name}`);
        service.addNote(agentId, conversationId, `Transferred from ${agent.name} to ${target.name}.`);
        conversations.setState(conversationId, "agent", { agentName: target.name });
        conversations.post(conversationId, { sender: "system", text: `You're now chatting with ${target.name}.` });
        watchAll(target.id, conversationId);
      } else if (to.team) {
        const reason = `transfer to ${to.team}: ${e.reason}`;
        const p = basePriority({ reason, ...e.customerValue }, priority);
        const at = now().toISOString();
        store.requeue(e.id, to.team, reason, p.base, p.priorityClass, at);
        Object.assign(e, { status: "queued", agentId: null, assignedAt: null, team: to.team, reason, priorityBase: p.base, priorityClass: p.priorityClass, queuedAt: at });
        breached.delete(conversationId);
        let set = declined.get(conversationId);
        if (!set) declined.set(conversationId, (set = new Set()));
        set.add(agentId);
        transition(conversationId, "agent", "queued", agentId, reason);
        service.addNote(agentId, conversationId, `Transferred by ${agent.name} to the ${to.team} team.`);
        conversations.post(conversationId, { sender: "system", text: `I'm passing you to our ${to.team} team; please stay in the chat.` });
      } else {
        throw new AppError("CHAT_ERR_VALIDATION", "Give `toAgentId` or `team`.");
      }
      changed();
    },
    handBack(agentId, conversationId) {
      const { e } = ownedEntry(agentId, conversationId);
      store.end(e.id, "returned", now().toISOString(), null);
      forget(conversationId);
      transition(conversationId, "agent", "bot", agentId, "handed back");
      conversations.post(conversationId, { sender: "system", text: "You're back with our assistant. Ask me anything, or ask for a person again at any time." });
      conversations.setState(conversationId, "bot");
      changed();
    },
    close(agentId, conversationId, resolution) {
      const agent = agentOf(agentId);
      const e = openEntry(conversationId);
      if (e.status === "assigned" && e.agentId !== agentId && agent.role !== "admin") {
        throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", `This conversation is with ${agentName(e.agentId)}.`);
      }
      if (e.status === "queued" && agent.role !== "admin") throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", "Accept the conversation before closing it.");
      const from: ConversationState = e.status === "assigned" ? "agent" : "queued";
      store.end(e.id, "closed", now().toISOString(), resolution);
      forget(conversationId);
      transition(conversationId, from, "closed", agentId, resolution);
      conversations.post(conversationId, {
        sender: "system",
        text: `${agent.name} has closed this chat. How did we do? Please rate this conversation.`,
        payload: { csat: true },
      });
      conversations.setState(conversationId, "closed");
      changed();
    },
    async detail(conversationId) {
      const conv = convStore.get(conversationId);
      if (!conv) throw new AppError("CHAT_ERR_NOT_FOUND", "No such conversation.");
      const transcript: TranscriptMessage[] = [];
      for (let after = 0; ; ) {
        const batch = convStore.messagesAfter(conversationId, after, 1000);
        for (const m of batch) {
          const p = m.payload as { decision?: Record<string, unknown>; agentId?: string };
          const t: TranscriptMessage = toMessageFrame(m);
          if (p.decision) t.decision = p.decision;
          if (p.agentId) t.agentId = p.agentId;
          transcript.push(t);
        }
        if (batch.length < 1000) break;
        after = batch[batch.length - 1].seq;
      }
      const names = new Map(options.agents.listAgents().map((a) => [a.id, a.name]));
      const e = entries.get(conversationId);
      return {
        conversationId,
        state: conv.state,
        entry: e ? view(e) : null,
        transcript,
        notes: store.notes(conversationId).map((n) => ({ id: n.id, agentId: n.agentId, agentName: names.get(n.agentId) ?? "agent", text: n.text, createdAt: n.createdAt })),
        transitions: store.transitions(conversationId).map(({ conversationId: _c, ...t }) => t),
        sidebar: await sidebar(conv.customerId),
        csat: store.conversationRating(conversationId) ?? null,
      };
    },
    queueFor(agentId) {
      const at = now().getTime();
      const queue = queuedInOrder().map((e) => view(e, at));
      const mine = [...entries.values()].filter((e) => e.status === "assigned" && e.agentId === agentId).map((e) => view(e, at));
      const current = loads();
      const agents: AgentStatusView[] = options.agents
        .listAgents()
        .filter((a) => !a.disabled)
        .map((a) => ({ id: a.id, name: a.name, skills: a.skills, capacity: a.capacity, online: online(a.id), load: current.find((l) => l.id === a.id)?.load ?? 0 }));
      return { type: "queue", asOf: new Date(at).toISOString(), queue, mine, agents, openTickets: store.listTickets("open").length };
    },
    listTickets(status) {
      return store.listTickets(status).map(ticketView);
    },
    closeTicket(agentId, id) {
      agentOf(agentId);
      const t = store.getTicket(id);
      if (!t) throw new AppError("CHAT_ERR_NOT_FOUND", "No such ticket.");
      if (t.status === "closed") return ticketView(t);
      const updated = store.updateTicket(id, { status: "closed", closedAt: now().toISOString(), closedBy: agentId })!;
      broadcast();
      return ticketView(updated);
    },
    listCanned: () => store.listCanned(),
    saveCanned(agentId, c) {
      agentOf(agentId);
      const title = c.title.trim();
      const text = c.text.trim();
      if (!title || title.length > 80 || !text || text.length > 4000) throw new AppError("CHAT_ERR_VALIDATION", "A canned response needs a title (1–80 characters) and a text (1–4000).");
      const saved = store.upsertCanned({ id: c.id, title, text, updatedBy: agentId, updatedAt: now().toISOString() });
      if (!saved) throw new AppError("CHAT_ERR_NOT_FOUND", "No such canned response.");
      return saved;
    },
    deleteCanned(id) {
      if (!store.deleteCanned(id)) throw new AppError("CHAT_ERR_NOT_FOUND", "No such canned response.");
    },
    supportStatus() {
      return { open: options.supportHours.isOpen(now()), hours: options.supportHours.describe() };
    },
  };

  async function sidebar(customerId: string | null): Promise<CustomerSidebar> {
    const empty: CustomerSidebar = { customer: null, profile: null, segment: null, stage: null, clv: null, churn: null, orders: [], recommendations: [], notes: [] };
    if (!customerId) return { ...empty, notes: ["Anonymous shopper: no verified account, so no account data."] };
    const c = options.shop.getCustomer(customerId);
    if (!c) return { ...empty, notes: [`Customer ${customerId} is not in the shop database.`] };
    const out: CustomerSidebar = {
      ...empty,
      customer: { id: c.id, name: c.name, email: c.email, country: c.country, memberSince: c.createdAt, summitMember: c.summitMember },
      orders: options.shop.listCustomerOrders(c.id, 5).map((o) => ({
        id: o.id, placedAt: o.placedAt, status: o.status, totalCents: o.totalCents, carrier: o.carrier, trackingNumber: o.trackingNumber,
        items: o.items.reduce((n, i) => n + i.quantity, 0),
      })),
      notes: [],
    };
    const insights = options.insights?.();
    if (!insights) {
      out.notes.push("Customer models are not loaded: no segment, CLV, churn risk or recommendations.");
      return out;
    }
    try {
      const ins = await insights.getInsights(c.id, { k: 4 });
      if (!ins.profilingConsent) out.notes.push("The customer has not consented to profiling.");
      if (ins.profile) out.profile = { orders: ins.profile.orders, monetaryCents: ins.profile.monetaryCents, averageOrderValueCents: ins.profile.averageOrderValueCents, recencyDays: ins.profile.recencyDays };
      out.segment = ins.segment?.name ?? null;
      out.stage = ins.stage ?? null;
      if (ins.clv) out.clv = { clvCents: ins.clv.clvCents, probabilityAlive: ins.clv.probabilityAlive, horizonMonths: ins.clv.horizonMonths };
      if (ins.churn) out.churn = { risk: ins.churn.risk, reasons: ins.churn.reasons.map((r) => ({ text: r.text, direction: r.direction })) };
      for (const r of ins.recommendations) {
        const p = options.shop.getProduct(r.productId);
        if (p) out.recommendations.push({ ...cents(p), reason: r.reason });
      }
    } catch (err) {
      out.notes.push(`Customer insights unavailable: ${(err as Error).message}`);
    }
    return out;
  }

  return service;
}
