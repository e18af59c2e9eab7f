import { randomBytes } from "node:crypto";
import type { RedisClient } from "./redis.ts";

/** Runs work one at a time per key (one conversation's messages in order), across instances on Redis. */
export interface KeyedLock {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** Per-key promise chains within one process. */
export function createMemoryLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, fn) {
      const prev = tails.get(key) ?? Promise.resolve();
      const next = prev.catch(() => undefined).then(fn);
      const tail = next.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return next;
    },
  };
}

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/**
 * A Redis lock per key (`SET NX PX`, renewed while the work runs, released only by its holder), queued
 * locally first so one instance does not poll Redis for its own work. A holder that dies frees the key
 * within `ttlMs`.
 */
export function createRedisLock(redis: RedisClient, options: { ttlMs?: number; waitMs?: number; prefix?: string } = {}): KeyedLock {
  const ttl = options.ttlMs ?? 5000;
  const maxWait = options.waitMs ?? 30_000;
  const prefix = options.prefix ?? "fjell:lock:";
  const local = createMemoryLock();
  return {
    run(key, fn) {
      return local.run(key, async () => {
        const k = prefix + key;
        const token = randomBytes(12).toString("hex");
        const started = Date.now();
        for (let delay = 10; (await redis.set(k, token, "PX", ttl, "NX")) !== "OK"; delay = Math.min(200, delay * 2)) {
          if (Date.now() - started > maxWait) throw new Error(`timed out waiting for lock ${key}`);
          await new Promise((r) => setTimeout(r, delay));
        }
        const renew = setInterval(() => void redis.eval(RENEW, 1, k, token, String(ttl)).catch(() => undefined), ttl / 3);
        try {
          return await fn();
        } finally {
          clearInterval(renew);
          await redis.eval(RELEASE, 1, k, token).catch(() => undefined);
        }
      });
    },
  };
}
