import { beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../models/embedder.ts";
import { createUseLiteEmbedder } from "../../models/embedders/use-lite.ts";
import type { FaqEntry } from "./knowledge.ts";
import { buildKnowledgeIndex, expectedCalibrationError, type KnowledgeIndex } from "./knowledge-index.ts";

const faq: FaqEntry[] = [
  { id: "ship-ca", title: "Shipping to Canada", tags: ["shipping"], facts: [], file: "", questions: ["Do you ship to Canada?", "How much is delivery to Toronto?", "canada shipping cost"], answer: "We ship to Canada in 5–9 business days for a flat $12.00." },
  { id: "returns", title: "Return window", tags: ["returns"], facts: [], file: "", questions: ["How long do I have to return something?", "Can I send back an item?", "return period"], answer: "Most items can be returned within 30 days of delivery." },
  { id: "password", title: "Resetting your password", tags: ["account"], facts: [], file: "", questions: ["I forgot my password", "How do I reset my login?", "can't sign in"], answer: "Use Forgot password on the sign-in page; the link expires after 1 hour." },
  { id: "pay", title: "Payment methods", tags: ["payment"], facts: [], file: "", questions: ["Which cards do you take?", "Can I pay with PayPal?", "payment options"], answer: "We accept Visa, Mastercard, American Express, Discover, PayPal, Apple Pay and Google Pay." },
];
const negatives = ["what's the weather tomorrow", "tell me a joke", "hi there", "who won the election", "solve 2x+3=7", "recipe for pancakes"];

let embedder: Embedder;
let index: KnowledgeIndex;
beforeAll(async () => {
  embedder = await createUseLiteEmbedder();
  index = await buildKnowledgeIndex({ embedder, faq, negatives });
});

describe("knowledge index", () => {
  it("answers a paraphrase with the right entry first", async () => {
    const r = await index.search("what does it cost to send an order to Vancouver");
    expect(r.candidates[0].entry.id).toBe("ship-ca");
    const p = await index.search("do you accept paypal");
    expect(p.candidates[0].entry.id).toBe("pay");
  });

  it("is more confident for an in-scope question than for an out-of-scope one", async () => {
    const inScope = await index.search("how many days do I have to send something back");
    const outOfScope = await index.search("what is the capital of France");
    expect(inScope.confidence).toBeGreaterThan(outOfScope.confidence);
    expect(outOfScope.confidence).toBeLessThan(0.5);
  });

  it("reports its leave-one-question-out calibration", () => {
    expect(index.calibration.positives).toBe(12);
    expect(index.calibration.negatives).toBe(negatives.length);
    expect(index.calibration.leaveOneOutTop1).toBeGreaterThan(0.5);
    expect(index.calibration.ece).toBeGreaterThanOrEqual(0);
  });

  it("returns at most k candidates with fused scores in order", async () => {
    const r = await index.search("password", { k: 2 });
    expect(r.candidates).toHaveLength(2);
    expect(r.candidates[0].fused).toBeGreaterThanOrEqual(r.candidates[1].fused);
  });
});

describe("saved builds", () => {
  it("reuses a saved build without embedding or training again, with identical results", async () => {
    let calls = 0;
    const counting: Embedder = { name: embedder.name, dim: embedder.dim, embed: (t) => ((calls += t.length), embedder.embed(t)) };
    const saved = JSON.parse(JSON.stringify(index.toTrained()));
    const again = await buildKnowledgeIndex({ embedder: counting, faq, negatives, trained: saved });
    expect(calls).toBe(0);
    const q = "what does it cost to send an order to Vancouver";
    const [a, b] = [await index.search(q), await again.search(q)];
    expect(b.candidates.map((c) => c.entry.id)).toEqual(a.candidates.map((c) => c.entry.id));
    expect(b.confidence).toBeCloseTo(a.confidence, 6);
  });

  it("ignores a saved build of different knowledge", async () => {
    let calls = 0;
    const counting: Embedder = { name: embedder.name, dim: embedder.dim, embed: (t) => ((calls += t.length), embedder.embed(t)) };
    const changed = faq.map((e) => (e.id === "pay" ? { ...e, answer: e.answer + " We also accept Klarna." } : e));
    await buildKnowledgeIndex({ embedder: counting, faq: changed, negatives, trained: index.toTrained() });
    expect(calls).toBeGreaterThan(0);
  });
});

describe("expectedCalibrationError", () => {
  it("is zero for perfectly calibrated bins and large for confident mistakes", () => {
    expect(expectedCalibrationError([1, 1, 0, 0], [1, 1, 0, 0])).toBe(0);
    expect(expectedCalibrationError([0.95, 0.95], [0, 0])).toBeGreaterThan(0.9);
  });
});
