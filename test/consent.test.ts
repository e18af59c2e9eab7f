/**
 * Consent is enforced wherever models or campaigns use a customer: each use is checked with the same
 * customer with consent given (the control) and withdrawn (customers.profiling_consent, marketing_consent).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signCustomerIdentity } from "../server/dialogue/index.ts";
import type { ChatMessageFrame, WelcomeFrame } from "../server/protocol.ts";
import type { Customer } from "../server/storage/index.ts";
import { connectChat, type ChatClient } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

type Profile = { profilingConsent: boolean; profile: unknown; segment: unknown; stage: unknown; clv: { clvCents: number } | null; churn: { risk: number } | null };
type Decision = { rule: string; experiment?: { name: string; arm: string; offered: boolean; reason: string }; customer?: { clvCents: number | null; churnRisk: number | null; highValue: boolean } };

let server: TestServer;
let risky: Customer;
let buyer: Customer;

const setConsent = (c: Customer, consent: { profiling?: boolean; marketing?: boolean }) =>
  server.storage.driver.run("UPDATE customers SET profiling_consent = COALESCE(?, profiling_consent), marketing_consent = COALESCE(?, marketing_consent) WHERE id = ?", [
    consent.profiling === undefined ? null : Number(consent.profiling), consent.marketing === undefined ? null : Number(consent.marketing), c.id,
  ]);

async function profile(id: string): Promise<Profile> {
  const res = await fetch(`${server.url}/api/customers/${id}/profile?k=3`, { headers: { authorization: `Bearer ${server.config.adminToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Profile;
}

async function chatAs(customer?: Customer): Promise<{ client: ChatClient; conversationId: string }> {
  const client = await connectChat(server.url);
  client.send({ type: "hello", ...(customer ? { customer: { id: customer.id, signature: signCustomerIdentity(customer.id, server.config.shopSecret) } } : {}) });
  const welcome = (await client.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
  return { client, conversationId: welcome.conversationId };
}

/** The decision record of a bot reply. */
async function decisionOf(conversationId: string, reply: ChatMessageFrame): Promise<Decision> {
  const messages = await server.storage.conversations.messagesAfter(conversationId, 0);
  return messages.find((m) => m.sender === "bot" && m.seq === reply.seq)!.payload.decision as Decision;
}

async function until(check: () => Promise<boolean>): Promise<boolean> {
  for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await check()) return true;
  return false;
}

beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: "true", DEMO_CUSTOMERS: "400", HOLDOUT_SHARE: "0", SUPPORT_HOURS: "always", RATE_LIMIT_MESSAGES: "500" });
  const x = server.config.experiments;
  for (const c of await server.storage.shop.listCustomers()) {
    if (!c.profilingConsent) continue;
    const p = await profile(c.id);
    const clv = p.clv?.clvCents ?? 0;
    const highValue = clv >= x.highValueClvCents || ["champions", "cant_lose"].includes((p.segment as { name?: string } | null)?.name ?? "");
    if (!risky && !highValue && (p.churn?.risk ?? 0) >= x.retentionMinChurnRisk && clv >= x.retentionMinClvCents) risky = c;
    else if (!buyer && !highValue && (await server.storage.shop.listCustomerOrders(c.id, 1)).length) buyer = c;
    if (risky && buyer) break;
  }
  expect(risky, "a high-risk customer with CLV").toBeDefined();
  expect(buyer, "a customer with orders").toBeDefined();
}, 300_000);

afterAll(async () => {
  await server?.close();
});

describe("profiling consent", () => {
  it("the profile API shows no profile, segment, CLV or churn without it", async () => {
    expect(await profile(risky.id)).toMatchObject({ profilingConsent: true, profile: expect.anything(), clv: expect.anything(), churn: expect.anything() });
    await setConsent(risky, { profiling: false });
    expect(await profile(risky.id)).toMatchObject({ profilingConsent: false, profile: null, segment: null, stage: null, clv: null, churn: null });
    await setConsent(risky, { profiling: true });
  });

  it("recommendations for the customer are not personalised without it (the same as for an anonymous shopper)", async () => {
    const insights = server.app.services.insights!;
    const ask = { query: "something for my next run", k: 5 };
    const anonymous = (await insights.recommend(null, ask)).map((r) => r.productId);
    await setConsent(risky, { profiling: false });
    expect((await insights.recommend(risky.id, ask)).map((r) => r.productId)).toEqual(anonymous);
    await setConsent(risky, { profiling: true });
    const withHistory = await insights.getInsights(risky.id, { k: 5 });
    expect(withHistory.recommendations.map((r) => r.productId)).not.toEqual((await insights.recommend(null, { k: 5 })).map((r) => r.productId));
  });

  it("the console sidebar shows the account and orders but no model outputs without it", async () => {
    await setConsent(buyer, { profiling: false });
    const { client, conversationId } = await chatAs(buyer);
    await client.ask("hello");
    const withheld = await server.app.services.handoff.console.detail(conversationId, "test-agent");
    expect(withheld.sidebar).toMatchObject({ customer: { id: buyer.id }, profile: null, segment: null, stage: null, clv: null, churn: null });
    expect(withheld.sidebar.orders.length).toBeGreaterThan(0);
    expect(withheld.sidebar.notes).toContain("The customer has not consented to profiling.");
    await setConsent(buyer, { profiling: true });
    const shown = await server.app.services.handoff.console.detail(conversationId, "test-agent");
    expect(shown.sidebar.profile).not.toBeNull();
    expect(shown.sidebar.segment).not.toBeNull();
    client.close();
  });

  it("a handoff's priority does not use the customer's value without it", async () => {
    await setConsent(risky, { profiling: false, marketing: true });
    const off = await chatAs(risky);
    expect((await off.client.ask("I want to talk to a real person please")).action).toBe("handoff");
    await setConsent(risky, { profiling: true });
    const on = await chatAs(risky);
    expect((await on.client.ask("I want to talk to a real person please")).action).toBe("handoff");
    const valueOf = async (id: string) => (await server.storage.handoff.getOpen(id))?.customerValue ?? {};
    expect(await until(async () => (await valueOf(on.conversationId)).churnRisk !== undefined)).toBe(true);
    expect(await valueOf(off.conversationId)).toEqual({});
    off.client.close();
    on.client.close();
  });

  it("the dialogue sees no CLV or churn risk, so no retention offer, without it", async () => {
    await setConsent(risky, { profiling: false, marketing: true });
    const { client, conversationId } = await chatAs(risky);
    const reply = await client.ask("I want to cancel my order, I'm done with this shop");
    expect(reply.action).not.toBe("retention_offer");
    const d = await decisionOf(conversationId, reply);
    expect(d.customer).toMatchObject({ clvCents: null, churnRisk: null, highValue: false });
    expect(await server.storage.dialogue.listOffers({ conversationId })).toEqual([]);
    await setConsent(risky, { profiling: true });
    client.close();
  });
});

describe("marketing consent", () => {
  it("a retention offer needs it: without it no arm is drawn and nothing is offered or recorded", async () => {
    await setConsent(risky, { profiling: true, marketing: false });
    const { client, conversationId } = await chatAs(risky);
    const reply = await client.ask("I want to cancel my order, I'm done with this shop");
    expect(reply.action).not.toBe("retention_offer");
    expect((await decisionOf(conversationId, reply)).experiment).toMatchObject({ name: "retention", arm: "none", offered: false, reason: expect.stringMatching(/marketing consent/) });
    expect(await server.storage.dialogue.listOffers({ customerId: risky.id })).toEqual([]);
    client.close();
    // The control: with consent the same customer gets the offer.
    await setConsent(risky, { marketing: true });
    const again = await chatAs(risky);
    expect((await again.client.ask("I want to cancel my order, I'm done with this shop")).action).toBe("retention_offer");
    again.client.close();
  });

  it("an upsell needs it from a verified customer; an anonymous shopper's contextual upsell stays", async () => {
    const buying = "I'm getting the trail running shoes, anything else I need with them?";
    await setConsent(buyer, { marketing: false });
    const { client, conversationId } = await chatAs(buyer);
    const reply = await client.ask(buying);
    expect(reply.action).not.toBe("upsell");
    expect((await decisionOf(conversationId, reply)).rule).toBe("products/purchase");
    // (The demo's seeded chat history may hold earlier offers to this customer, made while they had consented.)
    expect((await server.storage.dialogue.listOffers({ customerId: buyer.id })).filter((o) => o.conversationId === conversationId)).toEqual([]);
    client.close();
    const anon = await chatAs();
    expect((await anon.client.ask(buying)).action).toBe("upsell");
    anon.client.close();
    await setConsent(buyer, { marketing: true });
    const again = await chatAs(buyer);
    expect((await again.client.ask(buying)).action).toBe("upsell");
    again.client.close();
  });
});
