import { randomBytes } from "node:crypto";
import type { ProductCard } from "../../protocol.ts";
import { createMultilingualKnowledge, type KnowledgeIndex, type MultilingualKnowledge } from "../../retrieval/index.ts";
import type { DialogueStore } from "../../storage/index.ts";
import type { Experiments } from "../experiments.ts";
import { createCategoryMatcher, type CategoryMatcher } from "../product-category.ts";
import { t } from "../../i18n/index.ts";
import { SENSITIVE_INTENTS, understand } from "./facts.ts";
import { DEFAULT_POLICY, type DialoguePolicy } from "./policy.ts";
import { round3, type Rule, type RuleContext, type RulePass } from "./rule.ts";
import { DEFAULT_RULES } from "./rules/index.ts";
import {
  freshMemory, type AbuseGuard, type BotReply, type CatalogueLookup, type CustomerModels, type DecisionRecord, type DialogueMemory, type IntentModel, type RuleOutcome, type ShopLookup, type TurnContext,
} from "./types.ts";

/** Dependencies of the dialogue engine; getters where a re-index or retrain swaps the piece live. */
export interface DialogueEngineOptions {
  /** The English index plus one per translated language (server/retrieval createMultilingualKnowledge), or an English index alone. */
  knowledge: () => MultilingualKnowledge | KnowledgeIndex;
  intents: () => IntentModel;
  shop?: ShopLookup;
  customers?: () => CustomerModels | undefined;
  /** The live catalogue: product questions are answered from it, and cards carry its page, image and stock. */
  catalogue?: CatalogueLookup;
  /** Memory, offers and budgets; without it memory lives in this process only. */
  store?: DialogueStore;
  experiments?: Experiments;
  policy?: Partial<DialoguePolicy>;
  rules?: readonly Rule[];
  shopName?: string;
  clock?: () => Date;
  /** Budgets across conversations: order checks and handoffs (issue 12). */
  guard?: AbuseGuard;
}

/** Turns one shopper message into a decision and a reply. */
export interface DialogueEngine {
  respond(text: string, ctx: TurnContext): Promise<BotReply>;
}

const isPass = (r: RuleOutcome | RulePass): r is RulePass => "pass" in r;

/**
 * Create the dialogue engine. Each turn: understand the message (facts.ts), then run the ordered rules
 * (rules/index.ts); the first rule that decides gives the reply, and the decision record names that rule,
 * its reason and the threshold it applied. Rules return their effects (memory changes, offers to record),
 * which the engine applies.
 */
export function createDialogueEngine(options: DialogueEngineOptions): DialogueEngine {
  const policy: DialoguePolicy = Object.freeze({ ...DEFAULT_POLICY, ...options.policy });
  const rules = options.rules ?? DEFAULT_RULES;
  const clock = options.clock ?? (() => new Date());
  const localMemory = new Map<string, DialogueMemory>();
  let categories: Promise<CategoryMatcher> | undefined;
  // An English index alone (a draft in the admin area, a test) answers as knowledge without translations.
  const wrapped = new WeakMap<KnowledgeIndex, MultilingualKnowledge>();
  const knowledgeNow = (): MultilingualKnowledge => {
    const k = options.knowledge();
    if ("hasLanguage" in k) return k;
    let m = wrapped.get(k);
    if (!m) wrapped.set(k, (m = createMultilingualKnowledge(k, new Map())));
    return m;
  };

  const ctx: RuleContext = {
    policy,
    shopName: options.shopName ?? "Fjell & Field",
    shop: options.shop,
    get customers() {
      return options.customers?.();
    },
    catalogue: options.catalogue,
    experiments: options.experiments,
    spentSince: options.store && ((experiment, since) => options.store!.spentSince(experiment, since)),
    clock,
    async categoryOf(text) {
      if (!options.shop) return undefined;
      categories ??= options.shop.listProductCategories().then(createCategoryMatcher);
      return (await categories).infer(text);
    },
    async toCards(suggestions) {
      if (options.catalogue) {
        const reasons = new Map(suggestions.map((s) => [s.productId, s.reason]));
        return options.catalogue.cards(suggestions.map((s) => s.productId), (id) => ({ reason: reasons.get(id) }));
      }
      if (!options.shop || !suggestions.length) return [];
      const products = new Map((await options.shop.getProducts(suggestions.map((s) => s.productId))).map((p) => [p.id, p]));
      return suggestions.flatMap((s): ProductCard[] => {
        const p = products.get(s.productId);
        return p ? [{ id: p.id, name: p.name, price: p.priceCents / 100, reason: s.reason }] : [];
      });
    },
    newCode: (prefix) => `${prefix}-${randomBytes(3).toString("hex").toUpperCase()}`,
    guard: options.guard,
  };

  const loadMemory = async (conversationId: string): Promise<DialogueMemory> =>
    options.store ? { ...freshMemory(), ...((await options.store.getMemory<DialogueMemory>(conversationId)) ?? {}) } : (localMemory.get(conversationId) ?? freshMemory());
  const saveMemory = async (conversationId: string, mem: DialogueMemory) => {
    if (options.store) await options.store.setMemory(conversationId, mem);
    else localMemory.set(conversationId, mem);
  };

  return {
    async respond(text, turn) {
      let memory = await loadMemory(turn.conversationId);
      const facts = await understand(text, turn, memory, { knowledge: knowledgeNow(), intents: options.intents(), customers: ctx.customers, policy });
      const { intent, retrieval, sentiment } = facts;
      if ((!intent.outOfScope && SENSITIVE_INTENTS.has(intent.label) && intent.confidence >= policy.intentMinConfidence) || sentiment.negative) {
        memory = { ...memory, sensitive: true };
      }
      const decision: DecisionRecord = {
        intent: { ...intent, confidence: round3(intent.confidence), top: intent.top?.map((t) => ({ label: t.label, probability: round3(t.probability) })) },
        retrieval: {
          confidence: round3(retrieval.confidence),
          candidates: retrieval.candidates.map((c) => ({ id: c.entry.id, title: c.entry.title, dense: round3(c.dense), lexical: round3(c.lexical), fused: round3(c.fused) })),
        },
        sentiment,
        rule: "",
        why: "",
      };
      if (turn.customerId) {
        const v = facts.customer;
        decision.customer = {
          id: turn.customerId, segment: v?.segment?.name ?? null, stage: v?.stage ?? null, clvCents: v?.clv ? Math.round(v.clv.clvCents) : null,
          churnRisk: v?.churn ? round3(v.churn.risk) : null, highValue: facts.highValue,
        };
      }
      const issued: NonNullable<BotReply["issuedOffers"]> = [];
      const apply = async (effects: { memory?: Partial<DialogueMemory>; offer?: RulePass["offer"]; experiment?: DecisionRecord["experiment"] }) => {
        if (effects.memory) memory = { ...memory, ...effects.memory };
        if (effects.offer) await options.store?.recordOffer(effects.offer);
        if (effects.offer?.shown && effects.offer.code) issued.push({ experiment: effects.offer.experiment, kind: effects.offer.kind, code: effects.offer.code, valueCents: effects.offer.valueCents });
        if (effects.experiment) decision.experiment = effects.experiment;
      };
      let outcome: RuleOutcome | undefined;
      let ruleName = "";
      for (const rule of rules) {
        const r = await rule.decide({ ...facts, memory }, ctx);
        if (!r) continue;
        await apply(r);
        if (isPass(r)) continue;
        outcome = r;
        ruleName = rule.name;
        break;
      }
      if (!outcome) throw new Error("no dialogue rule decided (the last rule must always decide)");
      // Whatever rule asked for a person: one address or one anonymous chat cannot fill the agents' queue.
      if (outcome.handoffReason && options.guard && !(await options.guard.handoff({ client: turn.client, conversationId: turn.conversationId, anonymous: !turn.customerId }))) {
        outcome = { reply: { text: t(facts.language, "handoff.tooMany"), action: "fallback" }, why: `handoff refused: budget per address or conversation spent (${outcome.why})` };
        ruleName = "guards/handoff-budget";
      }
      decision.rule = ruleName;
      decision.why = outcome.why;
      if (outcome.bar) decision.bar = outcome.bar;
      if (outcome.handoffReason) decision.handoffReason = outcome.handoffReason;
      if (outcome.product) decision.product = outcome.product;
      decision.language = { lang: facts.language, knowledge: facts.knowledgeLanguage };
      await saveMemory(turn.conversationId, { ...memory, lastShopperText: text });
      return { ...outcome.reply, intent: { name: intent.label, confidence: round3(intent.confidence) }, decision, ...(issued.length ? { issuedOffers: issued } : {}) };
    },
  };
}
