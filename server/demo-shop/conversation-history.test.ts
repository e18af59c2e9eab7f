import { describe, expect, it } from "vitest";
import { generateConversationHistory } from "./conversation-history.ts";
import { DEMO_NOW } from "./generate.ts";

const options = {
  seed: 42,
  now: DEMO_NOW,
  customers: Array.from({ length: 500 }, (_, i) => ({ id: `C${String(i + 1).padStart(5, "0")}`, createdAt: "2025-01-01T00:00:00.000Z" })),
  orders: Array.from({ length: 800 }, (_, i) => ({ customerId: `C${String((i % 500) + 1).padStart(5, "0")}`, placedAt: new Date(Date.parse(DEMO_NOW) - (i % 150) * 86_400_000).toISOString() })),
  entries: [
    { id: "express-shipping", title: "Express shipping", topic: "shipping", questions: ["how fast is express?", "express shipping cost?"] },
    { id: "return-window", title: "Return window", topic: "returns", questions: ["how long do I have to return?"] },
  ],
  agents: ["A1", "A2"],
};

describe("demo chat history", () => {
  it("is the same for the same seed and different for another", () => {
    const a = generateConversationHistory(options);
    expect(generateConversationHistory(options)).toEqual(a);
    expect(generateConversationHistory({ ...options, seed: 7 })).not.toEqual(a);
  });

  it("ends before now, keeps each conversation's messages in order, and closes every handoff", () => {
    const h = generateConversationHistory(options);
    expect(h.length).toBeGreaterThan(200);
    const now = Date.parse(DEMO_NOW);
    for (const c of h) {
      expect(Date.parse(c.updatedAt)).toBeLessThan(now);
      expect(c.messages.map((m) => m.seq)).toEqual(c.messages.map((_, i) => i + 1));
      for (let i = 1; i < c.messages.length; i++) expect(c.messages[i].createdAt >= c.messages[i - 1].createdAt).toBe(true);
      if (c.handoff) expect(c.handoff.queuedAt <= c.handoff.assignedAt && c.handoff.assignedAt <= c.handoff.endedAt).toBe(true);
      // A verified customer is one of the shop's.
      if (c.customerId) expect(options.customers.some((x) => x.id === c.customerId)).toBe(true);
    }
    const kinds = new Set(h.flatMap((c) => c.messages.map((m) => m.action)));
    expect([...kinds]).toEqual(expect.arrayContaining(["answer", "fallback", "handoff", "order_status", "smalltalk"]));
    expect(h.some((c) => c.feedback.some((f) => f.seq === null))).toBe(true);
    expect(h.some((c) => c.offers.length > 0)).toBe(true);
    // A customer stays in one arm of an experiment across conversations (stored as one assignment).
    const arms = new Map<string, Set<string>>();
    for (const c of h) for (const o of c.offers) (arms.get(`${o.experiment}|${c.customerId}`) ?? arms.set(`${o.experiment}|${c.customerId}`, new Set()).get(`${o.experiment}|${c.customerId}`)!).add(o.arm);
    expect([...arms.values()].every((s) => s.size === 1)).toBe(true);
  });
});
