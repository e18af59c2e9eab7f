import type { BotAction, ProductCard, SourceRef } from "../protocol.ts";
import type { KnowledgeIndex, RetrievalResult } from "../retrieval/index.ts";

/** What the intent model says about one message. */
export interface IntentPrediction {
  label: string;
  confidence: number;
  outOfScope: boolean;
}

/** Any intent classifier the engine can use (see models/intents). */
export interface IntentModel {
  classify(text: string): Promise<IntentPrediction>;
}

/** Why the bot did what it did on one turn: stored with the turn and shown to agents. */
export interface DecisionRecord {
  intent: IntentPrediction;
  retrieval: { confidence: number; candidates: { id: string; title: string; dense: number; lexical: number; fused: number }[] };
  rule: string;
  [key: string]: unknown;
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
}

/** Thresholds of the decision policy (validated in config). */
export interface DialoguePolicy {
  /** Calibrated retrieval confidence needed to present an answer. */
  answerMinConfidence: number;
  /** Two entries whose similarity differs by less than this are both plausible: ask which was meant. */
  clarifyMargin: number;
  /** Above this confidence the top entry is answered even if a second one is close. */
  clarifyMaxConfidence: number;
  /** Intent confidence needed for smalltalk and an explicit handoff request. */
  intentMinConfidence: number;
  /** Consecutive fallbacks after which the bot hands off. */
  fallbacksBeforeHandoff: number;
}

/** Defaults for DialoguePolicy. */
export const DEFAULT_POLICY: DialoguePolicy = Object.freeze({
  answerMinConfidence: 0.5,
  clarifyMargin: 0.015,
  clarifyMaxConfidence: 0.9,
  intentMinConfidence: 0.5,
  fallbacksBeforeHandoff: 2,
});

/** Dependencies of the dialogue engine; getters so a re-index or retrain swaps them live. */
export interface DialogueEngineOptions {
  knowledge: () => KnowledgeIndex;
  intents: () => IntentModel;
  policy?: Partial<DialoguePolicy>;
  shopName?: string;
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
  "I can help with shipping and delivery, returns and refunds, orders, payment, Summit Club membership, warranties, your account and privacy, or connect you with a person.";

/**
 * Create the dialogue engine: classify the intent, retrieve from the knowledge base, and pick
 * answer, clarify, smalltalk, handoff or fallback.
 * @example const engine = createDialogueEngine({ knowledge: () => kb, intents: () => clf });
 */
export function createDialogueEngine(options: DialogueEngineOptions): DialogueEngine {
  const policy: DialoguePolicy = { ...DEFAULT_POLICY, ...options.policy };
  const shop = options.shopName ?? "Fjell & Field";

  return {
    async respond(text, ctx) {
      const [intent, retrieval] = await Promise.all([options.intents().classify(text), options.knowledge().search(text, { k: 5 })]);
      const decision: DecisionRecord = {
        intent,
        retrieval: {
          confidence: round(retrieval.confidence),
          candidates: retrieval.candidates.map((c) => ({ id: c.entry.id, title: c.entry.title, dense: round(c.dense), lexical: round(c.lexical), fused: round(c.fused) })),
        },
        rule: "",
      };
      const intentRef = { name: intent.label, confidence: round(intent.confidence) };
      const sure = intent.confidence >= policy.intentMinConfidence && !intent.outOfScope;

      if (sure && intent.label === "human_handoff") {
        decision.rule = "explicit request for a human";
        return { text: "Of course. I'm passing this conversation to a person from our support team; they'll see everything we've said so far.", action: "handoff", intent: intentRef, decision };
      }
      const answerable = retrieval.confidence >= policy.answerMinConfidence;
      if (sure && intent.label in SMALLTALK && !answerable) {
        decision.rule = `smalltalk intent ${intent.label}`;
        const s = SMALLTALK[intent.label];
        return { text: s.text.replaceAll("{shop}", shop), action: "smalltalk", intent: intentRef, quickReplies: s.quickReplies, decision };
      }
      if (answerable) return answerOrClarify(retrieval, intentRef, decision, policy);

      const fallbacksSoFar = trailingCount(ctx.recentBotActions, "fallback");
      if (fallbacksSoFar + 1 >= policy.fallbacksBeforeHandoff) {
        decision.rule = `${fallbacksSoFar + 1} consecutive turns not understood`;
        return {
          text: "I'm sorry I couldn't help with that. I'm bringing in a person from our support team to take over.",
          action: "handoff",
          intent: intentRef,
          decision,
        };
      }
      decision.rule = intent.outOfScope || intent.label === "out_of_scope" ? "out of scope" : `retrieval confidence ${round(retrieval.confidence)} below ${policy.answerMinConfidence}`;
      return {
        text: `Sorry, I can't help with that. ${CAPABILITIES}`,
        action: "fallback",
        intent: intentRef,
        quickReplies: ["Shipping options", "Return policy", "Talk to a person"],
        decision,
      };
    },
  };
}

function answerOrClarify(
  retrieval: RetrievalResult,
  intentRef: { name: string; confidence: number },
  decision: DecisionRecord,
  policy: DialoguePolicy,
): BotReply {
  const [first, second] = retrieval.candidates;
  if (second && retrieval.confidence < policy.clarifyMaxConfidence && first.dense - second.dense < policy.clarifyMargin && first.entry.id !== second.entry.id) {
    decision.rule = `top two entries within ${policy.clarifyMargin} similarity`;
    return {
      text: `Just to be sure I answer the right question: do you mean "${first.entry.title}" or "${second.entry.title}"?`,
      action: "clarify",
      intent: intentRef,
      quickReplies: [first.entry.title, second.entry.title],
      decision,
    };
  }
  decision.rule = `retrieval confidence ${round(retrieval.confidence)} >= ${policy.answerMinConfidence}`;
  return {
    text: first.entry.answer,
    action: "answer",
    intent: intentRef,
    sources: [{ id: first.entry.id, title: first.entry.title }],
    decision,
  };
}

function trailingCount(actions: readonly string[], action: string): number {
  let n = 0;
  for (let i = actions.length - 1; i >= 0 && actions[i] === action; i--) n++;
  return n;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
