import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RedisClient } from "./redis.ts";

/** A counter of actions per key in a rolling window. */
export interface RateLimiter {
  /** Count `points` for `key`; `ok: false` with the wait when over the limit. */
  consume(key: string, points?: number): Promise<{ ok: true; remaining: number } | { ok: false; retryMs: number }>;
  delete(key: string): Promise<void>;
}

/** What a limiter allows. */
export interface RateLimitOptions {
  /** Actions allowed per window. */
  points: number;
  /** Window length, seconds. */
  durationS: number;
  /** Separates limiters sharing one store. */
  keyPrefix: string;
}

/**
 * Create a limiter (rate-limiter-flexible): in memory, or shared by every instance through Redis.
 * @example const perIp = createRateLimiter({ points: 30, durationS: 60, keyPrefix: "login-ip" }, redis);
 */
export function createRateLimiter(options: RateLimitOptions, redis?: RedisClient): RateLimiter {
  const base = { points: options.points, duration: Math.max(1, Math.round(options.durationS)), keyPrefix: options.keyPrefix };
  const limiter: RateLimiterAbstract = redis ? new RateLimiterRedis({ ...base, storeClient: redis }) : new RateLimiterMemory(base);
  return {
    async consume(key, points = 1) {
      try {
        const r = await limiter.consume(key, points);
        return { ok: true, remaining: r.remainingPoints };
      } catch (res) {
        if (res instanceof Error) throw res;
        return { ok: false, retryMs: (res as { msBeforeNext: number }).msBeforeNext };
      }
    },
    async delete(key) {
      await limiter.delete(key);
    },
  };
}
