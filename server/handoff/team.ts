import type { Team } from "../storage/index.ts";

/** Dialogue intents that say which team a conversation needs. */
const INTENT_TEAMS: Record<string, Team> = {
  order_status: "orders",
  cancel_order: "orders",
  return_refund: "returns",
  product_recommendation: "equipment",
  purchase_intent: "equipment",
};

/** Words that point at a team when no intent did (checked on the shopper's recent messages, newest first). */
const KEYWORDS: [RegExp, Team][] = [
  [/\b(return(s|ed|ing)?|refund(s|ed|ing)?|(my )?money back|exchang(e|es|ed|ing)|swap(s|ped|ping)?|send (it|them) back|faulty|broken|damaged|dented|smashed|crushed|cracked|defect(s|ive)?|warrant(y|ies)|guarantee)\b/i, "returns"],
  [/\b(order(s|ed)?|track(ing)?|deliver(y|ed)?|shipp(ed|ing)|parcel|package|cancel(s|led|ling|lation)?|missing)\b/i, "orders"],
  [/\b(treadmill|bike|rower|weights?|dumbbells?|kettlebells?|shoes?|size|sizing|tent|jacket|equipment|gear|product)\b/i, "equipment"],
];

/** One earlier turn of the conversation, newest last. */
export interface TurnHint {
  sender: string;
  text: string;
  intent?: string;
  action?: string | null;
}

/**
 * Infer the team a handed-off conversation needs from the recent turns, newest first: a bot turn whose
 * intent maps to a team, or a shopper message with a team's keywords; else `general`.
 * @example inferTeam([{ sender: "shopper", text: "I want to return my jacket" }]) // "returns"
 */
export function inferTeam(turns: readonly TurnHint[]): Team {
  const recent = turns.slice(-12).reverse();
  // The words of the shopper's newest message first ("a person please, the box came smashed"): the bot's reading of
  // that message (its intent) can be the request for a person or a guess at another topic.
  const newest = recent.find((t) => t.sender === "shopper");
  if (newest) for (const [re, team] of KEYWORDS) if (re.test(newest.text)) return team;
  // Then newest first, so the topic the shopper was on when asking for a person wins.
  for (const t of recent) {
    if (t.intent && INTENT_TEAMS[t.intent]) return INTENT_TEAMS[t.intent];
    if (t.action === "order_status") return "orders";
    if (t.sender === "shopper") for (const [re, team] of KEYWORDS) if (re.test(t.text)) return team;
  }
  return "general";
}
