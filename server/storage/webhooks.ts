import type { SqlExecutor, SqlParam } from "./driver.ts";

/** Where outbound webhooks go and which events they get. */
export interface WebhookEndpointRecord {
  id: string;
  url: string;
  /** Event types, or `["*"]` for all. */
  events: string[];
  description: string;
  createdAt: string;
  disabledAt: string | null;
}

/** The state of one delivery of one event to one endpoint. */
export type DeliveryStatus = "pending" | "delivered" | "failed";

/** One event to one endpoint: a row of the persisted queue and of the delivery log. */
export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** One attempt of a delivery. */
export interface WebhookAttemptRecord {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  instance: string;
}

type EndpointRow = { id: string; url: string; secret: string; events: string; description: string; created_at: string; disabled_at: string | null };
type DeliveryRow = {
  id: string; endpoint_id: string; event_id: string; event_type: string; payload: string; status: DeliveryStatus; attempts: number; next_attempt_at: string;
  last_status_code: number | null; last_error: string | null; created_at: string; delivered_at: string | null;
};

const toEndpoint = (r: EndpointRow): WebhookEndpointRecord => ({
  id: r.id, url: r.url, events: JSON.parse(r.events) as string[], description: r.description, createdAt: r.created_at, disabledAt: r.disabled_at,
});
const toDelivery = (r: DeliveryRow): WebhookDeliveryRecord => ({
  id: r.id, endpointId: r.endpoint_id, eventId: r.event_id, eventType: r.event_type, payload: r.payload, status: r.status, attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at, lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code), lastError: r.last_error,
  createdAt: r.created_at, deliveredAt: r.delivered_at,
});

/** Persistence of webhook endpoints, the delivery queue and its attempts. */
export interface WebhookStore {
  insertEndpoint(e: Omit<WebhookEndpointRecord, "disabledAt"> & { secret: string }): Promise<WebhookEndpointRecord>;
  listEndpoints(): Promise<WebhookEndpointRecord[]>;
  /** Enabled endpoints with their secrets. */
  activeEndpoints(): Promise<(WebhookEndpointRecord & { secret: string })[]>;
  getEndpointSecret(id: string): Promise<{ url: string; secret: string; disabled: boolean } | undefined>;
  disableEndpoint(id: string, atIso: string): Promise<boolean>;
  /** Queue deliveries (one per endpoint) in one transaction. */
  enqueue(deliveries: { id: string; endpointId: string; eventId: string; eventType: string; payload: string; createdAt: string }[]): Promise<void>;
  /** Up to `limit` deliveries due at `nowIso` and not claimed by a live claim. */
  due(nowIso: string, limit: number): Promise<WebhookDeliveryRecord[]>;
  /**
   * Claim a delivery for `instance` until `untilIso`: a conditional UPDATE that succeeds for exactly one caller
   * (the row must still be pending and due, and unclaimed or with an expired claim).
   */
  claim(id: string, instance: string, nowIso: string, untilIso: string): Promise<boolean>;
  /** Record an attempt and its outcome: delivered, retry at `nextAttemptAt`, or failed for good. Only the claimant may. */
  finish(
    id: string,
    instance: string,
    outcome: { status: DeliveryStatus; nextAttemptAt?: string; statusCode: number | null; error: string | null; at: string; durationMs: number },
  ): Promise<boolean>;
  getDelivery(id: string): Promise<WebhookDeliveryRecord | undefined>;
  listDeliveries(filter: { endpointId?: string; status?: DeliveryStatus; eventType?: string; limit: number; before?: string }): Promise<WebhookDeliveryRecord[]>;
  listAttempts(deliveryId: string): Promise<WebhookAttemptRecord[]>;
  /** Put a failed (or pending) delivery back in the queue now. */
  requeue(id: string, nowIso: string): Promise<boolean>;
}

/** Create the webhook store over a SQL driver (SQLite or PostgreSQL). */
export function createWebhookStore(db: SqlExecutor): WebhookStore {
  return {
    async insertEndpoint(e) {
      await db.run("INSERT INTO webhook_endpoints (id, url, secret, events, description, created_at) VALUES (?, ?, ?, ?, ?, ?)", [
        e.id, e.url, e.secret, JSON.stringify(e.events), e.description, e.createdAt,
      ]);
      return { id: e.id, url: e.url, events: e.events, description: e.description, createdAt: e.createdAt, disabledAt: null };
    },
    async listEndpoints() {
      return (await db.all<EndpointRow>("SELECT * FROM webhook_endpoints ORDER BY created_at, id")).map(toEndpoint);
    },
    async activeEndpoints() {
      return (await db.all<EndpointRow>("SELECT * FROM webhook_endpoints WHERE disabled_at IS NULL ORDER BY id")).map((r) => ({ ...toEndpoint(r), secret: r.secret }));
    },
    async getEndpointSecret(id) {
      const r = await db.get<EndpointRow>("SELECT * FROM webhook_endpoints WHERE id = ?", [id]);
      return r && { url: r.url, secret: r.secret, disabled: r.disabled_at !== null };
    },
    async disableEndpoint(id, atIso) {
      return (await db.run("UPDATE webhook_endpoints SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL", [atIso, id])).changes === 1;
    },
    async enqueue(deliveries) {
      if (!deliveries.length) return;
      await db.transaction(async (tx) => {
        for (const d of deliveries) {
          await tx.run(
            "INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
            [d.id, d.endpointId, d.eventId, d.eventType, d.payload, d.createdAt, d.createdAt],
          );
        }
      });
    },
    async due(nowIso, limit) {
      const rows = await db.all<DeliveryRow>(
        "SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND (claim_expires_at IS NULL OR claim_expires_at < ?) ORDER BY next_attempt_at, id LIMIT ?",
        [nowIso, nowIso, limit],
      );
      return rows.map(toDelivery);
    },
    async claim(id, instance, nowIso, untilIso) {
      const r = await db.run(
        "UPDATE webhook_deliveries SET claimed_by = ?, claim_expires_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at <= ? AND (claim_expires_at IS NULL OR claim_expires_at < ?)",
        [instance, untilIso, id, nowIso, nowIso],
      );
      return r.changes === 1;
    },
    async finish(id, instance, o) {
      return db.transaction(async (tx) => {
        const sets = ["status = ?", "attempts = attempts + 1", "last_status_code = ?", "last_error = ?", "claimed_by = NULL", "claim_expires_at = NULL"];
        const args: SqlParam[] = [o.status, o.statusCode, o.error];
        if (o.nextAttemptAt) (sets.push("next_attempt_at = ?"), args.push(o.nextAttemptAt));
        if (o.status === "delivered") (sets.push("delivered_at = ?"), args.push(o.at));
        const r = await tx.run(`UPDATE webhook_deliveries SET ${sets.join(", ")} WHERE id = ? AND claimed_by = ? AND status = 'pending'`, [...args, id, instance]);
        if (r.changes !== 1) return false;
        const n = await tx.get<{ attempts: number }>("SELECT attempts FROM webhook_deliveries WHERE id = ?", [id]);
        await tx.run("INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms, instance) VALUES (?, ?, ?, ?, ?, ?, ?)", [
          id, Number(n!.attempts), o.at, o.statusCode, o.error, Math.round(o.durationMs), instance,
        ]);
        return true;
      });
    },
    async getDelivery(id) {
      const r = await db.get<DeliveryRow>("SELECT * FROM webhook_deliveries WHERE id = ?", [id]);
      return r && toDelivery(r);
    },
    async listDeliveries(f) {
      const where: string[] = [];
      const args: SqlParam[] = [];
      if (f.endpointId) (where.push("endpoint_id = ?"), args.push(f.endpointId));
      if (f.status) (where.push("status = ?"), args.push(f.status));
      if (f.eventType) (where.push("event_type = ?"), args.push(f.eventType));
      if (f.before) (where.push("created_at < ?"), args.push(f.before));
      const rows = await db.all<DeliveryRow>(`SELECT * FROM webhook_deliveries ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at DESC, id LIMIT ?`, [...args, f.limit]);
      return rows.map(toDelivery);
    },
    async listAttempts(deliveryId) {
      const rows = await db.all<{ attempt: number; at: string; status_code: number | null; error: string | null; duration_ms: number; instance: string }>(
        "SELECT attempt, at, status_code, error, duration_ms, instance FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt",
        [deliveryId],
      );
      return rows.map((r) => ({ attempt: Number(r.attempt), at: r.at, statusCode: r.status_code === null ? null : Number(r.status_code), error: r.error, durationMs: Number(r.duration_ms), instance: r.instance }));
    },
    async requeue(id, nowIso) {
      const r = await db.run("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, claimed_by = NULL, claim_expires_at = NULL WHERE id = ? AND status <> 'delivered'", [nowIso, id]);
      return r.changes === 1;
    },
  };
}
