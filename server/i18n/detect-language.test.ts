import { beforeAll, describe, expect, it } from "vitest";
import { createLanguageDetector, detectorOnly, fitLanguageWeights, languageNeutralText, localeOnly, type LanguageDetector } from "./detect-language.ts";
import { createEldScorer, type LanguageScorer } from "./eld-scorer.ts";
import { catalogueLanguage, localeLanguage } from "./languages.ts";
import { commonWords } from "../privacy/index.ts";

let scorer: LanguageScorer;
let detector: LanguageDetector;
beforeAll(async () => {
  scorer = await createEldScorer();
  detector = createLanguageDetector({ scorer });
}, 60_000);

describe("language detection", () => {
  it("reads a full sentence from the text even when the browser locale says otherwise", () => {
    const g = detector.detect("Hola, compré una caminadora hace dos semanas y todavía no me llega", { locale: "en-US" });
    expect(g).toMatchObject({ lang: "es", source: "detector" });
    expect(g.confidence).toBeGreaterThan(0.6);
    expect(detector.detect("Wann bekomme ich mein Geld zurück?", { locale: "en-GB" }).lang).toBe("de");
    expect(detector.detect("我的订单在哪里").lang).toBe("zh");
  });

  it("leans on the conversation and the locale for a one-word message", () => {
    expect(detector.detect("ok", { locale: "es-MX", previous: "es" })).toMatchObject({ lang: "es" });
    expect(detector.detect("ok", { locale: "en-US" })).toMatchObject({ lang: "en" });
    expect(detector.detect("ok", { locale: "fr-FR" }).source).not.toBe("detector");
  });

  it("keeps a short message of common English words in English unless the locale or conversation says otherwise", () => {
    const guarded = createLanguageDetector({ scorer, englishWords: commonWords() });
    for (const text of ["agent", "cancel FF-870146", "person", "chat", "no"]) expect(guarded.detect(text).lang, text).toBe("en");
    expect(guarded.detect("agent", { previous: "fr" }).lang).toBe("fr");
    expect(guarded.detect("no", { locale: "es-ES" }).lang).toBe("es");
    for (const [text, lang] of [["gracias", "es"], ["danke", "de"], ["bonjour", "fr"], ["我的订单", "zh"]]) expect(guarded.detect(text).lang, text).toBe(lang);
  });

  it("defaults to English with low confidence when there is no evidence, and ignores a malformed locale", () => {
    const g = detector.detect("12345", { locale: "not a locale!!" });
    expect(g).toMatchObject({ lang: "en", source: "default" });
    expect(g.confidence).toBeLessThan(0.5);
  });

  it("fits weights that explain labelled messages better than the defaults", () => {
    const samples = [
      { text: "si", lang: "es", locale: "es-ES", previous: "es" },
      { text: "ja", lang: "de", locale: "de-DE", previous: null },
      { text: "ok", lang: "fr", locale: "fr-FR", previous: "fr" },
      { text: "where is my order", lang: "en", locale: "es-ES", previous: null },
      { text: "dónde está mi pedido", lang: "es", locale: "en-US", previous: null },
    ];
    const w = fitLanguageWeights(samples, scorer, { iterations: 300 });
    const fitted = createLanguageDetector({ scorer, weights: w });
    const loglik = (d: LanguageDetector) => samples.reduce((a, s) => a + Math.log(d.detect(s.text, s).lang === s.lang ? d.detect(s.text, s).confidence : 1e-6), 0);
    expect(loglik(fitted)).toBeGreaterThan(loglik(detector));
  });

  it("reads order numbers, e-mail addresses, numbers and a bare \"ok\" as belonging to no language", () => {
    expect(languageNeutralText("ok, FF-123456 and jo@shop.example 42 👍")).toBe(", and");
    expect(detector.detect("FF-123456", { locale: "de-DE" })).toMatchObject({ lang: "de", source: "locale" });
  });

  it("decides among the languages it can reply in: short Spanish is not read as Catalan", async () => {
    const all = await createEldScorer("small", { languages: false });
    for (const text of ["el club es gratis?", "garantia del motor de la cinta"]) {
      expect(detectorOnly(all, text)).toBe("ca");
      expect(detector.detect(text).lang).toBe("es");
    }
    await expect(createEldScorer("small", { languages: ["es", "xx"] })).rejects.toThrow(/eld has no model for: xx/);
  });

  it("has naive baselines: the locale alone, and the detector alone", () => {
    expect(localeOnly({ locale: "pt-BR" })).toBe("pt");
    expect(localeOnly({})).toBe("en");
    expect(detectorOnly(scorer, "dove si trova il mio ordine")).toBe("it");
    expect(detectorOnly(scorer, "")).toBe("en");
  });

  it("maps BCP 47 tags to ISO 639-1 and to a catalogue language", () => {
    expect(localeLanguage("zh-Hant-TW")).toBe("zh");
    expect(localeLanguage("es_MX")).toBe("es");
    expect(localeLanguage("")).toBeUndefined();
    expect(catalogueLanguage("zh-Hans")).toBe("zh");
    expect(catalogueLanguage("pt-BR")).toBe("en");
  });
});
