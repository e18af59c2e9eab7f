import { describe, expect, it } from "vitest";
import { createFormatter, format, pickLocale } from "./i18n.ts";
import { WIDGET_STRINGS } from "./strings.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("widget strings", () => {
  it("has every English string, non-empty and with the same placeholders, in every language", () => {
    const en = WIDGET_STRINGS.en;
    for (const [language, strings] of Object.entries(WIDGET_STRINGS)) {
      expect(Object.keys(strings).sort(), language).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(strings[key].trim(), `${language}.${key}`).not.toBe("");
        expect(placeholders(strings[key]), `${language}.${key}`).toEqual(placeholders(en[key]));
      }
    }
  });

  it("is really translated: most strings differ from English", () => {
    const en = WIDGET_STRINGS.en;
    for (const language of ["es", "de", "fr", "zh"] as const) {
      const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => WIDGET_STRINGS[language][k] === en[k]);
      expect(same.length, `${language}: ${same.join(", ")}`).toBeLessThan(5);
    }
  });
});

describe("pickLocale", () => {
  it("prefers the page's data-locale over the browser's languages", () => {
    expect(pickLocale("es", ["de-DE", "en"])).toEqual({ language: "es", locale: "es", formatLocale: "es" });
    expect(pickLocale("fr-CA", ["en-US"])).toEqual({ language: "fr", locale: "fr-CA", formatLocale: "fr-CA" });
  });

  it("falls back to the browser's languages, then to English", () => {
    expect(pickLocale(undefined, ["de-AT", "en"])).toEqual({ language: "de", locale: "de-AT", formatLocale: "de-AT" });
    expect(pickLocale(undefined, ["zh-CN"]).language).toBe("zh");
    expect(pickLocale(undefined, [])).toEqual({ language: "en", locale: "en", formatLocale: "en" });
  });

  it("keeps the shopper's own language for the server even when the interface falls back", () => {
    // A Japanese shopper who also reads German gets German words, and the server hears "ja-JP".
    expect(pickLocale(undefined, ["ja-JP", "de"])).toEqual({ language: "de", locale: "ja-JP", formatLocale: "de" });
    expect(pickLocale(undefined, ["ja-JP"])).toEqual({ language: "en", locale: "ja-JP", formatLocale: "en" });
  });

  it("skips tags that are not BCP 47 and canonicalises the rest", () => {
    expect(pickLocale("not a locale!", ["ES-mx"])).toEqual({ language: "es", locale: "es-MX", formatLocale: "es-MX" });
  });
});

describe("format and createFormatter", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("Open chat, {n} unread", { n: 3 })).toBe("Open chat, 3 unread");
    expect(format("{a} and {b}", { a: "x" })).toBe("x and {b}");
  });

  it("formats prices in the shopper's locale and the card's currency (USD by default)", () => {
    expect(createFormatter("en-US").price(1299)).toBe("$1,299.00");
    expect(createFormatter("de-DE").price(1299, "EUR")).toBe("1.299,00\u00a0€");
    expect(createFormatter("es").price(139)).toMatch(/^139,00\s(US\$|\$)$/);
    expect(createFormatter("en-US").price(Number.NaN)).toBe("");
    expect(createFormatter("en-US").price(5, "not-a-code")).toBe("$5.00");
  });

  it("formats counts with the locale's grouping and times as time of day today, else with the date", () => {
    expect(createFormatter("de-DE").count(4000)).toBe("4.000");
    const now = new Date(2025, 4, 6, 15, 0);
    // ICU versions differ in the space before AM (U+0020 or U+202F).
    const time = (d: Date) => createFormatter("en-US").time(d.toISOString(), now).replace(/\s/g, " ");
    expect(time(new Date(2025, 4, 6, 9, 5))).toBe("9:05 AM");
    expect(time(new Date(2025, 4, 1, 9, 5))).toBe("May 1, 9:05 AM");
    expect(createFormatter("en-US").time("garbage", now)).toBe("");
  });
});
