import { formatList, quote, t, type MessageKey } from "../../../i18n/index.ts";
import { answersQuestionType, questionType } from "../../question-type.ts";
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
function sharedTopicEntries(f: TurnFacts, maxWords: number): TurnFacts["knowledge"]["entries"][number][] {
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
    // A bare topic with an overview entry ("returns?", "summit club") gets the overview, which covers every option.
    const overview = topic.length >= 2 ? topic.find((e) => e.tags.includes("overview")) : undefined;
    if (overview) return { reply: { text: overview.answer, action: "answer", sources: [{ id: overview.id, title: overview.title }] }, why: "short question naming a topic with an overview entry" };
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

/**
 * Answer from the knowledge when retrieval clears the bar, or ask between two close entries. The entry must
 * answer the kind of question asked (docs/dialogue.md): a "how much" question is not answered by an entry that
 * names no amount (the price-match policy), so a close lower-ranked entry that does is taken instead, or the
 * turn falls back; an overview question ("what are my shipping options") takes the topic's overview entry.
 */
export const retrievalAnswer: Rule = {
  name: "answer/retrieval",
  decide(f, ctx) {
    if (!f.top) return undefined;
    const candidates = [...f.retrieval.candidates];
    if (f.knowledgeLanguage === "english") {
      const type = questionType(f.text);
      const near = (i: number) => candidates[i] && candidates[i].fused >= ctx.policy.questionTypeFallbackShare * candidates[0].fused;
      if (type === "overview") {
        const i = candidates.slice(0, 3).findIndex((c) => c.entry.tags.includes("overview"));
        if (i > 0) return answer(f, candidates[i].entry, `overview question: the topic's overview entry ${candidates[i].entry.id}`);
      }
      if (!answersQuestionType(candidates[0].entry.answer, type)) {
        const i = candidates.findIndex((c, k) => k > 0 && near(k) && answersQuestionType(c.entry.answer, type));
        if (i < 0) {
          return fallbackReply(f, `the best entry (${candidates[0].entry.id}) does not state a ${type}, which the question asks for`);
        }
        return answer(f, candidates[i].entry, `question asks for a ${type}: ${candidates[i].entry.id} states one, ${candidates[0].entry.id} does not`);
      }
    }
    const [first, second] = candidates;
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

/** The fallback reply: what the assistant can help with, in the shopper's language, with the answer bar that applied. */
export function fallbackReply(f: TurnFacts, why: string): RuleOutcome {
  return {
    reply: { text: t(f.language, "fallback"), action: "fallback", quickReplies: (["quick.shippingOptions", "quick.returnPolicy", "quick.talkToPerson"] as const).map((k) => t(f.language, k)) },
    why,
    bar: { ...f.answerBar, observed: round3(f.answerBar.observed) },
  };
}

/** Not understood: say what the assistant can help with. */
export const fallback: Rule = {
  name: "fallback",
  decide: (f) =>
    fallbackReply(f, f.intent.outOfScope || f.intent.label === "out_of_scope" ? "out of scope" : `retrieval confidence ${round3(f.retrieval.confidence)} below ${f.answerBar.value} (${f.answerBar.name})`),
};

/** Where a message asks a second question: after a question mark, or "and" / "also" before a question word. */
const SECOND_QUESTION = /\?\s+|\s+(?:and|also|plus|\+|&)\s+(?=(?:how|what|when|where|which|can|could|do|does|is|are|will|would|should)\b)/i;

/**
 * Two questions in one message ("how long does shipping take and can I return shoes?") get both answers
 * when each part clears the strict answer bar on its own, names a different entry, and that entry answers the
 * part's question type; otherwise the message is answered as one question.
 */
export const multiQuestion: Rule = {
  name: "answer/multi-question",
  async decide(f, ctx) {
    if (f.knowledgeLanguage !== "english" || f.afterClarify) return undefined;
    const parts = f.text.split(SECOND_QUESTION).map((p) => p.trim()).filter((p) => p.split(/\s+/).length >= 3);
    if (parts.length < 2) return undefined;
    const hits = await Promise.all(parts.slice(0, 3).map(async (part) => ({ part, result: await f.knowledge.search(part, { k: 3 }) })));
    const entries = hits.map(({ part, result }) => {
      const top = result.candidates[0]?.entry;
      const ok = top && result.confidence >= ctx.policy.answerMinConfidence && answersQuestionType(top.answer, questionType(part));
      return ok ? top : undefined;
    });
    if (entries.some((e) => !e)) return undefined;
    const distinct = [...new Map(entries.map((e) => [e!.id, e!])).values()];
    if (distinct.length < 2) return undefined;
    return {
      reply: { text: distinct.map((e) => e.answer).join("\n\n"), action: "answer", sources: distinct.map((e) => ({ id: e.id, title: e.title })) },
      why: `${distinct.length} questions in one message, each answered by its own entry`,
      bar: { name: "answerMinConfidence", value: ctx.policy.answerMinConfidence, observed: round3(Math.min(...hits.map((h) => h.result.confidence))) },
    };
  },
};
