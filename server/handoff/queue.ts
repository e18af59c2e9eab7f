import type { Logger } from "pino";
import type { EventBus } from "../cluster/index.ts";
import type { ConversationLog } from "../dialogue/index.ts";
import { AppError } from "../errors.ts";
import { t } from "../i18n/index.ts";
import type { ConversationState, ProductCard } from "../protocol.ts";
import type { AgentRecord, ConversationStore, HandoffRecord, HandoffStore, Team } from "../storage/index.ts";
import type { AgentDirectory, HandoffShop, InsightsSource } from "./deps.ts";
import { basePriority, type PriorityConfig } from "./priority.ts";
import type { Notes } from "./notes.ts";
import type { QueueViews } from "./queue-views.ts";
import type { SupportHours } from "./support-hours.ts";
import { inferTeam } from "./team.ts";

/** The agent console's actions on the queue; each is checked, stored atomically, and announced on the bus. */
export interface HandoffQueue {
  /** Queue a conversation for a person (the bot's handoff decision); outside support hours `outOfHours` takes it. */
  request(conversationId: string, reason: string): Promise<void>;
  accept(agentId: string, conversationId: string): Promise<void>;
  decline(agentId: string, conversationId: string): Promise<void>;
  sendMessage(agentId: string, conversationId: string, message: { id: string; text: string; productIds?: string[] }): Promise<void>;
  typing(agentId: string, conversationId: string, on: boolean): Promise<void>;
  transfer(agentId: string, conversationId: string, to: { toAgentId?: string; team?: Team }): Promise<void>;
  handBack(agentId: string, conversationId: string): Promise<void>;
  close(agentId: string, conversationId: string, resolution: string): Promise<void>;
}

/** Options of the queue. */
export interface HandoffQueueOptions {
  store: HandoffStore;
  conversations: ConversationStore;
  log: ConversationLog;
  views: QueueViews;
  bus: EventBus;
  agents: AgentDirectory;
  shop: HandoffShop;
  insights?: () => InsightsSource | undefined;
  supportHours: SupportHours;
  priority: PriorityConfig;
  /** Takes a handoff requested while support is closed (an out-of-hours ticket). */
  outOfHours: (conversationId: string, reason: string) => Promise<void>;
  notes: Notes;
  /** Builds the product cards an agent sends. */
  productCard: (product: Awaited<ReturnType<HandoffShop["getProducts"]>>[number]) => ProductCard;
  logger: Logger;
  clock: () => Date;
}

/** Create the queue's actions. */
export function createHandoffQueue(o: HandoffQueueOptions): HandoffQueue {
  const { store, log, bus } = o;
  const nowIso = () => o.clock().toISOString();
  const changed = (reason: string) => bus.publish("queue.changed", { reason });
  /** The conversation's language, for system messages to the shopper. */
  const lang = async (conversationId: string) => (await o.conversations.get(conversationId))?.language ?? "en";
  const transition = (conversationId: string, from: ConversationState, to: ConversationState, actor: string, reason: string | null) =>
    store.recordTransition({ conversationId, from, to, actor, reason, at: nowIso() });

  async function agentOf(agentId: string): Promise<AgentRecord> {
    const a = await o.agents.getAgent(agentId);
    if (!a || a.disabled) throw new AppError("CHAT_ERR_UNAUTHORIZED", "Unknown or disabled agent.");
    return a;
  }
  async function openEntry(conversationId: string): Promise<HandoffRecord> {
    const e = await store.getOpen(conversationId);
    if (!e) throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", "This conversation is not waiting for or with an agent.");
    return e;
  }
  async function owned(agentId: string, conversationId: string) {
    const agent = await agentOf(agentId);
    const e = await openEntry(conversationId);
    if (e.status !== "assigned" || (e.agentId !== agentId && agent.role !== "admin")) {
      throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", e.status === "queued" ? "Accept the conversation first." : `This conversation is with ${await o.views.agentName(e.agentId)}.`);
    }
    return { agent, e };
  }

  /** Refine a queued conversation's priority with the customer's value once the insights answer. */
  async function enrich(e: HandoffRecord) {
    const customerId = (await o.conversations.get(e.conversationId))?.customerId;
    const insights = o.insights?.();
    if (!customerId || !insights) return;
    try {
      const ins = await insights.getInsights(customerId, { k: 4 });
      const value = { clvCents: ins.clv?.clvCents, churnRisk: ins.churn?.risk };
      if (value.clvCents === undefined && value.churnRisk === undefined) return;
      const p = basePriority({ reason: e.reason, ...value }, o.priority);
      const live = await store.getOpen(e.conversationId);
      if (!live || live.id !== e.id) return;
      await store.setPriority(e.id, p.base, p.priorityClass, value);
      changed("priority");
    } catch (err) {
      o.logger.warn({ err: (err as Error).message, conversationId: e.conversationId }, "customer value unavailable for handoff priority");
    }
  }

  return {
    async request(conversationId, reason) {
      const conv = await o.conversations.get(conversationId);
      if (!conv || conv.state === "closed") throw new AppError("CHAT_ERR_NOT_FOUND", "The conversation does not exist or is closed.");
      if (!o.supportHours.isOpen(o.clock())) return o.outOfHours(conversationId, reason);
      const msgs = await o.conversations.messagesAfter(conversationId, Math.max(0, conv.lastSeq - 16));
      const team = inferTeam(msgs.map((m) => ({ sender: m.sender, text: m.text, action: m.action, intent: (m.payload.intent as { name?: string } | undefined)?.name })));
      const p = basePriority({ reason }, o.priority);
      const { record, created } = await store.enqueue({ conversationId, team, reason, priorityBase: p.base, priorityClass: p.priorityClass, customerValue: {}, queuedAt: nowIso() });
      if (!created) return;
      await transition(conversationId, conv.state, "queued", "bot", reason);
      const status = await o.views.status(conversationId);
      await log.setState(conversationId, "queued", status?.position ? { position: status.position } : {});
      o.logger.info({ conversationId, team, reason, priorityClass: p.priorityClass }, "conversation queued for a human");
      changed("queued");
      void enrich(record);
    },
    async accept(agentId, conversationId) {
      const agent = await agentOf(agentId);
      const e = await openEntry(conversationId);
      if (e.status === "assigned") {
        if (e.agentId === agentId) return;
        throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", `${await o.views.agentName(e.agentId)} has already taken this conversation.`);
      }
      // One winner across instances: the claim is a conditional update.
      if (!(await store.claim(e.id, agentId, nowIso()))) {
        const now = await store.getOpen(conversationId);
        throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", now?.agentId ? `${await o.views.agentName(now.agentId)} has already taken this conversation.` : "This conversation is no longer waiting.");
      }
      await transition(conversationId, "queued", "agent", agentId, "accepted");
      await log.setState(conversationId, "agent", { agentName: agent.name });
      await log.post(conversationId, { sender: "system", text: t(await lang(conversationId), "handoff.agentJoined", { agent: agent.name }) });
      changed("accepted");
    },
    async decline(agentId, conversationId) {
      await agentOf(agentId);
      const e = await openEntry(conversationId);
      if (e.status !== "queued") return;
      bus.publish("handoff.declined", { conversationId, agentId });
    },
    async sendMessage(agentId, conversationId, message) {
      await owned(agentId, conversationId);
      const ids = message.productIds ?? [];
      const found = await o.shop.getProducts(ids);
      const missing = ids.find((id) => !found.some((p) => p.id === id));
      if (missing) throw new AppError("CHAT_ERR_VALIDATION", `No product ${missing}.`);
      const products = found.map(o.productCard);
      await log.post(conversationId, { sender: "agent", text: message.text, clientId: `agent:${message.id}`, payload: { agentId, ...(products.length ? { products } : {}) } });
    },
    async typing(agentId, conversationId, on) {
      await owned(agentId, conversationId);
      log.publish(conversationId, { type: "typing", from: "agent", on });
    },
    async transfer(agentId, conversationId, to) {
      const { agent, e } = await owned(agentId, conversationId);
      if (to.toAgentId) {
        const target = await o.agents.getAgent(to.toAgentId);
        if (!target || target.disabled) throw new AppError("CHAT_ERR_VALIDATION", "No such agent to transfer to.");
        if (target.id === e.agentId) return;
        if (!(await store.reassign(e.id, e.agentId!, target.id, nowIso()))) throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", "The conversation changed hands meanwhile; reload it.");
        await transition(conversationId, "agent", "agent", agentId, `transfer to ${target.name}`);
        await o.notes.add(agentId, conversationId, `Transferred from ${agent.name} to ${target.name}.`);
        await log.setState(conversationId, "agent", { agentName: target.name });
        await log.post(conversationId, { sender: "system", text: t(await lang(conversationId), "handoff.transferredToAgent", { agent: target.name }) });
      } else if (to.team) {
        const reason = `transfer to ${to.team}: ${e.reason}`;
        const p = basePriority({ reason, ...e.customerValue }, o.priority);
        await store.requeue(e.id, to.team, reason, p.base, p.priorityClass, nowIso());
        bus.publish("handoff.declined", { conversationId, agentId });
        await transition(conversationId, "agent", "queued", agentId, reason);
        await o.notes.add(agentId, conversationId, `Transferred by ${agent.name} to the ${to.team} team.`);
        await log.setState(conversationId, "queued");
        const l = await lang(conversationId);
        await log.post(conversationId, { sender: "system", text: t(l, "handoff.transferredToTeam", { team: t(l, `team.${to.team}`) }) });
      } else {
        throw new AppError("CHAT_ERR_VALIDATION", "Give `toAgentId` or `team`.");
      }
      changed("transferred");
    },
    async handBack(agentId, conversationId) {
      const { e } = await owned(agentId, conversationId);
      if (!(await store.end(e.id, "returned", nowIso(), null))) return;
      o.views.forget(conversationId);
      await transition(conversationId, "agent", "bot", agentId, "handed back");
      await log.post(conversationId, { sender: "system", text: t(await lang(conversationId), "handoff.backToBot") });
      await log.setState(conversationId, "bot");
      changed("handed back");
    },
    async close(agentId, conversationId, resolution) {
      const agent = await agentOf(agentId);
      const e = await openEntry(conversationId);
      if (e.status === "assigned" && e.agentId !== agentId && agent.role !== "admin") {
        throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", `This conversation is with ${await o.views.agentName(e.agentId)}.`);
      }
      if (e.status === "queued" && agent.role !== "admin") throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", "Accept the conversation before closing it.");
      if (!(await store.end(e.id, "closed", nowIso(), resolution))) return;
      o.views.forget(conversationId);
      await transition(conversationId, e.status === "assigned" ? "agent" : "queued", "closed", agentId, resolution);
      await log.post(conversationId, { sender: "system", text: t(await lang(conversationId), "handoff.closed", { agent: agent.name }), payload: { csat: true } });
      await log.setState(conversationId, "closed");
      bus.publish("conversation.closed", { conversationId, agentId, resolution });
      changed("closed");
    },
  };
}
