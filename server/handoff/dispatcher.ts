import type { Logger } from "pino";
import type { AgentPresence, EventBus, LeaderLease } from "../cluster/index.ts";
import type { ConversationLog } from "../dialogue/index.ts";
import type { HandoffStore } from "../storage/index.ts";
import type { AgentDirectory } from "./deps.ts";
import type { PriorityConfig } from "./priority.ts";
import type { LiveEntryState, QueueViews } from "./queue-views.ts";
import { pickAgent, type AgentLoad } from "./routing.ts";

/** The dispatcher: offers, queue positions and SLA flags; it acts only on the instance that holds the leader lease. */
export interface Dispatcher {
  /** Re-check now (coalesced with a run already going). */
  poke(): void;
  /** An offer and position this instance knows of a conversation (the leader knows all). */
  live(conversationId: string): LiveEntryState | undefined;
  start(): void;
  stop(): void;
}

/** Options of the dispatcher. */
export interface DispatcherOptions {
  store: HandoffStore;
  views: QueueViews;
  agents: AgentDirectory;
  presence: AgentPresence;
  leader: LeaderLease;
  bus: EventBus;
  log: ConversationLog;
  priority: PriorityConfig;
  offerTimeoutMs: number;
  logger: Logger;
  clock: () => Date;
  tickMs?: number;
}

/**
 * Create the dispatcher. Each run, on the leader: offer every queued conversation without a live offer
 * to the best free agent (skill, capacity, load, idle time), highest priority first; withdraw offers that
 * lapsed or whose conversation was taken; tell queued shoppers their new position; flag SLA breaches
 * once (stored, so a restart does not warn again).
 */
export function createDispatcher(o: DispatcherOptions): Dispatcher {
  const offers = new Map<string, { agentId: string; at: number }>();
  const declined = new Map<string, Set<string>>();
  const timedOut = new Map<string, Set<string>>();
  const positions = new Map<string, number>();
  const lastAssignedAt = new Map<string, number>();
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const addTo = (m: Map<string, Set<string>>, key: string, agentId: string) => {
    let set = m.get(key);
    if (!set) m.set(key, (set = new Set()));
    set.add(agentId);
  };
  const withdraw = (conversationId: string) => {
    const offer = offers.get(conversationId);
    if (!offer) return;
    offers.delete(conversationId);
    o.bus.publish("agent.frame", { agentId: offer.agentId, frame: { type: "offer_withdrawn", conversationId } });
  };

  async function run() {
    if (!o.leader.isLeader()) return;
    const at = o.clock().getTime();
    const { queued, assigned } = await o.views.open(at);
    let changed = false;
    const queuedIds = new Set(queued.map((e) => e.conversationId));
    for (const e of assigned) if (e.agentId && e.assignedAt) lastAssignedAt.set(e.agentId, Math.max(lastAssignedAt.get(e.agentId) ?? 0, Date.parse(e.assignedAt)));
    // Offers for conversations no longer queued (taken, closed, handed back) are withdrawn.
    for (const id of [...offers.keys()]) if (!queuedIds.has(id)) withdraw(id);
    for (const m of [declined, timedOut, positions]) for (const id of [...m.keys()]) if (!queuedIds.has(id)) m.delete(id);

    // Positions: tell each queued shopper when theirs changed.
    queued.forEach((e, i) => {
      if (positions.get(e.conversationId) !== i + 1) {
        positions.set(e.conversationId, i + 1);
        o.log.publish(e.conversationId, { type: "state", state: "queued", position: i + 1 });
        changed = true;
      }
    });

    // Offers.
    const online = await o.presence.online();
    const count = new Map<string, number>();
    for (const e of assigned) if (e.agentId) count.set(e.agentId, (count.get(e.agentId) ?? 0) + 1);
    const agents = (await o.agents.listAgents()).filter((a) => !a.disabled);
    const loads = (): AgentLoad[] => {
      const withOffers = new Map(count);
      for (const off of offers.values()) withOffers.set(off.agentId, (withOffers.get(off.agentId) ?? 0) + 1);
      return agents.map((a) => ({
        id: a.id, skills: a.skills, languages: a.languages, capacity: a.capacity, online: online.has(a.id), load: withOffers.get(a.id) ?? 0, lastAssignedAt: lastAssignedAt.get(a.id) ?? 0,
      }));
    };
    for (const e of queued) {
      const offer = offers.get(e.conversationId);
      if (offer) {
        if (at - offer.at < o.offerTimeoutMs && online.has(offer.agentId)) continue;
        if (online.has(offer.agentId)) addTo(timedOut, e.conversationId, offer.agentId);
        withdraw(e.conversationId);
        changed = true;
      }
      const no = declined.get(e.conversationId) ?? new Set<string>();
      const language = await o.views.languageOf(e.conversationId);
      let agent = pickAgent(e.team, loads(), new Set([...no, ...(timedOut.get(e.conversationId) ?? [])]), language);
      if (!agent && timedOut.get(e.conversationId)?.size) {
        // Everyone free let the offer lapse: start the round again rather than leave it unoffered.
        timedOut.delete(e.conversationId);
        agent = pickAgent(e.team, loads(), no, language);
      }
      if (!agent) continue;
      // Recorded only once it is sent: an offer recorded and then lost (the view failed) would wait out its timeout unseen.
      const entry = await o.views.entryView(e, at, { position: positions.get(e.conversationId), offeredTo: agent.id });
      offers.set(e.conversationId, { agentId: agent.id, at });
      changed = true;
      o.bus.publish("agent.frame", { agentId: agent.id, frame: { type: "offer", entry, expiresAt: new Date(at + o.offerTimeoutMs).toISOString() } });
    }

    // SLA breaches, flagged once.
    for (const e of queued) {
      if (e.slaBreachedAt || o.views.waitingSeconds(e, at) <= o.priority.slaSeconds[e.priorityClass]) continue;
      if (await o.store.markSlaBreached(e.id, new Date(at).toISOString())) {
        o.logger.warn({ conversationId: e.conversationId, priorityClass: e.priorityClass }, "handoff SLA breached");
        changed = true;
      }
    }
    if (changed) o.bus.publish("queue.changed", { reason: "dispatch" });
  }

  const poke = () => {
    if (running) {
      again = true;
      return;
    }
    running = run()
      .catch((err) => o.logger.error({ err }, "handoff dispatch failed"))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          poke();
        }
      });
  };

  const unsubscribe = [
    o.bus.subscribe("queue.changed", ({ reason }) => {
      if (reason !== "dispatch") poke();
    }),
    o.bus.subscribe("handoff.declined", ({ conversationId, agentId }) => {
      addTo(declined, conversationId, agentId);
      if (offers.get(conversationId)?.agentId === agentId) offers.delete(conversationId);
      poke();
    }),
    o.bus.subscribe("agent.online", async ({ agentId }) => {
      if (!o.leader.isLeader()) return;
      for (const [conversationId, offer] of offers) {
        if (offer.agentId !== agentId) continue;
        const e = (await o.views.open()).queued.find((x) => x.conversationId === conversationId);
        if (!e) continue;
        const entry = await o.views.entryView(e, undefined, { position: positions.get(conversationId), offeredTo: agentId });
        o.bus.publish("agent.frame", { agentId, frame: { type: "offer", entry, expiresAt: new Date(offer.at + o.offerTimeoutMs).toISOString() } });
      }
      poke();
    }),
  ];

  return {
    poke,
    live(conversationId) {
      const offer = offers.get(conversationId);
      const position = positions.get(conversationId);
      return offer || position ? { ...(position ? { position } : {}), ...(offer ? { offeredTo: offer.agentId } : {}) } : undefined;
    },
    start() {
      timer = setInterval(poke, o.tickMs ?? 1000);
      timer.unref();
      poke();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      for (const u of unsubscribe) u();
    },
  };
}
