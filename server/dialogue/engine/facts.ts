import type { MultilingualKnowledge, RetrievalResult } from "../../retrieval/index.ts";
import { analyzeSentiment } from "../sentiment.ts";
import type { DialoguePolicy } from "./policy.ts";
import type { AppliedBar, CustomerModels, CustomerView, DialogueMemory, IntentModel, IntentPrediction, TurnContext, TurnFacts } from "./types.ts";

/** Intents whose messages ask for information an FAQ entry may hold (they get the lower answer bar). */
export const INFORMATIONAL_INTENTS: ReadonlySet<string> = new Set(["faq", "return_refund", "cancel_order", "complaint", "order_status", "leave_shop"]);
/** Intents that make a conversation sensitive (no upselling afterwards). */
export const SENSITIVE_INTENTS: ReadonlySet<string> = new Set(["complaint", "return_refund", "cancel_order", "leave_shop"]);
/** Smalltalk intents. */
export const SMALLTALK_INTENTS: readonly string[] = ["greeting", "thanks", "goodbye"];

/** What understanding a turn needs. */
export interface UnderstandOptions {
  knowledge: MultilingualKnowledge;
  intents: IntentModel;
  customers?: CustomerModels;
  policy: DialoguePolicy;
}

/** The intent model's probability for `label` (its top list when it is not the top label). */
export function intentProbability(intent: IntentPrediction, label: string): number {
  if (intent.label === label) return intent.confidence;
  return intent.top?.find((t) => t.label === label)?.probability ?? 0;
}

/**
 * Understand one shopper message: intent, retrieval (a short follow-up is read with the message before
 * it), sentiment, the verified customer's model outputs, and the answer bar that applies. A message in
 * another language is searched in that language's translations when there are some; the intent model
 * and the sentiment lexicon are English-only, so for other languages their readings are not acted on.
 */
export async function understand(text: string, ctx: TurnContext, memory: DialogueMemory, o: UnderstandOptions): Promise<TurnFacts> {
  const { policy } = o;
  const language = ctx.language ?? "en";
  const knowledgeLanguage = language === "en" ? "english" : o.knowledge.hasLanguage(language) ? "translated" : "none";
  const lang = knowledgeLanguage === "translated" ? language : undefined;
  const knowledge = lang ? o.knowledge.translated.get(language) ?? o.knowledge.english : o.knowledge.english;
  const search = (q: string) => o.knowledge.search(q, { k: 5, lang });
  const [intent, direct] = await Promise.all([o.intents.classify(text), search(text)]);
  let retrieval: RetrievalResult = direct;
  const afterClarify = ctx.recentBotActions.at(-1) === "clarify" && !!memory.lastShopperText;
  if (afterClarify) {
    const combined = await search(`${memory.lastShopperText} ${text}`);
    if (combined.confidence >= direct.confidence || direct.confidence < policy.answerMinConfidence) retrieval = combined;
  }
  const english = knowledgeLanguage === "english";
  const sure = (label: string) => english && !intent.outOfScope && intent.label === label && intent.confidence >= policy.intentMinConfidence;
  const smalltalk = SMALLTALK_INTENTS.some(sure);
  // A follow-up ("and what about France?") leans on the previous message when it cannot stand alone.
  if (!afterClarify && !smalltalk && memory.lastShopperText && direct.confidence < policy.answerMinConfidenceInformational) {
    const combined = await search(`${memory.lastShopperText} ${text}`);
    if (combined.confidence >= policy.answerMinConfidence) retrieval = combined;
  }
  const sentiment = english ? analyzeSentiment(text) : { score: 0, comparative: 0, negative: false, strongNegative: false };
  let customer: CustomerView | undefined;
  if (ctx.customerId && o.customers) {
    try {
      customer = await o.customers.getInsights(ctx.customerId, { k: 0 });
    } catch {
      customer = undefined; // models not trained yet: decide without them
    }
  }
  const highValue = !!customer && ((customer.clv?.clvCents ?? 0) >= policy.highValueClvCents || customer.segment?.name === "champions" || customer.segment?.name === "cant_lose");
  const probability = (label: string) => (english ? intentProbability(intent, label) : 0);
  const productTalk = english && ["product_recommendation", "purchase_intent"].includes(intent.label) && intent.confidence >= policy.productTalkConfidence;
  const complaint = probability("complaint") >= policy.complaintMinProbability || (sentiment.negative && !productTalk && !SMALLTALK_INTENTS.includes(intent.label));
  // The higher bar applies when the intent model reads the message as out of scope, or is sure it is something else.
  const otherwise = intent.outOfScope || (!INFORMATIONAL_INTENTS.has(intent.label) && intent.confidence >= policy.otherIntentConfidence);
  const barName = !english ? "answerMinConfidenceTranslated" : otherwise ? "answerMinConfidence" : "answerMinConfidenceInformational";
  const answerBar: AppliedBar = { name: barName, value: policy[barName], observed: retrieval.confidence };
  // A language without translations is never answered from the English entries (a confident wrong answer is worse).
  const answerable = knowledgeLanguage !== "none" && retrieval.confidence >= answerBar.value && retrieval.candidates.length > 0;
  return {
    text, language, knowledgeLanguage, ctx, memory, intent, knowledge, retrieval, afterClarify, sentiment, customer, highValue, sure, probability, productTalk, complaint,
    answerBar, answerable, top: answerable ? retrieval.candidates[0].entry : undefined,
  };
}
