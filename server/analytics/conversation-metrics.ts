/**
 * The conversation charts of the dashboard as pure functions of the stored facts (docs/metrics.md defines each):
 * volume, containment and handoffs with reasons, fallbacks and wrong-answer flags, CSAT, response and resolution
 * times, intent and topic mix, most used and least helpful entries.
 */
import type { ConversationFact, FeedbackFact, HandoffFact, MessageFact } from "../storage/index.ts";
import { dayOfIso, daysBetween, quantile, ratio, secondsBetween, tally } from "./stats.ts";
import type { Chart, DateRange } from "./types.ts";

/** The facts of one range. */
export interface ConversationFacts {
  conversations: readonly ConversationFact[];
  messages: readonly MessageFact[];
  handoffs: readonly HandoffFact[];
  feedback: readonly FeedbackFact[];
}

/** Options of the conversation charts. */
export interface ConversationMetricsOptions {
  /** The FAQ topic of an entry id (for the topic mix), or undefined when unknown. */
  topicOf?: (entryId: string) => string | undefined;
  /** How many intents and entries to list (default 12). */
  top?: number;
}

interface Decision { rule?: string; intent?: { label?: string } }
const decisionOf = (m: MessageFact) => (m.payload?.decision ?? {}) as Decision;
const sourceOf = (m: MessageFact) => ((m.payload?.sources ?? []) as { id: string; title: string }[])[0];

/** Group a list by a key. */
function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

/** Handoff reason categories: the rule that handed off, or the stored reason with figures taken out. */
const reasonCategory = (reason: string) => reason.replace(/\d+/g, "n").trim() || "unknown";

/** Every conversation chart for the range, and the summary numbers. */
export function conversationCharts(range: DateRange, facts: ConversationFacts, options: ConversationMetricsOptions = {}): { charts: Chart[]; summary: Record<string, number | null> } {
  const top = options.top ?? 12;
  const msgs = groupBy(facts.messages, (m) => m.conversationId);
  const handoffs = groupBy(facts.handoffs, (h) => h.conversationId);
  const days = daysBetween(range.from, range.to);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const perDay = () => days.map(() => 0);

  // Volume, containment and handoffs per day.
  const started = perDay();
  const handed = perDay();
  const contained = perDay();
  let total = 0;
  let containedTotal = 0;
  let handedTotal = 0;
  for (const c of facts.conversations) {
    const i = dayIndex.get(dayOfIso(c.createdAt));
    const list = msgs.get(c.id) ?? [];
    if (i === undefined || !list.some((m) => m.sender === "shopper")) continue;
    total++;
    started[i]++;
    const person = handoffs.has(c.id) || list.some((m) => m.sender === "agent");
    if (person) {
      handed[i]++;
      handedTotal++;
    } else {
      contained[i]++;
      containedTotal++;
    }
  }
  const volume: Chart = { id: "conversations", title: "Conversations per day", kind: "time", columns: ["day", "conversations", "handed_off"], rows: days.map((d, i) => [d, started[i], handed[i]]) };
  const containment: Chart = {
    id: "containment", title: "Containment and handoff rate per day", kind: "time", unit: "share 0–1", columns: ["day", "containment_rate", "handoff_rate"],
    rows: days.map((d, i) => [d, ratio(contained[i], started[i]), ratio(handed[i], started[i])]),
  };

  // Handoff reasons: the rule of the bot's handoff turn, else the stored reason.
  const botRules = new Map<string, string[]>();
  for (const m of facts.messages) if (m.sender === "bot" && m.action === "handoff") (botRules.get(m.conversationId) ?? botRules.set(m.conversationId, []).get(m.conversationId)!).push(decisionOf(m).rule ?? "");
  const reasons = tally(
    [...handoffs].flatMap(([cid, hs]) => hs.map((h, k) => (botRules.get(cid)?.[k] || reasonCategory(h.reason)))),
  );
  const reasonChart: Chart = { id: "handoff-reasons", title: "Handoffs by reason", kind: "bar", columns: ["reason", "handoffs"], rows: [...reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => [r, n]) };

  // Fallbacks and wrong-answer flags (a thumbs-down on an answer) per day.
  const bySeq = new Map(facts.messages.map((m) => [`${m.conversationId}:${m.seq}`, m]));
  const turns = perDay();
  const fallbacks = perDay();
  const flags = perDay();
  for (const m of facts.messages) {
    if (m.sender !== "bot") continue;
    const i = dayIndex.get(dayOfIso(m.createdAt));
    if (i === undefined) continue;
    turns[i]++;
    if (m.action === "fallback") fallbacks[i]++;
  }
  for (const f of facts.feedback) {
    const m = f.seq === null ? undefined : bySeq.get(`${f.conversationId}:${f.seq}`);
    const i = dayIndex.get(dayOfIso(f.createdAt));
    if (m && i !== undefined && f.rating === "down" && m.action === "answer") flags[i]++;
  }
  const flagChart: Chart = { id: "flags", title: "Fallbacks and wrong-answer flags per day", kind: "time", columns: ["day", "bot_turns", "fallbacks", "wrong_answer_flags"], rows: days.map((d, i) => [d, turns[i], fallbacks[i], flags[i]]) };

  // CSAT: the last conversation-level rating, bot-only conversations vs conversations a person took.
  const lastRating = new Map<string, "up" | "down">();
  for (const f of facts.feedback) if (f.seq === null) lastRating.set(f.conversationId, f.rating);
  const csat = { bot: { up: 0, n: 0 }, people: { up: 0, n: 0 } };
  for (const [cid, rating] of lastRating) {
    const who = (handoffs.get(cid) ?? []).some((h) => h.assignedAt) ? csat.people : csat.bot;
    who.n++;
    if (rating === "up") who.up++;
  }
  const csatChart: Chart = {
    id: "csat", title: "CSAT: bot vs people", kind: "bar", unit: "share of ratings that are thumbs-up", columns: ["who", "csat", "ratings", "thumbs_up"],
    rows: [["bot", ratio(csat.bot.up, csat.bot.n), csat.bot.n, csat.bot.up], ["people", ratio(csat.people.up, csat.people.n), csat.people.n, csat.people.up]],
  };

  // First-response and resolution times.
  const botFirst: number[] = [];
  const agentFirst: number[] = [];
  const resolution: number[] = [];
  for (const c of facts.conversations) {
    const list = msgs.get(c.id) ?? [];
    const first = list.find((m) => m.sender === "shopper");
    if (!first) continue;
    const reply = list.find((m) => m.sender === "bot" && m.seq > first.seq);
    if (reply) botFirst.push(secondsBetween(first.createdAt, reply.createdAt));
    for (const h of handoffs.get(c.id) ?? []) {
      const agentMsg = list.find((m) => m.sender === "agent" && m.createdAt >= h.queuedAt);
      if (agentMsg) agentFirst.push(secondsBetween(h.queuedAt, agentMsg.createdAt));
    }
    const hs = handoffs.get(c.id) ?? [];
    const ended = hs.length ? hs[hs.length - 1].endedAt : c.state === "closed" || c.state === "bot" ? list[list.length - 1].createdAt : null;
    if (ended && (c.state === "closed" || (hs.length > 0 && hs.every((h) => h.endedAt)))) resolution.push(secondsBetween(c.createdAt, ended));
  }
  const timeRow = (name: string, v: number[]) => [name, quantile(v, 0.5), quantile(v, 0.9), v.length];
  const timesChart: Chart = {
    id: "response-times", title: "First-response and resolution times", kind: "bar", unit: "seconds", columns: ["measure", "median_s", "p90_s", "conversations"],
    rows: [timeRow("bot first response", botFirst), timeRow("person first response", agentFirst), timeRow("resolution", resolution)],
  };

  // Intent and topic mix of the bot's turns; most used and least helpful entries.
  const botTurns = facts.messages.filter((m) => m.sender === "bot");
  const intents = [...tally(botTurns.map((m) => decisionOf(m).intent?.label ?? "unknown"))].sort((a, b) => b[1] - a[1]);
  const topIntents = intents.slice(0, top);
  const rest = intents.slice(top).reduce((s, [, n]) => s + n, 0);
  const intentChart: Chart = { id: "intents", title: "Intent mix of bot turns", kind: "bar", columns: ["intent", "turns"], rows: [...topIntents, ...(rest ? [["other", rest] as [string, number]] : [])].map(([k, n]) => [k, n]) };
  const answers = botTurns.filter((m) => m.action === "answer" && sourceOf(m));
  const topics = tally(answers.map((m) => options.topicOf?.(sourceOf(m)!.id) ?? "unknown"));
  const topicChart: Chart = { id: "topics", title: "Topic mix of answers", kind: "bar", columns: ["topic", "answers"], rows: [...topics].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, n]) };
  const entries = new Map<string, { title: string; answers: number; up: number; down: number }>();
  for (const m of answers) {
    const s = sourceOf(m)!;
    const e = entries.get(s.id) ?? { title: s.title, answers: 0, up: 0, down: 0 };
    e.answers++;
    entries.set(s.id, e);
  }
  for (const f of facts.feedback) {
    const m = f.seq === null ? undefined : bySeq.get(`${f.conversationId}:${f.seq}`);
    const s = m && m.action === "answer" ? sourceOf(m) : undefined;
    const e = s && entries.get(s.id);
    if (e) e[f.rating]++;
  }
  const entryRows = [...entries].map(([id, e]) => [id, e.title, e.answers, e.up, e.down, ratio(e.up, e.up + e.down)] as const);
  const mostUsed: Chart = { id: "entries-most-used", title: "Most used entries", kind: "bar", columns: ["entry", "title", "answers", "helpful", "not_helpful", "helpful_rate"], rows: [...entryRows].sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1)).slice(0, top) };
  const leastHelpful: Chart = {
    id: "entries-least-helpful", title: "Least helpful entries (most thumbs-down)", kind: "table", columns: mostUsed.columns,
    rows: entryRows.filter((r) => r[4] > 0).sort((a, b) => b[4] - a[4] || (a[5] ?? 1) - (b[5] ?? 1) || (a[0] < b[0] ? -1 : 1)).slice(0, top),
  };

  const summary = {
    conversations: total,
    containmentRate: ratio(containedTotal, total),
    handoffRate: ratio(handedTotal, total),
    fallbacks: fallbacks.reduce((a, b) => a + b, 0),
    wrongAnswerFlags: flags.reduce((a, b) => a + b, 0),
    csatBot: ratio(csat.bot.up, csat.bot.n),
    csatPeople: ratio(csat.people.up, csat.people.n),
    medianBotFirstResponseS: quantile(botFirst, 0.5),
    medianPersonFirstResponseS: quantile(agentFirst, 0.5),
    medianResolutionS: quantile(resolution, 0.5),
  };
  return { charts: [volume, containment, reasonChart, flagChart, csatChart, timesChart, intentChart, topicChart, mostUsed, leastHelpful], summary };
}
