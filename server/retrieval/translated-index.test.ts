import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createWordHashEmbedder } from "../../models/embedders/word-hash.ts";
import { buildKnowledgeIndex, knowledgeIndexKey, type KnowledgeIndex } from "./knowledge-index.ts";
import { loadKnowledge, type FaqEntry, type FaqTranslation } from "./knowledge.ts";
import { ENGLISH_ANALYZER, SPANISH_ANALYZER } from "./text.ts";
import { buildTranslatedIndex, createMultilingualKnowledge, translationsByLanguage, type MultilingualKnowledge } from "./translated-index.ts";

// The shipped Spanish translations of the demo FAQ: real content, so these questions are not written against a toy.
const base = loadKnowledge(path.resolve("knowledge"));
const spanish = base.translations.filter((t) => t.lang === "es");

const tiny: FaqEntry[] = [
  { id: "ship", title: "Shipping", tags: [], facts: [], file: "", questions: ["how much is shipping"], answer: "Shipping costs $5.95." },
  { id: "pay", title: "Payment", tags: [], facts: [], file: "", questions: ["can I pay with paypal"], answer: "We accept PayPal." },
];

let es: KnowledgeIndex;
let english: KnowledgeIndex;
let knowledge: MultilingualKnowledge;
beforeAll(async () => {
  es = await buildTranslatedIndex({ translations: spanish });
  english = await buildKnowledgeIndex({ embedder: createWordHashEmbedder(64), faq: tiny, entryClassifier: false });
  knowledge = createMultilingualKnowledge(english, new Map([["es", es]]));
}, 60_000);

describe("translated knowledge index", () => {
  it("answers unaccented, informal Spanish questions with the translated entry and its English id", async () => {
    const r = await es.search("cuanto cuesta mandar un pedido a canada", { k: 3 });
    expect(r.candidates[0].entry.id).toBe("shipping-canada");
    expect(r.candidates[0].entry.answer).toMatch(/Canadá/);
    expect((await es.search("no me acuerdo de la clave para entrar")).candidates[0].entry.id).toBe("password-reset");
    expect((await es.search("se puede abonar con paypal")).candidates[0].entry.id).toBe("payment-methods");
  });

  it("is more confident for a Spanish FAQ question than for an unrelated one", async () => {
    const inScope = await es.search("en cuantos dias me devuelven el dinero de una devolucion");
    const outOfScope = await es.search("cual es la capital de francia");
    expect(inScope.confidence).toBeGreaterThan(outOfScope.confidence);
  });

  it("routes a search by language, and to English when a language has no translations", async () => {
    const r = await knowledge.search("cuanto cuesta el envio express", { k: 2, lang: "es-MX" });
    expect(r.lang).toBe("es");
    expect(r.candidates[0].entry.id).toBe("express-shipping");
    const d = await knowledge.search("how much is shipping", { k: 2, lang: "de" });
    expect(d.lang).toBe("en");
    expect(d.candidates[0].entry.id).toBe("ship");
    expect(knowledge.hasLanguage("es-ES")).toBe(true);
    expect(knowledge.hasLanguage("fr")).toBe(false);
    expect(knowledge.languages()).toEqual(["es"]);
  });

  it("refuses a mixed-language set of translations, naming the odd file", async () => {
    const odd: FaqTranslation = { ...spanish[0], lang: "fr", file: "x.fr.md" };
    await expect(buildTranslatedIndex({ translations: [spanish[1], odd] })).rejects.toThrow(/x\.fr\.md is "fr", expected "es"/);
    expect(translationsByLanguage([spanish[0], odd]).get("fr")).toEqual([odd]);
  });

  it("leaves the English index's cache key unchanged when the analyzer is the default", () => {
    const embedder = createWordHashEmbedder(64);
    expect(knowledgeIndexKey({ embedder, faq: tiny, analyzer: ENGLISH_ANALYZER })).toBe(knowledgeIndexKey({ embedder, faq: tiny }));
    expect(knowledgeIndexKey({ embedder, faq: tiny, analyzer: SPANISH_ANALYZER })).not.toBe(knowledgeIndexKey({ embedder, faq: tiny }));
  });
});
