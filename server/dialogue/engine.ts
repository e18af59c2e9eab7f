import { createHash, randomBytes } from "node:crypto";
import type { BotAction, ProductCard, SourceRef } from "../protocol.ts";
import { stems, type KnowledgeIndex, type RetrievalResult } from "../retrieval/index.ts";
import type { Customer, DialogueStore, Order, Product } from "../storage/index.ts";
import type { Experiments } from "./experiments.ts";
import { describeOrder, findEmail, findOrderNumber } from "./orders.ts";
import { createCategoryMatcher, type CategoryMatcher } from "./product-category.ts";
import { analyzeSentiment, type Sentiment } from "./sentiment.ts";

/** What the intent model says about one message. */
export interface IntentPrediction {
  label: string;
  confidence: number;
  outOfScope: boolean;
  top?: readonly { label: string; probability: number }[];
}

/** Any intent classifier the engine can use (see models/intents). */
export interface IntentModel {
  classify(text: string): Promise<IntentPrediction>;
}

/** A product suggestion from the customer models. */
export interface ProductSuggestion {
  productId: string;
  name: string;
  reason: string;
}

/** What the customer models say about a verified customer (personal parts are null without profiling consent). */
export interface CustomerView {
  segment: { name: string } | null;
  stage: string | null;
  clv: { clvCents: number; probabilityAlive: number } | null;
  churn: { risk: number; reasons: readonly { text: string }[] } | null;
}

/** The customer models the dialogue uses (server/customers implements this). */
export interface CustomerModels {
  getInsights(customerId: string, options?: { k?: number }): Promise<CustomerView>;
  recommend(customerId: string | null, query?: { query?: string; k?: number; exclude?: readonly string[]; category?: string }): Promise<ProductSuggestion[]>;
  frequentlyBoughtTogether(productIds: readonly string[], options?: { k?: number }): ProductSuggestion[];
}

/** Read access to the shop the dialogue needs. */
export interface ShopLookup {
  getOrder(id: string): Order | undefined;
  customerOrders(customerId: string, limit: number): Order[];
  getProduct(id: string): Product | undefined;
  getCustomer(id: string): Customer | undefined;
  /** The catalogue's categories and subcategories (for reading which product type a question is about). */
  productCategories?(): { category: string; subcategory: string }[];
}

/** Why the bot did what it did on one turn: stored with the turn and shown to agents. */
export interface DecisionRecord {
  intent: IntentPrediction;
  retrieval: { confidence: number; candidates: { id: string; title: string; dense: number; lexical: number; fused: number }[] };
  sentiment: Sentiment;
  customer?: { id: string; segment: string | null; stage: string | null; clvCents: number | null; churnRisk: number | null; highValue: boolean };
  experiment?: { name: string; arm: string; offered: boolean; reason: string };
  handoffReason?: string;
  rule: string;
}

/** The bot's reply to one shopper message. */
export interface BotReply {
  text: string;
  action: BotAction;
  intent?: { name: string; confidence: number };
  sources?: SourceRef[];
  products?: ProductCard[];
  quickReplies?: string[];
  decision: DecisionRecord;
}

/** What the engine knows about the conversation when a message arrives. */
export interface TurnContext {
  conversationId: string;
  customerId: string | null;
  /** Actions of the bot's recent replies, oldest first. */
  recentBotActions: readonly string[];
  /** The unmasked text, used only to read an e-mail address for order verification; never stored, embedded or logged. */
  rawText?: string;
}

/** Thresholds of the decision policy. */
export interface DialoguePolicy {
  /** Calibrated retrieval confidence needed to present an answer. */
  answerMinConfidence: number;
  /** The bar unless the intent model is sure the message is not an information request (then `answerMinConfidence`). */
  answerMinConfidenceInformational: number;
  /** Short queries (a few words) are ambiguous more often: clarify when the top two are within this similarity. */
  clarifyMarginShort: number;
  /** Two entries whose ranking scores (entry-classifier probability plus fused retrieval) differ by less than this are both plausible: ask which was meant. */
  clarifyMargin: number;
  /** Above this confidence the top entry is answered even if a second one is close. */
  clarifyMaxConfidence: number;
  /** Intent confidence needed to act on an intent. */
  intentMinConfidence: number;
  /** Consecutive fallbacks after which the bot hands off. */
  fallbacksBeforeHandoff: number;
  /** A verified customer is high-value from this 12-month CLV (cents), or in the champions / can't-lose segments. */
  highValueClvCents: number;
  /** Retention offers go to customers at or above this churn risk … */
  retentionMinChurnRisk: number;
  /** … and with at least this 12-month CLV (cents). */
  retentionMinClvCents: number;
  /** Coupon value as a share of CLV, rounded to whole dollars, between the min and max below. */
  retentionCouponShare: number;
  retentionCouponMinCents: number;
  retentionCouponMaxCents: number;
  /** Retention spend allowed per calendar month (cents); no offer once it is used up. */
  retentionBudgetCentsPerMonth: number;
  /** Cost of a prepaid return label (POLICIES.md R4). */
  returnLabelCents: number;
  /** Failed order-number + e-mail checks allowed per conversation before the bot stops checking. */
  maxVerificationAttempts: number;
}

/** Defaults for DialoguePolicy. */
export const DEFAULT_POLICY: DialoguePolicy = Object.freeze({
  answerMinConfidence: 0.5,
  answerMinConfidenceInformational: 0.2,
  clarifyMargin: 0.03,
  clarifyMarginShort: 0.1,
  clarifyMaxConfidence: 0.9,
  intentMinConfidence: 0.45,
  fallbacksBeforeHandoff: 2,
  highValueClvCents: 50_000,
  retentionMinChurnRisk: 0.5,
  retentionMinClvCents: 10_000,
  retentionCouponShare: 0.1,
  retentionCouponMinCents: 500,
  retentionCouponMaxCents: 2_500,
  retentionBudgetCentsPerMonth: 100_000,
  returnLabelCents: 650,
  maxVerificationAttempts: 3,
});

/** What the bot remembers across turns of one conversation (persisted; holds no raw personal data). */
export interface DialogueMemory {
  /** Anonymous order check in progress: the order number and/or a SHA-256 of the e-mail given so far. */
  pendingOrder?: { orderId?: string; emailHash?: string };
  verificationFailures: number;
  /** Orders an anonymous shopper has proven (number + e-mail) in this conversation. */
  verifiedOrders: string[];
  lastShopperText?: string;
  lastProducts: string[];
  upsellShown: boolean;
  retentionOffered: boolean;
  /** A complaint, return or cancellation came up: no upselling in this conversation. */
  sensitive: boolean;
}

const freshMemory = (): DialogueMemory => ({ verificationFailures: 0, verifiedOrders: [], lastProducts: [], upsellShown: false, retentionOffered: false, sensitive: false });

/** Dependencies of the dialogue engine; getters so a re-index or retrain swaps them live. */
export interface DialogueEngineOptions {
  knowledge: () => KnowledgeIndex;
  intents: () => IntentModel;
  shop?: ShopLookup;
  customers?: () => CustomerModels | undefined;
  store?: DialogueStore;
  experiments?: Experiments;
  policy?: Partial<DialoguePolicy>;
  shopName?: string;
  clock?: () => Date;
}

/** Turns one shopper message into a decision and a reply. */
export interface DialogueEngine {
  respond(text: string, ctx: TurnContext): Promise<BotReply>;
}

const SMALLTALK: Record<string, { text: string; quickReplies?: string[] }> = {
  greeting: { text: "Hi! I'm the {shop} assistant. Ask me about shipping, returns, your orders, or gear recommendations.", quickReplies: ["Shipping options", "Return policy", "Where is my order?"] },
  thanks: { text: "You're welcome! Anything else I can help with?" },
  goodbye: { text: "Thanks for stopping by {shop}. Happy training!" },
};

const CAPABILITIES =
  "I can help with shipping and delivery, returns and refunds, your orders, payment, Summit Club membership, warranties, your account and privacy, product advice, or connect you with a person.";

const SENSITIVE_INTENTS = new Set(["complaint", "return_refund", "cancel_order", "leave_shop"]);
const INFORMATIONAL_INTENTS = new Set(["faq", "return_refund", "cancel_order", "complaint", "order_status", "leave_shop"]);
/** Asking what goes with a product is a request for a complementary item (an upsell), not a new search. */
const COMPLEMENT_CUE = /\b(what else|anything else|go(?:es)? (?:well )?with|need with it|pair (?:it )?with)\b/i;
const RETENTION_TRIGGERS = new Set(["cancel_order", "leave_shop", "complaint", "return_refund"]);

const sha256 = (s: string) => createHash("sha256").update(s.trim().toLowerCase()).digest("hex");
const round = (x: number) => Math.round(x * 1000) / 1000;
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** Entries whose title and tags contain every word of a short (at most three words) question. */
function sharedTopicEntries(text: string, knowledge: KnowledgeIndex): { id: string; title: string }[] {
  if (text.trim().split(/\s+/).length > 3) return [];
  const q = stems(text);
  if (q.length === 0 || q.length > 2) return [];
  return knowledge.entries.filter((e) => {
    const words = new Set(stems(`${e.title} ${e.tags.join(" ")}`));
    return q.every((w) => words.has(w));
  });
}

function rankOf(retrieval: RetrievalResult, id: string): number {
  const i = retrieval.candidates.findIndex((c) => c.entry.id === id);
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}

function trailingCount(actions: readonly string[], action: string): number {
  let n = 0;
  for (let i = actions.length - 1; i >= 0 && actions[i] === action; i--) n++;
  return n;
}

function intentProbability(intent: IntentPrediction, label: string): number {
  if (intent.label === label) return intent.confidence;
  return intent.top?.find((t) => t.label === label)?.probability ?? 0;
}

/**
 * Create the dialogue engine. Each turn: understand (intent, retrieval, sentiment, order numbers),
 * look up the customer when verified, then pick one action by the rules below, in order, and record why:
 * 1. explicit request for a human, strongly negative sentiment, or a high-value customer's complaint → handoff;
 * 2. a high-churn-risk, valuable customer who wants to cancel, leave, return or complain → retention_offer
 *    (treatment arm, within budget), else the normal answer;
 * 3. order questions → order_status (verified: their orders; anonymous: order number and e-mail must match);
 * 4. product questions → recommend; purchase intent → upsell once (treatment arm, never in a sensitive conversation);
 * 5. smalltalk; a confident knowledge answer, or clarify between two close entries;
 * 6. fallback, and handoff after repeated fallbacks.
 */
export function createDialogueEngine(options: DialogueEngineOptions): DialogueEngine {
  const policy: DialoguePolicy = { ...DEFAULT_POLICY, ...options.policy };
  const shop = options.shopName ?? "Fjell & Field";
  const clock = options.clock ?? (() => new Date());
  const memoryCache = new Map<string, DialogueMemory>();
  let categories: CategoryMatcher | undefined;
  const categoryOf = (text: string) => {
    categories ??= createCategoryMatcher(options.shop?.productCategories?.() ?? []);
    return categories.infer(text);
  };

  const loadMemory = (conversationId: string): DialogueMemory =>
    memoryCache.get(conversationId) ?? { ...freshMemory(), ...(options.store?.getMemory<DialogueMemory>(conversationId) ?? {}) };
  const saveMemory = (conversationId: string, mem: DialogueMemory) => {
    if (options.store) options.store.setMemory(conversationId, mem);
    else memoryCache.set(conversationId, mem);
  };

  function toCards(suggestions: readonly ProductSuggestion[]): ProductCard[] {
    return suggestions.flatMap((s) => {
      const p = options.shop?.getProduct(s.productId);
      if (!p) return [];
      return [{ id: p.id, name: p.name, price: p.priceCents / 100, reason: s.reason }];
    });
  }

  async function respond(text: string, ctx: TurnContext, mem: DialogueMemory): Promise<BotReply> {
    const knowledge = options.knowledge();
    const [intent, direct] = await Promise.all([options.intents().classify(text), knowledge.search(text, { k: 5 })]);
    let retrieval: RetrievalResult = direct;
    // A short follow-up to a clarifying question is read together with the question it answers.
    const afterClarify = ctx.recentBotActions.at(-1) === "clarify" && mem.lastShopperText;
    if (afterClarify) {
      const combined = await knowledge.search(`${mem.lastShopperText} ${text}`, { k: 5 });
      if (combined.confidence >= direct.confidence || direct.confidence < policy.answerMinConfidence) retrieval = combined;
    }
    // A follow-up ("and what about France?") leans on the previous message when it cannot stand alone.
    const smalltalkIntent = ["greeting", "thanks", "goodbye"].includes(intent.label) && intent.confidence >= policy.intentMinConfidence;
    if (!afterClarify && !smalltalkIntent && mem.lastShopperText && direct.confidence < policy.answerMinConfidenceInformational) {
      const combined = await knowledge.search(`${mem.lastShopperText} ${text}`, { k: 5 });
      if (combined.confidence >= policy.answerMinConfidence) retrieval = combined;
    }
    const sentiment = analyzeSentiment(text);
    const decision: DecisionRecord = {
      intent: { ...intent, confidence: round(intent.confidence), top: intent.top?.map((t) => ({ label: t.label, probability: round(t.probability) })) },
      retrieval: {
        confidence: round(retrieval.confidence),
        candidates: retrieval.candidates.map((c) => ({ id: c.entry.id, title: c.entry.title, dense: round(c.dense), lexical: round(c.lexical), fused: round(c.fused) })),
      },
      sentiment,
      rule: "",
    };
    const intentRef = { name: intent.label, confidence: round(intent.confidence) };
    const sure = (label: string) => !intent.outOfScope && intent.label === label && intent.confidence >= policy.intentMinConfidence;
    // The higher bar applies when the intent model reads the message as out of scope, or is sure it is something else
    // (smalltalk, shopping, a person).
    const otherwise = intent.outOfScope || (!INFORMATIONAL_INTENTS.has(intent.label) && intent.confidence >= 0.6);
    const answerable = retrieval.confidence >= (otherwise ? policy.answerMinConfidence : policy.answerMinConfidenceInformational);
    if (!intent.outOfScope && SENSITIVE_INTENTS.has(intent.label) && intent.confidence >= policy.intentMinConfidence) mem.sensitive = true;
    if (sentiment.negative) mem.sensitive = true;
    const reply = (r: Omit<BotReply, "decision" | "intent">, rule: string): BotReply => {
      decision.rule = rule;
      return { ...r, intent: intentRef, decision };
    };
    const handoff = (reason: string, text2 = "I'm passing this conversation to a person from our support team; they'll see everything we've said so far."): BotReply => {
      decision.handoffReason = reason;
      return reply({ text: text2, action: "handoff" }, reason);
    };

    // The customer, when verified and the models are available.
    let view: CustomerView | undefined;
    const models = options.customers?.();
    if (ctx.customerId && models) {
      try {
        view = await models.getInsights(ctx.customerId, { k: 0 });
      } catch {
        view = undefined; // models not trained yet: decide without them
      }
    }
    const highValue = !!view && ((view.clv?.clvCents ?? 0) >= policy.highValueClvCents || view.segment?.name === "champions" || view.segment?.name === "cant_lose");
    if (ctx.customerId) {
      decision.customer = {
        id: ctx.customerId,
        segment: view?.segment?.name ?? null,
        stage: view?.stage ?? null,
        clvCents: view?.clv ? Math.round(view.clv.clvCents) : null,
        churnRisk: view?.churn ? round(view.churn.risk) : null,
        highValue,
      };
    }

    // 1. Handoff rules.
    if (sure("human_handoff")) return handoff("explicit request for a human", "Of course. I'm passing this conversation to a person from our support team; they'll see everything we've said so far.");
    if (sentiment.strongNegative) return handoff(`strongly negative sentiment (AFINN ${sentiment.score})`, "I'm really sorry about this. I'm bringing in a person from our support team right away; they'll see everything we've said.");
    const productTalk = ["product_recommendation", "purchase_intent"].includes(intent.label) && intent.confidence >= 0.5;
    const complaint = intentProbability(intent, "complaint") >= 0.25 || (sentiment.negative && !productTalk && !["thanks", "greeting", "goodbye"].includes(intent.label));
    if (highValue && complaint) return handoff("complaint from a high-value customer", "I'm sorry about this. As one of our most valued customers, I'm bringing in a person from our support team to sort it out personally.");

    // 2. Retention offers (experiment).
    const triggerIntent = [...RETENTION_TRIGGERS].find((l) => intentProbability(intent, l) >= 0.3);
    const trigger = triggerIntent !== undefined || (sentiment.negative && !productTalk);
    if (trigger && ctx.customerId && view?.churn && view.clv && !mem.retentionOffered && options.experiments && options.store) {
      const risk = view.churn.risk;
      const clv = view.clv.clvCents;
      if (risk >= policy.retentionMinChurnRisk && clv >= policy.retentionMinClvCents) {
        const arm = options.experiments.arm("retention", { customerId: ctx.customerId, conversationId: ctx.conversationId });
        const offer = retentionOffer(triggerIntent ?? intent.label, clv, ctx.customerId);
        const now = clock();
        const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
        const withinBudget = options.store.spentSince("retention", monthStart) + offer.costCents <= policy.retentionBudgetCentsPerMonth;
        const reason = `churn risk ${round(risk)} >= ${policy.retentionMinChurnRisk}, CLV ${dollars(clv)} >= ${dollars(policy.retentionMinClvCents)}, trigger ${triggerIntent ?? "sentiment"}${sentiment.negative ? " / negative sentiment" : ""}`;
        if (withinBudget) {
          mem.retentionOffered = true;
          options.store.recordOffer({
            experiment: "retention", arm, conversationId: ctx.conversationId, customerId: ctx.customerId, kind: offer.kind, shown: arm === "treatment",
            code: arm === "treatment" ? offer.code : null, valueCents: offer.valueCents, costCents: arm === "treatment" ? offer.costCents : 0, productIds: [], reason,
          });
          decision.experiment = { name: "retention", arm, offered: arm === "treatment", reason };
          if (arm === "treatment") {
            const policyLine = answerable ? `\n\n${retrieval.candidates[0].entry.answer}` : "";
            return reply(
              {
                text: `${offer.text}${policyLine}`,
                action: "retention_offer",
                sources: answerable ? [{ id: retrieval.candidates[0].entry.id, title: retrieval.candidates[0].entry.title }] : undefined,
                quickReplies: ["Keep my order", "Continue anyway", "Talk to a person"],
              },
              `retention offer (${offer.kind}): ${reason}`,
            );
          }
        } else {
          decision.experiment = { name: "retention", arm, offered: false, reason: `${reason}; monthly budget used up` };
        }
      }
    }

    // 3. Orders.
    const orderNumber = findOrderNumber(text);
    const email = ctx.rawText ? findEmail(ctx.rawText) : null;
    const orderTopic =
      sure("order_status") ||
      (!!mem.pendingOrder && (orderNumber !== null || email !== null)) ||
      (orderNumber !== null && !sure("cancel_order") && !sure("return_refund")) ||
      (!!ctx.customerId && intentProbability(intent, "order_status") >= 0.2 && complaint);
    // A short answer to a clarifying question is read with the question: answer it before anything else.
    if (afterClarify && answerable) {
      const first = retrieval.candidates[0];
      return reply({ text: first.entry.answer, action: "answer", sources: [{ id: first.entry.id, title: first.entry.title }] }, "follow-up to a clarifying question");
    }
    if (orderTopic && options.shop) return orderStatus(orderNumber, email, ctx, mem, reply);

    // 4. Products.
    const models2 = models;
    const wantsComplement = COMPLEMENT_CUE.test(text) && (productTalk || intentProbability(intent, "purchase_intent") >= 0.25);
    if (sure("product_recommendation") && models2 && !wantsComplement) {
      const category = categoryOf(text);
      let suggestions = await models2.recommend(ctx.customerId, { query: text, k: 3, category });
      if (!suggestions.length && category) suggestions = await models2.recommend(ctx.customerId, { query: text, k: 3 });
      const cards = toCards(suggestions);
      if (cards.length) {
        mem.lastProducts = cards.map((c) => c.id);
        return reply(
          { text: "Here are a few I'd suggest:", action: "recommend", products: cards },
          `product question${category ? ` about ${category}` : ""}: ${cards.length} products ranked by fit${ctx.customerId ? " and profile" : ""}`,
        );
      }
    }
    if ((sure("purchase_intent") || wantsComplement) && models2) {
      let anchors = mem.lastProducts.slice(0, 1);
      if (!anchors.length) anchors = (await models2.recommend(ctx.customerId, { query: text, k: 1, category: categoryOf(text) })).map((s) => s.productId);
      if (!mem.upsellShown && !mem.sensitive && anchors.length && options.experiments && options.store) {
        const arm = options.experiments.arm("upsell", { customerId: ctx.customerId, conversationId: ctx.conversationId });
        const together = models2.frequentlyBoughtTogether(anchors, { k: 1 });
        const cards = toCards(together);
        if (cards.length) {
          mem.upsellShown = true;
          const reason = `purchase intent for ${anchors.join(", ")}; bought together: ${together[0].reason}`;
          options.store.recordOffer({
            experiment: "upsell", arm, conversationId: ctx.conversationId, customerId: ctx.customerId, kind: "bought_together", shown: arm === "treatment",
            code: null, valueCents: Math.round(cards[0].price * 100), costCents: 0, productIds: cards.map((c) => c.id), reason,
          });
          decision.experiment = { name: "upsell", arm, offered: arm === "treatment", reason };
          if (arm === "treatment") {
            return reply({ text: `Great choice! Customers who buy it often add this too:`, action: "upsell", products: cards }, `upsell: ${reason}`);
          }
        }
      }
      return reply({ text: "Great choice! You can add it to your cart from its product page. Anything else I can help with?", action: "smalltalk" }, mem.upsellShown ? "purchase intent; upsell already shown" : mem.sensitive ? "purchase intent; no upsell in a sensitive conversation" : "purchase intent; no upsell (holdout or nothing to suggest)");
    }

    // 5. Smalltalk, answers, clarification.
    const small = ["greeting", "thanks", "goodbye"].find((l) => sure(l));
    if (small && !answerable) {
      const s = SMALLTALK[small];
      return reply({ text: s.text.replaceAll("{shop}", shop), action: "smalltalk", quickReplies: s.quickReplies }, `smalltalk intent ${small}`);
    }
    // A bare topic ("warranty?") shared by several entries' titles and tags is ambiguous: ask which one.
    const topic = afterClarify ? [] : sharedTopicEntries(text, knowledge);
    if (topic.length >= 2) {
      const ranked = [...topic].sort((a, b) => rankOf(retrieval, a.id) - rankOf(retrieval, b.id)).slice(0, 3);
      return reply(
        { text: `Happy to help with that. Which one do you mean: ${ranked.map((e) => `"${e.title}"`).join(", ")}?`, action: "clarify", quickReplies: ranked.map((e) => e.title) },
        `short question naming a topic shared by ${topic.length} entries`,
      );
    }
    if (topic.length === 1) {
      const entry = knowledge.entries.find((e) => e.id === topic[0].id)!;
      return reply({ text: entry.answer, action: "answer", sources: [{ id: entry.id, title: entry.title }] }, "short question naming the topic of exactly one entry");
    }
    if (answerable) {
      const [first, second] = retrieval.candidates;
      const short = text.trim().split(/\s+/).length <= 3;
      const margin = short ? policy.clarifyMarginShort : policy.clarifyMargin;
      const close = second && first.fused - second.fused < margin && first.entry.id !== second.entry.id;
      if (close && !afterClarify && retrieval.confidence < policy.clarifyMaxConfidence) {
        return reply(
          { text: `Just to be sure I answer the right question: do you mean "${first.entry.title}" or "${second.entry.title}"?`, action: "clarify", quickReplies: [first.entry.title, second.entry.title] },
          `top two entries within ${margin} similarity${short ? " (short query)" : ""}`,
        );
      }
      return reply(
        { text: first.entry.answer, action: "answer", sources: [{ id: first.entry.id, title: first.entry.title }] },
        `retrieval confidence ${round(retrieval.confidence)} >= ${policy.answerMinConfidence}`,
      );
    }

    // 6. Not understood.
    const fallbacksSoFar = trailingCount(ctx.recentBotActions, "fallback");
    if (fallbacksSoFar + 1 >= policy.fallbacksBeforeHandoff) {
      return handoff(`${fallbacksSoFar + 1} consecutive turns not understood`, "I'm sorry I couldn't help with that. I'm bringing in a person from our support team to take over.");
    }
    return reply(
      { text: `Sorry, I can't help with that. ${CAPABILITIES}`, action: "fallback", quickReplies: ["Shipping options", "Return policy", "Talk to a person"] },
      intent.outOfScope || intent.label === "out_of_scope" ? "out of scope" : `retrieval confidence ${round(retrieval.confidence)} below ${policy.answerMinConfidence}`,
    );
  }

  function retentionOffer(intentLabel: string, clvCents: number, customerId: string) {
    const customer = options.shop?.getCustomer(customerId);
    if (intentLabel === "return_refund" && customer && !customer.summitMember) {
      const code = `RET-${randomBytes(3).toString("hex").toUpperCase()}`;
      return {
        kind: "free_return_label",
        code,
        valueCents: policy.returnLabelCents,
        costCents: policy.returnLabelCents,
        text: `I'm sorry this didn't work out. As a thank-you for shopping with us, your return label is on us: the ${dollars(policy.returnLabelCents)} fee won't be deducted from your refund (reference ${code}).`,
      };
    }
    const raw = Math.round((clvCents * policy.retentionCouponShare) / 100) * 100;
    const valueCents = Math.min(policy.retentionCouponMaxCents, Math.max(policy.retentionCouponMinCents, raw));
    const code = `STAY-${randomBytes(3).toString("hex").toUpperCase()}`;
    return {
      kind: "coupon",
      code,
      valueCents,
      costCents: valueCents,
      text: `I'm sorry to hear that. You've been a valued customer, so before you go: here's ${dollars(valueCents)} off your next order with code ${code} (valid 30 days). If you'd still like to go ahead, just say so and I'll help.`,
    };
  }

  function orderStatus(
    orderNumber: string | null,
    email: string | null,
    ctx: TurnContext,
    mem: DialogueMemory,
    reply: (r: Omit<BotReply, "decision" | "intent">, rule: string) => BotReply,
  ): BotReply {
    const shopLookup = options.shop!;
    const now = clock();
    const describe = (o: Order) => describeOrder(o, (id) => shopLookup.getProduct(id), now);
    if (ctx.customerId) {
      if (orderNumber) {
        const order = shopLookup.getOrder(orderNumber);
        if (order && order.customerId === ctx.customerId) return reply({ text: describe(order), action: "order_status" }, "verified customer, own order by number");
        return reply({ text: `I can't find order ${orderNumber} on your account. Could you check the number? It looks like FF-123456.`, action: "order_status" }, "verified customer, order number not on the account");
      }
      const [latest] = shopLookup.customerOrders(ctx.customerId, 1);
      if (!latest) return reply({ text: "I can't see any orders on your account yet.", action: "order_status" }, "verified customer without orders");
      return reply({ text: `${describe(latest)}\n\nIf you meant a different order, just tell me its number.`, action: "order_status" }, "verified customer, latest order");
    }
    // Anonymous: both the order number and the e-mail on the order must match before anything is told.
    if (orderNumber && mem.verifiedOrders.includes(orderNumber)) {
      const order = shopLookup.getOrder(orderNumber);
      if (order) return reply({ text: describe(order), action: "order_status" }, "anonymous shopper, order verified earlier in this conversation");
    }
    if (mem.verificationFailures >= policy.maxVerificationAttempts) {
      return reply({ text: "I can't check more orders in this chat. Please sign in to see your orders, or ask for a person from our support team.", action: "order_status", quickReplies: ["Talk to a person"] }, "too many failed order checks");
    }
    const pending = { ...mem.pendingOrder };
    if (orderNumber) pending.orderId = orderNumber;
    if (email) pending.emailHash = sha256(email);
    if (pending.orderId && pending.emailHash) {
      const order = shopLookup.getOrder(pending.orderId);
      // Stay in the check: the next message may carry corrected details.
      mem.pendingOrder = {};
      if (order && sha256(order.email) === pending.emailHash) {
        mem.verifiedOrders.push(order.id);
        return reply({ text: describe(order), action: "order_status" }, "anonymous shopper verified by order number and e-mail");
      }
      mem.verificationFailures++;
      return reply(
        { text: "I couldn't match that order number with that e-mail address. Please check both and send them again (the e-mail must be the one used for the order)." , action: "order_status" },
        "anonymous shopper: order number and e-mail do not match (nothing revealed)",
      );
    }
    mem.pendingOrder = pending;
    if (pending.orderId) return reply({ text: `Thanks! To protect your privacy, what's the e-mail address used for order ${pending.orderId}?`, action: "order_status" }, "anonymous shopper: asked for the e-mail");
    if (pending.emailHash) return reply({ text: "Thanks! And the order number? It looks like FF-123456.", action: "order_status" }, "anonymous shopper: asked for the order number");
    return reply(
      { text: "I can look that up. Please send your order number (it looks like FF-123456) and the e-mail address used for the order.", action: "order_status" },
      "anonymous shopper: asked for order number and e-mail",
    );
  }

  return {
    async respond(text, ctx) {
      const mem = loadMemory(ctx.conversationId);
      const result = await respond(text, ctx, mem);
      mem.lastShopperText = text;
      saveMemory(ctx.conversationId, mem);
      return result;
    },
  };
}
