import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signCustomerIdentity } from "../server/dialogue/index.ts";
import type { ChatMessageFrame, WelcomeFrame } from "../server/protocol.ts";
import type { Customer, Storage } from "../server/storage/index.ts";
import { connectChat, type ChatClient } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

type Profile = { clv: { clvCents: number } | null; churn: { risk: number } | null; segment: { name: string } | null };

let server: TestServer;
let storage: Storage;
let verified: Customer;
const risky: Customer[] = [];

async function profile(id: string): Promise<Profile> {
  const res = await fetch(`${server.url}/api/customers/${id}/profile?k=0`, { headers: { authorization: `Bearer ${server.config.adminToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Profile;
}

async function chatAs(customer?: Customer): Promise<{ client: ChatClient; welcome: WelcomeFrame }> {
  const client = await connectChat(server.url);
  client.send({ type: "hello", ...(customer ? { customer: { id: customer.id, signature: signCustomerIdentity(customer.id, server.config.shopSecret) } } : {}) });
  const welcome = (await client.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
  return { client, welcome };
}

beforeAll(async () => {
  // A small demo shop: seeded and its customer models trained at start.
  server = await startTestServer({ SEED_DEMO: "true", DEMO_CUSTOMERS: "400", HOLDOUT_SHARE: "0.5", RATE_LIMIT_MESSAGES: "500" });
  storage = server.storage;
  const x = server.config.experiments;
  for (const c of await storage.shop.listCustomers()) {
    // Offers (upsell, retention) go only to customers who consented to profiling and marketing (docs/privacy.md).
    if (!c.profilingConsent || !c.marketingConsent) continue;
    const latest = (await storage.shop.listCustomerOrders(c.id, 1))[0];
    if (!latest) continue;
    const p = await profile(c.id);
    const clv = p.clv?.clvCents ?? 0;
    const risk = p.churn?.risk ?? 0;
    const highValue = clv >= x.highValueClvCents || p.segment?.name === "champions" || p.segment?.name === "cant_lose";
    if (!verified && !highValue && risk < x.retentionMinChurnRisk && latest.status === "shipped") verified = c;
    if (risky.length < 2 && !highValue && risk >= x.retentionMinChurnRisk && clv >= x.retentionMinClvCents) risky.push(c);
    if (verified && risky.length === 2) break;
  }
  expect(verified, "a low-risk customer with a shipped order").toBeDefined();
  expect(risky, "two high-risk customers with CLV").toHaveLength(2);
}, 240_000);

afterAll(async () => {
  await server?.close();
});

describe("lifecycle-aware dialogue over WebSocket", () => {
  it("tells a verified customer where their latest order is", async () => {
    const { client } = await chatAs(verified);
    const latest = (await storage.shop.listCustomerOrders(verified.id, 1))[0];
    const reply = await client.ask("where is my order?");
    expect(reply.action).toBe("order_status");
    expect(reply.text).toContain(latest.id);
    expect(reply.text).toContain(latest.trackingNumber!);
    expect(reply.text).toMatch(/Expected delivery/);
    client.close();
  });

  it("makes an anonymous shopper prove the order; a wrong e-mail reveals nothing", async () => {
    const order = (await storage.shop.listCustomerOrders(verified.id, 1))[0];
    const { client } = await chatAs();
    const ask = await client.ask("where is my order?");
    expect(ask.action).toBe("order_status");
    expect(ask.text).toMatch(/order number/i);
    const needEmail = await client.ask(`it's ${order.id}`);
    expect(needEmail.text).toMatch(/e-mail/i);
    const wrong = await client.ask("someone.else@example.org");
    expect(wrong.action).toBe("order_status");
    expect(wrong.text).not.toContain(order.trackingNumber!);
    expect(wrong.text).not.toMatch(/shipped on|delivered on|Expected delivery/);
    const right = await client.ask(`${order.id} ${verified.email}`);
    expect(right.text).toContain(order.trackingNumber!);
    client.close();
  });

  it("answers a product question with product cards", async () => {
    const { client } = await chatAs();
    const reply = await client.ask("can you recommend good trail running shoes for wet weather?");
    expect(reply.action).toBe("recommend");
    expect(reply.products!.length).toBeGreaterThan(0);
    expect(reply.products![0]).toMatchObject({ id: expect.stringMatching(/^P\d+$/), name: expect.any(String), price: expect.any(Number) });
    client.close();
  });

  it("upsells once after purchase intent, and never in a conversation with a complaint", async () => {
    await storage.dialogue.assignArm("upsell", `customer:${verified.id}`, verified.id, () => "treatment");
    const buying = await chatAs(verified);
    const upsell = await buying.client.ask("I'm getting the trail running shoes, anything else I need with them?");
    expect(upsell.action).toBe("upsell");
    expect(upsell.products!.length).toBeGreaterThan(0);
    const again = await buying.client.ask("ok and I'll also take the headlamp, what else goes with it?");
    expect(again.action).not.toBe("upsell");
    buying.client.close();

    const complaining = await chatAs(verified);
    const first = await complaining.client.ask("I want to complain, the jacket you sent has a broken zip");
    expect(first.action).not.toBe("handoff");
    const reply = await complaining.client.ask("I'm getting the trail running shoes, anything else I need with them?");
    expect(reply.action).not.toBe("upsell");
    complaining.client.close();
  });

  it("offers retention to a high-risk customer in treatment and not to one in holdout", async () => {
    const store = storage.dialogue;
    const [treated, held] = risky;
    await store.assignArm("retention", `customer:${treated.id}`, treated.id, () => "treatment");
    await store.assignArm("retention", `customer:${held.id}`, held.id, () => "holdout");

    const a = await chatAs(treated);
    const offered = await a.client.ask("I want to cancel my order");
    expect(offered.action).toBe("retention_offer");
    expect(offered.text).toMatch(/STAY-|RET-/);
    a.client.close();

    const b = await chatAs(held);
    const normal = await b.client.ask("I want to cancel my order");
    expect(normal.action).not.toBe("retention_offer");
    b.client.close();

    const offers = await store.listOffers({ customerId: held.id });
    expect(offers).toEqual([expect.objectContaining({ experiment: "retention", arm: "holdout", shown: false })]);
    expect((await store.listOffers({ customerId: treated.id }))[0]).toMatchObject({ arm: "treatment", shown: true, reason: expect.stringMatching(/churn risk/) });

    const res = await fetch(`${server.url}/api/experiments/retention/uplift`, { headers: { authorization: `Bearer ${server.config.adminToken}` } });
    const uplift = (await res.json()) as { treatment: { units: number }; holdout: { units: number }; ci95: number[] };
    expect(uplift.treatment.units).toBeGreaterThanOrEqual(1);
    expect(uplift.holdout.units).toBeGreaterThanOrEqual(1);
    expect(uplift.ci95).toHaveLength(2);
  });

  it("stores the decision trail of every bot turn and serves it to admins", async () => {
    const { client, welcome } = await chatAs(verified);
    await client.ask("hi");
    await client.ask("do you ship to Canada?");
    client.close();
    const unauth = await fetch(`${server.url}/api/conversations/${welcome.conversationId}/decisions`);
    expect(unauth.status).toBe(401);
    const res = await fetch(`${server.url}/api/conversations/${welcome.conversationId}/decisions`, { headers: { authorization: `Bearer ${server.config.adminToken}` } });
    const body = (await res.json()) as { decisions: { action: string; decision: { intent: { label: string }; retrieval: { candidates: unknown[] }; rule: string; customer?: { id: string } } }[] };
    expect(body.decisions.map((d) => d.action)).toEqual(["smalltalk", "answer"]);
    for (const d of body.decisions) {
      expect(d.decision.intent.label).toEqual(expect.any(String));
      expect(d.decision.retrieval.candidates.length).toBeGreaterThan(0);
      expect(d.decision.rule.length).toBeGreaterThan(0);
      expect(d.decision.customer?.id).toBe(verified.id);
    }
  });

  it("serves a customer's profile with churn reasons and recommendations", async () => {
    const res = await fetch(`${server.url}/api/customers/${verified.id}/profile`, { headers: { authorization: `Bearer ${server.config.adminToken}` } });
    const p = (await res.json()) as { churn: { risk: number; reasons: unknown[] }; recommendations: unknown[]; recentOrders: unknown[]; segment: unknown; stage: unknown; clv: unknown };
    expect(p.churn.risk).toBeGreaterThanOrEqual(0);
    expect(p.churn.reasons.length).toBeGreaterThan(0);
    expect(p.recommendations.length).toBeGreaterThan(0);
    expect(p.recentOrders.length).toBeGreaterThan(0);
    expect(p.segment).toBeTruthy();
    expect(p.stage).toBeTruthy();
    expect(p.clv).toBeTruthy();
    const missing = await fetch(`${server.url}/api/customers/NOPE/profile`, { headers: { authorization: `Bearer ${server.config.adminToken}` } });
    expect(missing.status).toBe(404);
  });

  it("treats a forged signature as anonymous", async () => {
    const client = await connectChat(server.url);
    client.send({ type: "hello", customer: { id: verified.id, signature: "00".repeat(32) } });
    const welcome = (await client.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
    expect(welcome.customer).toBeUndefined();
    expect(await client.waitFor((f) => f.type === "error")).toMatchObject({ code: "CHAT_ERR_BAD_SIGNATURE" });
    const reply = (await client.ask("where is my order?")) as ChatMessageFrame;
    expect(reply.text).toMatch(/order number/i);
    client.close();
  });
});
