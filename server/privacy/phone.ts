import { findPhoneNumbersInText, type CountryCode } from "libphonenumber-js/max";
import { nearestCue, REFERENCE_CUES } from "./context.ts";
import type { PiiSpan } from "./types.ts";

const PHONE_CUES: ReadonlySet<string> = new Set([
  "phone", "tel", "telephone", "call", "ring", "text", "cell", "cellphone", "mobile", "mob", "number", "no", "whatsapp", "sms", "fax", "reach",
  "landline", "home", "work", "contact", "handy", "nummer", "rufnummer", "telefon", "telefonnummer", "numéro", "numero", "portable", "appelez",
  "appeler", "móvil", "movil", "teléfono", "telefono", "llamar", "llámame", "cellulare",
]);

/** The countries whose national number formats are recognised, and the national trunk prefix where there is one. */
export interface PhoneOptions {
  /** Default country for numbers without a leading 0 or +: NANP (US/CA) 10-digit numbers. Default "US". */
  homeCountry?: CountryCode;
  /** Countries whose national forms ("07911 123456", "06 12 34 56 78") are recognised. */
  nationalCountries?: readonly CountryCode[];
}

const CUE_WORD = new RegExp(String.raw`(?<![\p{L}])(?:${[...PHONE_CUES].join("|")})(?![\p{L}])`, "iu");
// libphonenumber leaves some dates in (German numbers may be 6–12 digits): "03.11.2026", "14-02-2026".
const DATE_LIKE = /^\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})$|^\d{4}[./-]\d{1,2}[./-]\d{1,2}$/;

const DEFAULT_NATIONAL: readonly CountryCode[] = ["GB", "IE", "DE", "AT", "CH", "FR", "BE", "NL", "ES", "IT", "PT", "AU"];

/**
 * Phone numbers, validated against Google's libphonenumber metadata (libphonenumber-js, "max" set):
 * international forms (+44 …, 0044 …) always; the home country's national form (NANP by default)
 * unless a reference word ("tracking", "order", "ref") comes just before; other countries' national
 * forms when they start with the trunk 0 or follow a phone word ("call", "mobile", "móvil", "Handy").
 */
export function findPhones(text: string, options: PhoneOptions = {}): PiiSpan[] {
  if ((text.match(/\d/g)?.length ?? 0) < 7) return [];
  const home = options.homeCountry ?? "US";
  const spans: PiiSpan[] = [];
  const seen = new Set<string>();
  const add = (start: number, end: number) => {
    const key = `${start}:${end}`;
    if (!seen.has(key)) spans.push({ kind: "phone", start, end }), seen.add(key);
  };
  // Other countries' national forms need a trunk 0 or a phone word, so skip their (slow) scans otherwise.
  const national = /(?<!\d)0\d/.test(text) || CUE_WORD.test(text) ? (options.nationalCountries ?? DEFAULT_NATIONAL) : [];
  for (const country of [home, ...national]) {
    for (const m of findPhoneNumbersInText(text, { defaultCountry: country })) {
      const raw = text.slice(m.startsAt, m.endsAt);
      if (DATE_LIKE.test(raw)) continue;
      // National numbers have 8+ digits in every country this shop serves but a few old German/Irish ones.
      if (!/^\+|^00/.test(raw) && raw.replace(/\D/g, "").length < 8) continue;
      const cue = nearestCue(text, m.startsAt, 4, PHONE_CUES, REFERENCE_CUES);
      const international = /^\+|^00/.test(raw);
      if (international) add(m.startsAt, m.endsAt);
      else if (cue === "negative") continue;
      else if (country === home || raw.startsWith("0") || cue === "positive") add(m.startsAt, m.endsAt);
    }
  }
  // One country's reading can be a piece of another's ("123456" inside "07911 123456"): keep the longest.
  return spans.filter((s) => !spans.some((o) => o !== s && o.start <= s.start && s.end <= o.end && o.end - o.start > s.end - s.start));
}
