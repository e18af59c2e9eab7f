import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { AppError } from "../errors.ts";
import type { WebhookDeliveryRecord, WebhookEndpointRecord, WebhookStore } from "../storage/index.ts";
import { retryDelayMs } from "./backoff.ts";
import { SIGNATURE_HEADER, signWebhookPayload } from "./signing.ts";

/** The outbound webhook event types. */
export const WEBHOOK_EVENTS = ["coupon.issued", "coupon.redeemed", "handoff.requested", "conversation.closed", "conversation.rated", "campaign.message.delivered"] as const;

/** One outbound webhook event type. */
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** The JSON body of every delivery. */
export interface WebhookEnvelope {
  /** The event id (the same for every endpoint; receivers de-duplicate on it). */
  id: string;
  type: WebhookEventType;
  createdAt: string;
  data: Record<string, unknown>;
}

/** Delivery settings (server/config.ts `webhooks`). */
export interface WebhookDeliveryOptions {
  /** How often the queue is polled for due deliveries, ms. */
  pollMs: number;
  /** Attempts before a delivery is marked failed. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Time allowed for the receiver to answer, ms. */
  timeoutMs: number;
}

/** Options of {@link createWebhooks}. */
export interface WebhooksOptions {
  store: WebhookStore;
  /** This instance's id (recorded on claims and attempts). */
  instanceId: string;
  logger: Logger;
  delivery: WebhookDeliveryOptions;
  clock?: () => Date;
  random?: () => number;
  fetch?: typeof fetch;
}

/** Outbound webhooks: endpoints, the persisted delivery queue with signed, retried deliveries, and the delivery log. */
export interface Webhooks {
  /** Register an endpoint; the returned `secret` (whsec_…) is shown this once and signs every delivery. */
  createEndpoint(input: { url: string; events: readonly string[]; description?: string }): Promise<{ endpoint: WebhookEndpointRecord; secret: string }>;
  listEndpoints(): Promise<WebhookEndpointRecord[]>;
  disableEndpoint(id: string): Promise<void>;
  /** Queue an event for every enabled endpoint that subscribes to it; returns the event id (null when no endpoint wants it). */
  emit(type: WebhookEventType, data: Record<string, unknown>): Promise<string | null>;
  /** Deliver what is due now (the poller calls this; tests may too). Returns the number of attempts made. */
  deliverDue(): Promise<number>;
  listDeliveries(filter: { endpointId?: string; status?: WebhookDeliveryRecord["status"]; eventType?: string; limit?: number; before?: string }): Promise<WebhookDeliveryRecord[]>;
  /** A delivery with its attempts. */
  getDelivery(id: string): Promise<(WebhookDeliveryRecord & { attempts: number; log: Awaited<ReturnType<WebhookStore["listAttempts"]>> }) | undefined>;
  /** Send a delivery again now (after a receiver is fixed). */
  retry(id: string): Promise<void>;
  /** Start polling the queue. */
  start(): void;
  /** Stop polling and wait for attempts in flight. */
  stop(): Promise<void>;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

/** Check an endpoint URL: http(s), no credentials in it. */
function checkUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError("CHAT_ERR_VALIDATION", "url: must be an absolute http(s) URL.");
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new AppError("CHAT_ERR_VALIDATION", "url: must use https (or http).");
  if (u.username || u.password) throw new AppError("CHAT_ERR_VALIDATION", "url: must not carry credentials; deliveries are signed instead.");
  return u.toString();
}

/**
 * Create the outbound webhooks service. Events are written to the `webhook_deliveries` queue (one row per
 * endpoint), so a restart loses nothing; every instance polls it and claims a due delivery with a conditional
 * UPDATE, so exactly one instance sends each attempt. A 2xx answer delivers; anything else (or no answer within
 * the timeout) is retried with exponential backoff and jitter until `maxAttempts`, then marked failed. Each
 * request carries `X-FF-Signature: t=…,v1=…` (signing.ts), `X-FF-Event` and `X-FF-Delivery`.
 * @example const webhooks = createWebhooks({ store: storage.webhooks, instanceId, logger, delivery }); webhooks.start();
 */
export function createWebhooks(options: WebhooksOptions): Webhooks {
  const { store, logger, delivery } = options;
  const now = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const send = options.fetch ?? fetch;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  const attempt = async (d: WebhookDeliveryRecord): Promise<void> => {
    const claimStart = now();
    const claimUntil = new Date(claimStart.getTime() + delivery.timeoutMs + 30_000).toISOString();
    if (!(await store.claim(d.id, options.instanceId, claimStart.toISOString(), claimUntil))) return;
    const endpoint = await store.getEndpointSecret(d.endpointId);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    if (!endpoint || endpoint.disabled) error = "endpoint disabled";
    else {
      try {
        const res = await send(endpoint.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "FjellField-Webhooks/1",
            "x-ff-event": d.eventType,
            "x-ff-delivery": d.id,
            [SIGNATURE_HEADER]: signWebhookPayload(endpoint.secret, Math.floor(now().getTime() / 1000), d.payload),
          },
          body: d.payload,
          redirect: "manual",
          signal: AbortSignal.timeout(delivery.timeoutMs),
        });
        statusCode = res.status;
        await res.body?.cancel().catch(() => undefined);
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      } catch (err) {
        error = (err as Error).name === "TimeoutError" ? `no answer within ${delivery.timeoutMs} ms` : ((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message);
      }
    }
    const at = now();
    const attempts = d.attempts + 1;
    const ok = error === null;
    const giveUp = !ok && (attempts >= delivery.maxAttempts || !endpoint || endpoint.disabled);
    const nextAttemptAt = ok || giveUp ? undefined : new Date(at.getTime() + retryDelayMs(attempts, { baseMs: delivery.backoffBaseMs, maxMs: delivery.backoffMaxMs }, random)).toISOString();
    await store.finish(d.id, options.instanceId, { status: ok ? "delivered" : giveUp ? "failed" : "pending", nextAttemptAt, statusCode, error, at: at.toISOString(), durationMs: performance.now() - started });
    if (giveUp) logger.warn({ delivery: d.id, event: d.eventType, attempts, error }, "webhook delivery failed for good");
    else if (!ok) logger.info({ delivery: d.id, event: d.eventType, attempts, error, nextAttemptAt }, "webhook delivery failed; will retry");
  };

  const deliverDue = async (): Promise<number> => {
    const due = await store.due(now().toISOString(), 20);
    await Promise.allSettled(due.map((d) => attempt(d).catch((err) => logger.error({ err, delivery: d.id }, "webhook delivery attempt crashed"))));
    return due.length;
  };

  const poll = () => {
    if (stopped || running) return;
    clearTimeout(timer);
    running = deliverDue()
      .catch((err) => {
        logger.error({ err }, "webhook queue poll failed");
        return 0;
      })
      .finally(() => {
        running = undefined;
        clearTimeout(timer);
        if (!stopped) timer = setTimeout(poll, delivery.pollMs);
      });
  };

  return {
    async createEndpoint(input) {
      const url = checkUrl(input.url);
      const unknown = input.events.filter((e) => e !== "*" && !(WEBHOOK_EVENTS as readonly string[]).includes(e));
      if (unknown.length || !input.events.length) throw new AppError("CHAT_ERR_VALIDATION", `events: give "*" or some of ${WEBHOOK_EVENTS.join(", ")}${unknown.length ? ` (unknown: ${unknown.join(", ")})` : ""}.`);
      const secret = `whsec_${randomBytes(24).toString("hex")}`;
      const endpoint = await store.insertEndpoint({ id: newId("whe"), url, secret, events: [...new Set(input.events)], description: input.description ?? "", createdAt: now().toISOString() });
      return { endpoint, secret };
    },
    listEndpoints: () => store.listEndpoints(),
    async disableEndpoint(id) {
      if (!(await store.disableEndpoint(id, now().toISOString()))) throw new AppError("CHAT_ERR_NOT_FOUND", `No enabled webhook endpoint ${id}.`);
    },
    async emit(type, data) {
      const endpoints = (await store.activeEndpoints()).filter((e) => e.events.includes("*") || e.events.includes(type));
      if (!endpoints.length) return null;
      const at = now().toISOString();
      const envelope: WebhookEnvelope = { id: newId("evt"), type, createdAt: at, data };
      const payload = JSON.stringify(envelope);
      await store.enqueue(endpoints.map((e) => ({ id: newId("whd"), endpointId: e.id, eventId: envelope.id, eventType: type, payload, createdAt: at })));
      // Deliver soon rather than at the next poll.
      if (!stopped) setImmediate(poll);
      return envelope.id;
    },
    deliverDue,
    listDeliveries: (f) => store.listDeliveries({ ...f, limit: Math.min(500, Math.max(1, f.limit ?? 100)) }),
    async getDelivery(id) {
      const d = await store.getDelivery(id);
      return d && { ...d, log: await store.listAttempts(id) };
    },
    async retry(id) {
      if (!(await store.requeue(id, now().toISOString()))) throw new AppError("CHAT_ERR_NOT_FOUND", `No undelivered webhook delivery ${id}.`);
      if (!stopped) setImmediate(poll);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      poll();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
