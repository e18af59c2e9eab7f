import { t } from "../../../i18n/index.ts";
import type { Rule } from "../rule.ts";
import { mayMarketTo } from "./consent.ts";

/** Asking what goes with a product is a request for a complementary item (an upsell), not a new search. */
const COMPLEMENT_CUE = /\b(what else|anything else|go(?:es)? (?:well )?with|need with it|pair (?:it )?with)\b/i;

const wantsComplement = (text: string, productTalk: boolean, purchase: number, bar: number) => COMPLEMENT_CUE.test(text) && (productTalk || purchase >= bar);

/** Product questions get product cards ranked by fit to the question (and the profile of a verified customer). */
export const recommend: Rule = {
  name: "products/recommend",
  async decide(f, ctx) {
    if (!f.sure("product_recommendation") || !ctx.customers) return undefined;
    if (wantsComplement(f.text, f.productTalk, f.probability("purchase_intent"), ctx.policy.complementPurchaseProbability)) return undefined;
    const category = await ctx.categoryOf(f.text);
    let suggestions = await ctx.customers.recommend(f.ctx.customerId, { query: f.text, k: 3, category });
    if (!suggestions.length && category) suggestions = await ctx.customers.recommend(f.ctx.customerId, { query: f.text, k: 3 });
    const cards = await ctx.toCards(suggestions);
    if (!cards.length) return undefined;
    return {
      reply: { text: t(f.language, "recommend.intro"), action: "recommend", products: cards },
      why: `product question${category ? ` about ${category}` : ""}: ${cards.length} products ranked by fit${f.ctx.customerId ? " and profile" : ""}`,
      bar: { name: "intentMinConfidence", value: ctx.policy.intentMinConfidence, observed: f.intent.confidence },
      memory: { lastProducts: cards.map((c) => c.id) },
    };
  },
};

/**
 * Purchase intent (or "what goes with it"): one upsell per conversation of a product frequently bought
 * with the one in question (treatment arm; never in a complaint, return or cancellation); otherwise a
 * plain acknowledgement.
 */
export const purchase: Rule = {
  name: "products/purchase",
  async decide(f, ctx) {
    const complement = wantsComplement(f.text, f.productTalk, f.probability("purchase_intent"), ctx.policy.complementPurchaseProbability);
    if (!(f.sure("purchase_intent") || complement) || !ctx.customers) return undefined;
    const mem = f.memory;
    let anchors = mem.lastProducts.slice(0, 1);
    if (!anchors.length) anchors = (await ctx.customers.recommend(f.ctx.customerId, { query: f.text, k: 1, category: await ctx.categoryOf(f.text) })).map((s) => s.productId);
    const plain = (why: string) => ({ reply: { text: t(f.language, "purchase.noUpsell"), action: "smalltalk" as const }, why });
    if (mem.upsellShown) return plain("purchase intent; upsell already shown");
    if (mem.sensitive) return plain("purchase intent; no upsell in a sensitive conversation");
    if (!anchors.length || !ctx.experiments) return plain("purchase intent; no upsell (nothing to suggest)");
    if (!(await mayMarketTo(f, ctx))) return plain("purchase intent; no upsell (the customer has not given marketing consent)");
    const arm = await ctx.experiments.arm("upsell", { customerId: f.ctx.customerId, conversationId: f.ctx.conversationId });
    const together = await ctx.customers.frequentlyBoughtTogether(anchors, { k: 1 });
    const cards = await ctx.toCards(together);
    if (!cards.length) return plain("purchase intent; no upsell (nothing bought together)");
    const reason = `purchase intent for ${anchors.join(", ")}; bought together: ${together[0].reason}`;
    const offer = {
      experiment: "upsell", arm, conversationId: f.ctx.conversationId, customerId: f.ctx.customerId, kind: "bought_together", shown: arm === "treatment",
      code: null, valueCents: Math.round(cards[0].price * 100), costCents: 0, productIds: cards.map((c) => c.id), reason,
    };
    const experiment = { name: "upsell", arm, offered: arm === "treatment", reason };
    if (arm !== "treatment") return { ...plain("purchase intent; no upsell (holdout)"), experiment, offer, memory: { upsellShown: true } };
    return { reply: { text: t(f.language, "upsell.intro"), action: "upsell", products: cards }, why: `upsell: ${reason}`, experiment, offer, memory: { upsellShown: true } };
  },
};
