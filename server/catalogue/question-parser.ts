/**
 * Reads what a shopper asks about a named product: the attribute (price, stock, weight, a feature, ...),
 * the size or colour they want, and whether the question is really a policy question (returns, price match)
 * that the FAQ should answer. Works on the message with the product's name blanked out.
 */
import { ENGLISH_CUES, QUESTION_CUES, type FeatureCue, type ProductAttribute, type QuestionCues } from "./question-cues.ts";
import { STOP_WORDS, tokenize } from "./text.ts";

/** A size and/or colour the shopper asked for, and where those words are (to hide them from the name matcher). */
export interface VariantRequest {
  /** A size label as the catalogue writes it ("10.5", "M"), or null. */
  size: string | null;
  /** A colour name in lower case ("black"), or null. */
  colour: string | null;
  spans: { start: number; end: number }[];
}

/** What the message asks about the product(s) it names. */
export interface ProductQuestion {
  /** The attribute asked about, or null when the message asks nothing this parser reads. */
  attribute: ProductAttribute | null;
  /** True for a policy topic (returns, price match, damage, order status): the FAQ answers, not the catalogue. */
  policy: boolean;
  /** For comparisons: the attribute "which is lighter / cheaper" is about, or null for an overall comparison. */
  compareOn: "price" | "weight" | null;
  /** The feature asked about, when it is one the cue table knows. */
  feature: FeatureCue | null;
  /** A material the shopper names ("is it merino?"), lower case, or null. */
  material: string | null;
  /** The words of a feature question the cue table does not know ("is it machine washable" -> "machine washable"). */
  otherFeature: string | null;
}

/** Options of the question parser. */
export interface QuestionParserOptions {
  /** Locale of the cue table; default "en" (unknown locales use English). */
  locale?: string;
  /** Colours the catalogue's variants come in (lower case), added to the cue table's colour words. */
  colours?: readonly string[];
}

function cuesFor(locale: string | undefined): QuestionCues {
  return QUESTION_CUES[(locale ?? "en").toLowerCase().split(/[-_]/)[0]] ?? ENGLISH_CUES;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The size and colour a message asks for ("in size 10.5", "in a medium", "in black"), with their spans.
 * @example findVariantRequest("do you have the tempo 2 in black, size 10?") // { size: "10", colour: "black", spans: [...] }
 */
export function findVariantRequest(text: string, options: QuestionParserOptions = {}): VariantRequest {
  const cues = cuesFor(options.locale);
  const spans: { start: number; end: number }[] = [];
  let size: string | null = null;
  for (const re of cues.sizePhrases) {
    const m = re.exec(text);
    if (!m) continue;
    const raw = m[1].toLowerCase();
    const n = Number(raw);
    if (!Number.isNaN(n) && (n < 4 || n > 16)) continue; // not a shoe size: "in 2 days", "Trek 45"
    size = cues.sizeWords[raw.replace("-", " ")] ?? cues.sizeWords[raw] ?? raw.toUpperCase();
    spans.push({ start: m.index, end: m.index + m[0].length });
    break;
  }
  let colour: string | null = null;
  const colours = [...new Set([...cues.colourWords, ...(options.colours ?? []).map((c) => c.toLowerCase())])].sort((a, b) => b.length - a.length);
  for (const name of colours) {
    const m = new RegExp(`\\b${escapeRegExp(name)}\\b`, "i").exec(text);
    if (!m) continue;
    colour = name === "gray" ? "grey" : name;
    spans.push({ start: m.index, end: m.index + m[0].length });
    break;
  }
  return { size, colour, spans };
}

/**
 * What a message asks about its product(s). `rest` is the message with the product names blanked (the size
 * and colour words stay: "red light" is a feature); `mentions` is how many products it names; `variant` what size/colour it asks for.
 * @example parseProductQuestion("how heavy is the  ?", { mentions: 1 }).attribute // "weight"
 */
export function parseProductQuestion(
  rest: string,
  context: { mentions: number; variant?: VariantRequest },
  options: QuestionParserOptions = {},
): ProductQuestion {
  const cues = cuesFor(options.locale);
  const q: ProductQuestion = { attribute: null, policy: false, compareOn: null, feature: null, material: null, otherFeature: null };
  const variant = context.variant ?? { size: null, colour: null, spans: [] };
  if (cues.policy.test(rest)) return { ...q, policy: true };
  const set = (attribute: ProductAttribute, extra: Partial<ProductQuestion> = {}): ProductQuestion => ({ ...q, attribute, ...extra });

  if (context.mentions >= 2 && (cues.comparison.test(rest) || /\bor\b/i.test(rest) || cues.compareOn.some((c) => c.cue.test(rest)))) {
    return set("comparison", { compareOn: cues.compareOn.find((c) => c.cue.test(rest))?.attribute ?? null });
  }
  if (cues.warranty.test(rest)) return set("warranty");
  const feature = cues.features.find((f) => f.ask.test(rest));
  if (feature && !(cues.stock.test(rest) && !cues.featureQuestion.test(rest))) return set("features", { feature });
  const material = cues.materialWords.exec(rest);
  if (cues.materials.test(rest) || (material && cues.featureQuestion.test(rest))) return set("materials", { material: material?.[0].toLowerCase() ?? null });
  if (cues.delivery.test(rest)) return set("delivery");
  if (cues.weight.test(rest)) return set("weight");
  if (cues.dimensions.test(rest)) return set("dimensions");
  // "what colours ..." asks for the colours even with "available"; "does it come in black" too, but not "do you have it in black".
  if (/\bcolou?rs?\b/i.test(rest) || ((cues.colours.test(rest) || (variant.colour && /\bcomes? in\b/i.test(rest))) && !cues.stock.test(rest))) return set("colours");
  if (cues.sizes.test(rest) && !variant.size) return set("sizes");
  if (cues.stock.test(rest)) return set("stock");
  if (cues.price.test(rest)) return set("price");
  if (variant.size || variant.colour) return set("stock");
  const words = tokenize(rest).filter((t) => !STOP_WORDS.has(t.norm));
  if (cues.featureList.test(rest)) return set("features");
  if (cues.featureQuestion.test(rest) && words.length > 0) {
    return set("features", { otherFeature: words.map((w) => w.raw.toLowerCase()).join(" ") });
  }
  if (cues.overview.test(rest) || words.length <= 1) return set("overview");
  return q;
}
