/** What kinds of personal data were found and masked in a text. */
export interface MaskResult {
  text: string;
  found: { email: number; card: number; phone: number };
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// 13–19 digits, optionally grouped by spaces or dashes (ISO/IEC 7812 card numbers).
const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;
// Phone numbers: a run of digits with spaces, dots, dashes or brackets holding 9–15 digits (E.164 allows 15); order numbers (FF-123456) hold 6.
const PHONE = /(?<![\w-])\+?[\d(][\d\s().-]{7,}\d(?![\w-])/g;

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

/**
 * Mask e-mail addresses, payment card numbers and phone numbers (POLICIES.md A4) before a text is
 * stored, embedded or logged.
 * @example maskPii("mail me at a@b.com").text === "mail me at [email]"
 */
export function maskPii(text: string): MaskResult {
  const found = { email: 0, card: 0, phone: 0 };
  let out = text.replace(EMAIL, () => {
    found.email++;
    return "[email]";
  });
  out = out.replace(CARD, (m) => {
    const digits = m.replace(/\D/g, "");
    if (!luhnValid(digits)) return m;
    found.card++;
    return "[card]";
  });
  out = out.replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, "").length;
    if (digits < 9 || digits > 15) return m;
    found.phone++;
    return "[phone]";
  });
  return { text: out, found };
}
