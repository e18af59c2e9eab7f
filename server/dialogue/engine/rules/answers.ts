import { formatList, quote, t, type MessageKey } from "../../../i18n/index.ts";
import { stems } from "../../../retrieval/index.ts";
import { SMALLTALK_INTENTS } from "../facts.ts";
import { round3, type Rule } from "../rule.ts";
import type { RuleOutcome, TurnFacts } from "../types.ts";

const SMALLTALK: Record<string, { key: MessageKey; quickReplies?: MessageKey[] }> = {
  greeting: { key: "smalltalk.greeting", quickReplies: ["quick.shippingOptions", "quick.returnPolicy", "quick.whereIsMyOrder"] },
  thanks: { key: "smalltalk.thanks" },
  goodbye: { key: "smalltalk.goodbye" },
};

const answer = (f: TurnFacts, entry: { id: string; title: string; answer: string }, why: string, bar = f.answerBar): RuleOutcome => ({
  reply: { text: entry.answer, action: "answer", sources: [{ id: entry.id, title: entry.title }] },
  why,
  bar: { ...bar, observed: round3(bar.observed) },
});

/** A short answer to a clarifying question is read with the question and answered when it now clears the bar. */
export const afterClarify: Rule = {
  name: "answer/after-clarify",
  decide: (f) => (f.afterClarify && f.top ? answer(f, f.top, "follow-up to a clarifying question") : undefined),
};

/** Greetings, thanks and goodbyes (unless the message also asks something the knowledge answers). */
export const smalltalk: Rule = {
  name: "smalltalk",
  decide(f, ctx) {
    const label = SMALLTALK_INTENTS.find((l) => f.sure(l));
    if (!label || f.answerable) return undefined;
    const s = SMALLTALK[label];
    return {
      reply: { text: t(f.language, s.key, { shop: ctx.shopName }), action: "smalltalk", quickReplies: s.quickReplies?.map((k) => t(f.language, k)) },
      why: `smalltalk intent ${label}`,
      bar: { name: "intentMinConfidence", value: ctx.policy.intentMinConfidence, observed: round3(f.intent.confidence) },
    };
  },
};

/** Entries whose title and tags contain every word of a short question. */
function sharedTopicEntries(f: TurnFacts, maxWords: number): { id: string; title: string; answer: string }[] {
  if (f.text.trim().split(/\s+/).length > maxWords) return [];
  const q = stems(f.text);
  if (q.length === 0 || q.length > 2) return [];
  return f.knowledge.entries.filter((e) => {
    const words = new Set(stems(`${e.title} ${e.tags.join(" ")}`));
    return q.every((w) => words.has(w));
  });
}

/** A bare topic ("warranty?") shared by several entries' titles and tags asks which one; a topic naming exactly one entry answers it. */
export const sharedTopic: Rule = {
  name: "clarify/shared-topic",
  decide(f, ctx) {
    // Titles and tags are read with English stems.
    if (f.afterClarify || f.knowledgeLanguage !== "english") return undefined;
    const topic = sharedTopicEntries(f, ctx.policy.shortQueryWords);
    if (topic.length === 1) {
      return { reply: { text: topic[0].answer, action: "answer", sources: [{ id: topic[0].id, title: topic[0].title }] }, why: "short question naming the topic of exactly one entry" };
    }
    if (topic.length < 2) return undefined;
    const rank = (id: string) => {
      const i = f.retrieval.candidates.findIndex((c) => c.entry.id === id);
      return i === -1 ? Number.MAX_SAFE_INTEGER : i;
    };
    const ranked = [...topic].sort((a, b) => rank(a.id) - rank(b.id)).slice(0, 3);
    return {
      reply: {
        text: t(f.language, "clarify.topic", { options: formatList(f.language, ranked.map((e) => quote(f.language, e.title)), "disjunction") }),
        action: "clarify",
        quickReplies: ranked.map((e) => e.title),
      },
      why: `short question naming a topic shared by ${topic.length} entries`,
    };
  },
};

/** Answer from the knowledge when retrieval clears the bar, or ask between two close entries. */
export const retrievalAnswer: Rule = {
  name: "answer/retrieval",
  decide(f, ctx) {
    if (!f.top) return undefined;
    const [first, second] = f.retrieval.candidates;
    const short = f.text.trim().split(/\s+/).length <= ctx.policy.shortQueryWords;
    const marginName = short ? "clarifyMarginShort" : "clarifyMargin";
    const margin = ctx.policy[marginName];
    const close = second && first.fused - second.fused < margin && first.entry.id !== second.entry.id;
    if (close && !f.afterClarify && f.retrieval.confidence < ctx.policy.clarifyMaxConfidence) {
      return {
        reply: {
          text: t(f.language, "clarify.twoEntries", { first: quote(f.language, first.entry.title), second: quote(f.language, second.entry.title) }),
          action: "clarify",
          quickReplies: [first.entry.title, second.entry.title],
        },
        why: `top two entries within ${margin} ranking score${short ? " (short query)" : ""}`,
        bar: { name: marginName, value: margin, observed: round3(first.fused - second.fused) },
      };
    }
    return answer(f, first.entry, `retrieval confidence ${round3(f.retrieval.confidence)} >= ${f.answerBar.value} (${f.answerBar.name})`);
  },
};

/** Not understood: say what the assistant can help with. */
export const fallback: Rule = {
  name: "fallback",
  decide: (f) => ({
    reply: { text: t(f.language, "fallback"), action: "fallback", quickReplies: (["quick.shippingOptions", "quick.returnPolicy", "quick.talkToPerson"] as const).map((k) => t(f.language, k)) },
    why: f.intent.outOfScope || f.intent.label === "out_of_scope" ? "out of scope" : `retrieval confidence ${round3(f.retrieval.confidence)} below ${f.answerBar.value} (${f.answerBar.name})`,
    bar: { ...f.answerBar, observed: round3(f.answerBar.observed) },
  }),
};
