import { luhnValid } from "./card.ts";
import type { PiiSpan } from "./types.ts";

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;
const PHONE = /(?<![\w-])\+?[\d(][\d\s().-]{7,}\d(?![\w-])/g;

/**
 * The masker this project shipped before the PII audit (e-mails; Luhn-valid cards grouped by single spaces
 * or dashes; digit runs of 9–15 digits as phones), kept as the naive baseline of `npm run eval:pii`.
 * Same regexes and order as before; each pass blanks what it found with "#" (a non-word character, as the
 * old placeholders were) so that offsets into the original text survive.
 */
export function naiveFindPii(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  let work = text;
  const pass = (re: RegExp, kind: PiiSpan["kind"], keep: (m: string) => boolean) => {
    for (const m of work.matchAll(re)) if (keep(m[0])) spans.push({ kind, start: m.index, end: m.index + m[0].length });
    for (const s of spans) work = work.slice(0, s.start) + "#".repeat(s.end - s.start) + work.slice(s.end);
  };
  pass(EMAIL, "email", () => true);
  pass(CARD, "card", (m) => luhnValid(m.replace(/\D/g, "")));
  pass(PHONE, "phone", (m) => {
    const digits = m.replace(/\D/g, "").length;
    return digits >= 9 && digits <= 15;
  });
  return spans.sort((a, b) => a.start - b.start);
}
