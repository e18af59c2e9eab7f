import { afterAll, describe, expect, it } from "vitest";
import { createEmbedder } from "../../models/embedders/index.ts";
import { loadIntentClassifier } from "../../models/intents/index.ts";
import { buildKnowledgeIndex, knowledgeIndexKey, type FaqEntry } from "../retrieval/index.ts";
import { createDraftTrainer } from "./draft-trainer.ts";

const faq: FaqEntry[] = [
  { id: "ship-ca", title: "Shipping to Canada", tags: [], facts: [], file: "", questions: ["Do you ship to Canada?", "delivery to Toronto", "canada shipping cost"], answer: "We ship to Canada in 5–9 business days for $12." },
  { id: "returns", title: "Return window", tags: [], facts: [], file: "", questions: ["How long do I have to return something?", "send an item back", "return period"], answer: "Return within 30 days." },
  { id: "pay", title: "Payment methods", tags: [], facts: [], file: "", questions: ["Which cards do you take?", "Can I pay with PayPal?", "payment options"], answer: "Visa, Mastercard and PayPal." },
];
const negatives = ["tell me a joke", "what's the weather", "hi there"];
const trainer = createDraftTrainer({ embedder: "use-lite", idleMs: 1000 });
afterAll(() => trainer.close());

describe("draft trainer", () => {
  it("trains on a worker thread what training on this thread learns, for the same content", async () => {
    // Configured as the server configures its embedder (and the worker its own): cached and batched.
    const embedder = await createEmbedder("use-lite", { cache: { maxEntries: 20_000 } });
    const trained = await trainer.trainIndex(faq, negatives);
    expect(trained.key).toBe(knowledgeIndexKey({ embedder, faq, negatives }));
    const here = await buildKnowledgeIndex({ embedder, faq, negatives });
    const fromWorker = await buildKnowledgeIndex({ embedder, faq, negatives, trained });
    expect(fromWorker.calibration).toEqual(here.calibration);
    const q = "can I send back shoes I bought last week";
    expect((await fromWorker.search(q)).candidates.map((c) => c.entry.id)).toEqual((await here.search(q)).candidates.map((c) => c.entry.id));

    const intents = [
      { intent: "greeting", description: "", file: "", examples: ["hi", "hello there", "good morning", "hey"] },
      { intent: "thanks", description: "", file: "", examples: ["thank you", "thanks a lot", "cheers", "much appreciated"] },
      { intent: "out_of_scope", description: "", file: "", examples: ["tell me a joke", "weather tomorrow", "who won the game", "solve 2x=4"] },
    ];
    const model = loadIntentClassifier(await trainer.trainIntents(intents, 42), embedder);
    expect((await model.classify("hello!")).label).toBe("greeting");
  }, 180_000);
});
