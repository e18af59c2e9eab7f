/**
 * What several instances share: the event bus, agent presence, the leader lease, per-key locks and rate
 * limits. In-process when REDIS_URL is not set, on Redis when it is.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { EventBus } from "./events.ts";
import { createRedisLeader, createMemoryLeader, type LeaderLease } from "./leader.ts";
import { createMemoryLock, createRedisLock, type KeyedLock } from "./locks.ts";
import { createMemoryBus } from "./memory-bus.ts";
import { createMemoryPresence, createRedisPresence, type AgentPresence } from "./presence.ts";
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from "./rate-limits.ts";
import { createRedisBus } from "./redis-bus.ts";
import { connectRedis, type RedisClient } from "./redis.ts";

export * from "./events.ts";
export type { AgentPresence } from "./presence.ts";
export type { LeaderLease } from "./leader.ts";
export type { KeyedLock } from "./locks.ts";
export type { RateLimiter, RateLimitOptions } from "./rate-limits.ts";
export { createMemoryBus } from "./memory-bus.ts";
export { createMemoryLock } from "./locks.ts";
export { connectRedis, type RedisClient } from "./redis.ts";
export { createRuntimeStats, type RuntimeStats, type RuntimeSnapshot } from "./runtime-stats.ts";

/** The shared pieces of one instance. */
export interface Cluster {
  /** This instance's id (in logs, presence and the leader lease). */
  readonly instanceId: string;
  /** "memory" for one process, "redis" across instances. */
  readonly mode: "memory" | "redis";
  readonly bus: EventBus;
  readonly presence: AgentPresence;
  readonly leader: LeaderLease;
  readonly locks: KeyedLock;
  /** A rate limiter in the cluster's store. */
  rateLimiter(options: RateLimitOptions): RateLimiter;
  close(): Promise<void>;
}

/**
 * Build the cluster pieces: in-process without `redisUrl`, on Redis with it.
 * @example const cluster = await createCluster({ logger, redisUrl: config.redisUrl });
 */
export async function createCluster(options: { logger: Logger; redisUrl?: string; instanceId?: string; keyPrefix?: string }): Promise<Cluster> {
  const instanceId = options.instanceId ?? randomUUID().slice(0, 8);
  if (!options.redisUrl) {
    return {
      instanceId,
      mode: "memory",
      bus: createMemoryBus(options.logger),
      presence: createMemoryPresence(),
      leader: createMemoryLeader(),
      locks: createMemoryLock(),
      rateLimiter: (o) => createRateLimiter(o),
      close: async () => undefined,
    };
  }
  const p = options.keyPrefix ?? "fjell:";
  const redis: RedisClient = await connectRedis(options.redisUrl, { name: instanceId });
  const bus = await createRedisBus(options.redisUrl, { instanceId, logger: options.logger, channel: `${p}events` });
  const presence = createRedisPresence(redis, { instanceId, key: `${p}presence` });
  const leader = await createRedisLeader(redis, { instanceId, key: `${p}leader` });
  return {
    instanceId,
    mode: "redis",
    bus,
    presence,
    leader,
    locks: createRedisLock(redis, { prefix: `${p}lock:` }),
    rateLimiter: (o) => createRateLimiter({ ...o, keyPrefix: `${p}rl:${o.keyPrefix}` }, redis),
    async close() {
      await presence.close();
      await leader.close();
      await bus.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
