import { monitorEventLoopDelay } from "node:perf_hooks";

/** What one instance reports about its own process: event-loop delay, memory and open sockets. */
export interface RuntimeSnapshot {
  instance: string;
  uptimeS: number;
  /** Event-loop delay since the last reset (perf_hooks monitorEventLoopDelay), ms. */
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number; samples: number };
  memory: { rssBytes: number; heapUsedBytes: number; externalBytes: number; arrayBuffersBytes: number };
  /** Open sockets by endpoint (chat, agent). */
  sockets: Record<string, number>;
}

/** Samples the event loop of this process. */
export interface RuntimeStats {
  /** The figures now; `gc` runs a full collection first when the process was started with --expose-gc. */
  snapshot(options?: { gc?: boolean }): RuntimeSnapshot;
  /** Start a new event-loop delay window (a benchmark phase). */
  reset(): void;
  close(): void;
}

const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;

/**
 * Start sampling the event-loop delay (10 ms resolution by default).
 * @example const stats = createRuntimeStats({ instance: "a1", sockets: () => ({ chat: chat.connections }) });
 */
export function createRuntimeStats(options: { instance: string; sockets: () => Record<string, number>; resolutionMs?: number }): RuntimeStats {
  const h = monitorEventLoopDelay({ resolution: options.resolutionMs ?? 10 });
  h.enable();
  const started = Date.now();
  return {
    snapshot({ gc = false } = {}) {
      const collect = (globalThis as { gc?: () => void }).gc;
      if (gc && collect) collect();
      const m = process.memoryUsage();
      const samples = h.count;
      return {
        instance: options.instance,
        uptimeS: Math.round((Date.now() - started) / 1000),
        eventLoopDelayMs: samples
          ? { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean), samples }
          : { p50: 0, p99: 0, max: 0, mean: 0, samples: 0 },
        memory: { rssBytes: m.rss, heapUsedBytes: m.heapUsed, externalBytes: m.external, arrayBuffersBytes: m.arrayBuffers },
        sockets: options.sockets(),
      };
    },
    reset: () => h.reset(),
    close: () => h.disable(),
  };
}
