/**
 * The privacy storage contract, run on every storage implementation (SQLite, PostgreSQL): export scope,
 * erasure (no trace left in any table the catalogue lists), transcript retention and the audit log.
 */
import { describe, expect, it } from "vitest";
import type { Order, Storage } from "../../server/storage/index.ts";
import { findTraces, insertShopData, listCatalogueTables } from "../../server/storage/index.ts";

const at = (d: string) => new Date(d).toISOString();

const ANN = { customerId: "C10001", email: "ann.kowalczyk@example.com", name: "Ann Kowalczyk" };
const BOB = { customerId: "C10002", email: "bob.tremblay@example.com", name: "Bob Tremblay" };

function shop() {
  const customer = (c: typeof ANN, orders: boolean) => ({
    id: c.customerId, email: c.email, name: c.name, country: "US", region: "NY", createdAt: at("2025-01-02"), summitMember: true, marketingConsent: true, profilingConsent: true, persona: orders ? "loyal" : null,
  });
  const order = (id: string, customerId: string, email: string): Order => ({
    id, customerId, email, placedAt: at("2025-02-01"), status: "delivered", shippingMethod: "standard", shipCountry: "US",
    subtotalCents: 12999, discountCents: 0, shippingCents: 0, totalCents: 12999, promoCode: null, carrier: "UPS", trackingNumber: `1Z${id}`,
    shippedAt: null, deliveredAt: null, returnedAt: null, cancelledAt: null, items: [{ productId: "P1", quantity: 1, unitPriceCents: 12999 }],
  });
  return {
    products: [{ id: "P1", name: "Trail Shoe", category: "running-shoes", subcategory: "trail", brand: "Fjell", description: "A shoe", priceCents: 12999, stock: 5, weightKg: 0.6, consumable: false, tags: [], createdAt: at("2025-01-01") }],
    customers: [customer(ANN, true), customer(BOB, false), { ...customer({ customerId: "C10003", email: "cy@example.com", name: "Cy Other" }, true) }],
    orders: [order("FF-100001", ANN.customerId, ANN.email), order("FF-100002", ANN.customerId, ANN.email), order("FF-100003", "C10003", "cy@example.com")],
    events: [
      { customerId: ANN.customerId, type: "search" as const, productId: null, query: "trail shoes", at: at("2025-02-01") },
      { customerId: "C10003", type: "view" as const, productId: "P1", query: null, at: at("2025-02-01") },
    ],
  };
}

/** A conversation with a shopper message, a bot reply with a decision record, memory, feedback, a note, a transition and a handoff. */
async function richConversation(s: Storage, customerId: string | null, agentId: string) {
  const c = await s.conversations.create(customerId, "en-US");
  await s.conversations.append(c.id, { sender: "shopper", clientId: "m1", replyTo: null, text: "where is my order [email]", action: null, payload: {} });
  await s.conversations.append(c.id, {
    sender: "bot", clientId: null, replyTo: "m1", text: "It shipped.", action: "order_status",
    payload: { decision: { rule: "orders/status", customer: customerId ? { id: customerId } : undefined } },
  });
  await s.dialogue.setMemory(c.id, { lastShopperText: "where is my order" });
  await s.conversations.addFeedback(c.id, "up", 2);
  await s.handoff.recordTransition({ conversationId: c.id, from: "bot", to: "queued", actor: "bot", reason: "explicit", at: at("2025-02-02") });
  const h = await s.handoff.enqueue({ conversationId: c.id, team: "orders", reason: "explicit", priorityBase: 0.5, priorityClass: "normal", customerValue: { clvCents: 1000 }, queuedAt: at("2025-02-02") });
  await s.handoff.end(h.record.id, "closed", at("2025-02-02"), "resolved");
  await s.handoff.addNote(c.id, agentId, "customer asked twice", at("2025-02-02"));
  if (customerId) {
    await s.dialogue.assignArm("upsell", `customer:${customerId}`, customerId, () => "treatment");
    await s.dialogue.recordOffer({ experiment: "upsell", arm: "treatment", conversationId: c.id, customerId, kind: "bought_together", shown: true, code: null, valueCents: 299, costCents: 0, productIds: ["P1"], reason: "test" });
  }
  return c;
}

async function seed(s: Storage) {
  await insertShopData(s.driver, shop());
  await s.driver.run("INSERT INTO agents (id, email, name, role, password_hash, created_at) VALUES ('A1', 'agent@shop.example', 'Agent', 'agent', 'x', ?)", [at("2025-01-01")]);
  const mine = await richConversation(s, ANN.customerId, "A1");
  // An anonymous out-of-hours ticket that carries Ann's e-mail is hers too.
  const anon = await s.conversations.create(null);
  await s.conversations.append(anon.id, { sender: "shopper", clientId: "t1", replyTo: null, text: "please call me back", action: null, payload: {} });
  const t = await s.handoff.startTicket(anon.id, "explicit", at("2025-02-03"));
  await s.handoff.updateTicket(t.id, { email: ANN.email.toUpperCase(), message: "please call me back", status: "open" });
  // Someone else's conversation whose note quotes Ann: the quote is cut out, the rest stays.
  const other = await richConversation(s, "C10003", "A1");
  await s.handoff.addNote(other.id, "A1", `same address as ${ANN.name} (${ANN.customerId})`, at("2025-02-04"));
  await s.audit.append({ actor: "admin-token", action: "profile.read", subject: ANN.customerId });
  return { mine, anon, other };
}

const needles = (c: typeof ANN) => [c.customerId, c.email, c.name];

/** Run the privacy contract against one implementation; `open` gives a fresh, migrated, empty storage. */
export function privacyContract(name: string, open: () => Promise<Storage>): void {
  describe(`privacy storage contract: ${name}`, () => {
    it("lists every table from the catalogue, including the audit log and receipts", async () => {
      const s = await open();
      const tables = (await listCatalogueTables(s.driver)).map((t) => t.table);
      expect(tables).toEqual(expect.arrayContaining(["customers", "orders", "messages", "tickets", "audit_log", "erasure_receipts", "schema_migrations"]));
      await s.close();
    });

    it("collects a customer's rows across tables, including an anonymous ticket with their e-mail", async () => {
      const s = await open();
      const { mine, anon } = await seed(s);
      const rows = await s.privacy.collect((await s.privacy.subject(ANN.customerId))!);
      expect(rows.customers).toHaveLength(1);
      expect(rows.orders.map((o) => o.id).sort()).toEqual(["FF-100001", "FF-100002"]);
      expect(rows.order_items).toHaveLength(2);
      expect((rows.conversations.map((c) => c.id) as string[]).sort()).toEqual([mine.id, anon.id].sort());
      expect(rows.messages).toHaveLength(3);
      expect(rows.messages.find((m) => m.sender === "bot")?.payload).toMatchObject({ decision: { rule: "orders/status" } });
      expect(rows.tickets).toHaveLength(1);
      for (const t of ["dialogue_memory", "feedback", "conversation_transitions", "handoffs", "agent_notes", "offers", "experiment_assignments", "events", "audit_log"]) {
        expect(rows[t]?.length, t).toBeGreaterThan(0);
      }
      await s.close();
    });

    it("erases a customer with orders: no trace of id, e-mail or name in any table; orders kept under a pseudonym", async () => {
      const s = await open();
      const { other } = await seed(s);
      expect((await findTraces(s.driver, needles(ANN))).length).toBeGreaterThan(5);
      const counts = await s.privacy.erase((await s.privacy.subject(ANN.customerId))!, "ERASED-abc123");
      expect(counts).toEqual(expect.arrayContaining([
        { table: "messages", action: "deleted", rows: 3 },
        { table: "tickets", action: "deleted", rows: 1 },
        { table: "orders", action: "pseudonymised", rows: 2 },
        { table: "customers", action: "anonymised", rows: 1 },
        { table: "agent_notes", action: "redacted", rows: 1 },
        { table: "audit_log", action: "pseudonymised", rows: 1 },
      ]));
      expect(await findTraces(s.driver, needles(ANN))).toEqual([]);
      const kept = await s.shop.listCustomerOrders("ERASED-abc123");
      expect(kept.map((o) => [o.id, o.totalCents, o.trackingNumber, o.email])).toEqual([
        ["FF-100002", 12999, null, "erased-abc123@erased.invalid"],
        ["FF-100001", 12999, null, "erased-abc123@erased.invalid"],
      ]);
      expect((await s.shop.getCustomer("ERASED-abc123"))?.name).toBe("Erased customer");
      // Another customer's data is untouched, except the quote of Ann in a note.
      expect((await s.shop.listCustomerOrders("C10003")).map((o) => o.trackingNumber)).toEqual(["1ZFF-100003"]);
      expect((await s.conversations.messagesAfter(other.id, 0)).length).toBe(2);
      expect((await s.handoff.notes(other.id)).map((n) => n.text)).toEqual(["customer asked twice", "same address as [erased] ([erased])"]);
      expect(await s.audit.list({ subject: "ERASED-abc123" })).toHaveLength(1);
      await s.close();
    });

    it("deletes a customer row that nothing else references", async () => {
      const s = await open();
      await seed(s);
      const counts = await s.privacy.erase((await s.privacy.subject(BOB.customerId))!, "ERASED-bob");
      expect(counts).toEqual([{ table: "customers", action: "deleted", rows: 1 }]);
      expect(await s.shop.getCustomer("ERASED-bob")).toBeUndefined();
      expect(await findTraces(s.driver, needles(BOB))).toEqual([]);
      await s.close();
    });

    it("reports the customer's conversations still queued or with an agent", async () => {
      const s = await open();
      const { mine } = await seed(s);
      const subject = (await s.privacy.subject(ANN.customerId))!;
      expect(await s.privacy.openHandoffs(subject)).toEqual([]);
      await s.conversations.setState(mine.id, "agent");
      expect(await s.privacy.openHandoffs(subject)).toEqual([mine.id]);
      await s.close();
    });

    it("purges the transcripts of conversations idle past the cutoff and keeps recent and live ones", async () => {
      const s = await open();
      const { mine, other } = await seed(s);
      const recent = await s.conversations.create(null);
      await s.conversations.append(recent.id, { sender: "shopper", clientId: "r1", replyTo: null, text: "hello", action: null, payload: {} });
      await s.conversations.setState(other.id, "agent");
      await s.driver.run("UPDATE conversations SET updated_at = ? WHERE id IN (?, ?)", [at("2024-01-01"), mine.id, other.id]);
      const counts = await s.privacy.purgeTranscripts(at("2025-01-01"));
      expect(counts.find((c) => c.table === "messages")?.rows).toBe(2);
      expect(counts.find((c) => c.table === "dialogue_memory")?.rows).toBe(1);
      expect(counts.find((c) => c.table === "feedback")?.rows).toBe(1);
      expect(await s.conversations.messagesAfter(mine.id, 0)).toEqual([]);
      expect(await s.dialogue.getMemory(mine.id)).toBeUndefined();
      expect((await s.conversations.messagesAfter(other.id, 0)).length).toBe(2); // with an agent: kept
      expect((await s.conversations.messagesAfter(recent.id, 0)).length).toBe(1);
      expect(await s.conversations.get(mine.id)).toBeDefined(); // the conversation row stays (offers, statistics)
      await s.close();
    });

    it("appends audit entries and lists them newest first with filters", async () => {
      const s = await open();
      await s.audit.append({ actor: "agent:A1", action: "sidebar.read", subject: "C1", conversationId: "conv-1" });
      await s.audit.append({ actor: "admin-token", action: "profile.read", subject: "C1" });
      await s.audit.append({ actor: "admin-token", action: "profile.read", subject: "C2", detail: { k: 5 } });
      expect((await s.audit.list({ subject: "C1" })).map((e) => e.action)).toEqual(["profile.read", "sidebar.read"]);
      expect((await s.audit.list({ actor: "admin-token" })).map((e) => e.subject)).toEqual(["C2", "C1"]);
      const [latest] = await s.audit.list({ limit: 1 });
      expect(latest).toMatchObject({ subject: "C2", detail: { k: 5 }, conversationId: null });
      expect(await s.audit.list({ beforeId: latest.id, limit: 10 })).toHaveLength(2);
      await s.close();
    });
  });
}
