import { getCountrySpecifications, isValidIBAN } from "ibantools";
import type { PiiSpan } from "./types.ts";

// A country code and two check digits start every IBAN (ISO 13616); the rest is read up to the country's length.
const IBAN_START = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?=[ ]?[A-Za-z0-9])/gu;
const SPECS = getCountrySpecifications();

/**
 * IBANs, with or without spaces and in any case: the characters after the country code are read up to
 * that country's IBAN length and the whole checked with ISO 13616 mod-97 and the country's BBAN format
 * (ibantools).
 */
export function findIbans(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(IBAN_START)) {
    const length = SPECS[m[0].slice(0, 2).toUpperCase()]?.chars;
    if (!length) continue;
    let compact = "";
    let i = m.index;
    while (i < text.length && compact.length < length) {
      const ch = text[i]!;
      if (/[A-Za-z0-9]/.test(ch)) compact += ch.toUpperCase();
      else if (!(ch === " " && /[A-Za-z0-9]/.test(text[i + 1] ?? "") && compact.length >= 4)) break;
      i++;
    }
    if (compact.length !== length || /[\p{L}\p{N}]/u.test(text[i] ?? "")) continue;
    if (isValidIBAN(compact)) spans.push({ kind: "iban", start: m.index, end: i });
  }
  return spans;
}
