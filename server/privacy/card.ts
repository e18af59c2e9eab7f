import { nearestCue, REFERENCE_CUES } from "./context.ts";
import type { PiiSpan } from "./types.ts";

// Runs of digits joined by one separator each: one or two spaces, a dot, a dash or a slash.
const DIGIT_RUN = /(?<![\p{L}\p{N}_])\d(?:(?: {1,2}|[./-])?\d)*(?![\p{L}_])/gu;
const CARD_CUES: ReadonlySet<string> = new Set([
  "card", "cards", "visa", "mastercard", "master card", "amex", "discover", "diners", "maestro", "jcb", "unionpay", "cc", "ccnum", "credit", "debit",
  "tarjeta", "karte", "kreditkarte", "carte", "cb", "charge", "charged", "pay", "paid",
]);

/** Luhn checksum (ISO/IEC 7812-1), so that long order or tracking numbers are not taken for cards. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

// ISO/IEC 7812 major industry identifiers 2–6 hold every payment network (Mastercard 2-series, Amex,
// Diners, JCB, Visa, Mastercard, Discover, Maestro, UnionPay); 9 (ISBNs, USPS) and 7 (FedEx, Canada Post) do not.
const isPaymentIin = (digits: string) => digits[0]! >= "2" && digits[0]! <= "6";

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** Split a digit run into its groups (the digits between separators), with offsets. */
function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  for (const m of run.matchAll(/\d+/g)) groups.push({ start: offset + m.index, end: offset + m.index + m[0].length, digits: m[0] });
  return groups;
}

/**
 * Payment card numbers: 13–19 digits, grouped by spaces, double spaces, dots, dashes or slashes or run
 * together, starting with a payment network's digit (2–6) and passing the Luhn check. A number right after
 * a card word ("card", "visa", …) is masked even when its check digit is wrong (a typo is still a card);
 * one right after a reference word ("tracking", "order", "isbn", …) is left alone. A longer run of groups
 * ("4111 1111 1111 1111 04 27") is tried group by group for a card at its start or end.
 */
export function findCards(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const groups = groupsOf(m[0], m.index);
    const total = groups.reduce((n, g) => n + g.digits.length, 0);
    if (total < 13) continue;
    const cue = nearestCue(text, m.index, 5, CARD_CUES, REFERENCE_CUES);
    if (cue === "negative") continue;
    const found = bestCard(groups, cue === "positive");
    if (found) spans.push({ kind: "card", start: found.start, end: found.end });
  }
  return spans;
}

/** The longest whole-group prefix or suffix of a run that is a card, or the whole run. */
function bestCard(groups: Group[], cued: boolean): { start: number; end: number } | null {
  const candidates: Group[][] = [groups];
  for (let k = groups.length - 1; k >= 1; k--) candidates.push(groups.slice(0, k), groups.slice(groups.length - k));
  for (const c of candidates) {
    const digits = c.map((g) => g.digits).join("");
    if (digits.length < 13 || digits.length > 19 || !isPaymentIin(digits)) continue;
    if (luhnValid(digits) || (cued && c === groups)) return { start: c[0]!.start, end: c[c.length - 1]!.end };
  }
  return null;
}
