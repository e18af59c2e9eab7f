/**
 * Languages the assistant knows about: the ones with a message catalogue (fixed replies), and the wider set it can
 * at least tell, in the shopper's own language, that it answers in English.
 */

/** Languages with a full catalogue of fixed replies (server/i18n/messages). */
export const CATALOGUE_LANGUAGES = Object.freeze(["en", "es", "de", "fr", "zh"] as const);

/** A language with a full message catalogue. */
export type CatalogueLanguage = (typeof CATALOGUE_LANGUAGES)[number];

/** Languages with a note "I answer in English; a person can help" (english-only-note.ts); includes the catalogue ones. */
export const NOTE_LANGUAGES = Object.freeze(["en", "es", "de", "fr", "zh", "it", "pt", "nl", "pl", "ja", "ko", "ru", "tr", "sv", "ar"] as const);

/** The locale used with Intl for a catalogue language (Simplified Chinese for "zh"). */
export const INTL_LOCALE: Readonly<Record<CatalogueLanguage, string>> = Object.freeze({ en: "en-US", es: "es-ES", de: "de-DE", fr: "fr-FR", zh: "zh-Hans-CN" });

/**
 * The ISO 639-1 language of a BCP 47 tag ("es-ES" -> "es", "zh-Hant-TW" -> "zh", "EN_us" -> "en"), or undefined
 * when the tag is missing or malformed.
 * @example localeLanguage("pt-BR") // "pt"
 */
export function localeLanguage(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    const lang = new Intl.Locale(locale.trim().replace(/_/g, "-")).language.toLowerCase();
    return /^[a-z]{2}$/.test(lang) ? lang : undefined;
  } catch {
    return undefined; // not a BCP 47 tag: no locale evidence
  }
}

/** The catalogue language for an ISO 639-1 code or BCP 47 tag ("zh-Hans" -> "zh", "es-MX" -> "es"); English otherwise. */
export function catalogueLanguage(lang: string | null | undefined): CatalogueLanguage {
  const base = localeLanguage(lang) ?? "en";
  return (CATALOGUE_LANGUAGES as readonly string[]).includes(base) ? (base as CatalogueLanguage) : "en";
}
