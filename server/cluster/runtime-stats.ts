import fs from "node:fs";
import { createHistogram, monitorEventLoopDelay } from "node:perf_hooks";

/** What one instance reports about its own process: event-loop delay, memory and open sockets. */
export interface RuntimeSnapshot {
  instance: string;
  uptimeS: number;
  /** Event-loop delay since the last reset (perf_hooks monitorEventLoopDelay), ms; each sample includes the 10 ms sampling interval, so an idle loop shows about 10. */
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number; samples: number };
  /** Shopper message in to its reply stored and sent (the chat socket's view, lock waits included), since the last reset, ms. */
  turnMs: { p50: number; p95: number; p99: number; max: number; count: number };
  /** CPU time used since the process started, ms: all threads, and the main (event-loop) thread alone where Linux tells it. */
  cpuMs: { process: number; mainThread: number | null };
  memory: { rssBytes: number; heapUsedBytes: number; externalBytes: number; arrayBuffersBytes: number };
  /** Open sockets by endpoint (chat, agent). */
  sockets: Record<string, number>;
}

/** Samples the event loop of this process. */
export interface RuntimeStats {
  /** The figures now; `gc` runs a full collection first when the process was started with --expose-gc. */
  snapshot(options?: { gc?: boolean }): RuntimeSnapshot;
  /** Record one shopper turn's server-side time. */
  recordTurn(ms: number): void;
  /** Start a new window for the event-loop delay and turn times (a benchmark phase). */
  reset(): void;
  close(): void;
}

const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;

/** The main thread's CPU time from /proc (utime + stime in clock ticks of 10 ms), or null off Linux. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * Start sampling the event-loop delay (10 ms resolution by default).
 * @example const stats = createRuntimeStats({ instance: "a1", sockets: () => ({ chat: chat.connections }) });
 */
export function createRuntimeStats(options: { instance: string; sockets: () => Record<string, number>; resolutionMs?: number }): RuntimeStats {
  const h = monitorEventLoopDelay({ resolution: options.resolutionMs ?? 10 });
  h.enable();
  // Turn times in microseconds (histograms hold integers).
  const turns = createHistogram();
  const started = Date.now();
  return {
    snapshot({ gc = false } = {}) {
      const collect = (globalThis as { gc?: () => void }).gc;
      if (gc && collect) collect();
      const m = process.memoryUsage();
      const cpu = process.cpuUsage();
      const samples = h.count;
      return {
        instance: options.instance,
        uptimeS: Math.round((Date.now() - started) / 1000),
        eventLoopDelayMs: samples
          ? { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean), samples }
          : { p50: 0, p99: 0, max: 0, mean: 0, samples: 0 },
        turnMs: turns.count
          ? { p50: ms(turns.percentile(50) * 1000), p95: ms(turns.percentile(95) * 1000), p99: ms(turns.percentile(99) * 1000), max: ms(turns.max * 1000), count: turns.count }
          : { p50: 0, p95: 0, p99: 0, max: 0, count: 0 },
        cpuMs: { process: Math.round((cpu.user + cpu.system) / 1000), mainThread: mainThreadCpuMs() },
        memory: { rssBytes: m.rss, heapUsedBytes: m.heapUsed, externalBytes: m.external, arrayBuffersBytes: m.arrayBuffers },
        sockets: options.sockets(),
      };
    },
    recordTurn: (t) => turns.record(Math.max(1, Math.round(t * 1000))),
    reset() {
      h.reset();
      turns.reset();
    },
    close: () => h.disable(),
  };
}
