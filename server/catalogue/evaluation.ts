/**
 * Scoring of product-question answers against hand-labelled cases (test/data/product-questions.json):
 * right, wrong (a wrong product, a wrong attribute, an invented detail, a guess where the name was
 * ambiguous) and fallback-or-unknown (no answer, "I don't have that detail", or a question back), per
 * attribute, plus false positives on messages that are not about a product.
 */
import { z } from "zod";
import { AppError } from "../errors.ts";
import type { ProductAnswer } from "./answer.ts";
import { PRODUCT_ATTRIBUTES, type ProductAttribute } from "./question-cues.ts";

const Case = z.strictObject({
  id: z.string().regex(/^[a-z]\d{3}$/),
  split: z.enum(["dev", "heldout"]),
  text: z.string().min(1),
  kind: z.enum(["product_info", "detail_unknown", "ambiguous"]).nullable(),
  productIds: z.array(z.string().min(1)),
  attribute: z.enum(PRODUCT_ATTRIBUTES).nullable(),
});
const File = z.strictObject({ about: z.string(), seed: z.number().int().nonnegative(), questions: z.array(Case).min(1) });

/** One labelled shopper question: the expected kind, product ids and attribute (kind null: not about a product). */
export type ProductQuestionCase = z.infer<typeof Case>;

/** How one answer scored. */
export type ProductScore = "right" | "wrong" | "fallback" | "false_positive";

/**
 * Validate the product-questions file: every case well-formed, ids unique, labels consistent.
 * Throws CHAT_ERR_VALIDATION with the first problem.
 */
export function parseProductQuestionCases(json: unknown): { seed: number; cases: ProductQuestionCase[] } {
  const parsed = File.safeParse(json);
  if (!parsed.success) throw new AppError("CHAT_ERR_VALIDATION", `product questions: ${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`);
  const seen = new Set<string>();
  for (const c of parsed.data.questions) {
    if (seen.has(c.id)) throw new AppError("CHAT_ERR_VALIDATION", `product questions: duplicate id ${c.id}`);
    seen.add(c.id);
    const aboutProduct = c.kind !== null;
    if (aboutProduct !== (c.attribute !== null) || aboutProduct !== c.productIds.length > 0) {
      throw new AppError("CHAT_ERR_VALIDATION", `product questions: ${c.id} must have product ids and an attribute exactly when its kind is not null`);
    }
    if ((c.attribute === "comparison" && c.productIds.length !== 2) || (c.kind === "ambiguous" && c.productIds.length < 2)) {
      throw new AppError("CHAT_ERR_VALIDATION", `product questions: ${c.id} needs two products for a comparison and at least two for an ambiguous name`);
    }
  }
  return { seed: parsed.data.seed, cases: parsed.data.questions };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Score one answer against its case.
 * @example scoreProductAnswer(c, answerProductQuestion(c.text, options)) // "right"
 */
export function scoreProductAnswer(c: ProductQuestionCase, answer: ProductAnswer | null): ProductScore {
  if (c.kind === null) return answer === null ? "right" : "false_positive";
  if (answer === null) return "fallback";
  if (c.kind === "ambiguous") {
    if (answer.kind !== "ambiguous") return "wrong"; // a guess where the name fits several products
    return c.productIds.every((id) => answer.candidates.some((x) => x.productId === id)) ? "right" : "wrong";
  }
  if (answer.kind === "ambiguous") return "fallback"; // asked back: honest, not an answer
  if (!sameSet(answer.productIds, c.productIds) || answer.attribute !== c.attribute) return "wrong";
  if (answer.kind === c.kind) return "right";
  return c.kind === "product_info" ? "fallback" : "wrong"; // "detail_unknown" expected but a detail was given: invented
}

/** Counts of one attribute (or of the not-about-a-product cases under "none"). */
export interface ProductScoreRow {
  attribute: ProductAttribute | "none" | "all";
  n: number;
  right: number;
  wrong: number;
  fallback: number;
  falsePositive: number;
}

/** Per-attribute rows in PRODUCT_ATTRIBUTES order, then "none", then a total row. */
export function summariseProductScores(scored: readonly { c: ProductQuestionCase; score: ProductScore }[]): { rows: ProductScoreRow[]; total: ProductScoreRow } {
  const rows = new Map<ProductScoreRow["attribute"], ProductScoreRow>();
  for (const a of [...PRODUCT_ATTRIBUTES, "none" as const]) rows.set(a, { attribute: a, n: 0, right: 0, wrong: 0, fallback: 0, falsePositive: 0 });
  const total: ProductScoreRow = { attribute: "all", n: 0, right: 0, wrong: 0, fallback: 0, falsePositive: 0 };
  for (const { c, score } of scored) {
    for (const row of [rows.get(c.attribute ?? "none")!, total]) {
      row.n++;
      if (score === "right") row.right++;
      else if (score === "wrong") row.wrong++;
      else if (score === "fallback") row.fallback++;
      else row.falsePositive++;
    }
  }
  return { rows: [...rows.values()].filter((r) => r.n > 0), total };
}
