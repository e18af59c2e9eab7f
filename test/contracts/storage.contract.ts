/**
 * One contract suite for every storage implementation (SQLite, PostgreSQL): the same cases, including
 * the concurrent ones that several instances depend on (one winner of a claim, one reply per message).
 */
import { describe, expect, it } from "vitest";
import type { Order, Storage } from "../../server/storage/index.ts";
import { insertShopData } from "../../server/storage/index.ts";

const at = (d: string) => new Date(d).toISOString();

function tinyShop() {
  const products = [
    { id: "P1", name: "Trail Shoe", category: "running-shoes", subcategory: "trail", brand: "Fjell", description: "A shoe", priceCents: 12999, stock: 5, weightKg: 0.6, consumable: false, tags: ["trail"], createdAt: at("2025-01-01") },
    { id: "P2", name: "Energy Gel", category: "outdoor-gear", subcategory: "nutrition", brand: "Field", description: "Gel", priceCents: 299, stock: 100, weightKg: 0.05, consumable: true, tags: [], createdAt: at("2025-01-01") },
  ];
  const customers = [
    { id: "C1", email: "ann@example.com", name: "Ann Example", country: "US", region: null, createdAt: at("2025-01-02"), summitMember: true, marketingConsent: true, profilingConsent: true, persona: null },
    { id: "C2", email: "bob@example.com", name: "Bob Example", country: "CA", region: "ON", createdAt: at("2025-01-03"), summitMember: false, marketingConsent: false, profilingConsent: false, persona: "x" },
  ];
  const order = (id: string, customerId: string, placedAt: string, status: Order["status"]): Order => ({
    id, customerId, email: `${customerId.toLowerCase()}@example.com`, placedAt: at(placedAt), status, shippingMethod: "standard", shipCountry: "US",
    subtotalCents: 13298, discountCents: 0, shippingCents: 0, totalCents: 13298, promoCode: null, carrier: "UPS", trackingNumber: "1Z",
    shippedAt: null, deliveredAt: null, returnedAt: null, cancelledAt: null,
    items: [{ productId: "P1", quantity: 1, unitPriceCents: 12999 }, { productId: "P2", quantity: 1, unitPriceCents: 299 }],
  });
  return {
    products, customers,
    orders: [order("FF-000001", "C1", "2025-02-01", "delivered"), order("FF-000002", "C1", "2025-03-01", "shipped"), order("FF-000003", "C2", "2025-03-05", "processing")],
    events: [{ customerId: "C1", type: "view" as const, productId: "P1", query: null, at: at("2025-02-01") }],
  };
}

/** Run the storage contract against one implementation; `open` gives a fresh, migrated, empty storage. */
export function storageContract(name: string, open: () => Promise<Storage>): void {
  describe(`storage contract: ${name}`, () => {
    it("loads a shop and reads orders with their items, newest first", async () => {
      const s = await open();
      expect(await s.shop.isEmpty()).toBe(true);
      await insertShopData(s.driver, tinyShop());
      expect(await s.shop.isEmpty()).toBe(false);
      const o = await s.shop.getOrder("FF-000001");
      expect(o?.items).toEqual([{ productId: "P1", quantity: 1, unitPriceCents: 12999 }, { productId: "P2", quantity: 1, unitPriceCents: 299 }]);
      expect((await s.shop.listCustomerOrders("C1")).map((x) => x.id)).toEqual(["FF-000002", "FF-000001"]);
      expect((await s.shop.getCustomer("C2"))?.profilingConsent).toBe(false);
      expect((await s.shop.getProduct("P2"))?.consumable).toBe(true);
      expect((await s.shop.getProducts(["P2", "nope", "P1"])).map((p) => p.id)).toEqual(["P2", "P1"]);
      expect(await s.shop.listProductCategories()).toEqual([
        { category: "outdoor-gear", subcategory: "nutrition", products: 1 },
        { category: "running-shoes", subcategory: "trail", products: 1 },
      ]);
      await s.close();
    });

    it("numbers concurrent messages of one conversation 1..n without gaps or repeats", async () => {
      const s = await open();
      const c = await s.conversations.create(null, "es-ES");
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => s.conversations.append(c.id, { sender: "shopper", clientId: `m${i}`, replyTo: `m${i}`, text: `hi ${i}`, action: null, payload: {} })),
      );
      expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await s.conversations.get(c.id))?.lastSeq).toBe(20);
      expect((await s.conversations.get(c.id))?.locale).toBe("es-ES");
      await s.close();
    });

    it("stores a resent shopper message and a second bot reply to it only once", async () => {
      const s = await open();
      const c = await s.conversations.create(null);
      const m = { sender: "shopper" as const, clientId: "same", replyTo: "same", text: "hello", action: null, payload: {}, responder: "bot" };
      const [a, b] = await Promise.all([s.conversations.append(c.id, m), s.conversations.append(c.id, m)]);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      expect(a.message.seq).toBe(b.message.seq);
      expect((await s.conversations.unanswered(at("2000-01-01"))).map((u) => u.message.clientId)).toEqual(["same"]);
      expect((await s.conversations.unansweredIn(c.id)).map((m) => m.clientId)).toEqual(["same"]);
      const reply = { sender: "bot" as const, clientId: null, replyTo: "same", text: "hi!", action: "smalltalk", payload: {} };
      const [r1, r2] = await Promise.all([s.conversations.append(c.id, reply), s.conversations.append(c.id, { ...reply, text: "hello again" })]);
      expect([r1.created, r2.created].sort()).toEqual([false, true]);
      expect(r1.message.text).toBe(r2.message.text);
      expect(await s.conversations.unanswered(at("2000-01-01"))).toEqual([]);
      expect(await s.conversations.unansweredIn(c.id)).toEqual([]);
      expect((await s.conversations.messagesAfter(c.id, 0)).length).toBe(2);
      await s.close();
    });

    it("lets exactly one of two concurrent callers change a conversation's state", async () => {
      const s = await open();
      const c = await s.conversations.create(null);
      const wins = await Promise.all([s.conversations.compareAndSetState(c.id, "bot", "queued"), s.conversations.compareAndSetState(c.id, "bot", "queued")]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect((await s.conversations.get(c.id))?.state).toBe("queued");
      await s.close();
    });

    it("gives a queued handoff to exactly one of two claiming agents and keeps one open episode per conversation", async () => {
      const s = await open();
      const c = await s.conversations.create(null);
      const h = { conversationId: c.id, team: "orders" as const, reason: "asked", priorityBase: 0.5, priorityClass: "normal" as const, customerValue: {}, queuedAt: at("2025-01-01") };
      const [e1, e2] = await Promise.all([s.handoff.enqueue(h), s.handoff.enqueue(h)]);
      expect([e1.created, e2.created].sort()).toEqual([false, true]);
      expect(e1.record.id).toBe(e2.record.id);
      for (const id of ["a1", "a2"]) {
        await s.auth.insertAgent({ id, email: `${id}@x.test`, name: id, role: "agent", passwordHash: "h", skills: ["orders"], capacity: 3, createdAt: at("2025-01-01") });
      }
      const claims = await Promise.all([s.handoff.claim(e1.record.id, "a1", at("2025-01-02")), s.handoff.claim(e1.record.id, "a2", at("2025-01-02"))]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      const open1 = await s.handoff.getOpen(c.id);
      expect(open1?.status).toBe("assigned");
      expect(open1?.agentId).toBe(claims[0] ? "a1" : "a2");
      expect(await s.handoff.markSlaBreached(e1.record.id, at("2025-01-03"))).toBe(true);
      expect(await s.handoff.markSlaBreached(e1.record.id, at("2025-01-04"))).toBe(false);
      expect(await s.handoff.end(e1.record.id, "closed", at("2025-01-05"), "done")).toBe(true);
      expect(await s.handoff.end(e1.record.id, "closed", at("2025-01-05"), "done")).toBe(false);
      expect(await s.handoff.listOpen()).toEqual([]);
      await s.close();
    });

    it("counts concurrent failed logins atomically and locks at the limit", async () => {
      const s = await open();
      await s.auth.insertAgent({ id: "a1", email: "Agent@X.test", name: "A", role: "agent", passwordHash: "h", skills: ["general"], capacity: 3, createdAt: at("2025-01-01") });
      expect((await s.auth.findAgentByEmail("agent@x.TEST"))?.id).toBe("a1");
      const results = await Promise.all(Array.from({ length: 10 }, () => s.auth.recordFailedLogin("a1", 5, at("2030-01-01"), at("2025-06-01"))));
      expect(results.map((r) => r.failedLogins).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect((await s.auth.getAgent("a1"))?.lockedUntil).toBe(at("2030-01-01"));
      await s.close();
    });

    it("assigns an experiment arm once, whoever asks first, and measures conversions within the window", async () => {
      const s = await open();
      await insertShopData(s.driver, tinyShop());
      const c = await s.conversations.create("C1");
      const arms = await Promise.all([
        s.dialogue.assignArm("upsell", "C1", "C1", () => "treatment"),
        s.dialogue.assignArm("upsell", "C1", "C1", () => "holdout"),
      ]);
      expect(arms[0]).toBe(arms[1]);
      await s.dialogue.recordOffer({ experiment: "upsell", arm: arms[0], conversationId: c.id, customerId: "C1", kind: "coupon", shown: true, code: "X", valueCents: 500, costCents: 500, productIds: ["P1"], reason: "r" });
      expect(await s.dialogue.spentSince("upsell", at("2000-01-01"))).toBe(500);
      const outcomes = await s.dialogue.outcomes("upsell", at("2000-01-01"), at("2100-01-01"), 14);
      expect(outcomes.find((o) => o.arm === arms[0])).toEqual({ arm: arms[0], units: 1, converted: 0, revenueCents: 0 });
      await s.dialogue.setMemory(c.id, { a: 1 });
      await s.dialogue.setMemory(c.id, { a: 2 });
      expect(await s.dialogue.getMemory(c.id)).toEqual({ a: 2 });
      await s.close();
    });

    it("numbers knowledge versions per file, keeps their text and gate, and finds the newest of each", async () => {
      const s = await open();
      const v = (path: string, action: "found" | "edit" | "delete", content: string | null, extra: Partial<Parameters<typeof s.knowledgeVersions.record>[0][number]> = {}) => ({
        path, kind: "faq" as const, entryId: path.split("/").at(-1)!.replace(/\.md$/, ""), lang: null, action, content, contentHash: content && `h-${content.length}`,
        authorId: action === "found" ? null : "a1", authorEmail: action === "found" ? null : "admin@x.test", createdAt: at("2025-05-01"), changeId: "c1",
        rollbackOf: null, gate: null, regressionConfirmed: false, note: null, ...extra,
      });
      const first = await s.knowledgeVersions.record([v("faq/a/x.md", "found", "one"), v("faq/a/y.md", "found", "why")]);
      expect(first.map((r) => [r.path, r.version])).toEqual([["faq/a/x.md", 1], ["faq/a/y.md", 1]]);
      const [edit] = await s.knowledgeVersions.record([v("faq/a/x.md", "edit", "two", { gate: { worse: 1 }, regressionConfirmed: true, changeId: "c2" })]);
      expect(edit).toMatchObject({ version: 2, content: "two", gate: { worse: 1 }, regressionConfirmed: true, authorEmail: "admin@x.test" });
      await s.knowledgeVersions.record([v("faq/a/y.md", "delete", null, { changeId: "c3" })]);
      expect((await s.knowledgeVersions.latest("faq/a/x.md"))?.content).toBe("two");
      expect((await s.knowledgeVersions.previous("faq/a/x.md", 2))?.content).toBe("one");
      expect((await s.knowledgeVersions.latestOfEach()).map((r) => [r.path, r.version, r.content])).toEqual([["faq/a/x.md", 2, "two"], ["faq/a/y.md", 2, null]]);
      expect((await s.knowledgeVersions.history({ path: "faq/a/x.md" })).map((r) => r.version)).toEqual([2, 1]);
      expect((await s.knowledgeVersions.history({ limit: 2 })).map((r) => r.changeId)).toEqual(["c3", "c2"]);
      expect(await s.knowledgeVersions.get(edit.id)).toEqual(edit);
      await s.close();
    });
  });
}
