import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signCustomerIdentity } from "../server/dialogue/index.ts";
import type { WelcomeFrame } from "../server/protocol.ts";
import { connectChat } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { writeSmallShop } from "./helpers/small-shop.ts";

let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startTestServer({}, { prepare: (dir) => writeSmallShop(dir, 3) });
  key = (await server.app.services.apiKeys.create({ name: "test", scopes: ["admin:read", "admin:write"] })).key;
}, 300_000);
afterAll(async () => {
  await server?.close();
});

const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/api${path}`, { ...init, headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...init.headers } });

describe("a shop with 3 buyers", () => {
  it("starts, and the model status API says it runs in cold start and why", async () => {
    const res = await api("/models/status");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { customers: { mode: string; note: string; missing: string[]; snapshot: { buyers: number } } };
    expect(body.customers.mode).toBe("cold-start");
    expect(body.customers.snapshot.buyers).toBe(3);
    expect(body.customers.missing).toEqual(expect.arrayContaining(["lifetimeValue", "churn"]));
    expect(body.customers.note).toMatch(/3 buyer/);
    expect(body.customers.note).toMatch(/popular/);
  });

  it("chats: a signed-in buyer gets their order status, and policy questions are answered", async () => {
    const client = await connectChat(server.url);
    client.send({ type: "hello", customer: { id: "S1", signature: signCustomerIdentity("S1", server.config.shopSecret) } });
    const welcome = (await client.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
    expect(welcome.conversationId).toBeTruthy();
    const status = await client.ask("where is my order?");
    expect(status.action).toBe("order_status");
    expect(status.text).toContain("FF-900000");
    const policy = await client.ask("do you ship to Canada?");
    expect(policy.action).toBe("answer");
    client.close();
  });

  it("gives a profile without CLV or churn risk (no CLV-based rules) but with popular recommendations", async () => {
    const res = await api("/customers/S2/profile");
    expect(res.status).toBe(200);
    const p = (await res.json()) as { clv: unknown; churn: unknown; recommendations: { productId: string }[]; profile: { orders: number } };
    expect(p.clv).toBeNull();
    expect(p.churn).toBeNull();
    expect(p.profile.orders).toBe(2);
    expect(p.recommendations.length).toBeGreaterThan(0);
  });

  it("retrains on demand without stopping, and the status shows the refresh", async () => {
    const res = await api("/admin/models/refresh", { method: "POST" });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ running: true, lastTrigger: "on demand" });
    await server.app.services.modelRefresh.settled();
    const status = (await (await api("/models/status")).json()) as { customers: { refresh: { running: boolean; lastError: string | null; lastFinishedAt: string } } };
    expect(status.customers.refresh).toMatchObject({ running: false, lastError: null });
    expect(status.customers.refresh.lastFinishedAt).toBeTruthy();
  });
});

describe("a brand-new shop without any data", () => {
  it("starts and answers policy questions", async () => {
    const empty = await startTestServer();
    try {
      const client = await connectChat(empty.url);
      client.send({ type: "hello" });
      await client.waitFor((f) => f.type === "welcome");
      const reply = await client.ask("how long do returns take to be refunded?");
      expect(reply.from).toBe("bot");
      expect(empty.app.services.insights.status()).toMatchObject({ mode: "cold-start", missing: ["rfm", "lifetimeValue", "churn"] });
      client.close();
    } finally {
      await empty.close();
    }
  }, 300_000);
});
