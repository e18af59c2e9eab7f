import type { RedisClient } from "./redis.ts";

/** Whether this instance runs the cluster's singleton work (the handoff dispatcher, timers). */
export interface LeaderLease {
  isLeader(): boolean;
  close(): Promise<void>;
}

/** A single process always leads. */
export function createMemoryLeader(): LeaderLease {
  return { isLeader: () => true, close: async () => undefined };
}

const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * A lease in Redis (`SET key id NX PX ttl`, renewed every ttl/3): one instance leads at a time and
 * another takes over within `ttlMs` when it dies.
 */
export async function createRedisLeader(redis: RedisClient, options: { instanceId: string; ttlMs?: number; key?: string }): Promise<LeaderLease> {
  const key = options.key ?? "fjell:leader";
  const ttl = options.ttlMs ?? 6000;
  let leader = false;
  const attempt = async () => {
    try {
      if (leader) leader = (await redis.eval(RENEW, 1, key, options.instanceId, String(ttl))) === 1;
      if (!leader) leader = (await redis.set(key, options.instanceId, "PX", ttl, "NX")) === "OK";
    } catch {
      leader = false;
    }
  };
  await attempt();
  const timer = setInterval(() => void attempt(), Math.max(200, ttl / 3));
  timer.unref();
  return {
    isLeader: () => leader,
    async close() {
      clearInterval(timer);
      if (leader) await redis.eval(RELEASE, 1, key, options.instanceId).catch(() => undefined);
      leader = false;
    },
  };
}
