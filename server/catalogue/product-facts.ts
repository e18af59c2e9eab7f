/**
 * What the catalogue says about one product, read from its own data only: the feature phrases of its
 * description, the evidence for a feature a shopper asks about, its materials, and the shop's policy
 * facts that depend on the product (warranty by category, freight over a weight).
 */
import type { FeatureCue } from "./question-cues.ts";
import type { CatalogueProduct } from "./types.ts";

/** Which products a warranty statement covers: every given field must equal the product's. */
export interface WarrantyRule {
  category?: string;
  subcategory?: string;
  consumable?: boolean;
  /** The statement as the shop words it, e.g. "a 2-year warranty on parts". */
  text: string;
}

/** The shop's policy facts that depend on the product (from its policies, passed in by the caller). */
export interface ProductPolicyFacts {
  /** Warranty statements; the first rule that matches a product applies, none means no stated warranty. */
  warranties: readonly WarrantyRule[];
  /** Items heavier than this ship by freight. */
  freightOverKg: number;
  /** How freight delivery works, e.g. "by freight with a 4-hour delivery window booked by phone; ...". */
  freightDelivery: string;
  /** How everything else is delivered, e.g. "as a parcel: standard shipping takes 3–5 business days ...". */
  parcelDelivery: string;
}

/**
 * The phrases of a description: the items of its "It has A, B and C." list, and its other sentences.
 * @example descriptionPhrases(p) // ["The Vantera Tempo 2 is a versatile road running shoe ...", "reflective details for early-morning runs", ...]
 */
export function descriptionPhrases(description: string): string[] {
  const out: string[] = [];
  for (const sentence of description.split(/(?<=\.)\s+/)) {
    const list = /^It has (.+)\.$/.exec(sentence.trim());
    if (list) out.push(...list[1].split(/, | and (?=an? |\d|[a-z]+ )/).map((s) => s.replace(/^and /, "").trim()).filter(Boolean));
    else if (sentence.trim()) out.push(sentence.trim().replace(/\.$/, ""));
  }
  return out;
}

/**
 * The product's own wording that shows it has a feature, or null when its data does not say so. A feature
 * with tags needs one of them; a feature without tags (pages, hood) needs its wording in the description or name.
 */
export function featureEvidence(product: CatalogueProduct, cue: FeatureCue): string | null {
  const phrases = descriptionPhrases(product.description);
  // The list items say more than the opening sentence ("The X is a versatile racing shoe ..."): try them first.
  const ordered = [...phrases.slice(1), phrases[0] ?? ""];
  const tag = cue.tags.find((t) => product.tags.includes(t));
  if (cue.tags.length > 0 && tag === undefined) return cue.text?.test(product.name) ? `"${product.name}" in its name` : null;
  const phrase =
    (cue.text && ordered.find((p) => cue.text!.test(p))) ||
    (tag && ordered.find((p) => p.toLowerCase().includes(tag.replace(/-/g, " "))));
  if (phrase) return phrase;
  if (cue.text?.test(product.name)) return `"${product.name}" in its name`;
  return tag ? `the "${tag}" feature` : null;
}

/** The phrases of the description that name a material ("odour-resistant merino wool", "carbon shafts"). */
export function materialPhrases(product: CatalogueProduct, materialWords: RegExp): string[] {
  return descriptionPhrases(product.description).filter((p) => !p.startsWith(`The ${product.name} is`) && materialWords.test(p));
}

/** The warranty statement that applies to a product, or null when the shop states none for it. */
export function warrantyFor(product: CatalogueProduct, facts: ProductPolicyFacts): string | null {
  const rule = facts.warranties.find(
    (r) =>
      (r.category === undefined || r.category === product.category) &&
      (r.subcategory === undefined || r.subcategory === product.subcategory) &&
      (r.consumable === undefined || r.consumable === product.consumable),
  );
  return rule?.text ?? null;
}
