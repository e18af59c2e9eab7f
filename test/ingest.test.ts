import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signCustomerIdentity } from "../server/dialogue/index.ts";
import { signShopifyBody } from "../server/ingest/index.ts";
import type { WelcomeFrame } from "../server/protocol.ts";
import { connectChat, type ChatClient } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { writeSmallShop } from "./helpers/small-shop.ts";

const ADMIN = { email: "admin@ingest.example", password: "admin-password-1" };
const BOOTSTRAP = "bootstrap-token-for-tests";
let server: TestServer;
let ingestKey: string;
let adminKey: string;

beforeAll(async () => {
  server = await startTestServer(
    { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ADMIN_TOKEN: BOOTSTRAP, RATE_LIMIT_MESSAGES: "200" },
    { prepare: (dir) => writeSmallShop(dir, 3) },
  );
  // The deprecated bootstrap token creates the first keys, as an operator would once.
  const create = async (name: string, scopes: string[]) => {
    const res = await fetch(`${server.url}/api/admin/api-keys`, { method: "POST", headers: { authorization: `Bearer ${BOOTSTRAP}`, "content-type": "application/json" }, body: JSON.stringify({ name, scopes }) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { key: string }).key;
  };
  ingestKey = await create("shop backend", ["ingest:write"]);
  adminKey = await create("ops", ["admin:read", "admin:write"]);
}, 300_000);
afterAll(async () => {
  await server?.close();
});

type Json = Record<string, unknown>;
async function call(method: string, path: string, body?: unknown, key = ingestKey): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const TABLES = ["customers", "products", "product_variants", "orders", "order_items", "order_discount_codes", "order_status_history", "events"];
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await server.storage.driver.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))!.n);
  return out;
}

async function chatAs(customerId: string): Promise<ChatClient> {
  const client = await connectChat(server.url);
  client.send({ type: "hello", customer: { id: customerId, signature: signCustomerIdentity(customerId, server.config.shopSecret) } });
  await client.waitFor((f) => f.type === "welcome");
  return client;
}

const hour = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe("API keys", () => {
  it("refuses calls without a key, with an unknown key, or with a key that lacks the scope", async () => {
    expect((await call("GET", "/models/status", undefined, "")).status).toBe(401);
    expect((await call("GET", "/models/status", undefined, "ffk_" + "x".repeat(43))).status).toBe(401);
    const forbidden = await call("GET", "/models/status", undefined, ingestKey);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe("CHAT_ERR_FORBIDDEN");
    expect((await call("PUT", "/ingest/customers/X1", { email: "x@example.com", name: "X" }, adminKey)).status).toBe(403);
    expect((await call("GET", "/models/status", undefined, adminKey)).status).toBe(200);
  });

  it("lets a logged-in admin manage keys with the console cookie, shows a key once, records its last use, and revokes it", async () => {
    const login = await fetch(`${server.url}/agent/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const created = await fetch(`${server.url}/api/admin/api-keys`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ name: "temp", scopes: ["admin:read"] }) });
    expect(created.status).toBe(201);
    const { key, id, prefix } = (await created.json()) as { key: string; id: string; prefix: string };
    expect(key).toMatch(/^ffk_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(prefix)).toBe(true);
    expect((await call("GET", "/models/status", undefined, key)).status).toBe(200);
    const list = (await (await fetch(`${server.url}/api/admin/api-keys`, { headers: { cookie } })).json()) as { keys: Json[] };
    const listed = list.keys.find((k) => k.id === id)!;
    expect(listed).toMatchObject({ name: "temp", scopes: ["admin:read"], revokedAt: null });
    expect(listed.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(list)).not.toContain(key);
    const stored = await server.storage.driver.get<{ key_hash: string }>("SELECT key_hash FROM api_keys WHERE id = ?", [id]);
    expect(stored!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.key_hash).not.toContain(key);
    expect((await fetch(`${server.url}/api/admin/api-keys/${id}`, { method: "DELETE", headers: { cookie } })).status).toBe(200);
    expect((await call("GET", "/models/status", undefined, key)).status).toBe(401);
  });

  it("does not let the deprecated bootstrap token push shop data", async () => {
    expect((await call("PUT", "/ingest/customers/X1", { email: "x@example.com", name: "X" }, BOOTSTRAP)).status).toBe(403);
  });
});

describe("ingest API", () => {
  it("shows an order posted to the ingest API in the chat's order status at once, and its status change too", async () => {
    expect((await call("PUT", "/ingest/customers/N1", { email: "Nora@Example.com", name: "Nora Lind", country: "SE", marketingConsent: true, profilingConsent: true })).status).toBe(200);
    const order = {
      customerId: "N1", placedAt: hour(2), shippingMethod: "express",
      items: [{ productId: "P1", quantity: 1, unitPriceCents: 12_000 }, { productId: "P2", quantity: 2, unitPriceCents: 1_800 }],
    };
    const put = await call("PUT", "/ingest/orders/FF-424242", order);
    expect(put.status).toBe(200);
    expect(put.body.orders).toEqual({ created: ["FF-424242"], updated: [] });
    const client = await chatAs("N1");
    const first = await client.ask("where is my order FF-424242?");
    expect(first.action).toBe("order_status");
    expect(first.text).toContain("FF-424242");
    expect(first.text).toMatch(/being prepared/);

    const shipped = await call("POST", "/ingest/orders/FF-424242/status", { status: "shipped", carrier: "DHL", trackingNumber: "JD0001234" });
    expect(shipped.status).toBe(200);
    expect(shipped.body.statusChanges).toEqual([{ orderId: "FF-424242", from: "processing", to: "shipped" }]);
    const second = await client.ask("and now? where is FF-424242");
    expect(second.text).toMatch(/shipped/);
    expect(second.text).toContain("JD0001234");
    client.close();
    const stored = await server.storage.shop.getOrder("FF-424242");
    expect(stored).toMatchObject({ email: "nora@example.com", shipCountry: "SE", subtotalCents: 15_600, totalCents: 15_600, status: "shipped", carrier: "DHL" });
  });

  it("is idempotent: the same upsert twice stores one row and reports an update", async () => {
    const product = { name: "Trail Runner 3", category: "running-shoes", priceCents: 13_000, variants: [{ id: "P9-42", size: "9", sizeSystem: "US", stock: 3 }, { id: "P9-43", size: "10", sizeSystem: "US", stock: 4 }] };
    const a = await call("PUT", "/ingest/products/P9", product);
    expect(a.status).toBe(200);
    const before = await counts();
    const b = await call("PUT", "/ingest/products/P9", product);
    expect(b.body.products).toEqual({ created: [], updated: ["P9"] });
    expect(await counts()).toEqual(before);
    expect((await server.storage.shop.getProduct("P9"))!.stock).toBe(7);
    const events = { events: [{ id: "ev-1", type: "view", customerId: "S1", productId: "P9", at: hour(1) }, { id: "ev-2", type: "search", query: "trail shoes", at: hour(1) }] };
    expect((await call("POST", "/ingest/events", events)).body.events).toEqual({ received: 2, stored: 2 });
    expect((await call("POST", "/ingest/events", events)).body.events).toEqual({ received: 2, stored: 0 });
  });

  it("refreshes the live catalogue when products change", async () => {
    await call("PUT", "/ingest/products/P10", { name: "Glacier Thermos", category: "outdoor-gear", priceCents: 3_000, stock: 9 });
    for (let i = 0; i < 50 && !server.app.services.catalogue.get("P10"); i++) await new Promise((r) => setTimeout(r, 50));
    expect(server.app.services.catalogue.get("P10")).toMatchObject({ name: "Glacier Thermos", stock: 9 });
  });

  it("masks the names of customers ingested after start in stored chat messages", async () => {
    const storedText = async (text: string) => {
      const client = await connectChat(server.url);
      client.send({ type: "hello" });
      const welcome = (await client.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
      await client.ask(text);
      client.close();
      return (await server.storage.driver.get<{ text: string }>("SELECT text FROM messages WHERE conversation_id = ? AND sender = 'shopper'", [welcome.conversationId]))!.text;
    };
    expect(await storedText("the parcel for Sigrun Haldorsen is late")).toContain("Haldorsen");
    await call("PUT", "/ingest/customers/N9", { email: "sigrun@example.com", name: "Sigrun Haldorsen" });
    await new Promise((r) => setTimeout(r, 1500));
    const masked = await storedText("the parcel for Sigrun Haldorsen is late");
    expect(masked).not.toContain("Haldorsen");
    expect(masked).toContain("[name]");
  });

  it("refuses a bad payload with the field at fault and changes nothing", async () => {
    const before = await counts();
    const shape = await call("POST", "/ingest/batch", {
      customers: [{ id: "B1", email: "b1@example.com", name: "B One" }],
      orders: [{ id: "FF-500001", customerId: "B1", placedAt: hour(3), items: [{ productId: "P1", quantity: 0, unitPriceCents: 100 }] }],
    });
    expect(shape.status).toBe(400);
    expect(shape.body.code).toBe("CHAT_ERR_VALIDATION");
    expect(shape.body.fields).toEqual([{ path: "orders.0.items.0.quantity", message: expect.any(String) }]);

    // Valid shapes, but the order names a product the shop never sent: the customer and product before it roll back too.
    const refs = await call("POST", "/ingest/batch", {
      products: [{ id: "P11", name: "Rain Shell", category: "apparel", priceCents: 9_900, stock: 2 }],
      customers: [{ id: "B1", email: "b1@example.com", name: "B One" }],
      orders: [{ id: "FF-500001", customerId: "B1", placedAt: hour(3), items: [{ productId: "P11", quantity: 1, unitPriceCents: 9_900 }, { productId: "NOPE", quantity: 1, unitPriceCents: 100 }] }],
      events: [{ type: "view", customerId: "B1", productId: "P11", at: hour(3) }],
    });
    expect(refs.status).toBe(400);
    expect(refs.body.fields).toEqual([{ path: "orders.0.items.1.productId", message: expect.stringContaining('no product "NOPE"') }]);
    const dup = await call("PUT", "/ingest/customers/B2", { email: "buyer1@example.com", name: "Copycat" });
    expect(dup.status).toBe(400);
    expect(dup.body.fields).toEqual([{ path: "email", message: "already used by customer S1" }]);
    const noOrder = await call("POST", "/ingest/orders/FF-000404/status", { status: "delivered" });
    expect(noOrder.status).toBe(404);
    const badJson = await call("PUT", "/ingest/customers/B3", "{not json");
    expect(badJson.status).toBe(400);
    expect(badJson.body.code).toBe("CHAT_ERR_INVALID_JSON");
    expect(await counts()).toEqual(before);
    expect(await server.storage.shop.getCustomer("B1")).toBeUndefined();
  });

  it("attributes a coupon the assistant gave to the order that redeems it, and to its experiment", async () => {
    const client = await chatAs("S1");
    const welcome = client.frames.find((f) => f.type === "welcome") as WelcomeFrame;
    client.close();
    await server.storage.dialogue.recordOffer({
      experiment: "retention", arm: "treatment", conversationId: welcome.conversationId, customerId: "S1", kind: "coupon", shown: true,
      code: "STAY-ABC123", valueCents: 1500, costCents: 1500, productIds: [], reason: "test",
    });
    const res = await call("PUT", "/ingest/orders/FF-600001", {
      customerId: "S1", placedAt: new Date(Date.now() + 1000).toISOString(), items: [{ productId: "P3", quantity: 1, unitPriceCents: 8_500 }],
      discountCodes: [{ code: "stay-abc123", amountCents: 1500 }],
    });
    expect(res.status).toBe(200);
    expect(res.body.redemptions).toEqual([expect.objectContaining({ code: "STAY-ABC123", experiment: "retention", arm: "treatment", orderId: "FF-600001", conversationId: welcome.conversationId })]);
    const offer = await server.storage.driver.get<{ redeemed_order_id: string }>("SELECT redeemed_order_id FROM offers WHERE code = ?", ["STAY-ABC123"]);
    expect(offer!.redeemed_order_id).toBe("FF-600001");
    expect((await server.storage.shop.getOrder("FF-600001"))!).toMatchObject({ discountCents: 1500, totalCents: 7_000, promoCode: "STAY-ABC123" });
    const uplift = await call("GET", "/experiments/retention/uplift", undefined, adminKey);
    expect(uplift.body.codeRedemptions).toEqual([{ arm: "treatment", shown: 1, redeemed: 1 }]);
    // Sending the order again does not redeem twice.
    const again = await call("PUT", "/ingest/orders/FF-600001", {
      customerId: "S1", placedAt: new Date(Date.now() + 1000).toISOString(), items: [{ productId: "P3", quantity: 1, unitPriceCents: 8_500 }], discountCodes: ["STAY-ABC123"],
    });
    expect(again.body.redemptions).toEqual([]);
  });
});

const shopifyOrder = (over: Json = {}) => ({
  id: 820982911946154500, name: "#1001", email: "jon@example.com", created_at: "2026-05-01T10:00:00-04:00", processed_at: "2026-05-01T10:00:00-04:00",
  updated_at: "2026-05-02T09:00:00-04:00", cancelled_at: null, financial_status: "paid", fulfillment_status: null, currency: "USD",
  subtotal_price: "199.00", total_price: "189.00", total_discounts: "10.00", total_shipping_price_set: { shop_money: { amount: "0.00", currency_code: "USD" } },
  discount_codes: [{ code: "SPRING10", amount: "10.00", type: "fixed_amount" }],
  line_items: [{ id: 466157049, product_id: 632910392, variant_id: 39072856, sku: "IPOD2008GREEN", title: "Trail pack", quantity: 1, price: "199.00" }],
  shipping_lines: [{ title: "Standard", code: "Standard", price: "0.00" }],
  shipping_address: { country_code: "US", province: "Vermont" },
  fulfillments: [],
  customer: { id: 115310627314723950, email: "jon@example.com", first_name: "Jon", last_name: "Snow", created_at: "2026-04-01T10:00:00-04:00", email_marketing_consent: { state: "subscribed" }, default_address: { country_code: "US", province: "Vermont" } },
  ...over,
});

describe("Shopify webhooks", () => {
  const secret = "shpss_test_secret_0123456789";
  let path = "";
  beforeAll(async () => {
    const res = await call("POST", "/admin/integrations", { kind: "shopify", name: "main shop", secret }, adminKey);
    expect(res.status).toBe(201);
    path = res.body.webhookPath as string;
  });
  const post = (topic: string, body: string, hmac: string) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-shopify-topic": topic, "x-shopify-hmac-sha256": hmac }, body });

  it("accepts orders/create with a valid X-Shopify-Hmac-Sha256 and stores the order, its customer and a placeholder product", async () => {
    const body = JSON.stringify(shopifyOrder());
    const res = await post("orders/create", body, signShopifyBody(body, secret));
    expect(res.status).toBe(200);
    const order = await server.storage.shop.getOrder("1001");
    expect(order).toMatchObject({ customerId: "115310627314723950", status: "processing", subtotalCents: 19_900, discountCents: 1_000, totalCents: 18_900, promoCode: "SPRING10", placedAt: "2026-05-01T14:00:00.000Z" });
    expect(order!.items).toEqual([{ productId: "632910392", quantity: 1, unitPriceCents: 19_900 }]);
    expect(await server.storage.shop.getCustomer("115310627314723950")).toMatchObject({ name: "Jon Snow", marketingConsent: true, region: "Vermont" });
    expect(await server.storage.shop.getProduct("632910392")).toMatchObject({ name: "Trail pack", category: "uncategorised", stock: 0 });
  });

  it("maps orders/updated with a fulfilment onto shipped with tracking", async () => {
    const body = JSON.stringify(shopifyOrder({ fulfillment_status: "fulfilled", fulfillments: [{ created_at: "2026-05-02T08:00:00-04:00", tracking_company: "UPS", tracking_number: "1Z999AA10123456784", shipment_status: "in_transit" }] }));
    expect((await post("orders/updated", body, signShopifyBody(body, secret))).status).toBe(200);
    expect(await server.storage.shop.getOrder("1001")).toMatchObject({ status: "shipped", carrier: "UPS", trackingNumber: "1Z999AA10123456784", shippedAt: "2026-05-02T12:00:00.000Z" });
  });

  it("refuses a wrong signature, a signature of another body, and an unknown integration, storing nothing", async () => {
    const before = await counts();
    const body = JSON.stringify(shopifyOrder({ name: "#1002" }));
    expect((await post("orders/create", body, signShopifyBody(body, "another-secret-entirely"))).status).toBe(401);
    expect((await post("orders/create", body, signShopifyBody(body + " ", secret))).status).toBe(401);
    expect((await post("orders/create", body, "")).status).toBe(401);
    const unknown = await fetch(`${server.url}/api/ingest/shopify/int_unknown`, { method: "POST", headers: { "x-shopify-topic": "orders/create", "x-shopify-hmac-sha256": signShopifyBody(body, secret) }, body });
    expect(unknown.status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("updates a customer from customers/update (consent withdrawn) and names the field of a bad payload", async () => {
    const customer = { id: 115310627314723950, email: "jon@example.com", first_name: "Jon", last_name: "Snow", email_marketing_consent: { state: "unsubscribed" }, tags: "vip, no-profiling" };
    const body = JSON.stringify(customer);
    expect((await post("customers/update", body, signShopifyBody(body, secret))).status).toBe(200);
    expect(await server.storage.shop.getCustomer("115310627314723950")).toMatchObject({ marketingConsent: false, profilingConsent: false });
    const bad = JSON.stringify(shopifyOrder({ line_items: [{ id: 1, product_id: 2, title: "x", quantity: 1, price: "ten" }] }));
    const res = await post("orders/create", bad, signShopifyBody(bad, secret));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).fields).toEqual([{ path: "line_items.0.price", message: expect.any(String) }]);
  });
});
