/**
 * The live-data storage cases (ingest upserts, API keys, the webhook queue's claim) run against every storage
 * implementation (SQLite, PostgreSQL), including the concurrent claim that several instances depend on.
 */
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createApiKeys } from "../../server/apikeys/index.ts";
import { createMemoryBus } from "../../server/cluster/index.ts";
import { createIngestService, CustomerInput, OrderInput, ProductInput, type IngestBatch } from "../../server/ingest/index.ts";
import type { Storage } from "../../server/storage/index.ts";

const batch = (b: Partial<IngestBatch>): IngestBatch => ({ products: [], customers: [], orders: [], statusChanges: [], events: [], ...b });
const product = (id: string, extra: object = {}) => ProductInput.parse({ id, name: `Product ${id}`, category: "outdoor-gear", priceCents: 1000, stock: 3, ...extra });
const customer = (id: string, email: string) => CustomerInput.parse({ id, email, name: `Customer ${id}` });
const order = (id: string, customerId: string, extra: object = {}) =>
  OrderInput.parse({ id, customerId, placedAt: "2026-03-01T10:00:00Z", items: [{ productId: "P1", quantity: 2, unitPriceCents: 1000 }], ...extra });

/** Run the live-data contract against one implementation; `open` gives a fresh, migrated, empty storage. */
export function liveDataContract(name: string, open: () => Promise<Storage>): void {
  describe(`live-data storage contract: ${name}`, () => {
    const service = (s: Storage) => createIngestService({ db: s.driver, bus: createMemoryBus(pino({ level: "silent" })) });

    it("upserts customers, products with variants and orders with codes, idempotently, and records status changes", async () => {
      const s = await open();
      const ingest = service(s);
      const first = await ingest.apply(batch({
        products: [product("P1", { stock: undefined, variants: [{ id: "P1-S", size: "S", sizeSystem: "apparel", stock: 2 }, { id: "P1-M", size: "M", sizeSystem: "apparel", stock: 5 }] })],
        customers: [customer("C1", "c1@example.com")],
        orders: [order("O1", "C1", { discountCodes: ["spring", { code: "SPRING", amountCents: 300 }] })],
        events: [{ id: "e1", type: "view", customerId: "C1", productId: "P1", query: null, at: "2026-03-01T09:00:00Z" }],
      }), "api");
      expect(first.products.created).toEqual(["P1"]);
      expect(first.events).toEqual({ received: 1, stored: 1 });
      const codesOf = (id: string) => s.driver.all<{ code: string; amount_cents: number }>("SELECT code, amount_cents FROM order_discount_codes WHERE order_id = ?", [id]);
      // Codes are upper-cased and a code given twice is stored once.
      expect((await codesOf("O1")).map((c) => [c.code, Number(c.amount_cents)])).toEqual([["SPRING", 300]]);
      const again = await ingest.apply(batch({
        products: [product("P1", { stock: undefined, variants: [{ id: "P1-M", size: "M", sizeSystem: "apparel", stock: 4 }] })],
        orders: [order("O1", "C1", { status: "shipped", shippedAt: "2026-03-02T10:00:00Z", items: [{ productId: "P1", quantity: 1, unitPriceCents: 1000 }] })],
        events: [{ id: "e1", type: "view", customerId: "C1", productId: "P1", query: null, at: "2026-03-01T09:00:00Z" }],
      }), "api");
      expect(again.products.updated).toEqual(["P1"]);
      expect(again.orders.updated).toEqual(["O1"]);
      expect(again.statusChanges).toEqual([{ orderId: "O1", from: "processing", to: "shipped" }]);
      expect(again.events.stored).toBe(0);
      const [p] = await s.shop.listProductsWithDetails(["P1"]);
      expect(p.stock).toBe(4);
      expect(p.variants.map((v) => v.id)).toEqual(["P1-M"]);
      const o = await s.shop.getOrder("O1");
      expect(o).toMatchObject({ status: "shipped", subtotalCents: 1000, items: [{ productId: "P1", quantity: 1, unitPriceCents: 1000 }] });
      // An update replaces the order's lines and codes as sets (this one used none).
      expect(await codesOf("O1")).toEqual([]);
      const history = await s.driver.all<{ status: string }>("SELECT status FROM order_status_history WHERE order_id = ? ORDER BY at", ["O1"]);
      expect(history.map((h) => h.status)).toEqual(["processing", "shipped"]);
      await s.close();
    });

    it("rolls a whole batch back when one record is refused", async () => {
      const s = await open();
      const ingest = service(s);
      await expect(ingest.apply(batch({ products: [product("P1")], customers: [customer("C1", "c1@example.com")], orders: [order("O1", "C9")] }), "api")).rejects.toMatchObject({
        code: "CHAT_ERR_VALIDATION", cause: { fields: [{ path: "orders.0.customerId", message: expect.stringContaining('no customer "C9"') }] },
      });
      expect(await s.shop.isEmpty()).toBe(true);
      await ingest.apply(batch({ products: [product("P1", { stock: undefined, variants: [{ id: "SKU-1", stock: 1 }] })] }), "api");
      await expect(ingest.apply(batch({ products: [product("P2", { stock: undefined, variants: [{ id: "SKU-1", stock: 1 }] })] }), "api")).rejects.toMatchObject({
        cause: { fields: [{ path: "products.0.variants.0.id", message: "SKU SKU-1 belongs to product P1" }] },
      });
      expect(await s.shop.getProduct("P2")).toBeUndefined();
      await s.close();
    });

    it("stores only the hash of an API key, revokes it once, and moves its last use only forward", async () => {
      const s = await open();
      let now = new Date("2026-01-01T00:00:00Z");
      const keys = createApiKeys({ store: s.apiKeys, clock: () => now, touchEveryMs: 0 });
      const { key, record } = await keys.create({ name: "shop", scopes: ["ingest:write", "ingest:write"] });
      expect(record.scopes).toEqual(["ingest:write"]);
      expect(JSON.stringify(await s.driver.all("SELECT * FROM api_keys"))).not.toContain(key);
      expect((await keys.verify(key))?.id).toBe(record.id);
      now = new Date("2026-01-02T00:00:00Z");
      await keys.verify(key);
      await s.apiKeys.touch(record.id, "2025-12-31T00:00:00Z");
      expect((await s.apiKeys.get(record.id))?.lastUsedAt).toBe("2026-01-02T00:00:00.000Z");
      await expect(keys.create({ name: "x", scopes: ["root"] })).rejects.toMatchObject({ code: "CHAT_ERR_VALIDATION" });
      const [a, b] = await Promise.allSettled([keys.revoke(record.id), keys.revoke(record.id)]);
      expect([a.status, b.status].sort()).toEqual(["fulfilled", "rejected"]);
      expect(await keys.verify(key)).toBeUndefined();
      await s.close();
    });

    it("gives a due webhook delivery to exactly one of several claiming instances, and to another once the claim expires", async () => {
      const s = await open();
      await s.webhooks.insertEndpoint({ id: "whe_1", url: "http://127.0.0.1:9/x", secret: "whsec_x", events: ["*"], description: "", createdAt: "2026-01-01T00:00:00Z" });
      await s.webhooks.enqueue([{ id: "whd_1", endpointId: "whe_1", eventId: "evt_1", eventType: "handoff.requested", payload: "{}", createdAt: "2026-01-01T00:00:00Z" }]);
      const now = "2026-01-01T00:00:01Z";
      const wins = await Promise.all(["a", "b", "c", "d"].map((i) => s.webhooks.claim("whd_1", i, now, "2026-01-01T00:01:00Z")));
      expect(wins.filter(Boolean)).toHaveLength(1);
      const winner = ["a", "b", "c", "d"][wins.indexOf(true)];
      expect(await s.webhooks.due(now, 10)).toEqual([]);
      // A claim that ran out (its instance died) lets another instance deliver; the old claimant can no longer finish it.
      expect(await s.webhooks.claim("whd_1", "e", "2026-01-01T00:02:00Z", "2026-01-01T00:03:00Z")).toBe(true);
      const outcome = { status: "delivered" as const, statusCode: 200, error: null, at: "2026-01-01T00:02:01Z", durationMs: 5 };
      expect(await s.webhooks.finish("whd_1", winner, outcome)).toBe(false);
      expect(await s.webhooks.finish("whd_1", "e", outcome)).toBe(true);
      expect(await s.webhooks.getDelivery("whd_1")).toMatchObject({ status: "delivered", attempts: 1, deliveredAt: "2026-01-01T00:02:01Z" });
      expect(await s.webhooks.listAttempts("whd_1")).toEqual([{ attempt: 1, at: "2026-01-01T00:02:01Z", statusCode: 200, error: null, durationMs: 5, instance: "e" }]);
      await s.close();
    });
  });
}
