import type { Rule } from "../rule.ts";
import type { RuleOutcome } from "../types.ts";

const handoff = (reason: string, text: string): RuleOutcome => ({ reply: { text, action: "handoff" }, why: reason, handoffReason: reason });

/** An explicit request for a person. */
export const explicitRequest: Rule = {
  name: "handoff/explicit-request",
  decide: (f, ctx) =>
    f.sure("human_handoff")
      ? {
          ...handoff("explicit request for a human", "Of course. I'm passing this conversation to a person from our support team; they'll see everything we've said so far."),
          bar: { name: "intentMinConfidence", value: ctx.policy.intentMinConfidence, observed: f.intent.confidence },
        }
      : undefined,
};

/** Strongly negative sentiment (AFINN). */
export const strongNegative: Rule = {
  name: "handoff/strong-negative",
  decide: (f) =>
    f.sentiment.strongNegative
      ? handoff(`strongly negative sentiment (AFINN ${f.sentiment.score})`, "I'm really sorry about this. I'm bringing in a person from our support team right away; they'll see everything we've said.")
      : undefined,
};

/** A high-value customer's complaint goes to a person. */
export const highValueComplaint: Rule = {
  name: "handoff/high-value-complaint",
  decide: (f) =>
    f.highValue && f.complaint
      ? handoff("complaint from a high-value customer", "I'm sorry about this. As one of our most valued customers, I'm bringing in a person from our support team to sort it out personally.")
      : undefined,
};

/** Hand off after repeated turns the bot did not understand. */
export const repeatedFallback: Rule = {
  name: "handoff/repeated-fallback",
  decide(f, ctx) {
    if (f.answerable) return undefined;
    let fallbacks = 0;
    for (let i = f.ctx.recentBotActions.length - 1; i >= 0 && f.ctx.recentBotActions[i] === "fallback"; i--) fallbacks++;
    if (fallbacks + 1 < ctx.policy.fallbacksBeforeHandoff) return undefined;
    return {
      ...handoff(`${fallbacks + 1} consecutive turns not understood`, "I'm sorry I couldn't help with that. I'm bringing in a person from our support team to take over."),
      bar: { name: "fallbacksBeforeHandoff", value: ctx.policy.fallbacksBeforeHandoff, observed: fallbacks + 1 },
    };
  },
};
