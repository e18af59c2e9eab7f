/**
 * The catalogue as the shop assistant knows it (pure, typed; no storage, no I/O): product variants,
 * cards, page and image rendering, recognising named products in shopper messages, reading what is
 * asked about them, and answering from catalogue data only. See docs/products.md.
 */
export * from "./types.ts";
export * from "./format.ts";
export * from "./paths.ts";
export { toProductCard, type ProductCardOptions } from "./product-card.ts";
export { renderProductSvg } from "./product-image.ts";
export { renderProductPage, type ProductPageOptions } from "./product-page.ts";
export { tokenize, normaliseWord, type Token } from "./text.ts";
export * from "./product-matcher.ts";
export { PRODUCT_ATTRIBUTES, QUESTION_CUES, ENGLISH_CUES, type ProductAttribute, type QuestionCues, type FeatureCue } from "./question-cues.ts";
export { findVariantRequest, parseProductQuestion, type ProductQuestion, type VariantRequest, type QuestionParserOptions } from "./question-parser.ts";
export { descriptionPhrases, featureEvidence, materialPhrases, warrantyFor, type ProductPolicyFacts, type WarrantyRule } from "./product-facts.ts";
export { answerProductQuestion, type ProductAnswer, type AmbiguousCandidate, type AnswerProductQuestionOptions } from "./answer.ts";
export { createSubstringMatcher } from "./substring-matcher.ts";
export { parseProductQuestionCases, scoreProductAnswer, summariseProductScores, type ProductQuestionCase, type ProductScore, type ProductScoreRow } from "./evaluation.ts";
export { createCatalogueService, type CatalogueService } from "./catalogue-service.ts";
