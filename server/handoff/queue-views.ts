import type { AgentPresence } from "../cluster/index.ts";
import type { AgentServerFrame, AgentStatusView, QueueEntryView } from "../protocol.ts";
import type { ConversationStore, HandoffRecord, HandoffStore } from "../storage/index.ts";
import type { AgentDirectory, HandoffShop } from "./deps.ts";
import { priorityScore, type PriorityConfig } from "./priority.ts";

/** What the dispatcher adds to an entry's view (only the leading instance knows offers and live positions). */
export interface LiveEntryState {
  position?: number;
  offeredTo?: string;
}

/** Reads of the queue as the console and the shopper see it, computed from the database on any instance. */
export interface QueueViews {
  /** Open episodes: queued ones by priority (highest first, then oldest), then assigned ones. */
  open(at?: number): Promise<{ queued: HandoffRecord[]; assigned: HandoffRecord[] }>;
  entryView(e: HandoffRecord, at?: number, live?: LiveEntryState): Promise<QueueEntryView>;
  /** The console's queue frame for one agent. */
  snapshot(agentId: string): Promise<Extract<AgentServerFrame, { type: "queue" }>>;
  /** A queued conversation's position, or an assigned one's agent (for a shopper who reconnects). */
  status(conversationId: string): Promise<{ position?: number; agentName?: string } | undefined>;
  /** Seconds an episode has waited (until assignment). */
  waitingSeconds(e: HandoffRecord, at?: number): number;
  agentName(agentId: string | null): Promise<string>;
  /** The language the shopper writes in (ISO 639-1). */
  languageOf(conversationId: string): Promise<string>;
  /** Forget cached previews and names of a conversation. */
  forget(conversationId: string): void;
}

/** Create the queue views. */
export function createQueueViews(options: {
  store: HandoffStore;
  conversations: ConversationStore;
  agents: AgentDirectory;
  shop: HandoffShop;
  presence: AgentPresence;
  priority: PriorityConfig;
  live?: (conversationId: string) => LiveEntryState | undefined;
  clock: () => Date;
}): QueueViews {
  const { store, priority } = options;
  const now = () => options.clock().getTime();
  const cache = new Map<string, { preview: string; customer: { id: string; name: string } | null; language: string }>();

  const waitingSeconds = (e: HandoffRecord, at = now()) => ((e.status === "assigned" && e.assignedAt ? Date.parse(e.assignedAt) : at) - Date.parse(e.queuedAt)) / 1000;

  async function about(conversationId: string) {
    let c = cache.get(conversationId);
    if (!c) {
      const conv = await options.conversations.get(conversationId);
      const msgs = await options.conversations.messagesAfter(conversationId, Math.max(0, (conv?.lastSeq ?? 0) - 16));
      const customer = conv?.customerId ? await options.shop.getCustomer(conv.customerId) : undefined;
      c = {
        preview: [...msgs].reverse().find((m) => m.sender === "shopper")?.text ?? "",
        customer: customer ? { id: customer.id, name: customer.name } : null,
        language: conv?.language ?? "en",
      };
      if (cache.size > 5000) cache.clear();
      cache.set(conversationId, c);
    }
    return c;
  }

  const agentName = async (id: string | null) => (id ? ((await options.agents.getAgent(id))?.name ?? "an agent") : "");

  const views: QueueViews = {
    async open(at = now()) {
      const all = await store.listOpen();
      const queued = all
        .filter((e) => e.status === "queued")
        .map((e) => ({ e, s: priorityScore(e.priorityBase, waitingSeconds(e, at), priority) }))
        .sort((a, b) => b.s - a.s || a.e.queuedAt.localeCompare(b.e.queuedAt) || a.e.id - b.e.id)
        .map((x) => x.e);
      return { queued, assigned: all.filter((e) => e.status === "assigned") };
    },
    async entryView(e, at = now(), live = options.live?.(e.conversationId)) {
      const waited = waitingSeconds(e, at);
      const sla = priority.slaSeconds[e.priorityClass];
      const { preview, customer, language } = await about(e.conversationId);
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
        customer,
        preview,
        language,
      };
      if (e.status === "queued" && live?.position) v.position = live.position;
      if (live?.offeredTo) v.offeredTo = live.offeredTo;
      if (e.agentId) {
        v.agentId = e.agentId;
        v.agentName = await agentName(e.agentId);
      }
      return v;
    },
    async snapshot(agentId) {
      const at = now();
      const { queued, assigned } = await views.open(at);
      const queue = await Promise.all(queued.map((e, i) => views.entryView(e, at, { ...options.live?.(e.conversationId), position: i + 1 })));
      const mine = await Promise.all(assigned.filter((e) => e.agentId === agentId).map((e) => views.entryView(e, at)));
      const load = new Map<string, number>();
      for (const e of assigned) if (e.agentId) load.set(e.agentId, (load.get(e.agentId) ?? 0) + 1);
      const online = await options.presence.online();
      const agents: AgentStatusView[] = (await options.agents.listAgents())
        .filter((a) => !a.disabled)
        .map((a) => ({ id: a.id, name: a.name, skills: a.skills, capacity: a.capacity, online: online.has(a.id), load: load.get(a.id) ?? 0 }));
      return { type: "queue", asOf: new Date(at).toISOString(), queue, mine, agents, openTickets: await store.countTickets("open") };
    },
    async status(conversationId) {
      const { queued, assigned } = await views.open();
      const i = queued.findIndex((e) => e.conversationId === conversationId);
      if (i >= 0) return { position: i + 1 };
      const a = assigned.find((e) => e.conversationId === conversationId);
      return a ? { agentName: await agentName(a.agentId) } : undefined;
    },
    waitingSeconds,
    agentName,
    languageOf: async (conversationId) => (await about(conversationId)).language,
    forget: (conversationId) => void cache.delete(conversationId),
  };
  return views;
}
