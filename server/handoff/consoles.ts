import type { Logger } from "pino";
import type { AgentPresence, EventBus } from "../cluster/index.ts";
import type { ConversationLog } from "../dialogue/index.ts";
import { AppError } from "../errors.ts";
import type { AgentServerFrame } from "../protocol.ts";
import type { AgentDirectory } from "./deps.ts";
import type { QueueViews } from "./queue-views.ts";
import type { SupportHours } from "./support-hours.ts";

/** A live agent console connection on this instance. */
export interface AgentConnection {
  readonly agentId: string;
  /** Receive the conversation's live frames (messages, typing, state) as `event` frames. */
  watch(conversationId: string): void;
  unwatch(conversationId: string): void;
  close(): void;
}

/** The agent consoles connected to this instance: queue frames, offers, notes and watched conversations. */
export interface AgentConsoles {
  connect(agentId: string, send: (frame: AgentServerFrame) => void): Promise<AgentConnection>;
  /** Consoles open on this instance. */
  count(): number;
  close(): void;
}

/**
 * Create the console registry. Queue frames are recomputed from the database when the queue changes
 * anywhere (coalesced); offers and notes arrive on the bus from whichever instance made them; a console
 * watches every conversation assigned to its agent.
 */
export function createAgentConsoles(o: {
  views: QueueViews;
  agents: AgentDirectory;
  presence: AgentPresence;
  bus: EventBus;
  log: ConversationLog;
  supportHours: SupportHours;
  logger: Logger;
  clock: () => Date;
}): AgentConsoles {
  interface Conn extends AgentConnection {
    send: (frame: AgentServerFrame) => void;
    watching: Map<string, () => void>;
  }
  const connections = new Map<string, Set<Conn>>();
  let refresh: Promise<void> | null = null;
  let again = false;

  const sendQueue = async (agentId: string) => {
    const frame = await o.views.snapshot(agentId);
    for (const c of connections.get(agentId) ?? []) {
      for (const e of frame.mine) c.watch(e.conversationId);
      c.send(frame);
    }
  };
  const refreshAll = () => {
    if (refresh) {
      again = true;
      return;
    }
    refresh = Promise.all([...connections.keys()].map(sendQueue))
      .then(() => undefined)
      .catch((err) => o.logger.error({ err }, "console queue refresh failed"))
      .finally(() => {
        refresh = null;
        if (again) {
          again = false;
          refreshAll();
        }
      });
  };
  const unsubscribe = [
    o.bus.subscribe("queue.changed", refreshAll),
    o.bus.subscribe("agent.frame", ({ agentId, frame }) => {
      for (const c of connections.get(agentId) ?? []) c.send(frame);
    }),
    o.bus.subscribe("console.note", ({ conversationId, note }) => {
      for (const set of connections.values()) for (const c of set) if (c.watching.has(conversationId)) c.send({ type: "note", conversationId, note });
    }),
  ];

  return {
    async connect(agentId, send) {
      const agent = await o.agents.getAgent(agentId);
      if (!agent || agent.disabled) throw new AppError("CHAT_ERR_UNAUTHORIZED", "Unknown or disabled agent.");
      const conn: Conn = {
        agentId,
        send,
        watching: new Map(),
        watch(conversationId) {
          if (conn.watching.has(conversationId)) return;
          conn.watching.set(conversationId, o.log.subscribe(conversationId, (frame) => send({ type: "event", conversationId, frame })));
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
          o.presence.disconnect(agentId);
          if (set.size === 0) connections.delete(agentId);
          o.bus.publish("queue.changed", { reason: `agent ${agentId} disconnected` });
        },
      };
      let set = connections.get(agentId);
      if (!set) connections.set(agentId, (set = new Set()));
      set.add(conn);
      o.presence.connect(agentId);
      send({
        type: "ready",
        agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role, skills: agent.skills, capacity: agent.capacity },
        supportOpen: o.supportHours.isOpen(o.clock()),
        supportHours: o.supportHours.describe(),
      });
      await sendQueue(agentId);
      o.bus.publish("agent.online", { agentId });
      return conn;
    },
    count: () => [...connections.values()].reduce((n, s) => n + s.size, 0),
    close() {
      for (const u of unsubscribe) u();
      for (const set of connections.values()) for (const c of [...set]) c.close();
    },
  };
}
