import { describe, expect, it } from "vitest";
import { CATALOGUES, englishOnlyNote, placeholders, quickReplyKey, t } from "./catalogue.ts";
import { ENGLISH_ONLY_NOTES } from "./english-only-note.ts";
import { CATALOGUE_LANGUAGES, NOTE_LANGUAGES } from "./languages.ts";
import { EN, type MessageKey } from "./messages/en.ts";

const keys = Object.keys(EN) as MessageKey[];

describe("message catalogue", () => {
  it.each(CATALOGUE_LANGUAGES.filter((l) => l !== "en"))("has every key in %s with the same placeholders as English, and nothing extra", (lang) => {
    const cat = CATALOGUES[lang];
    expect(Object.keys(cat).sort()).toEqual([...keys].sort());
    for (const k of keys) {
      expect(cat[k].trim().length, `${lang} ${k}`).toBeGreaterThan(0);
      expect(placeholders(cat[k]).sort(), `${lang} ${k}`).toEqual(placeholders(EN[k]).sort());
    }
  });

  it("translates rather than copies: no non-English catalogue repeats an English sentence", () => {
    for (const lang of CATALOGUE_LANGUAGES.filter((l) => l !== "en")) {
      const copied = keys.filter((k) => CATALOGUES[lang][k] === EN[k] && EN[k].split(" ").length > 2);
      expect(copied, lang).toEqual([]);
    }
  });

  it("fills named placeholders and falls back to English for a language without a catalogue", () => {
    expect(t("es-MX", "order.askEmail", { orderId: "FF-123456" })).toBe("¡Gracias! Para proteger tu privacidad, ¿cuál es el correo electrónico que usaste en el pedido FF-123456?");
    expect(t("zh-Hans", "smalltalk.goodbye", { shop: "Fjell & Field" })).toBe("感谢您光临Fjell & Field，祝您训练愉快！");
    expect(t("it", "smalltalk.thanks")).toBe(EN["smalltalk.thanks"]);
    expect(t(undefined, "smalltalk.thanks")).toBe(EN["smalltalk.thanks"]);
  });

  it("throws, naming the key and the parameter, when a placeholder has no value", () => {
    expect(() => t("de", "order.askEmail")).toThrow(/message "order.askEmail" needs the parameter "orderId"/);
  });

  it("has an English-only note with two quick replies for every note language but English", () => {
    for (const lang of NOTE_LANGUAGES) {
      const note = englishOnlyNote(lang);
      if (lang === "en") expect(note).toBeUndefined();
      else {
        expect(note?.lang, lang).toBe(lang);
        expect(note!.text.length).toBeGreaterThan(20);
        expect(note!.quickReplies.every((q) => q.length > 0)).toBe(true);
      }
    }
    expect(englishOnlyNote("fr-CA")?.text).toMatch(/^Pour l'instant, je ne peux répondre qu'en anglais/);
    expect(englishOnlyNote("xx")).toBeUndefined();
    expect(Object.keys(ENGLISH_ONLY_NOTES).sort()).toEqual(NOTE_LANGUAGES.filter((l) => !(CATALOGUE_LANGUAGES as readonly string[]).includes(l)).sort());
  });

  it("recognises a tapped quick reply in any language", () => {
    expect(quickReplyKey("Hablar con una persona")).toBe("quick.talkToPerson");
    expect(quickReplyKey("  mit einem menschen sprechen ")).toBe("quick.talkToPerson");
    expect(quickReplyKey("Parla con una persona")).toBe("quick.talkToPerson");
    expect(quickReplyKey("继续用英语")).toBe("quick.continueInEnglish");
    expect(quickReplyKey("hablar con una persona sobre mi pedido")).toBeUndefined();
  });
});
