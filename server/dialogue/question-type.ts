/**
 * What kind of answer a shopper's question wants ("how much" wants an amount, "how long" a duration, "where" a
 * place) and whether a knowledge answer states that kind of thing, so a rule can refuse an entry that cannot answer
 * the question: "how much is the treadmill?" is not answered by the price-match policy, which names no amount.
 * Pure, English only, and deliberately lenient on the answer side: a wrongly refused entry costs a fallback, a
 * wrongly accepted one costs a wrong answer, and only the first is cheap to live with.
 */

/** The kinds of answer a question can ask for. */
export type QuestionType = "cost" | "duration" | "when" | "where" | "overview" | "how-to" | "which" | "yes-no" | "other";

/** The kinds an answer text can be checked for (the others cannot be read off a text). */
export type StatedType = Extract<QuestionType, "cost" | "duration" | "when" | "where">;

const NUMBER = String.raw`(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|24)`;
const UNIT = String.raw`(?:business |working )?(?:minute|hour|day|week|month|year)s?`;

/** Phrases that contain a price word but do not ask for an amount. */
const NOT_AN_AMOUNT = /\b(price[- ]?match(ing|ed)?|(best )?price guarantee|price drop(ped)?|match (the |a |their |that |your |an? )?([\w']+ )?price)\b/g;
/** "how long is an order number" asks for a length, not a time. */
const NOT_A_DURATION = /\bhow long (is|are) (an?|the|my|your) ([\w-]+ )?(number|code|id|name|password|word)s?\b/;

/** First words of a yes-no question (after a greeting or "so", "and", "also"). */
const YES_NO_START =
  /^(?:(?:hi|hello|hey|so|and|also|ok|okay|um|pls|please|quick question)[,!.]?\s+)*(can|could|do|does|did|is|are|was|were|will|would|should|shall|may|might|have|has|am|any|isn't|aren't|don't|doesn't|won't|can't|r|u)\b/;

/** Asks for an amount in any question: "how much …", "what's the price of …", "fee for …". */
const COST = /\bhow (much|expensive|pricey)\b(?![^?.!]*\b(time|longer|weigh|weighs|weight|heavy|load|hold)\b)|\bwhat('?s| is| are| was| will be)? (the |your |a |an )?([\w'-]+ ){0,3}(cost|price|fee|rate)s?\b(?! in\b)|\bwhat (does|do|will|would) [^?.!]*\bcost\b|\b(price|cost|fee|rate)s? (of|for|on)\b/;
/** Asks for an amount unless the question is a yes-no one: "express price?", "cost of setup". */
const COST_FRAGMENT = /^(price|prices|pricing|cost|costs|fee|fees)\b(?! in\b)|\b(price|cost|fee|rate)s?\s*[?!.]*$/;

const CUES: readonly [QuestionType, RegExp][] = [
  ["duration", new RegExp(String.raw`\bhow (long|soon|quickly|fast)\b|\bhow many ${UNIT}\b|\b(shipping|delivery|transit|processing|refund|dispatch) time\b`)],
  ["when", /(^|[,;] ?|\b(and|so|but|then) )when\b|\bwhen (will|would|do|does|did|is|are|was|can|could|should|am|'s|will)\b|\buntil when\b|\b(what|which) (time|times|day|days|hours)\b|\bhow late\b|\b(opening|support|business|office) hours\b|\bcut-? ?off\b/],
  ["where", /\bwhere\b|\b(which|what('?s| is)?) (your |the |our )?(mailing |returns? |postal )?address\b|\baddress\s*\?*$|\blocated\b|\blocation\b/],
  [
    "overview",
    /\b(options|methods|ways|choices|kinds|types)\b|\bhow (does|do) (\w+ ){1,3}work\b|\btell me (about|everything)\b|\bexplain\b|\boverview\b|\brundown\b|\b(info|information|details)\s*(pls|please)?\s*[?!.]*$/,
  ],
  ["how-to", /\bhow (do|can|could|should|would|will) (i|we)\b|\bhow to\b|\bwhat (do|should|can) i do\b|\bwhat now\b/],
  ["which", /^(what|which|whats|wat|wot)\b|\b(what|which) (is|are|was|were)\b/],
];

/**
 * Every kind of answer a question asks for, most specific first; empty when none is recognised.
 * @example questionTypes("how long does shipping to Canada take and how much is it?") // ["cost", "duration"]
 */
export function questionTypes(text: string): QuestionType[] {
  const t = text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim().replace(NOT_AN_AMOUNT, "");
  const yesNo = YES_NO_START.test(t);
  const found: QuestionType[] = COST.test(t) || (!yesNo && COST_FRAGMENT.test(t)) ? ["cost"] : [];
  for (const [type, re] of CUES) if (re.test(t) && !(type === "duration" && NOT_A_DURATION.test(t))) found.push(type);
  if (yesNo) found.push("yes-no");
  return found;
}

/**
 * The main kind of answer a question asks for.
 * @example questionType("how much is the IronPeak T-650?") // "cost"
 * @example questionType("Do you price match?") // "yes-no"
 */
export function questionType(text: string): QuestionType {
  return questionTypes(text)[0] ?? "other";
}

const STATES: Record<StatedType, RegExp> = {
  cost: /[$€£]\s?\d|\b\d+(\.\d\d)?\s?(usd|dollars?)\b|\bfree\b|\bno (extra |additional )?(\w+ )?(cost|charge|fee)s?\b|\bat no cost\b|\binterest-free\b/,
  duration: new RegExp(String.raw`\b${NUMBER}([–-]${NUMBER})?[ -]${UNIT}\b|\bsame day\b|\bovernight\b`),
  when: new RegExp(
    String.raw`\b${NUMBER}([–-]${NUMBER})?[ -]${UNIT}\b|\b\d{1,2}(:\d\d)?\s?(a\.m\.|p\.m\.|am|pm)|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(when|until|after|before|once|as soon as|same day|within)\b`,
  ),
  where: /→|\b\d{5}\b|\b(page|pages|account|address|road|street|avenue|warehouse|e-?mail|online|link|checkout|sign-in|settings|store|website|site|app)\b|\b(to|at|on|in|from|under) (your|our|the|each|any)\b/,
};

/**
 * The kinds of thing an answer text states: an amount or "free" (cost), a span of time (duration), a time, day or
 * "until …" (when), a place, page or address (where).
 * @example statedTypes("Express shipping takes 1–2 business days and costs $14.95.") // Set {"cost", "duration", "when"}
 */
export function statedTypes(answer: string): Set<StatedType> {
  const a = answer.toLowerCase();
  return new Set((Object.keys(STATES) as StatedType[]).filter((k) => STATES[k].test(a)));
}

/**
 * Whether an answer can answer a question of this type: for cost, duration, when and where the text must state
 * such a thing; any answer may answer the other types (a rule may still prefer an overview entry for "overview").
 * @example answersQuestionType("Our price match: … we refund the difference.", "cost") // false
 */
export function answersQuestionType(answer: string, type: QuestionType): boolean {
  if (type === "cost" || type === "duration" || type === "when" || type === "where") return statedTypes(answer).has(type);
  return true;
}
