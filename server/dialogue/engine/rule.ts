import type { ProductCard } from "../../protocol.ts";
import type { Experiments } from "../experiments.ts";
import type { DialoguePolicy } from "./policy.ts";
import type { AbuseGuard, CatalogueLookup, CustomerModels, DecisionRecord, DialogueMemory, ProductSuggestion, RuleOutcome, ShopLookup, TurnFacts } from "./types.ts";
import type { NewOfferRecord } from "../../storage/index.ts";

/** The services a rule may consult (look-ups only; what a rule changes it returns as effects). */
export interface RuleContext {
  policy: DialoguePolicy;
  shopName: string;
  shop?: ShopLookup;
  customers?: CustomerModels;
  /** The live catalogue (product questions and cards). */
  catalogue?: CatalogueLookup;
  experiments?: Experiments;
  /** Cost of the offers of an experiment shown since a time (budgets). */
  spentSince?(experiment: string, sinceIso: string): Promise<number>;
  clock(): Date;
  /** The catalogue category a product question is about, if it names one. */
  categoryOf(text: string): Promise<string | undefined>;
  toCards(suggestions: readonly ProductSuggestion[]): Promise<ProductCard[]>;
  /** A fresh offer code with a prefix (`STAY-4F2A1C`). */
  newCode(prefix: string): string;
  /** Budgets across conversations (order checks, handoffs); none = unlimited. */
  guard?: AbuseGuard;
}

/** A rule that does not decide the turn but records an experiment exposure or a memory change, and lets later rules decide. */
export interface RulePass {
  pass: true;
  experiment?: DecisionRecord["experiment"];
  memory?: Partial<DialogueMemory>;
  offer?: NewOfferRecord;
}

/** One decision rule: a function of the turn's facts that returns a decision, a pass with effects, or nothing. */
export interface Rule {
  /** Stable name, stored in the decision record (`handoff/explicit-request`). */
  readonly name: string;
  decide(facts: TurnFacts, ctx: RuleContext): RuleOutcome | RulePass | undefined | Promise<RuleOutcome | RulePass | undefined>;
}

/** Round to three decimals for the decision record. */
export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
/** Cents as dollars with two decimals ($12.50). */
export const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`;
