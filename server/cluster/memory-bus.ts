import type { Logger } from "pino";
import type { BusEvents, BusEventType, BusHandler, EventBus } from "./events.ts";

/** The local half of every bus: handlers by type, called in subscription order, errors logged. */
export interface LocalDispatch {
  deliver<K extends BusEventType>(type: K, payload: BusEvents[K]): void;
  subscribe<K extends BusEventType>(type: K, handler: BusHandler<K>): () => void;
}

/** Create the local dispatch shared by the in-process and Redis buses. */
export function createLocalDispatch(logger: Logger): LocalDispatch {
  const handlers = new Map<BusEventType, Set<BusHandler<never>>>();
  const failed = (type: string, err: unknown) => logger.error({ err, event: type }, "event handler failed");
  return {
    deliver(type, payload) {
      // Synchronous, in order: frames published one after another reach sockets in that order.
      for (const h of handlers.get(type) ?? []) {
        try {
          const r = (h as BusHandler<typeof type>)(payload);
          if (r && typeof (r as Promise<void>).catch === "function") (r as Promise<void>).catch((err) => failed(type, err));
        } catch (err) {
          failed(type, err);
        }
      }
    },
    subscribe(type, handler) {
      let set = handlers.get(type);
      if (!set) handlers.set(type, (set = new Set()));
      set.add(handler as BusHandler<never>);
      return () => void set!.delete(handler as BusHandler<never>);
    },
  };
}

/**
 * The in-process bus (one instance).
 * @example const bus = createMemoryBus(logger); bus.subscribe("queue.changed", () => refresh());
 */
export function createMemoryBus(logger: Logger): EventBus {
  const local = createLocalDispatch(logger);
  return {
    publish: (type, payload) => local.deliver(type, payload),
    subscribe: (type, handler) => local.subscribe(type, handler),
    close: async () => undefined,
  };
}
