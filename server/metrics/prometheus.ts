/**
 * Operational metrics in the Prometheus text format (prom-client, wrapped here once): turns and their latency by
 * action, handoffs by reason, chat errors by code, embedder batch sizes, queue length and wait, open sockets.
 * One registry per app (no global default registry), so tests and several apps in one process do not share counts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** The counters and histograms the app records into, and the registry behind GET /metrics. */
export interface AppMetrics {
  /** A bot turn finished: its action and its latency in milliseconds. */
  turn(action: string, ms: number): void;
  /** A handoff was requested, for this reason. */
  handoff(reason: string): void;
  /** An error was sent to a client, with its code. */
  error(code: string): void;
  /** The embedder ran an inner batch of `size` texts. */
  embedBatch(size: number): void;
  /** Add gauges read at scrape time (queue, sockets): call once, when their sources exist. */
  gauges(sources: GaugeSources): void;
  /** The metrics page: content type and text. */
  scrape(): Promise<{ contentType: string; text: string }>;
}

/** What the scrape-time gauges read. */
export interface GaugeSources {
  /** Waiting handoffs and how long the oldest has waited, in seconds. */
  queue(): Promise<{ length: number; oldestWaitSeconds: number }>;
  sockets(): { chat: number; agent: number };
}

/** Handoff reasons as label values: figures become "n" so "3 consecutive turns…" and "2 …" are one series. */
const reasonLabel = (reason: string) => reason.replace(/\d+/g, "n").slice(0, 60) || "unknown";

/**
 * Create the app's metrics.
 * @example const m = createAppMetrics(); m.turn("answer", 42); (await m.scrape()).text
 */
export function createAppMetrics(options: { prefix?: string; instance?: string } = {}): AppMetrics {
  const p = options.prefix ?? "fjell_";
  const registry = new Registry();
  if (options.instance) registry.setDefaultLabels({ instance_id: options.instance });
  const turns = new Counter({ name: `${p}turns_total`, help: "Bot turns answered, by action.", labelNames: ["action"], registers: [registry] });
  const latency = new Histogram({
    name: `${p}turn_duration_seconds`, help: "Time from a shopper message to the bot's reply being stored, by action.", labelNames: ["action"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  const handoffs = new Counter({ name: `${p}handoffs_total`, help: "Handoffs requested, by reason.", labelNames: ["reason"], registers: [registry] });
  const errors = new Counter({ name: `${p}errors_total`, help: "Errors sent to chat clients, by code (docs/errors.md).", labelNames: ["code"], registers: [registry] });
  const batches = new Histogram({ name: `${p}embedder_batch_size`, help: "Texts per inner embedder batch.", buckets: [1, 2, 4, 8, 16, 32, 64, 128], registers: [registry] });
  return {
    turn: (action, ms) => {
      turns.inc({ action });
      latency.observe({ action }, ms / 1000);
    },
    handoff: (reason) => handoffs.inc({ reason: reasonLabel(reason) }),
    error: (code) => errors.inc({ code }),
    embedBatch: (size) => batches.observe(size),
    gauges(sources) {
      // One queue read per scrape serves both gauges (reused for a second).
      let last: { at: number; value: Promise<{ length: number; oldestWaitSeconds: number }> } | undefined;
      const read = () => {
        if (!last || Date.now() - last.at > 1000) last = { at: Date.now(), value: sources.queue() };
        return last.value;
      };
      new Gauge({ name: `${p}queue_length`, help: "Handoffs waiting for an agent.", registers: [registry], async collect() { this.set((await read()).length); } });
      new Gauge({ name: `${p}queue_oldest_wait_seconds`, help: "How long the longest-waiting handoff has waited.", registers: [registry], async collect() { this.set((await read()).oldestWaitSeconds); } });
      new Gauge({
        name: `${p}sockets_open`, help: "Open WebSocket connections, by kind.", labelNames: ["kind"], registers: [registry],
        collect() {
          const s = sources.sockets();
          this.set({ kind: "chat" }, s.chat);
          this.set({ kind: "agent" }, s.agent);
        },
      });
    },
    async scrape() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}

/** True for a loopback address (127.0.0.0/8, ::1, IPv4-mapped loopback). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith("::ffff:") ? address.slice(7) : address;
  return a === "::1" || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/**
 * The GET /metrics handler: with a token, callers must send `Authorization: Bearer <token>` (401 otherwise); without
 * one, only loopback callers are answered (403 otherwise), so a scraper on the same host or a sidecar works and the
 * page is never public by accident. Behind a proxy on the same host, set METRICS_TOKEN (docs/metrics.md).
 */
export function createMetricsHandler(metrics: AppMetrics, options: { token?: string }) {
  const expected = options.token ? Buffer.from(`Bearer ${options.token}`) : undefined;
  const deny = (res: ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { "content-type": "application/json", ...(status === 401 ? { "www-authenticate": "Bearer" } : {}) });
    res.end(JSON.stringify({ type: "error", code, message }));
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (expected) {
      const got = Buffer.from(req.headers.authorization ?? "");
      if (got.length !== expected.length || !timingSafeEqual(got, expected)) return deny(res, 401, "CHAT_ERR_UNAUTHORIZED", "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.");
    } else if (!isLoopback(req.socket.remoteAddress)) {
      return deny(res, 403, "CHAT_ERR_FORBIDDEN", "/metrics answers loopback callers only; set METRICS_TOKEN to scrape it from elsewhere.");
    }
    const { contentType, text } = await metrics.scrape();
    res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
    res.end(text);
  };
}
