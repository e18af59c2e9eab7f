import type { BotAction, ProductCard, SourceRef } from "../../protocol.ts";
import type { FaqEntry, KnowledgeIndex, MultilingualKnowledge, RetrievalResult } from "../../retrieval/index.ts";
import type { Customer, NewOfferRecord, Order, Product } from "../../storage/index.ts";
import type { Sentiment } from "../sentiment.ts";
import type { DialoguePolicy } from "./policy.ts";

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
  frequentlyBoughtTogether(productIds: readonly string[], options?: { k?: number }): Promise<ProductSuggestion[]>;
}

/** Read access to the shop the dialogue needs. */
export interface ShopLookup {
  getOrder(id: string): Promise<Order | undefined>;
  listCustomerOrders(customerId: string, limit?: number): Promise<Order[]>;
  getProducts(ids: readonly string[]): Promise<Product[]>;
  getCustomer(id: string): Promise<Customer | undefined>;
  /** The catalogue's categories and subcategories (for reading which product type a question is about). */
  listProductCategories(): Promise<{ category: string; subcategory: string }[]>;
}

/** The threshold a rule applied: its name in DialoguePolicy, its value and what was observed. */
export interface AppliedBar {
  name: keyof DialoguePolicy;
  value: number;
  observed: number;
}

/** Why the bot did what it did on one turn: stored with the turn and shown to agents. */
export interface DecisionRecord {
  intent: IntentPrediction;
  retrieval: { confidence: number; candidates: { id: string; title: string; dense: number; lexical: number; fused: number }[] };
  sentiment: Sentiment;
  customer?: { id: string; segment: string | null; stage: string | null; clvCents: number | null; churnRisk: number | null; highValue: boolean };
  experiment?: { name: string; arm: string; offered: boolean; reason: string };
  handoffReason?: string;
  /** The shopper's language and how it was answered. */
  language?: { lang: string; knowledge: "english" | "translated" | "none" };
  /** The product and attribute a product answer matched (issue 9). */
  product?: { kind: string; productIds: string[]; attribute: string };
  /** The rule module that decided (e.g. `handoff/explicit-request`). */
  rule: string;
  /** The reason in words. */
  why: string;
  /** The threshold that applied, when the rule used one. */
  bar?: AppliedBar;
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
  /** Offers shown on this turn that carry a code (a coupon or return-label reference the shop must honour). */
  issuedOffers?: { experiment: string; kind: string; code: string; valueCents: number }[];
}

/** What the engine knows about the conversation when a message arrives. */
export interface TurnContext {
  conversationId: string;
  customerId: string | null;
  /** Actions of the bot's recent replies, oldest first. */
  recentBotActions: readonly string[];
  /** The unmasked text, used only to read an e-mail address for order verification; never stored, embedded or logged. */
  rawText?: string | null;
  /** The language to answer in (ISO 639-1; default "en"). */
  language?: string;
  /** The shopper's network address, for abuse budgets only (never stored); null or absent after a restart. */
  client?: string | null;
}

/**
 * Budgets that span conversations and connections (issue 12): anonymous order checks per address, per e-mail and in
 * total (guessing order numbers), and handoffs per address and per anonymous conversation (flooding the queue).
 */
export interface AbuseGuard {
  /** Count one order check (number + e-mail); false when a budget is spent (nothing is looked up then). */
  orderCheck(keys: { client?: string | null; emailHash: string }): Promise<boolean>;
  /** Count one handoff to a person; false when the address's or the anonymous conversation's budget is spent. */
  handoff(keys: { client?: string | null; conversationId: string; anonymous: boolean }): Promise<boolean>;
}

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

/** A fresh conversation's memory. */
export const freshMemory = (): DialogueMemory => ({ verificationFailures: 0, verifiedOrders: [], lastProducts: [], upsellShown: false, retentionOffered: false, sensitive: false });

/** Everything understood about one turn, before any rule runs. */
export interface TurnFacts {
  text: string;
  /** The language the shopper writes in and is answered in (ISO 639-1). */
  language: string;
  /** How the knowledge answers this language: English, its translations, or not at all (a note that the assistant answers in English). */
  knowledgeLanguage: "english" | "translated" | "none";
  ctx: TurnContext;
  memory: Readonly<DialogueMemory>;
  intent: IntentPrediction;
  knowledge: KnowledgeIndex;
  retrieval: RetrievalResult;
  /** The message answers a clarifying question (read together with the question). */
  afterClarify: boolean;
  sentiment: Sentiment;
  customer: CustomerView | undefined;
  highValue: boolean;
  /** True when the intent model is sure of `label`. */
  sure(label: string): boolean;
  /** The intent model's probability for `label`. */
  probability(label: string): number;
  productTalk: boolean;
  complaint: boolean;
  /** The answer bar that applies to this message, and whether the top entry clears it. */
  answerBar: AppliedBar;
  answerable: boolean;
  /** The top candidate, when answerable. */
  top: FaqEntry | undefined;
}

/** What a rule decided. */
export interface RuleOutcome {
  reply: Omit<BotReply, "decision" | "intent">;
  why: string;
  bar?: AppliedBar;
  handoffReason?: string;
  experiment?: DecisionRecord["experiment"];
  /** Changes to the conversation's memory. */
  memory?: Partial<DialogueMemory>;
  /** An offer to record (shown, or withheld for the holdout). */
  offer?: NewOfferRecord;
  /** What a product answer matched. */
  product?: DecisionRecord["product"];
}

/** The live catalogue the engine answers product questions from (server/catalogue implements this). */
export interface CatalogueLookup {
  answer(text: string): {
    kind: "product_info" | "detail_unknown" | "ambiguous";
    attribute: string;
    text: string;
    cards: ProductCard[];
    productIds?: string[];
    candidates?: { productId: string; name: string }[];
  } | null;
  cards(ids: readonly string[], options?: (id: string) => { reason?: string }): ProductCard[];
}
