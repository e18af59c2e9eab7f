import { t } from "../../../i18n/index.ts";
import { isGibberish } from "../../gibberish.ts";
import { round3, type Rule } from "../rule.ts";
import { fallbackReply } from "./answers.ts";
import { asksAboutPeople } from "./handoff.ts";

/** Reports of a broken, damaged or defective product. */
const DAMAGE =
  /\b(broken|broke|breaks|cracked|crack|dented|dent|damaged|damage|defective|defect|faulty|snapped|shattered|smashed|crushed|squashed|torn|tear|ripped|rip|hole|holes|leak(s|ing)?|bent|scratched|doesn'?t work|does not work|don'?t work|stopped working|won'?t (turn on|start|work|charge)|not working|fell apart|came apart|falling apart|missing parts?)\b/i;
/** Words that place the damage in delivery (damaged in transit) rather than in use (warranty). */
const IN_TRANSIT = /\b(arrived|arrive|arriving|delivered|delivery|box|package|parcel|shipping|shipped|in transit|came|got (it|them|my|the)|received|opened|unboxed|out of the box|today)\b/i;
/** The shopper speaks of something they have (not a product question: "is it damage resistant?"). */
const OWNED = /\b(my|mine|i (bought|got|received|ordered|have)|got|arrived|came|it'?s|it is|they'?re|they are|one of (them|the)|ours|the (\w+ )?(i|we) (bought|ordered|got))\b|^(the |a |one )?(\w+ ){1,3}(arrived|came|broke|snapped|cracked|ripped|tore|leaks|is broken|was broken|stopped)\b/i;

/** Keyboard mashing and nonsense words get the fallback (not the greeting the intent model may read into them). */
export const gibberish: Rule = {
  name: "guard/gibberish",
  decide: (f) => (f.knowledgeLanguage === "english" && isGibberish(f.text) ? fallbackReply(f, "gibberish") : undefined),
};

/**
 * A broken, damaged or defective product goes to the damaged-in-transit answer (damage on arrival) or the
 * warranty-claim answer (a defect in use) — the knowledge's entries tagged `damaged` and `claim` — or, when the
 * knowledge has neither, to a person; never to product recommendations or an order look-up.
 */
export const damageReport: Rule = {
  name: "guard/damage-report",
  decide(f) {
    if (f.knowledgeLanguage !== "english" || !DAMAGE.test(f.text) || !OWNED.test(f.text)) return undefined;
    const transit = f.knowledge.entries.find((e) => e.tags.includes("damaged"));
    const claim = f.knowledge.entries.find((e) => e.tags.includes("claim"));
    const entry = IN_TRANSIT.test(f.text) ? (transit ?? claim) : (claim ?? transit);
    if (entry) {
      return {
        reply: { text: entry.answer, action: "answer", sources: [{ id: entry.id, title: entry.title }] },
        why: `damage or defect report answered from ${entry.id}`,
      };
    }
    const reason = "damaged or defective product with no matching entry";
    return { reply: { text: t(f.language, "handoff.default"), action: "handoff" }, why: reason, handoffReason: reason };
  },
};

/** Words that name a person in a request ("get me a human", "talk to someone"). */
const PERSON = /\b(human|person|people|agent|someone|somebody|real (person|human)|rep|representative|operator|staff|manager|supervisor|live chat|customer service)\b/i;

const WHO = String.raw`(?:a |an |the |some |your )?(?:real |actual |live |human )?(?:human|person|people|agent|someone|somebody|anyone|rep|representative|operator|staff|manager|supervisor|customer (?:service|support|care)|support team|team member)`;

/**
 * The shapes of an English request for a person, whatever else the message is about: "talk to someone about…",
 * "put me through to an agent", "escalate to a human:", "agent pls, …", "give me a real person", "I want a person
 * to help me…", "is there a person I can talk to about…", "customer service please".
 */
const PERSON_REQUEST = new RegExp(
  [
    String.raw`\b(?:talk|speak|chat)(?:ing)? (?:to|with) ${WHO}\b`,
    String.raw`\b(?:transfer|put|connect|pass|escalate|forward|send)(?: me| this| it)?(?: through| over)? (?:to|with) ${WHO}\b`,
    String.raw`\b(?:give|get|find) me ${WHO}\b`,
    String.raw`(?<!\b(?:do|does|did|will|would|should|must|can|could) )\b(?:i|we)(?: want| need| would like|'d like|’d like| wanna)(?: to (?:talk|speak|chat) (?:to|with))? ${WHO}\b`,
    String.raw`\bis there ${WHO} (?:i|we) (?:can|could) (?:talk|speak|chat)`,
    String.raw`^\W*${WHO}[ ,]*(?:please|pls|plz|now|asap)\b`,
  ].join("|"),
  "i",
);

/** True when an English message has the shape of a request for a person. */
export const looksLikePersonRequest = (text: string): boolean => PERSON_REQUEST.test(text);

/**
 * A request for a person wins over the topic it mentions ("I want to talk to someone about my refund"): when
 * the message has the shape of a request for a person, or names a person and the intent model gives the request
 * at least `personRequestProbability`, hand off; the topic still routes the conversation to the right team. A
 * question about the people that the knowledge answers ("when can I chat with a person?") is answered instead.
 */
export const personOverTopic: Rule = {
  name: "handoff/person-over-topic",
  decide(f, ctx) {
    const p = f.probability("human_handoff");
    const request = looksLikePersonRequest(f.text) || (PERSON.test(f.text) && p >= ctx.policy.personRequestProbability);
    if (!request || asksAboutPeople(f, ctx.policy.answerMinConfidence)) return undefined;
    const reason = `explicit request for a human (topic: ${f.intent.label})`;
    return {
      reply: { text: t(f.language, "handoff.requested"), action: "handoff" },
      why: reason,
      handoffReason: reason,
      bar: { name: "personRequestProbability", value: ctx.policy.personRequestProbability, observed: round3(p) },
    };
  },
};
