import { isPersonRequest, quickReplyKey, t, type MessageKey } from "../../../i18n/index.ts";
import { questionType } from "../../question-type.ts";
import type { Rule } from "../rule.ts";
import type { RuleOutcome, TurnFacts } from "../types.ts";

/** A question about the people (when they are there, how to reach them) that the knowledge answers: "when can I chat with a person?". */
export const asksAboutPeople = (f: TurnFacts, bar: number): boolean =>
  ["when", "where", "cost", "duration"].includes(questionType(f.text)) && f.retrieval.confidence >= bar;

const handoff = (f: TurnFacts, reason: string, key: MessageKey): RuleOutcome => ({ reply: { text: t(f.language, key), action: "handoff" }, why: reason, handoffReason: reason });

/** An explicit request for a person (typed, or the "talk to a person" quick reply in any language). */
export const explicitRequest: Rule = {
  name: "handoff/explicit-request",
  decide(f, ctx) {
    if (quickReplyKey(f.text) === "quick.talkToPerson") return handoff(f, "explicit request for a human (quick reply)", "handoff.requested");
    if (f.language !== "en" && isPersonRequest(f.text, f.language)) return handoff(f, `explicit request for a human (${f.language})`, "handoff.requested");
    if (!f.sure("human_handoff") || asksAboutPeople(f, ctx.policy.answerMinConfidence)) return undefined;
    return {
      ...handoff(f, "explicit request for a human", "handoff.requested"),
      bar: { name: "intentMinConfidence", value: ctx.policy.intentMinConfidence, observed: f.intent.confidence },
    };
  },
};

/** Strongly negative sentiment (AFINN). */
export const strongNegative: Rule = {
  name: "handoff/strong-negative",
  decide: (f) =>
    f.sentiment.strongNegative
      ? handoff(f, `strongly negative sentiment (AFINN ${f.sentiment.score})`, "handoff.upset")
      : undefined,
};

/** A high-value customer's complaint goes to a person. */
export const highValueComplaint: Rule = {
  name: "handoff/high-value-complaint",
  decide: (f) =>
    f.highValue && f.complaint
      ? handoff(f, "complaint from a high-value customer", "handoff.valuedCustomer")
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
      ...handoff(f, `${fallbacks + 1} consecutive turns not understood`, "handoff.notUnderstood"),
      bar: { name: "fallbacksBeforeHandoff", value: ctx.policy.fallbacksBeforeHandoff, observed: fallbacks + 1 },
    };
  },
};
