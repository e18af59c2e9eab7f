import { ENGLISH_ONLY_NOTES } from "./english-only-note.ts";
import { catalogueLanguage, localeLanguage, type CatalogueLanguage } from "./languages.ts";
import { DE } from "./messages/de.ts";
import { EN, type MessageCatalogue, type MessageKey } from "./messages/en.ts";
import { ES } from "./messages/es.ts";
import { FR } from "./messages/fr.ts";
import { ZH_HANS } from "./messages/zh-hans.ts";

/** Every catalogue by language. */
export const CATALOGUES: Readonly<Record<CatalogueLanguage, MessageCatalogue>> = Object.freeze({ en: EN, es: ES, de: DE, fr: FR, zh: ZH_HANS });

/** Values for a message's placeholders; format prices and dates with format.ts first. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The placeholder names of a message text, in order of first appearance. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g)].map((m) => m[1]))];
}

/**
 * A fixed reply in the shopper's language (ISO 639-1 or BCP 47; English for any language without a catalogue), with
 * its placeholders filled. A missing parameter is a programming error and throws, naming the key and the name.
 * @example t("es", "order.askEmail", { orderId: "FF-123456" })
 */
export function t(lang: string | null | undefined, key: MessageKey, params: MessageParams = {}): string {
  const text = CATALOGUES[catalogueLanguage(lang)][key] ?? EN[key];
  return text.replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`message "${key}" needs the parameter "${name}"`);
    return String(value);
  });
}

/** The "I answer in English; a person can help" reply, with its quick replies, in the shopper's language. */
export interface LanguageNote {
  /** The language the note is written in. */
  lang: string;
  text: string;
  /** [talk to a person, continue in English], in that language. */
  quickReplies: [string, string];
}

/**
 * The note for a shopper whose language has no knowledge translations, or undefined for English and for languages
 * we have no note in (the English replies then stand alone).
 * @example englishOnlyNote("de")?.text // "Ich kann derzeit leider nur auf Englisch antworten. …"
 */
export function englishOnlyNote(lang: string): LanguageNote | undefined {
  const base = localeLanguage(lang);
  if (!base || base === "en") return undefined;
  if (catalogueLanguage(base) === base) {
    return { lang: base, text: t(base, "language.englishOnly"), quickReplies: [t(base, "quick.talkToPerson"), t(base, "quick.continueInEnglish")] };
  }
  const note = ENGLISH_ONLY_NOTES[base];
  return note && { lang: base, text: note.text, quickReplies: [note.talkToPerson, note.continueInEnglish] };
}

const QUICK_KEYS = (Object.keys(EN) as MessageKey[]).filter((k) => k.startsWith("quick."));

/**
 * Which quick reply a shopper's message is, in any language (a tapped quick reply comes back as its text), so that
 * "Hablar con una persona" is read like "Talk to a person".
 * @example quickReplyKey("Mit einem Menschen sprechen") // "quick.talkToPerson"
 */
export function quickReplyKey(text: string): MessageKey | undefined {
  const s = text.trim().toLowerCase();
  for (const cat of Object.values(CATALOGUES)) for (const k of QUICK_KEYS) if (cat[k].toLowerCase() === s) return k;
  for (const note of Object.values(ENGLISH_ONLY_NOTES)) {
    if (note.talkToPerson.toLowerCase() === s) return "quick.talkToPerson";
    if (note.continueInEnglish.toLowerCase() === s) return "quick.continueInEnglish";
  }
  return undefined;
}
