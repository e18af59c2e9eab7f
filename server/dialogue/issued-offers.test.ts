import { describe, expect, it } from "vitest";
import type { ConversationRecord, NewOfferRecord, StoredMessage } from "../storage/index.ts";
import { createBotResponder } from "./bot-responder.ts";
import { createDialogueEngine, type Rule } from "./engine/index.ts";

const offer = (arm: "treatment" | "holdout", code: string | null): NewOfferRecord => ({
  experiment: "retention", arm, conversationId: "c1", customerId: "C1", kind: "coupon", shown: arm === "treatment", code, valueCents: 1500, costCents: 1500, productIds: [], reason: "test",
});

/** A rule that records a holdout exposure, then one that shows a coupon: what the retention rule does for each arm. */
const rules: Rule[] = [
  { name: "test/holdout", decide: () => ({ pass: true, offer: offer("holdout", null) }) },
  { name: "test/coupon", decide: () => ({ reply: { text: "here's $15 off with STAY-0A1B2C", action: "retention_offer" }, why: "test", offer: offer("treatment", "STAY-0A1B2C") }) },
];

function engine() {
  const recorded: NewOfferRecord[] = [];
  const store = {
    recordOffer: async (o: NewOfferRecord) => void recorded.push(o),
    getMemory: async () => undefined,
    setMemory: async () => undefined,
  };
  const e = createDialogueEngine({
    knowledge: () => ({ search: async () => ({ confidence: 0, candidates: [] }) }) as never,
    intents: () => ({ classify: async () => ({ label: "cancel_order", confidence: 0.9, outOfScope: false }) }),
    store: store as never,
    rules,
  });
  return { e, recorded };
}

describe("coupons the bot issues", () => {
  it("come back with the reply (shown offers with a code only) and are recorded", async () => {
    const { e, recorded } = engine();
    const reply = await e.respond("I want to cancel", { conversationId: "c1", customerId: "C1", recentBotActions: [] });
    expect(recorded.map((o) => o.arm)).toEqual(["holdout", "treatment"]);
    expect(reply.issuedOffers).toEqual([{ experiment: "retention", kind: "coupon", code: "STAY-0A1B2C", valueCents: 1500 }]);
  });

  it("become offer.issued events from the bot responder (the webhook subscribes to them; the rule never calls out)", async () => {
    const { e } = engine();
    const bot = createBotResponder({ engine: e, store: { messagesAfter: async () => [] } as never });
    const result = await bot.respond({
      conversation: { id: "c1", customerId: "C1" } as ConversationRecord,
      message: { seq: 1, text: "I want to cancel" } as StoredMessage,
      rawText: "I want to cancel",
      language: "en",
    });
    expect(result.events?.filter((ev) => ev.type === "offer.issued")).toEqual([
      { type: "offer.issued", payload: { conversationId: "c1", customerId: "C1", experiment: "retention", kind: "coupon", code: "STAY-0A1B2C", valueCents: 1500 } },
    ]);
  });
});
