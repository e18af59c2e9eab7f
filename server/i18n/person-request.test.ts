import { describe, expect, it } from "vitest";
import { isPersonRequest } from "./person-request.ts";

describe("isPersonRequest", () => {
  it("reads requests for a person in Spanish, German, French and Chinese, in either word order", () => {
    for (const [lang, text] of [
      ["es", "quiero hablar con una persona por favor"],
      ["es", "pásame con un agente, esto no funciona"],
      ["es", "humano por favor"],
      ["de", "Ich möchte bitte mit einem Mitarbeiter sprechen"],
      ["de", "Kann ich mit einem Menschen reden?"],
      ["fr", "je voudrais parler à un conseiller"],
      ["fr", "agent svp"],
      ["zh", "转人工"],
      ["zh", "我要找人工客服"],
    ] as const) expect(isPersonRequest(text, lang), `${lang}: ${text}`).toBe(true);
  });

  it("leaves questions about the people, ordinary questions and English to the other rules", () => {
    for (const [lang, text] of [
      ["es", "¿cuándo puedo hablar con una persona?"],
      ["es", "cuanto tarda el envio a canarias"],
      ["es", "quiero devolver unas zapatillas"],
      ["de", "Wann kann ich mit einem Mitarbeiter sprechen?"],
      ["de", "Wie lange dauert der Versand?"],
      ["fr", "quand puis-je parler à un conseiller ?"],
      ["fr", "je voudrais retourner mes chaussures"],
      ["zh", "客服什么时候上班"],
      ["zh", "运费多少钱"],
      ["en", "I want to talk to a person"],
    ] as const) expect(isPersonRequest(text, lang), `${lang}: ${text}`).toBe(false);
  });
});
