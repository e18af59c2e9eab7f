import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../server/main.ts";
import { verifyWebhookSignature } from "../server/webhooks/index.ts";
import { connectChat } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { writeSmallShop } from "./helpers/small-shop.ts";

/** A local receiver that answers with the next status in `script` (the last one repeats) and records every request. */
function receiver(script: number[]) {
  const requests: { headers: http.IncomingHttpHeaders; body: string; at: number }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      res.writeHead(script[Math.min(requests.length - 1, script.length - 1)]).end("ok");
    });
  });
  return {
    requests,
    server,
    async listen() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let server: TestServer;
let key: string;
const flaky = receiver([500, 503, 200]);
const dead = receiver([500]);
let flakySecret = "";
let deadEndpoint = "";

beforeAll(async () => {
  server = await startTestServer(
    { WEBHOOK_POLL_MS: "100", WEBHOOK_BACKOFF_BASE_MS: "300", WEBHOOK_BACKOFF_MAX_MS: "2000", WEBHOOK_MAX_ATTEMPTS: "3", WEBHOOK_TIMEOUT_MS: "2000" },
    { prepare: (dir) => writeSmallShop(dir, 3) },
  );
  key = (await server.app.services.apiKeys.create({ name: "ops", scopes: ["admin:read", "admin:write"] })).key;
  const register = async (url: string, events: string[]) => {
    const res = await api("POST", "/admin/webhooks", { url, events, description: "test receiver" });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string };
  };
  flakySecret = (await register(await flaky.listen(), ["handoff.requested", "coupon.issued", "campaign.message.delivered"])).secret;
  deadEndpoint = (await register(await dead.listen(), ["conversation.rated"])).id;
}, 300_000);
afterAll(async () => {
  await server?.close();
  await flaky.close();
  await dead.close();
});

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api${path}`, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

type Delivery = { id: string; status: string; attempts: number; eventType: string; payload: { id: string; type: string; data: Record<string, unknown> }; log: { attempt: number; statusCode: number | null }[] };

describe("outbound webhooks", () => {
  it("retries a failing receiver with backoff until it answers 2xx, signing every attempt", async () => {
    const client = await connectChat(server.url);
    client.send({ type: "hello" });
    const welcome = (await client.waitFor((f) => f.type === "welcome")) as { conversationId: string };
    const reply = await client.ask("I want to talk to a human please");
    expect(reply.action).toBe("handoff");
    client.close();

    await until("three attempts", () => flaky.requests.length >= 3 || undefined);
    const list = await until("a delivered handoff.requested", async () => {
      const r = await api("GET", "/admin/webhook-deliveries?eventType=handoff.requested");
      const d = (r.body.deliveries as Delivery[])[0];
      return d?.status === "delivered" ? d : undefined;
    });
    const detail = (await api("GET", `/admin/webhook-deliveries/${list.id}`)).body as unknown as Delivery;
    expect(detail).toMatchObject({ status: "delivered", attempts: 3, payload: { type: "handoff.requested", data: { conversationId: welcome.conversationId } } });
    expect(detail.log.map((a) => a.statusCode)).toEqual([500, 503, 200]);

    const sent = flaky.requests.slice(0, 3);
    for (const r of sent) {
      expect(r.headers["x-ff-event"]).toBe("handoff.requested");
      expect(r.headers["x-ff-delivery"]).toBe(list.id);
      expect(verifyWebhookSignature(r.headers["x-ff-signature"] as string, r.body, flakySecret)).toMatchObject({ ok: true });
      expect(verifyWebhookSignature(r.headers["x-ff-signature"] as string, r.body, "whsec_wrong")).toMatchObject({ ok: false, reason: "mismatch" });
      expect(JSON.parse(r.body)).toMatchObject({ id: detail.payload.id, type: "handoff.requested" });
    }
    // Backoff: the second retry waits at least half of twice the first step (base 300 ms: ≥150 ms, then ≥300 ms).
    expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(140);
    expect(sent[2].at - sent[1].at).toBeGreaterThanOrEqual(290);
  });

  it("sends coupon.issued when the assistant issues a coupon, and campaign.message.delivered when a campaign publishes it", async () => {
    const bus = server.app.services.cluster.bus;
    const before = flaky.requests.length;
    bus.publish("offer.issued", { conversationId: "conv-x", customerId: "S1", experiment: "retention", kind: "coupon", code: "STAY-00AA11", valueCents: 1500 });
    bus.publish("offer.issued", { conversationId: "conv-x", customerId: "S1", experiment: "retention", kind: "free_return_label", code: "RET-00AA11", valueCents: 695 });
    bus.publish("campaign.message.delivered", { campaignId: "cmp_1", messageId: "msg_1", customerId: "S2", channel: "email", deliveredAt: new Date().toISOString() });
    const types = await until("two more events", () => {
      const got = flaky.requests.slice(before).map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
      return new Set(got.map((g) => g.type)).size >= 2 ? got : undefined;
    });
    const coupon = types.find((t) => t.type === "coupon.issued")!;
    expect(coupon.data).toMatchObject({ code: "STAY-00AA11", valueCents: 1500, customerId: "S1", experiment: "retention" });
    expect(types.some((t) => t.data.code === "RET-00AA11")).toBe(false);
    expect(types.find((t) => t.type === "campaign.message.delivered")!.data).toMatchObject({ campaignId: "cmp_1", customerId: "S2" });
  });

  it("marks a delivery failed after the last attempt, keeps its log, and sends it again on request", async () => {
    const client = await connectChat(server.url);
    client.send({ type: "hello" });
    const welcome = (await client.waitFor((f) => f.type === "welcome")) as { conversationId: string };
    client.send({ type: "feedback", rating: "down" });
    await until("three attempts at the dead receiver", () => dead.requests.length >= 3 || undefined);
    const failed = await until("a failed delivery", async () => {
      const r = await api("GET", `/admin/webhook-deliveries?status=failed&endpointId=${deadEndpoint}`);
      return (r.body.deliveries as Delivery[])[0];
    });
    client.close();
    expect(failed).toMatchObject({ eventType: "conversation.rated", attempts: 3, payload: { data: { conversationId: welcome.conversationId, csat: "down" } } });
    expect(dead.requests).toHaveLength(3);
    expect((await api("POST", `/admin/webhook-deliveries/${failed.id}/retry`)).status).toBe(202);
    await until("a fourth attempt", () => dead.requests.length >= 4 || undefined);
    expect((await api("POST", "/admin/webhook-deliveries/whd_nope/retry")).status).toBe(404);
  });

  it("refuses an endpoint with a bad URL or an unknown event, naming the field", async () => {
    const bad = await api("POST", "/admin/webhooks", { url: "ftp://example.com/x", events: ["handoff.requested"] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^url:/);
    const unknown = await api("POST", "/admin/webhooks", { url: "https://example.com/x", events: ["order.exploded"] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/events\.0/);
  });

  it("keeps a queued delivery across a restart and sends it from the next process", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-wh-restart-"));
    const later = receiver([200]);
    const env = { PORT: "0", DATA_DIR: dir, LOG_LEVEL: "silent", SEED_DEMO: "false", KNOWLEDGE_WATCH: "false", CACHE_DIR: path.resolve(".cache/test-knowledge"), WEBHOOK_POLL_MS: "100" };
    try {
      const first = await startServer(env);
      const app = await first.ready;
      await app.services.webhooks.createEndpoint({ url: await later.listen(), events: ["campaign.message.delivered"] });
      // The process stops delivering (as if it were going down), an event is queued, and the process exits.
      await app.services.webhooks.stop();
      app.services.cluster.bus.publish("campaign.message.delivered", { campaignId: "cmp_r", messageId: "msg_r", customerId: "S1", channel: "email", deliveredAt: new Date().toISOString() });
      await until("the delivery row", async () => (await app.services.storage.webhooks.listDeliveries({ limit: 5 }))[0]);
      await first.close();
      expect(later.requests).toHaveLength(0);

      const second = await startServer(env);
      try {
        await until("the delivery from the restarted process", () => later.requests.length >= 1 || undefined);
        expect(JSON.parse(later.requests[0].body)).toMatchObject({ type: "campaign.message.delivered", data: { campaignId: "cmp_r" } });
      } finally {
        await second.close();
      }
    } finally {
      await later.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
