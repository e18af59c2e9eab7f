import type { Logger } from "pino";
import { CLUSTER_EVENTS, type EventBus } from "./events.ts";
import { createLocalDispatch } from "./memory-bus.ts";
import { connectRedis, type RedisClient } from "./redis.ts";

/**
 * The bus across instances: every event is delivered locally at once; cluster events are also published
 * on a Redis channel and delivered by the other instances (an instance ignores its own messages).
 * Redis pub/sub keeps one publisher's messages in order, so a conversation's frames arrive in order.
 */
export async function createRedisBus(url: string, options: { instanceId: string; logger: Logger; channel?: string }): Promise<EventBus> {
  const channel = options.channel ?? "fjell:events";
  const local = createLocalDispatch(options.logger);
  const pub: RedisClient = await connectRedis(url, { name: `${options.instanceId}-pub` });
  const sub: RedisClient = await connectRedis(url, { name: `${options.instanceId}-sub` });
  sub.on("message", (_channel: string, raw: string) => {
    let msg: { origin: string; type: string; payload: unknown };
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (msg.origin === options.instanceId || !CLUSTER_EVENTS.has(msg.type as never)) return;
    local.deliver(msg.type as never, msg.payload as never);
  });
  await sub.subscribe(channel);
  return {
    publish(type, payload) {
      local.deliver(type, payload);
      if (CLUSTER_EVENTS.has(type)) {
        pub.publish(channel, JSON.stringify({ origin: options.instanceId, type, payload })).catch((err) => options.logger.error({ err, event: type }, "bus publish failed"));
      }
    },
    subscribe: (type, handler) => local.subscribe(type, handler),
    async close() {
      await sub.quit().catch(() => sub.disconnect());
      await pub.quit().catch(() => pub.disconnect());
    },
  };
}
