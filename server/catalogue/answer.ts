/**
 * Answers a shopper's question about a named product from catalogue data only: price, stock per
 * size/colour, sizes, colours, weight, measurements, materials, features, warranty and delivery class
 * (from the shop's policy facts), and comparisons of two products. Says so when the catalogue does not
 * hold the detail, asks which product when a name fits several, and returns null when the message is
 * not about a specific product (so the policy FAQ answers it).
 */
import { formatPrice, formatWeight, joinWords, PRODUCT_LOW_STOCK_AT, stockStatus, VARIANT_LOW_STOCK_AT, variantLabel } from "./format.ts";
import { toProductCard } from "./product-card.ts";
import { descriptionPhrases, featureEvidence, materialPhrases, warrantyFor, type ProductPolicyFacts } from "./product-facts.ts";
import type { ProductMatcher, ProductMention } from "./product-matcher.ts";
import { ENGLISH_CUES, QUESTION_CUES, type ProductAttribute } from "./question-cues.ts";
import { findVariantRequest, parseProductQuestion, type ProductQuestion, type VariantRequest } from "./question-parser.ts";
import type { CatalogueProduct, CatalogueProductCard, ProductVariant } from "./types.ts";

/** A product a name may mean, offered back to the shopper. */
export interface AmbiguousCandidate {
  productId: string;
  name: string;
  confidence: number;
}

/** The answer to a product question, or why there is none. */
export type ProductAnswer =
  | { kind: "product_info"; productIds: string[]; attribute: ProductAttribute; text: string; cards: CatalogueProductCard[] }
  | { kind: "detail_unknown"; productIds: string[]; attribute: ProductAttribute; text: string; cards: CatalogueProductCard[] }
  | { kind: "ambiguous"; attribute: ProductAttribute; candidates: AmbiguousCandidate[]; text: string; cards: CatalogueProductCard[] };

/** What answerProductQuestion needs: the matcher, the live products (for fresh price and stock), the policy facts. */
export interface AnswerProductQuestionOptions {
  matcher: ProductMatcher<CatalogueProduct>;
  /** The current catalogue; a matched product missing here is not answered. Default: the matcher's products as matched. */
  products?: readonly CatalogueProduct[] | ReadonlyMap<string, CatalogueProduct>;
  /** Warranty and delivery facts; without them those questions get "detail_unknown". */
  policyFacts?: ProductPolicyFacts;
  /** Locale of the question cues; default "en". */
  locale?: string;
}

type Facts = { text: string; known: boolean; variant?: ProductVariant };

const MAX_LISTED = 14;

function unknown(p: CatalogueProduct): Facts {
  return { text: `I don't have that detail for the ${p.name}; here is the product page.`, known: false };
}

function stockWords(p: CatalogueProduct): string {
  const s = stockStatus(p.stock, PRODUCT_LOW_STOCK_AT);
  return s === "in_stock" ? "in stock" : s === "low_stock" ? `in stock, but only ${p.stock} left` : "sold out at the moment";
}

function sizesOf(p: CatalogueProduct): string[] {
  return [...new Set(p.variants.map((v) => v.size).filter((s): s is string => s !== null))];
}

function coloursOf(p: CatalogueProduct): string[] {
  return [...new Set(p.variants.map((v) => v.colour).filter((c): c is string => c !== null))];
}

function sizeRange(p: CatalogueProduct): string {
  const sizes = sizesOf(p);
  const us = p.variants.some((v) => v.sizeSystem === "US");
  return `${us ? "US sizes " : "sizes "}${sizes[0]}–${sizes[sizes.length - 1]}`;
}

function listed(labels: readonly string[]): string {
  return labels.length > MAX_LISTED ? `${labels.slice(0, MAX_LISTED).join(", ")} and ${labels.length - MAX_LISTED} more` : joinWords(labels);
}

function priceFacts(p: CatalogueProduct, variant: VariantRequest): Facts {
  const asked = [variant.colour && titleCase(variant.colour), variant.size].filter(Boolean).join(", ");
  return { text: `The ${p.name}${asked ? ` (${asked})` : ""} is ${formatPrice(p.priceCents)}; it is ${stockWords(p)}.`, known: true };
}

function titleCase(s: string): string {
  return s.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

function stockFacts(p: CatalogueProduct, variant: VariantRequest): Facts {
  if (!variant.size && !variant.colour) {
    if (!p.variants.length || p.stock === 0) return { text: `The ${p.name} is ${stockWords(p)}.`, known: true };
    const out = p.variants.filter((v) => v.stock === 0).map(variantLabel);
    return { text: `The ${p.name} is ${stockWords(p)}.${out.length ? ` Sold out right now: ${listed(out)}.` : " Every size and colour is available."}`, known: true };
  }
  if (!p.variants.length) return unknown(p);
  const sizes = sizesOf(p);
  const colours = coloursOf(p);
  if (variant.size && !sizes.length) return unknown(p);
  if (variant.size && !sizes.includes(variant.size)) {
    return { text: `The ${p.name} doesn't come in size ${variant.size}; it comes in ${sizeRange(p)}.`, known: true };
  }
  if (variant.colour && colours.length && !colours.some((c) => c.toLowerCase() === variant.colour)) {
    return { text: `The ${p.name} doesn't come in ${variant.colour}; it comes in ${joinWords(colours)}.`, known: true };
  }
  const fits = p.variants.filter((v) => (!variant.size || v.size === variant.size) && (!variant.colour || v.colour?.toLowerCase() === variant.colour));
  if (!fits.length) return unknown(p);
  const state = (v: ProductVariant) => {
    const s = stockStatus(v.stock, VARIANT_LOW_STOCK_AT);
    return s === "in_stock" ? "in stock" : s === "low_stock" ? `in stock (only ${v.stock} left)` : "sold out";
  };
  const lines = fits.map((v) => `${variantLabel(v)}: ${state(v)}`);
  const anyIn = fits.some((v) => v.stock > 0);
  const best = fits.find((v) => v.stock > 0) ?? fits[0];
  if (fits.length === 1) {
    const alt = anyIn ? "" : alternatives(p, best);
    return { text: `${anyIn ? "Yes, the" : "Sorry, the"} ${p.name} in ${variantLabel(best)} is ${state(best)}.${alt}`, known: true, variant: best };
  }
  return { text: `The ${p.name}: ${lines.join("; ")}.`, known: true, variant: best };
}

/** Other variants of the same size (or colour) that are in stock. */
function alternatives(p: CatalogueProduct, v: ProductVariant): string {
  const same = p.variants.filter((x) => x.stock > 0 && ((v.size !== null && x.size === v.size) || (v.size === null && x.colour !== v.colour)));
  if (same.length) return ` It is in stock in ${joinWords(same.map(variantLabel))}.`;
  const other = p.variants.filter((x) => x.stock > 0 && x.colour === v.colour).map((x) => x.size ?? "");
  return other.length ? ` In ${v.colour ?? "it"}, sizes ${listed(other)} are in stock.` : "";
}

function sizesFacts(p: CatalogueProduct): Facts {
  const sizes = sizesOf(p);
  if (!sizes.length) return unknown(p);
  const soldOut = sizes.filter((s) => p.variants.filter((v) => v.size === s).every((v) => v.stock === 0));
  return {
    text: `The ${p.name} comes in ${sizeRange(p)}: ${listed(sizes)}.${soldOut.length ? ` Sold out in every colour right now: ${listed(soldOut)}.` : ""}`,
    known: true,
  };
}

function coloursFacts(p: CatalogueProduct, variant: VariantRequest): Facts {
  const colours = coloursOf(p);
  if (!colours.length) return unknown(p);
  if (variant.colour) {
    const has = colours.find((c) => c.toLowerCase() === variant.colour);
    return has
      ? { text: `Yes, the ${p.name} comes in ${has}${p.variants.some((v) => v.colour === has && v.stock > 0) ? "" : " (sold out right now)"}.`, known: true }
      : { text: `The ${p.name} doesn't come in ${variant.colour}; it comes in ${joinWords(colours)}.`, known: true };
  }
  return { text: `The ${p.name} comes in ${joinWords(colours)}.`, known: true };
}

function dimensionsFacts(p: CatalogueProduct): Facts {
  const d = p.dimensions;
  if (!d) return unknown(p);
  return { text: `The ${p.name} measures ${d.lengthCm} × ${d.widthCm} × ${d.heightCm} cm (length × width × height${d.note ? `, ${d.note}` : ""}).`, known: true };
}

function featureFacts(p: CatalogueProduct, q: ProductQuestion): Facts {
  if (q.feature) {
    const evidence = featureEvidence(p, q.feature);
    if (!evidence) return unknown(p);
    // A list item reads on from "has" ("a waterproof membrane"); anything else is quoted as the product details say it.
    return /^[a-z0-9"]/.test(evidence) ? { text: `Yes, the ${p.name} has ${evidence}.`, known: true } : { text: `From the ${p.name}'s details: ${evidence}.`, known: true };
  }
  const phrases = descriptionPhrases(p.description).slice(1);
  if (q.otherFeature) {
    // A feature the cue table does not know: only a word-for-word mention in the product's data counts.
    const words = q.otherFeature.split(/\s+/).filter((w) => w.length > 3);
    const hit = words.length ? phrases.find((ph) => words.every((w) => ph.toLowerCase().includes(w))) : undefined;
    return hit ? { text: `The ${p.name} has ${hit}.`, known: true } : unknown(p);
  }
  return phrases.length ? { text: `The ${p.name} has ${joinWords(phrases)}.`, known: true } : unknown(p);
}

function materialFacts(p: CatalogueProduct, locale: string | undefined): Facts {
  const cues = QUESTION_CUES[locale ?? "en"] ?? ENGLISH_CUES;
  const found = materialPhrases(p, cues.materialWords);
  return found.length ? { text: `From the product details, the ${p.name} has ${joinWords(found)}.`, known: true } : unknown(p);
}

function warrantyFacts(p: CatalogueProduct, facts: ProductPolicyFacts | undefined): Facts {
  const w = facts && warrantyFor(p, facts);
  return w ? { text: `The ${p.name} comes with ${w}.`, known: true } : unknown(p);
}

function deliveryFacts(p: CatalogueProduct, facts: ProductPolicyFacts | undefined): Facts {
  if (!facts) return unknown(p);
  return p.weightKg > facts.freightOverKg
    ? { text: `The ${p.name} weighs ${formatWeight(p.weightKg)}, so it ships ${facts.freightDelivery}.`, known: true }
    : { text: `The ${p.name} ships ${facts.parcelDelivery}.`, known: true };
}

function overviewFacts(p: CatalogueProduct): Facts {
  return { text: `${p.description} It is ${formatPrice(p.priceCents)} and ${stockWords(p)}.`, known: true };
}

function factsFor(p: CatalogueProduct, q: ProductQuestion, variant: VariantRequest, options: AnswerProductQuestionOptions): Facts {
  switch (q.attribute) {
    case "price": return priceFacts(p, variant);
    case "stock": return stockFacts(p, variant);
    case "sizes": return sizesFacts(p);
    case "colours": return coloursFacts(p, variant);
    case "weight": return { text: `The ${p.name} weighs ${formatWeight(p.weightKg)}.`, known: true };
    case "dimensions": return dimensionsFacts(p);
    case "materials": return materialFacts(p, options.locale);
    case "features": return featureFacts(p, q);
    case "warranty": return warrantyFacts(p, options.policyFacts);
    case "delivery": return deliveryFacts(p, options.policyFacts);
    default: return overviewFacts(p);
  }
}

function compare(a: CatalogueProduct, b: CatalogueProduct, on: ProductQuestion["compareOn"]): string {
  const line = (p: CatalogueProduct) => `${p.name}: ${formatPrice(p.priceCents)}, ${formatWeight(p.weightKg)}, ${stockWords(p)}`;
  let verdict = "";
  if (on === "weight" && a.weightKg !== b.weightKg) {
    const [light, heavy] = a.weightKg < b.weightKg ? [a, b] : [b, a];
    verdict = ` The ${light.name} is lighter, by ${formatWeight(Math.round((heavy.weightKg - light.weightKg) * 1000) / 1000)}.`;
  } else if (on === "price" && a.priceCents !== b.priceCents) {
    const [cheap, dear] = a.priceCents < b.priceCents ? [a, b] : [b, a];
    verdict = ` The ${cheap.name} is cheaper, by ${formatPrice(dear.priceCents - cheap.priceCents)}.`;
  } else if (on === null) {
    const only = (x: CatalogueProduct, y: CatalogueProduct) => descriptionPhrases(x.description).slice(1).filter((ph) => !descriptionPhrases(y.description).includes(ph));
    const [oa, ob] = [only(a, b), only(b, a)];
    if (oa.length) verdict += ` The ${a.name} has ${joinWords(oa)}.`;
    if (ob.length) verdict += ` The ${b.name} has ${joinWords(ob)}.`;
  } else verdict = ` They are the same on ${on}.`;
  return `${line(a)}. ${line(b)}.${verdict}`;
}

function ambiguous(mention: ProductMention<CatalogueProduct>, attribute: ProductAttribute, lookup: (id: string) => CatalogueProduct | undefined): ProductAnswer {
  const candidates = mention.candidates.flatMap((c) => {
    const p = lookup(c.product.id);
    return p ? [{ productId: p.id, name: p.name, confidence: c.confidence, product: p }] : [];
  });
  return {
    kind: "ambiguous",
    attribute,
    candidates: candidates.map(({ productId, name, confidence }) => ({ productId, name, confidence })),
    text: `Which one do you mean: ${joinWords(candidates.map((c) => `the ${c.name}`), "or")}?`,
    cards: candidates.map((c) => toProductCard(c.product)),
  };
}

function lookupIn(options: AnswerProductQuestionOptions): (id: string, fallback?: CatalogueProduct) => CatalogueProduct | undefined {
  const { products } = options;
  if (!products) return (_id, fallback) => fallback;
  const map = products instanceof Map ? (products as ReadonlyMap<string, CatalogueProduct>) : new Map((products as readonly CatalogueProduct[]).map((p) => [p.id, p]));
  return (id) => map.get(id);
}

function blank(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + " ".repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/**
 * Answer a question about a named product from catalogue data, or null when the message names no
 * specific product or asks a policy question (returns, price match) that the FAQ answers.
 * @example answerProductQuestion("how heavy is the vantera tempo 2?", { matcher, products, policyFacts })
 *   // { kind: "product_info", productIds: ["P0062"], attribute: "weight", text: "The Vantera Tempo 2 weighs 510 g (1.1 lb).", cards: [...] }
 */
export function answerProductQuestion(text: string, options: AnswerProductQuestionOptions): ProductAnswer | null {
  const colours = variantColours(options);
  const variant = findVariantRequest(text, { locale: options.locale, colours });
  const masked = blank(text, variant.spans);
  const match = options.matcher.match(masked);
  if (!match.mentions.length) return null;
  const rest = blank(text, match.mentions.map((m) => m.span));
  const q = parseProductQuestion(rest, { mentions: match.mentions.length, variant }, { locale: options.locale });
  if (q.policy || q.attribute === null) return null;
  const get = lookupIn(options);
  const attribute = q.attribute;
  const lookup = (id: string) => get(id, match.candidates.find((c) => c.product.id === id)?.product);

  const unresolved = match.mentions.find((m) => !m.resolved);
  if (unresolved) return ambiguous(unresolved, attribute, lookup);
  const products = [...new Map(match.mentions.map((m) => [m.resolved!.product.id, lookup(m.resolved!.product.id)])).values()].filter(
    (p): p is CatalogueProduct => p !== undefined,
  );
  if (!products.length) return null;
  if (attribute === "comparison") {
    if (products.length < 2) return null;
    const [a, b] = products;
    return { kind: "product_info", productIds: [a.id, b.id], attribute, text: compare(a, b, q.compareOn), cards: [toProductCard(a), toProductCard(b)] };
  }
  const answers = products.slice(0, 3).map((p) => ({ p, f: factsFor(p, q, variant, options) }));
  const allKnown = answers.every((x) => x.f.known);
  const cards = answers.map(({ p, f }) => toProductCard(p, f.variant ? { variant: f.variant } : {}));
  const productIds = answers.map((x) => x.p.id);
  const body = answers.map((x) => x.f.text).join(" ");
  return allKnown || answers.some((x) => x.f.known)
    ? { kind: "product_info", productIds, attribute, text: body, cards }
    : { kind: "detail_unknown", productIds, attribute, text: body, cards };
}

function variantColours(options: AnswerProductQuestionOptions): string[] {
  const { products } = options;
  if (!products) return [];
  const list = products instanceof Map ? [...(products as ReadonlyMap<string, CatalogueProduct>).values()] : (products as readonly CatalogueProduct[]);
  return [...new Set(list.flatMap((p) => p.variants.map((v) => v.colour?.toLowerCase() ?? "")).filter(Boolean))];
}
