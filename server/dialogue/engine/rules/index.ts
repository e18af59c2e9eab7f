import type { Rule } from "../rule.ts";
import { afterClarify, fallback, multiQuestion, retrievalAnswer, sharedTopic, smalltalk } from "./answers.ts";
import { explicitRequest, highValueComplaint, repeatedFallback, strongNegative } from "./handoff.ts";
import { damageReport, gibberish, personOverTopic } from "./guards.ts";
import { englishOnly } from "./language.ts";
import { orderStatus } from "./orders.ts";
import { productAnswer } from "./product-answer.ts";
import { purchase, recommend } from "./products.ts";
import { retentionOffer } from "./retention.ts";

/**
 * The decision rules, in order; the first that decides wins (docs/dialogue.md):
 * 1. a person: explicit request (also one that names a topic), strongly negative sentiment, a high-value
 *    customer's complaint; gibberish gets the fallback;
 * 2. a retention offer for a valuable customer at risk who wants to cancel, leave, return or complains;
 * 3. the answer to a clarifying question; a damage report (damaged-in-transit or warranty answer, or a
 *    person); order status; a language without knowledge translations gets a
 *    note that the assistant answers in English;
 * 4. a question about a named product (from the catalogue); product recommendations, purchase intent (upsell once);
 * 5. smalltalk; a bare topic (its overview, clarify or answer); two questions answered each; a knowledge answer
 *    that fits the question's type, or a clarification;
 * 6. a person after repeated fallbacks; the fallback.
 */
export const DEFAULT_RULES: readonly Rule[] = Object.freeze([
  explicitRequest,
  personOverTopic,
  strongNegative,
  highValueComplaint,
  gibberish,
  retentionOffer,
  afterClarify,
  damageReport,
  orderStatus,
  englishOnly,
  productAnswer,
  recommend,
  purchase,
  smalltalk,
  sharedTopic,
  multiQuestion,
  retrievalAnswer,
  repeatedFallback,
  fallback,
]);
