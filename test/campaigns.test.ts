/**
 * Campaigns end to end through the real HTTP and WebSocket interfaces: an admin targets the at-risk segment, a
 * treated customer opening the widget gets the proactive message (once) while a holdout customer does not, an order
 * with the coupon arrives through the ingest API, and the results show the conversion, the coupon's cost and the uplift.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignArm } from "../models/experiments/index.ts";
import { signCustomerIdentity } from "../server/dialogue/index.ts";
import type { CampaignFrame } from "../server/protocol.ts";
import { writeCampaignShop } from "./helpers/campaign-shop.ts";
import { connectChat, type ChatClient } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const ADMIN = { email: "owner@shop.test", password: "owner-password-1" };
const AGENT = { email: "agent@shop.test", password: "agent-password-1" };
const BOOTSTRAP = "bootstrap-token-for-campaign-tests";
const AT_RISK = 16;
let server: TestServer;
let admin: string;
let agent: string;
let ingestKey: string;

type Json = Record<string, any>;
async function login(email: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/agent/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  return ((await res.json()) as { token: string }).token;
}
async function call(method: string, url: string, body?: unknown, token: string | null = admin): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { "x-requested-with": "test" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${server.url}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as Json };
}
async function chatAs(customerId: string): Promise<ChatClient> {
  const client = await connectChat(server.url);
  client.send({ type: "hello", customer: { id: customerId, signature: signCustomerIdentity(customerId, server.config.shopSecret) } });
  await client.waitFor((f) => f.type === "welcome");
  return client;
}
/** Wait until a message round trip completes, so a frame sent right after the welcome would have arrived. */
async function settle(client: ChatClient): Promise<void> {
  await client.ask("hi");
}

const campaignBody = {
  name: "Win back at-risk runners",
  audience: { stages: ["at_risk"] },
  message: { text: "We miss you, {firstName}! Here is something for your next run.", coupon: { shareOfClv: 0.1, minCents: 500, maxCents: 1500 }, productCards: 2 },
  channels: ["widget", "email"],
  budgetCents: 50_000,
  holdoutShare: 0.5,
  status: "active",
};

beforeAll(async () => {
  server = await startTestServer(
    { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ADMIN_TOKEN: BOOTSTRAP, RATE_LIMIT_MESSAGES: "200" },
    { prepare: (dir) => writeCampaignShop(dir, AT_RISK) },
  );
  await server.app.services.auth.createAgent({ email: AGENT.email, name: "Agent", role: "agent", password: AGENT.password });
  admin = await login(ADMIN.email, ADMIN.password);
  agent = await login(AGENT.email, AGENT.password);
  const res = await fetch(`${server.url}/api/admin/api-keys`, { method: "POST", headers: { authorization: `Bearer ${BOOTSTRAP}`, "content-type": "application/json" }, body: JSON.stringify({ name: "shop", scopes: ["ingest:write"] }) });
  ingestKey = ((await res.json()) as { key: string }).key;
}, 300_000);
afterAll(async () => {
  await server?.close();
});

describe("campaigns through HTTP and WebSocket", () => {
  it("lets only admins use the campaign API: anonymous 401, agent 403", async () => {
    expect((await call("GET", "/admin/api/campaigns", undefined, null)).status).toBe(401);
    const asAgent = await call("GET", "/admin/api/campaigns", undefined, agent);
    expect(asAgent.status).toBe(403);
    expect(asAgent.body.code).toBe("CHAT_ERR_FORBIDDEN");
    expect((await call("POST", "/admin/api/campaigns", campaignBody, agent)).status).toBe(403);
    expect((await call("GET", "/admin/api/campaigns")).status).toBe(200);
  });

  it("refuses a bad campaign with the fields at fault and stores nothing", async () => {
    const bad = await call("POST", "/admin/api/campaigns", { ...campaignBody, holdoutShare: 1.5, audience: { stages: ["sleepy"] }, channels: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("CHAT_ERR_VALIDATION");
    expect(bad.body.message).toMatch(/holdoutShare/);
    expect(bad.body.message).toMatch(/audience\.stages/);
    expect(bad.body.message).toMatch(/channels/);
    expect((await call("GET", "/admin/api/campaigns")).body.campaigns).toEqual([]);
  });

  it("counts the audience: at-risk customers with marketing consent only, with a sample", async () => {
    const preview = await call("POST", "/admin/api/campaigns/preview", { draft: campaignBody, sample: 5 });
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(AT_RISK);
    expect(preview.body.withoutConsent).toBe(5);
    expect(preview.body.sample).toHaveLength(5);
    for (const m of preview.body.sample) expect(m).toMatchObject({ stage: "at_risk", id: expect.stringMatching(/^R\d+$/) });
  });

  it("shows the treated customer the message once, the holdout nothing, takes the coupon order and reports the uplift", async () => {
    const created = await call("POST", "/admin/api/campaigns", campaignBody);
    expect(created.status).toBe(201);
    const id = created.body.campaign.id as string;
    const members = Array.from({ length: AT_RISK }, (_, i) => `R${i + 1}`);
    const treated = members.filter((c) => assignArm(id, c, 0.5) === "treatment");
    const holdout = members.filter((c) => assignArm(id, c, 0.5) === "holdout");
    expect(treated.length).toBeGreaterThan(0);
    expect(holdout.length).toBeGreaterThan(0);

    // A treated customer opens the widget: the proactive message follows the welcome, with a coupon and product cards.
    const t = await chatAs(treated[0]);
    const frame = (await t.waitFor((f) => f.type === "campaign")) as CampaignFrame;
    expect(frame.campaignId).toBe(id);
    expect(frame.text).toBe("We miss you, Pat" + (Number(treated[0].slice(1)) - 1) + "! Here is something for your next run.");
    expect(frame.coupon).toMatchObject({ code: expect.stringMatching(/^CMP-[0-9A-F]{8}$/), currency: "USD" });
    expect(frame.coupon!.value).toBeGreaterThanOrEqual(5);
    expect(frame.coupon!.value).toBeLessThanOrEqual(15);
    expect(frame.products?.length).toBeGreaterThan(0);
    t.send({ type: "campaign", campaignId: id, event: "opened" });
    await settle(t);
    t.close();

    // Shown once: the next visit has no campaign frame.
    const again = await chatAs(treated[0]);
    await settle(again);
    expect(again.frames.some((f) => f.type === "campaign")).toBe(false);
    again.close();

    // A holdout customer opens the widget and gets no message, but their arm is stored.
    const h = await chatAs(holdout[0]);
    await settle(h);
    expect(h.frames.some((f) => f.type === "campaign")).toBe(false);
    h.close();
    expect(await server.storage.campaigns.getAssignment(id, holdout[0])).toMatchObject({ arm: "holdout", couponCode: null });
    // A customer outside the audience (recent buyer) gets nothing and gets no arm.
    const outsider = await chatAs("A1");
    await settle(outsider);
    expect(outsider.frames.some((f) => f.type === "campaign")).toBe(false);
    outsider.close();
    expect(await server.storage.campaigns.getAssignment(id, "A1")).toBeUndefined();

    // An event for a message never shown is refused with a clear error.
    const stranger = await chatAs(holdout[0]);
    stranger.send({ type: "campaign", campaignId: id, event: "opened" });
    expect(await stranger.waitFor((f) => f.type === "error")).toMatchObject({ code: "CHAT_ERR_NOT_FOUND" });
    stranger.close();

    // The treated customer orders with the coupon through the ingest API.
    const order = {
      customerId: treated[0], placedAt: new Date().toISOString(), items: [{ productId: "P1", quantity: 1, unitPriceCents: 12_000 }],
      discountCodes: [{ code: frame.coupon!.code.toLowerCase(), amountCents: Math.round(frame.coupon!.value * 100) }],
    };
    const put = await fetch(`${server.url}/api/ingest/orders/FF-880001`, { method: "PUT", headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json" }, body: JSON.stringify(order) });
    expect(put.status).toBe(200);

    const results = await call("GET", `/admin/api/campaigns/${id}/results`);
    expect(results.status).toBe(200);
    const r = results.body.report;
    expect(r.reach).toMatchObject({ treated: 1, holdout: 1, shown: 1, opened: 1, openRate: 1 });
    expect(r.results.treatment).toMatchObject({ n: 1, conversions: 1, conversionRate: 1 });
    expect(r.results.holdout).toMatchObject({ n: 1, conversions: 0 });
    // Revenue is what the order was paid: the subtotal less the coupon.
    expect(r.results.treatment.revenueCents).toBe(12_000 - Math.round(frame.coupon!.value * 100));
    expect(r.results.conversionUplift.value).toBe(1);
    const [lo, hi] = r.results.conversionUplift.interval;
    expect(lo).toBeLessThan(1);
    expect(hi).toBeGreaterThanOrEqual(lo);
    expect(r.coupons).toMatchObject({ redeemed: 1, costCents: Math.round(frame.coupon!.value * 100), budgetSpent: false });
    expect(r.results.roi.value).toBeCloseTo((r.results.incrementalRevenueCents.value - r.coupons.costCents) / r.coupons.costCents, 6);
    expect(r.series.length).toBeGreaterThan(0);
    expect(r.sequential).toMatchObject({ effectDetected: false, interval: null });
    expect(results.body.campaign.status).toBe("active");
  });

  it("exports the e-mail channel's treated customers as CSV for an API key, assigning the rest of the audience once", async () => {
    const [c] = (await call("GET", "/admin/api/campaigns")).body.campaigns;
    const events: { customerId: string; channel: string }[] = [];
    const off = server.app.services.cluster.bus.subscribe("campaign.message.delivered", (e) => void events.push(e));
    const first = await call("POST", `/admin/api/campaigns/${c.id}/export`);
    expect(first.status).toBe(200);
    expect(first.body.newlyAssigned).toBe(AT_RISK - 2);
    for (const row of first.body.rows) expect(row).toMatchObject({ email: expect.stringMatching(/@example\.com$/), couponCode: expect.stringMatching(/^CMP-/) });
    const csv = await fetch(`${server.url}/api/campaigns/${c.id}/export?format=csv`, { method: "POST", headers: { authorization: `Bearer ${BOOTSTRAP}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("customer_id,email,name,text,coupon_code,coupon_value,product_ids,assigned_at");
    expect(lines.length - 1).toBe(first.body.rows.length);
    expect((await call("POST", `/admin/api/campaigns/${c.id}/export`)).body.newlyAssigned).toBe(0);
    off();
    // Each newly treated customer's e-mail is a `campaign.message.delivered` event (and so an outbound webhook).
    expect(events.map((e) => e.channel)).toEqual(first.body.rows.map(() => "email"));
    expect(events.map((e) => e.customerId).sort()).toEqual(first.body.rows.map((r: Json) => r.customerId).sort());
  });
});

describe("frequency cap across campaigns", () => {
  it("gives a customer drawn for one widget campaign nothing from another within the cap, while others are drawn", async () => {
    const second = await call("POST", "/admin/api/campaigns", { ...campaignBody, name: "Second", channels: ["widget"], message: { text: "Another offer" } });
    expect(second.status).toBe(201);
    const id = second.body.campaign.id as string;
    const [first] = (await call("GET", "/admin/api/campaigns")).body.campaigns.filter((c: Json) => c.name !== "Second");
    const widgetDrawn = (await server.storage.campaigns.listAssignments(first.id)).filter((a) => a.channel === "widget").map((a) => a.customerId);
    expect(widgetDrawn).toHaveLength(2);
    for (const customerId of widgetDrawn) {
      const c = await chatAs(customerId);
      await settle(c);
      expect(c.frames.some((f) => f.type === "campaign")).toBe(false);
      c.close();
      expect(await server.storage.campaigns.getAssignment(id, customerId)).toBeUndefined();
    }
    // Someone only e-mailed by the first campaign has not used the widget's slot: the second campaign draws them.
    const emailed = (await server.storage.campaigns.listAssignments(first.id)).find((a) => a.channel === "email")!;
    const c = await chatAs(emailed.customerId);
    await settle(c);
    c.close();
    expect(await server.storage.campaigns.getAssignment(id, emailed.customerId)).toMatchObject({ channel: "widget" });
  });
});
