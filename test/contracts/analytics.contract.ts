/**
 * The analytics storage contract, run on every storage implementation (SQLite, PostgreSQL): the dashboard's range
 * reads, dismissed unanswered-question clusters, and storing the demo shop's chat history.
 */
import { describe, expect, it } from "vitest";
import type { HistoryConversation, Order, Storage } from "../../server/storage/index.ts";
import { insertConversationHistory, insertShopData } from "../../server/storage/index.ts";

const at = (d: string) => new Date(d).toISOString();

function shop() {
  const customer = (id: string) => ({ id, email: `${id.toLowerCase()}@example.com`, name: `Name ${id}`, country: "US", region: "NY", createdAt: at("2025-01-02"), summitMember: false, marketingConsent: true, profilingConsent: true, persona: null });
  const order = (id: string, customerId: string, placedAt: string, status: Order["status"] = "delivered"): Order => ({
    id, customerId, email: `${customerId.toLowerCase()}@example.com`, placedAt: at(placedAt), status, shippingMethod: "standard", shipCountry: "US",
    subtotalCents: 5000, discountCents: 0, shippingCents: 0, totalCents: 5000, promoCode: null, carrier: null, trackingNumber: null,
    shippedAt: null, deliveredAt: null, returnedAt: null, cancelledAt: null, items: [{ productId: "P1", quantity: 1, unitPriceCents: 5000 }],
  });
  return {
    products: [{ id: "P1", name: "Trail Shoe", category: "running-shoes", subcategory: "trail", brand: "Fjell", description: "A shoe", priceCents: 5000, stock: 5, weightKg: 0.6, consumable: false, tags: [], createdAt: at("2025-01-01") }],
    customers: [customer("C1"), customer("C2")],
    orders: [order("FF-100001", "C1", "2025-03-01"), order("FF-100002", "C1", "2025-03-20"), order("FF-100003", "C2", "2025-03-05", "cancelled"), order("FF-100004", "C2", "2025-04-10")],
    events: [
      { customerId: "C2", type: "view" as const, productId: "P1", query: null, at: at("2025-03-02T10:00:00Z") },
      { customerId: "C2", type: "search" as const, productId: null, query: "shoes", at: at("2025-03-01T09:00:00Z") },
      { customerId: null, type: "view" as const, productId: "P1", query: null, at: at("2025-03-01T09:00:00Z") },
    ],
  };
}

/** Two closed conversations in March (one handed off, rated, with an offer) and one in April. */
function history(): HistoryConversation[] {
  const msg = (seq: number, sender: "shopper" | "bot" | "agent", createdAt: string, extra: Partial<HistoryConversation["messages"][number]> = {}) => ({
    seq, sender, clientId: sender === "shopper" ? `m${seq}` : null, replyTo: sender === "bot" ? `m${seq - 1}` : null, text: sender === "shopper" ? "do you gift wrap?" : "Sorry.",
    action: sender === "bot" ? "fallback" : null, payload: sender === "bot" ? { decision: { rule: "fallback", retrieval: { confidence: 0.1 } } } : {}, responder: sender === "shopper" ? "bot" : null, createdAt: at(createdAt), ...extra,
  });
  return [
    {
      id: "h1", sessionId: "h1-s", customerId: "C1", language: "en", createdAt: at("2025-03-10T10:00:00Z"), updatedAt: at("2025-03-10T10:20:00Z"),
      messages: [msg(1, "shopper", "2025-03-10T10:00:00Z"), msg(2, "bot", "2025-03-10T10:00:01Z"), msg(3, "agent", "2025-03-10T10:05:00Z")],
      handoff: { team: "general", reason: "explicit request", priorityBase: 0.5, priorityClass: "normal", queuedAt: at("2025-03-10T10:00:02Z"), assignedAt: at("2025-03-10T10:04:00Z"), endedAt: at("2025-03-10T10:20:00Z"), agentId: null },
      feedback: [{ seq: null, rating: "up", createdAt: at("2025-03-10T10:21:00Z") }, { seq: 2, rating: "down", createdAt: at("2025-03-10T10:01:00Z") }],
      offers: [{ experiment: "retention", arm: "treatment", kind: "coupon", shown: true, code: "KEEP-1", valueCents: 1500, costCents: 1500, productIds: [], reason: "test", createdAt: at("2025-03-10T10:00:01Z") }],
    },
    {
      id: "h2", sessionId: "h2-s", customerId: null, language: "en", createdAt: at("2025-03-15T08:00:00Z"), updatedAt: at("2025-03-15T08:01:00Z"),
      messages: [msg(1, "shopper", "2025-03-15T08:00:00Z"), msg(2, "bot", "2025-03-15T08:00:01Z")], feedback: [], offers: [],
    },
    {
      id: "h3", sessionId: "h3-s", customerId: "C2", language: "en", createdAt: at("2025-04-02T08:00:00Z"), updatedAt: at("2025-04-02T08:01:00Z"),
      messages: [msg(1, "shopper", "2025-04-02T08:00:00Z"), msg(2, "bot", "2025-04-02T08:00:01Z")], feedback: [],
      offers: [{ experiment: "retention", arm: "holdout", kind: "coupon", shown: false, code: null, valueCents: 1500, costCents: 0, productIds: [], reason: "test", createdAt: at("2025-04-02T08:00:01Z") }],
    },
  ];
}

const MARCH = [at("2025-03-01"), at("2025-04-01")] as const;

/** Run the analytics contract against one implementation; `open` gives a fresh, migrated, empty storage. */
export function analyticsContract(name: string, open: () => Promise<Storage>): void {
  describe(`analytics storage contract: ${name}`, () => {
    const seeded = async () => {
      const s = await open();
      await insertShopData(s.driver, shop());
      await insertConversationHistory(s.driver, history());
      return s;
    };

    it("stores the history closed, never queued, with its handoff, transitions, ratings and offers", async () => {
      const s = await seeded();
      try {
        expect(await s.handoff.listOpen()).toHaveLength(0);
        expect((await s.conversations.get("h1"))).toMatchObject({ state: "closed", customerId: "C1", lastSeq: 3 });
        expect(await s.handoff.latest("h1")).toMatchObject({ status: "closed", reason: "explicit request" });
        expect((await s.handoff.transitions("h1")).map((t) => t.to)).toEqual(["queued", "agent", "closed"]);
        expect(await s.handoff.conversationRating("h1")).toBe("up");
        expect(await s.dialogue.listOffers({ customerId: "C1" })).toHaveLength(1);
        // The experiment's outcomes read the history: C1 ordered on 2025-03-20, within 14 days of the offer.
        const outcomes = await s.dialogue.outcomes("retention", at("2025-01-01"), at("2025-05-01"), 14);
        expect(outcomes.find((o) => o.arm === "treatment")).toMatchObject({ units: 1, converted: 1, revenueCents: 5000 });
        // C2 (holdout, 2025-04-02) ordered on 2025-04-10.
        expect(outcomes.find((o) => o.arm === "holdout")).toMatchObject({ units: 1, converted: 1 });
      } finally {
        await s.close();
      }
    });

    it("reads the conversations, messages, handoffs and feedback of conversations started in the range only", async () => {
      const s = await seeded();
      try {
        expect((await s.analytics.conversations(...MARCH)).map((c) => c.id)).toEqual(["h1", "h2"]);
        const messages = await s.analytics.messages(...MARCH);
        expect(messages.map((m) => `${m.conversationId}:${m.seq}`)).toEqual(["h1:1", "h1:2", "h1:3", "h2:1", "h2:2"]);
        expect(messages[0]).toMatchObject({ sender: "shopper", text: "do you gift wrap?", payload: null, clientId: "m1" });
        expect(messages[1]).toMatchObject({ sender: "bot", text: "", action: "fallback", replyTo: "m1", payload: { decision: { rule: "fallback" } } });
        expect(await s.analytics.handoffs(...MARCH)).toEqual([expect.objectContaining({ conversationId: "h1", status: "closed", assignedAt: at("2025-03-10T10:04:00Z") })]);
        const feedback = await s.analytics.feedback(...MARCH);
        expect(feedback.map((f) => [f.seq, f.rating])).toEqual([[null, "up"], [2, "down"]]);
        expect(await s.analytics.conversations(at("2025-05-01"), at("2025-06-01"))).toEqual([]);
        expect(await s.analytics.latestConversationAt()).toBe(at("2025-04-02T08:00:00Z"));
      } finally {
        await s.close();
      }
    });

    it("reads orders without cancelled ones, first browsing per customer, and offers per experiment and arm", async () => {
      const s = await seeded();
      try {
        expect((await s.analytics.orders(at("2025-04-01"))).map((o) => [o.customerId, o.placedAt])).toEqual([["C1", at("2025-03-01")], ["C1", at("2025-03-20")]]);
        expect(await s.analytics.orders(at("2026-01-01"))).toHaveLength(3);
        expect(await s.analytics.firstActivity(...MARCH)).toEqual([{ customerId: "C2", at: at("2025-03-01T09:00:00Z") }]);
        expect(await s.analytics.offerSummary(at("2025-01-01"), at("2025-05-01"))).toEqual([
          { experiment: "retention", arm: "holdout", kind: "coupon", due: 1, shown: 0, costCents: 0 },
          { experiment: "retention", arm: "treatment", kind: "coupon", due: 1, shown: 1, costCents: 1500 },
        ]);
      } finally {
        await s.close();
      }
    });

    it("keeps dismissed clusters with their centroid and members until removed", async () => {
      const s = await open();
      try {
        const d = await s.analytics.addDismissal({ clusterKey: "abc", title: "Gift wrap", centroid: [0.6, 0.8, 0], members: ["h1:1", "h2:1"], dismissedBy: null }, at("2025-05-01"));
        expect(d).toMatchObject({ id: expect.any(Number), clusterKey: "abc", title: "Gift wrap", centroid: [0.6, 0.8, 0], members: ["h1:1", "h2:1"], dismissedAt: at("2025-05-01") });
        expect(await s.analytics.listDismissals()).toEqual([d]);
        expect(await s.analytics.removeDismissal(d.id)).toBe(true);
        expect(await s.analytics.removeDismissal(d.id)).toBe(false);
        expect(await s.analytics.listDismissals()).toEqual([]);
      } finally {
        await s.close();
      }
    });
  });
}
