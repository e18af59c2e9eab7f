import type { RedisClient } from "./redis.ts";

/** Which agents have a console open, on any instance. */
export interface AgentPresence {
  /** An agent's console connected to this instance. */
  connect(agentId: string): void;
  /** One of an agent's consoles on this instance disconnected. */
  disconnect(agentId: string): void;
  /** Agents with at least one console open anywhere. */
  online(): Promise<Set<string>>;
  close(): Promise<void>;
}

function localCounts() {
  const counts = new Map<string, number>();
  return {
    counts,
    add(agentId: string, d: number): number {
      const n = Math.max(0, (counts.get(agentId) ?? 0) + d);
      if (n === 0) counts.delete(agentId);
      else counts.set(agentId, n);
      return n;
    },
  };
}

/** Presence within one process. */
export function createMemoryPresence(): AgentPresence {
  const local = localCounts();
  return {
    connect: (id) => void local.add(id, 1),
    disconnect: (id) => void local.add(id, -1),
    online: async () => new Set(local.counts.keys()),
    close: async () => undefined,
  };
}

/**
 * Presence shared through a Redis hash: each instance writes `<instance>|<agent>` with an expiry time and
 * refreshes it, so an instance that dies stops counting within `ttlMs`.
 */
export function createRedisPresence(redis: RedisClient, options: { instanceId: string; ttlMs?: number; key?: string }): AgentPresence {
  const key = options.key ?? "fjell:presence";
  const ttl = options.ttlMs ?? 15_000;
  const local = localCounts();
  const field = (agentId: string) => `${options.instanceId}|${agentId}`;
  const write = (agentId: string) => redis.hset(key, field(agentId), String(Date.now() + ttl)).catch(() => undefined);
  const refresh = setInterval(() => {
    for (const agentId of local.counts.keys()) void write(agentId);
  }, Math.max(1000, ttl / 3));
  refresh.unref();
  return {
    connect(agentId) {
      local.add(agentId, 1);
      void write(agentId);
    },
    disconnect(agentId) {
      if (local.add(agentId, -1) === 0) void redis.hdel(key, field(agentId)).catch(() => undefined);
    },
    async online() {
      const all = await redis.hgetall(key);
      const now = Date.now();
      const out = new Set<string>();
      for (const [f, until] of Object.entries(all)) {
        const agentId = f.slice(f.indexOf("|") + 1);
        if (Number(until) > now) out.add(agentId);
        else void redis.hdel(key, f).catch(() => undefined);
      }
      return out;
    },
    async close() {
      clearInterval(refresh);
      const fields = [...local.counts.keys()].map(field);
      if (fields.length) await redis.hdel(key, ...fields).catch(() => undefined);
    },
  };
}
