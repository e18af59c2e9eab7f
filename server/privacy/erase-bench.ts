import { insertMany, insertShopData, type Storage } from "../storage/index.ts";
import { createCustomerDataService } from "./customer-data.ts";

/** One measured erasure. */
export interface EraseBenchResult {
  /** Rows held about the customer before the erasure (all tables of the export). */
  rows: number;
  /** Rows deleted, anonymised, pseudonymised or redacted, from the receipt. */
  rowsChanged: number;
  ms: number;
  /** The same customer's export, for scale. */
  exportMs: number;
}

const at = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();

/**
 * Give a fresh storage one customer with `conversations` conversations of `messagesEach` messages
 * (plus feedback, memory, a note each, and 5 orders and `events` behaviour events), then export and
 * erase them and time both. Other customers' rows (`bystanders` customers with the same history) stay.
 * @example await benchErase(await openStorage({ sqlitePath: tmp }), { conversations: 100, messagesEach: 10, events: 500, bystanders: 20 })
 */
export async function benchErase(
  storage: Storage,
  o: { conversations: number; messagesEach: number; events: number; bystanders: number },
): Promise<EraseBenchResult> {
  const ids = Array.from({ length: o.bystanders + 1 }, (_, i) => `C${String(i + 1).padStart(5, "0")}`);
  await insertShopData(storage.driver, {
    products: [{ id: "P1", name: "Trail Shoe", category: "running-shoes", subcategory: "trail", brand: "Fjell", description: "A shoe", priceCents: 12999, stock: 5, weightKg: 0.6, consumable: false, tags: [], createdAt: at(0) }],
    customers: ids.map((id) => ({ id, email: `${id.toLowerCase()}@bench.example`, name: `Bench ${id}`, country: "US", region: null, createdAt: at(0), summitMember: false, marketingConsent: true, profilingConsent: true, persona: null })),
    orders: ids.flatMap((id) => Array.from({ length: 5 }, (_, k) => ({
      id: `FF-${id.slice(1)}${k}`, customerId: id, email: `${id.toLowerCase()}@bench.example`, placedAt: at(k), status: "delivered" as const, shippingMethod: "standard" as const, shipCountry: "US",
      subtotalCents: 100, discountCents: 0, shippingCents: 0, totalCents: 100, promoCode: null, carrier: "UPS", trackingNumber: `1Z${id}${k}`, shippedAt: null, deliveredAt: null, returnedAt: null, cancelledAt: null,
      items: [{ productId: "P1", quantity: 1, unitPriceCents: 100 }],
    }))),
    events: ids.flatMap((id) => Array.from({ length: o.events }, (_, k) => ({ customerId: id, type: "view" as const, productId: "P1", query: null, at: at(k) }))),
  });
  await storage.driver.run("INSERT INTO agents (id, email, name, role, password_hash, created_at) VALUES ('bench-agent', 'agent@bench.example', 'Agent', 'agent', 'x', ?)", [at(0)]);
  for (const id of ids) {
    for (let c = 0; c < o.conversations; c++) {
      const conv = await storage.conversations.create(id);
      const rows = Array.from({ length: o.messagesEach }, (_, m) => [conv.id, m + 1, m % 2 ? "bot" : "shopper", null, null, `message ${m} of ${id}`, null, m % 2 ? '{"decision":{"rule":"answers/answer"}}' : "{}", at(m)]);
      await insertMany(storage.driver, "messages", ["conversation_id", "seq", "sender", "client_id", "reply_to", "text", "action", "payload", "created_at"], rows);
      await storage.driver.run("UPDATE conversations SET last_seq = ? WHERE id = ?", [o.messagesEach, conv.id]);
      await storage.dialogue.setMemory(conv.id, { lastShopperText: "hello" });
      await storage.conversations.addFeedback(conv.id, "up", null);
      await storage.handoff.addNote(conv.id, "bench-agent", `note about ${id}`, at(c));
    }
  }
  const data = createCustomerDataService({ storage, receiptSecret: "bench-receipt-secret-0123456789" });
  const t0 = performance.now();
  const exported = await data.exportCustomer(ids[0], "system:bench");
  const exportMs = performance.now() - t0;
  const rows = Object.values(exported.tables).reduce((n, r) => n + r.length, 0);
  const { receipt } = await data.eraseCustomer(ids[0], "system:bench");
  return { rows, rowsChanged: receipt.tables.reduce((n, t) => n + t.rows, 0), ms: receipt.durationMs, exportMs: Math.round(exportMs) };
}
