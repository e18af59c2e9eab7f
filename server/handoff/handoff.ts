import type { Logger } from "pino";
import type { Cluster } from "../cluster/index.ts";
import type { ConversationLog } from "../dialogue/index.ts";
import type { ProductCard } from "../protocol.ts";
import type { AuditSink } from "../privacy/audit-log.ts";
import type { Storage, Product } from "../storage/index.ts";
import { createCannedResponses, type CannedResponses } from "./canned.ts";
import { createConsoleViews, type ConsoleViews } from "./console-views.ts";
import { createAgentConsoles, type AgentConsoles } from "./consoles.ts";
import type { AgentDirectory, InsightsSource } from "./deps.ts";
import { createDispatcher, type Dispatcher } from "./dispatcher.ts";
import { createNotes, type Notes } from "./notes.ts";
import { DEFAULT_PRIORITY, type PriorityConfig } from "./priority.ts";
import { createHandoffQueue, type HandoffQueue } from "./queue.ts";
import { createQueueViews, type QueueViews } from "./queue-views.ts";
import type { SupportHours } from "./support-hours.ts";
import { createTicketDesk, type TicketDesk } from "./tickets.ts";

/** Everything the handoff needs. */
export interface HandoffOptions {
  storage: Pick<Storage, "handoff" | "conversations" | "shop">;
  cluster: Pick<Cluster, "bus" | "presence" | "leader">;
  log: ConversationLog;
  agents: AgentDirectory;
  insights?: () => InsightsSource | undefined;
  supportHours: SupportHours;
  priority?: Omit<PriorityConfig, "reasonScores"> & { reasonScores?: PriorityConfig["reasonScores"] };
  offerTimeoutMs: number;
  productCard: (p: Product) => ProductCard;
  logger: Logger;
  /** Where reads of a customer's sidebar and new notes are recorded (docs/privacy.md, audit log). */
  audit?: AuditSink;
  clock?: () => Date;
  /** How often the dispatcher re-checks offers, positions and SLAs, ms (default 1000). */
  tickMs?: number;
}

/** The human handoff, by responsibility: the queue's actions, dispatch, tickets, canned replies, notes and the console's views. */
export interface Handoff {
  readonly queue: HandoffQueue;
  readonly views: QueueViews;
  readonly dispatcher: Dispatcher;
  readonly tickets: TicketDesk;
  readonly canned: CannedResponses;
  readonly notes: Notes;
  readonly consoles: AgentConsoles;
  readonly console: ConsoleViews;
  /** Whether human support is open now, and the hours. */
  supportStatus(): { open: boolean; hours: string };
  /** Subscribe to the bot's handoff decisions, seed canned replies, start the dispatcher. */
  start(): Promise<void>;
  stop(): void;
}

/**
 * Build the handoff parts over storage and the cluster. The queue reacts to `handoff.requested` events
 * (the bot's decisions) rather than being called by the dialogue.
 * @example const handoff = createHandoff({ storage, cluster, log, agents: auth, supportHours, offerTimeoutMs: 30_000, productCard, logger });
 */
export function createHandoff(o: HandoffOptions): Handoff {
  const clock = o.clock ?? (() => new Date());
  const priority: PriorityConfig = { ...DEFAULT_PRIORITY, ...o.priority, reasonScores: o.priority?.reasonScores ?? DEFAULT_PRIORITY.reasonScores };
  const { bus, presence, leader } = o.cluster;
  const { handoff: store, conversations, shop } = o.storage;
  let dispatcher: Dispatcher | undefined;
  const views = createQueueViews({ store, conversations, agents: o.agents, shop, presence, priority, clock, live: (id) => dispatcher?.live(id) });
  dispatcher = createDispatcher({ store, views, agents: o.agents, presence, leader, bus, log: o.log, priority, offerTimeoutMs: o.offerTimeoutMs, logger: o.logger, clock, tickMs: o.tickMs });
  const notes = createNotes({ store, conversations, agents: o.agents, bus, clock, audit: o.audit });
  const tickets = createTicketDesk({ store, conversations, log: o.log, bus, supportHours: o.supportHours, logger: o.logger, clock });
  const queue = createHandoffQueue({
    store, conversations, log: o.log, views, bus, agents: o.agents, shop, insights: o.insights, supportHours: o.supportHours, priority, notes,
    outOfHours: (id, reason) => tickets.start(id, reason), productCard: o.productCard, logger: o.logger, clock,
  });
  const consoles = createAgentConsoles({ views, agents: o.agents, presence, bus, log: o.log, supportHours: o.supportHours, logger: o.logger, clock });
  const canned = createCannedResponses({ store, clock });
  const consoleViews = createConsoleViews({ store, conversations, views, notes, shop, insights: o.insights, productCard: o.productCard, audit: o.audit });
  const unsubscribe: (() => void)[] = [];
  const d = dispatcher;
  return {
    queue, views, dispatcher: d, tickets, canned, notes, consoles, console: consoleViews,
    supportStatus: () => ({ open: o.supportHours.isOpen(clock()), hours: o.supportHours.describe() }),
    async start() {
      unsubscribe.push(
        bus.subscribe("handoff.requested", async ({ conversationId, reason }) => {
          try {
            await queue.request(conversationId, reason);
          } catch (err) {
            o.logger.error({ err, conversationId }, "handoff failed");
          }
        }),
      );
      await canned.seedDefaults();
      const { queued, assigned } = await views.open();
      if (queued.length + assigned.length) o.logger.info({ queued: queued.length, assigned: assigned.length }, "handoff queue restored");
      d.start();
    },
    stop() {
      for (const u of unsubscribe.splice(0)) u();
      d.stop();
      consoles.close();
    },
  };
}
