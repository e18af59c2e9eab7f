import { Redis } from "ioredis";

/** A Redis connection (ioredis), the one place the client is configured. */
export type RedisClient = Redis;

/**
 * Connect to Redis; rejects when it cannot connect within `timeoutMs`.
 * @example const redis = await connectRedis("redis://127.0.0.1:6379");
 */
export async function connectRedis(url: string, options: { timeoutMs?: number; name?: string } = {}): Promise<RedisClient> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, connectTimeout: options.timeoutMs ?? 5000, connectionName: options.name });
  // Errors after connecting are retried by ioredis; without a listener they would crash the process.
  client.on("error", () => undefined);
  await client.connect();
  return client;
}
