/** The kinds of personal data the masker finds, in the order they are searched (earlier kinds win overlaps). */
export const PII_KINDS = ["email", "iban", "card", "phone", "address", "name"] as const;

/** One kind of personal data. */
export type PiiKind = (typeof PII_KINDS)[number];

/** Where a piece of personal data sits in the original text (UTF-16 offsets, end exclusive). */
export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
}

/** How many spans of each kind were masked. */
export type PiiCounts = Record<PiiKind, number>;

/** The masked text, the counts per kind and the spans in the original text. */
export interface PiiMaskResult {
  text: string;
  found: PiiCounts;
  spans: PiiSpan[];
}

/** The placeholder that replaces each kind. */
export const PII_PLACEHOLDERS: Readonly<Record<PiiKind, string>> = {
  email: "[email]",
  iban: "[iban]",
  card: "[card]",
  phone: "[phone]",
  address: "[address]",
  name: "[name]",
};

/** Zero counts for every kind. */
export function emptyCounts(): PiiCounts {
  return { email: 0, iban: 0, card: 0, phone: 0, address: 0, name: 0 };
}
