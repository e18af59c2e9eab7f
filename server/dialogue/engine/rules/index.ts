import type { Rule } from "../rule.ts";
import { afterClarify, fallback, retrievalAnswer, sharedTopic, smalltalk } from "./answers.ts";
import { explicitRequest, highValueComplaint, repeatedFallback, strongNegative } from "./handoff.ts";
import { englishOnly } from "./language.ts";
import { orderStatus } from "./orders.ts";
import { productAnswer } from "./product-answer.ts";
import { purchase, recommend } from "./products.ts";
import { retentionOffer } from "./retention.ts";

/**
 * The decision rules, in order; the first that decides wins (docs/dialogue.md):
 * 1. a person: explicit request, strongly negative sentiment, a high-value customer's complaint;
 * 2. a retention offer for a valuable customer at risk who wants to cancel, leave, return or complains;
 * 3. the answer to a clarifying question; order status; a language without knowledge translations gets a
 *    note that the assistant answers in English;
 * 4. a question about a named product (from the catalogue); product recommendations, purchase intent (upsell once);
 * 5. smalltalk; a bare topic (clarify or answer); a knowledge answer or a clarification;
 * 6. a person after repeated fallbacks; the fallback.
 */
export const DEFAULT_RULES: readonly Rule[] = Object.freeze([
  explicitRequest,
  strongNegative,
  highValueComplaint,
  retentionOffer,
  afterClarify,
  orderStatus,
  englishOnly,
  productAnswer,
  recommend,
  purchase,
  smalltalk,
  sharedTopic,
  retrievalAnswer,
  repeatedFallback,
  fallback,
]);
