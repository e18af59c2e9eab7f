import type { Rule } from "../rule.ts";

/**
 * A question about a named product (price, stock per size or colour, weight, measurements, materials,
 * features, warranty, delivery class, a comparison) is answered from the catalogue with the product's
 * card; a detail the catalogue does not hold gets an honest "I don't have that detail" and the product
 * page; a name that fits several products asks which one. Questions that name no product fall through
 * to the FAQ (a price-match question is a policy question).
 */
export const productAnswer: Rule = {
  name: "products/answer",
  decide(f, ctx) {
    // The attribute cues and the answer sentences are English (docs/products.md).
    if (f.knowledgeLanguage !== "english") return undefined;
    const answer = ctx.catalogue?.answer(f.text);
    if (!answer) return undefined;
    const productIds = answer.productIds ?? answer.candidates?.map((c) => c.productId) ?? [];
    const product = { kind: answer.kind, productIds, attribute: answer.attribute };
    if (answer.kind === "ambiguous") {
      return {
        reply: { text: answer.text, action: "clarify", products: answer.cards, quickReplies: (answer.candidates ?? []).slice(0, 4).map((c) => c.name) },
        why: `product name fits ${productIds.length} products (${answer.attribute})`,
        product,
      };
    }
    return {
      reply: { text: answer.text, action: "product_info", products: answer.cards },
      why: answer.kind === "product_info" ? `product question: ${answer.attribute} of ${productIds.join(", ")}` : `product question the catalogue cannot answer: ${answer.attribute} of ${productIds.join(", ")}`,
      product,
      memory: { lastProducts: productIds.slice(0, 3) },
    };
  },
};
