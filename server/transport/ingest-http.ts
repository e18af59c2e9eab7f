import express, { type Request } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import { AppError, isAppError } from "../errors.ts";
import {
  BatchInput, CustomerInput, EventsInput, fieldError, mapShopifyCustomer, mapShopifyOrder, OrderInput, ProductInput, SHOPIFY_TOPICS, StatusChangeInput, verifyShopifyHmac,
  type FieldIssue, type IngestService, type IngestSummary, type Integrations,
} from "../ingest/index.ts";
import { WEBHOOK_EVENTS, type Webhooks } from "../webhooks/index.ts";
import { adminScopeFor, parseBody as validate, requireScope } from "./apikeys-http.ts";

/** A single-resource call reports its fields without the batch prefix (`items.0.productId`, not `orders.0.items.0.productId`). */
async function single(prefix: string, run: () => Promise<IngestSummary>): Promise<IngestSummary> {
  try {
    return await run();
  } catch (err) {
    const fields = isAppError(err, "CHAT_ERR_VALIDATION") ? (err.cause as { fields?: FieldIssue[] } | undefined)?.fields : undefined;
    if (!fields) throw err;
    throw fieldError(fields.map((f) => ({ path: f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path, message: f.message })));
  }
}

/** The id in the URL is the record's id: a body may leave it out, but must not contradict it. */
function withId(req: Request): Record<string, unknown> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (typeof body !== "object" || Array.isArray(body)) throw fieldError([{ path: "body", message: "must be a JSON object" }]);
  if (body.id !== undefined && body.id !== req.params.id) throw fieldError([{ path: "id", message: `does not match the id in the URL (${String(req.params.id)})` }]);
  return { ...body, id: req.params.id };
}

/**
 * The ingest API, mounted under /api/ingest after authentication; every route needs the `ingest:write` scope.
 * PUT upserts one record by the shop's id; POST /batch applies many, all or nothing (docs/ingest.md).
 */
export function createIngestRoutes(ingest: IngestService): express.Router {
  const r = express.Router();
  r.use(requireScope("ingest:write"));
  r.put("/customers/:id", async (req, res) => {
    const c = validate(CustomerInput, withId(req));
    res.json(await single("customers.0.", () => ingest.upsertCustomer(c)));
  });
  r.put("/products/:id", async (req, res) => {
    const p = validate(ProductInput, withId(req));
    res.json(await single("products.0.", () => ingest.upsertProduct(p)));
  });
  r.put("/orders/:id", async (req, res) => {
    const o = validate(OrderInput, withId(req));
    res.json(await single("orders.0.", () => ingest.upsertOrder(o)));
  });
  r.post("/orders/:id/status", async (req, res) => {
    const s = validate(StatusChangeInput, req.body);
    const id = req.params.id as string;
    const summary = await single("statusChanges.0.", () => ingest.changeStatus(id, s)).catch((err: unknown) => {
      if (isAppError(err, "CHAT_ERR_VALIDATION") && err.message.startsWith("orderId:")) throw new AppError("CHAT_ERR_NOT_FOUND", `No order ${id}; send it first with PUT /api/ingest/orders/${id}.`);
      throw err;
    });
    res.json(summary);
  });
  r.post("/events", async (req, res) => {
    const { events } = validate(EventsInput, req.body);
    res.json(await ingest.addEvents(events));
  });
  r.post("/batch", async (req, res) => {
    res.json(await ingest.apply(validate(BatchInput, req.body), "api"));
  });
  return r;
}

/**
 * Shopify's webhooks, mounted under /api before API-key authentication: `POST /api/ingest/shopify/:integrationId`,
 * authenticated by `X-Shopify-Hmac-Sha256` (base64 HMAC-SHA256 of the raw body with the integration's secret).
 */
export function createShopifyReceiver(options: { integrations: Integrations; ingest: IngestService; logger: Logger }): express.Router {
  const r = express.Router();
  r.post("/ingest/shopify/:integrationId", express.raw({ type: () => true, limit: "1mb" }), async (req, res) => {
    const integration = await options.integrations.active(req.params.integrationId as string);
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Unknown integrations and bad signatures get the same answer.
    if (!integration || !verifyShopifyHmac(raw, req.get("x-shopify-hmac-sha256"), integration.secret)) {
      throw new AppError("CHAT_ERR_UNAUTHORIZED", "The X-Shopify-Hmac-Sha256 signature does not match this integration's secret.");
    }
    const topic = req.get("x-shopify-topic") ?? "";
    if (!(SHOPIFY_TOPICS as readonly string[]).includes(topic)) {
      res.json({ ignored: true, topic });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString("utf8"));
    } catch {
      throw new AppError("CHAT_ERR_INVALID_JSON", "The webhook body is not valid JSON.");
    }
    const mapped = topic.startsWith("orders/") ? mapShopifyOrder(payload) : mapShopifyCustomer(payload);
    if (!mapped.ok) throw fieldError(mapped.issues);
    const summary = await options.ingest.apply(mapped.batch, "shopify");
    options.logger.info({ integration: integration.id, topic, webhookId: req.get("x-shopify-webhook-id") }, "shopify webhook ingested");
    res.json({ topic, ...summary });
  });
  return r;
}

const NewIntegration = z.strictObject({ kind: z.literal("shopify"), name: z.string().min(1).max(100), secret: z.string().min(16).max(500) });
const NewEndpoint = z.strictObject({ url: z.string().min(1).max(2000), events: z.array(z.enum(["*", ...WEBHOOK_EVENTS])).min(1), description: z.string().max(500).optional() });
const DeliveryQuery = z.strictObject({
  status: z.enum(["pending", "delivered", "failed"]).optional(),
  endpointId: z.string().max(100).optional(),
  eventType: z.string().max(100).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** What the live-data admin routes drive. */
export interface LiveDataAdminOptions {
  integrations: Integrations;
  webhooks: Webhooks;
  /** Retrain the customer models now (in the background); resolves with the refresh state. */
  refreshModels: () => Promise<unknown>;
}

/**
 * Admin routes for live data, mounted under /api/admin: integrations (Shopify secrets), outbound webhook endpoints,
 * the delivery log and retries, and an on-demand customer-model refresh. GET needs `admin:read`, the rest `admin:write`.
 */
export function createLiveDataAdminRoutes(options: LiveDataAdminOptions): express.Router {
  const { integrations, webhooks } = options;
  const r = express.Router();
  r.use(["/integrations", "/webhooks", "/webhook-deliveries", "/models"], requireScope(adminScopeFor));
  r.get("/integrations", async (_req, res) => {
    res.json({ integrations: await integrations.list() });
  });
  r.post("/integrations", async (req, res) => {
    const created = await integrations.create(validate(NewIntegration, req.body));
    res.status(201).json({ ...created, webhookPath: `/api/ingest/shopify/${created.id}` });
  });
  r.delete("/integrations/:id", async (req, res) => {
    await integrations.disable(req.params.id as string);
    res.json({ id: req.params.id, disabled: true });
  });
  r.get("/webhooks", async (_req, res) => {
    res.json({ endpoints: await webhooks.listEndpoints(), events: WEBHOOK_EVENTS });
  });
  r.post("/webhooks", async (req, res) => {
    const { endpoint, secret } = await webhooks.createEndpoint(validate(NewEndpoint, req.body));
    res.status(201).set("cache-control", "no-store").json({ ...endpoint, secret, note: "Store the secret now: it is shown once. It signs every delivery (X-FF-Signature)." });
  });
  r.delete("/webhooks/:id", async (req, res) => {
    await webhooks.disableEndpoint(req.params.id as string);
    res.json({ id: req.params.id, disabled: true });
  });
  r.get("/webhook-deliveries", async (req, res) => {
    const q = validate(DeliveryQuery, req.query);
    const deliveries = await webhooks.listDeliveries(q);
    res.json({ deliveries: deliveries.map(({ payload, ...d }) => ({ ...d, payload: JSON.parse(payload) as unknown })) });
  });
  r.get("/webhook-deliveries/:id", async (req, res) => {
    const d = await webhooks.getDelivery(req.params.id as string);
    if (!d) throw new AppError("CHAT_ERR_NOT_FOUND", `No webhook delivery ${String(req.params.id)}.`);
    res.json({ ...d, payload: JSON.parse(d.payload) as unknown });
  });
  r.post("/webhook-deliveries/:id/retry", async (req, res) => {
    await webhooks.retry(req.params.id as string);
    res.status(202).json({ id: req.params.id, status: "pending" });
  });
  r.post("/models/refresh", async (_req, res) => {
    res.status(202).json(await options.refreshModels());
  });
  return r;
}
