/**
 * Context cues shared by the detectors: the words just before a match decide whether a number is a
 * tracking number or a card, whether nine digits are a phone number, whether a capitalised word is a name.
 */

/** Up to `n` lowercase words (letters, digits, apostrophes) that end before `index`, nearest last. */
export function wordsBefore(text: string, index: number, n: number): string[] {
  const words = text.slice(Math.max(0, index - 80), index).toLowerCase().match(/[\p{L}\p{N}'’]+/gu) ?? [];
  return words.slice(-n);
}

/**
 * Which of two cue sets occurs nearest before `index` within `n` words: "positive", "negative" or null.
 * Multi-word cues are given with spaces ("canada post").
 */
export function nearestCue(text: string, index: number, n: number, positive: ReadonlySet<string>, negative: ReadonlySet<string>): "positive" | "negative" | null {
  const words = wordsBefore(text, index, n);
  for (let i = words.length - 1; i >= 0; i--) {
    const one = words[i]!;
    const two = i > 0 ? `${words[i - 1]} ${one}` : "";
    // A two-word cue is read before its last word alone: "order number" is a reference, "number" a phone.
    if (negative.has(two)) return "negative";
    if (positive.has(two)) return "positive";
    if (positive.has(one)) return "positive";
    if (negative.has(one)) return "negative";
  }
  return null;
}

/** Words that say the number after them is a shop or carrier reference, not personal data. */
export const REFERENCE_CUES: ReadonlySet<string> = new Set([
  "tracking", "track", "trk", "waybill", "awb", "shipment", "parcel", "package", "ups", "usps", "fedex", "dhl", "canada post", "royal mail", "post",
  "order", "orders", "invoice", "inv", "ref", "reference", "rma", "isbn", "ean", "upc", "gtin", "barcode", "sku", "serial", "sn", "item", "model",
  "confirmation", "transaction", "case", "ticket", "receipt", "voucher", "coupon", "code", "promo", "pro", "account no",
  "order number", "order no", "tracking number", "reference number", "ref number", "invoice number", "account number", "confirmation number",
  "case number", "ticket number", "item number", "model number", "serial number", "part number", "customer number",
]);
