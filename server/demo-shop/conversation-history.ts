/**
 * A deterministic history of past chats for the demo shop, consistent with its customers and orders: shoppers ask
 * the knowledge's own example questions and get answers, ask where their order is shortly after placing it, ask
 * things the knowledge does not cover (fallbacks, some handed to a person), ask for a person; people reply, close,
 * and some conversations are rated. Every conversation is closed, none queued. Pure: same inputs, same history.
 */
import type { HistoryConversation } from "../storage/index.ts";
import { createRandom, type Random } from "./random.ts";
import { UNANSWERED_THEMES } from "./unanswered-themes.ts";

/** Inputs of generateConversationHistory. */
export interface ConversationHistoryOptions {
  seed: number;
  /** End of the history (ISO); conversations fall in the `days` before it. */
  now: string;
  days?: number;
  /** Conversations per day on average (default: 6 per 1,000 customers, at least 4). */
  perDay?: number;
  customers: readonly { id: string; createdAt: string }[];
  orders: readonly { customerId: string; placedAt: string }[];
  /** FAQ entries with their topic (the folder) and example questions. */
  entries: readonly { id: string; title: string; topic: string; questions: readonly string[] }[];
  /** Agent ids to assign handoffs to (null agent when empty). */
  agents: readonly string[];
}

const DAY = 86_400_000;
const SEC = 1000;
const INTENT_OF_TOPIC: Record<string, string> = { orders: "order_status", returns: "return_refund", shipping: "faq", payment: "faq", products: "faq", account: "faq", membership: "faq", contact: "faq" };
const TEAM_OF_TOPIC: Record<string, string> = { orders: "orders", returns: "returns", products: "equipment" };
const HOUR_WEIGHTS = [8, 8, 7, 5, 3, 2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 7, 7, 6, 6, 6, 7, 8, 8];

/** Generate the history (conversations oldest first). */
export function generateConversationHistory(o: ConversationHistoryOptions): HistoryConversation[] {
  const rnd = createRandom((o.seed ^ 0x5eed_c4a7) >>> 0);
  const days = o.days ?? 120;
  const end = Date.parse(o.now);
  const perDay = o.perDay ?? Math.max(4, (o.customers.length / 1000) * 6);
  const entries = o.entries.filter((e) => e.questions.length > 0);
  // Some entries help less than others (their thumbs-up share), so "least helpful" has something to show.
  const helpfulness = new Map(entries.map((e) => [e.id, 0.55 + 0.43 * rnd.beta(4, 1.5)]));
  const recentOrders = o.orders.filter((x) => Date.parse(x.placedAt) >= end - days * DAY - 10 * DAY && Date.parse(x.placedAt) < end - 7 * DAY);
  const signups = o.customers.map((c) => ({ id: c.id, t: Date.parse(c.createdAt) })).sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : 1));
  const out: HistoryConversation[] = [];
  // Each customer keeps one arm per experiment, as the live assignment does (10 % holdout).
  const arms = new Map<string, "treatment" | "holdout">();
  const armOf = (experiment: string, customerId: string) => {
    const key = `${experiment}|${customerId}`;
    if (!arms.has(key)) arms.set(key, rnd.chance(0.1) ? "holdout" : "treatment");
    return arms.get(key)!;
  };
  for (let d = days; d >= 1; d--) {
    const dayStart = Math.floor((end - d * DAY) / DAY) * DAY;
    const n = rnd.poisson(perDay * (1 + 0.25 * Math.sin((d / 7) * Math.PI)));
    for (let i = 0; i < n; i++) {
      const start = dayStart + rnd.weightedIndex(HOUR_WEIGHTS) * 3600 * SEC + rnd.int(0, 3599) * SEC;
      if (start >= end - DAY) continue;
      out.push(conversation(rnd, o, entries, helpfulness, recentOrders, signups, start, out.length, armOf));
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

function conversation(
  rnd: Random, o: ConversationHistoryOptions, entries: ConversationHistoryOptions["entries"], helpfulness: Map<string, number>,
  recentOrders: ConversationHistoryOptions["orders"], signups: readonly { id: string; t: number }[], start: number, n: number, armOf: (experiment: string, customerId: string) => "treatment" | "holdout",
): HistoryConversation {
  const id = `hist-${o.seed}-${String(n).padStart(6, "0")}`;
  let t = start;
  let seq = 0;
  const c: HistoryConversation = { id, sessionId: `${id}-s`, customerId: null, language: "en", createdAt: iso(t), updatedAt: iso(t), messages: [], feedback: [], offers: [] };
  const ask = (text: string) => {
    t += rnd.int(4, 60) * SEC;
    const clientId = `${id}-m${seq + 1}`;
    c.messages.push({ seq: ++seq, sender: "shopper", clientId, replyTo: null, text, action: null, payload: {}, responder: "bot", createdAt: iso(t) });
    return clientId;
  };
  const reply = (replyTo: string, text: string, action: string, decision: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    t += rnd.int(300, 1800);
    c.messages.push({ seq: ++seq, sender: "bot", clientId: null, replyTo, text, action, payload: { decision, ...extra }, responder: null, createdAt: iso(t) });
    return seq;
  };
  const candidates = () => rnd.shuffle(entries).slice(0, 3).map((e, k) => ({ id: e.id, title: e.title, dense: round(0.5 - k * 0.05), lexical: round(0.3 - k * 0.05), fused: round(0.03 - k * 0.003) }));
  const fallback = (q: string) => reply(ask(q), "Sorry, I can't help with that yet. I can help with shipping, returns, orders and products.", "fallback",
    { rule: "fallback", why: `retrieval confidence ${round(rnd.uniform(0.05, 0.4))} below 0.5 (answerMinConfidence)`, intent: { label: "faq", confidence: round(rnd.uniform(0.3, 0.7)), outOfScope: false }, retrieval: { confidence: round(rnd.uniform(0.05, 0.4)), candidates: candidates() } });
  const handoff = (rule: string, reason: string, topic: string) => {
    c.handoff = { team: TEAM_OF_TOPIC[topic] ?? "general", reason, priorityBase: round(rnd.uniform(0.2, 0.8)), priorityClass: rnd.chance(0.2) ? "high" : "normal", queuedAt: iso(t), assignedAt: "", endedAt: "", agentId: o.agents.length ? rnd.pick(o.agents) : null };
    t += rnd.int(20, 600) * SEC;
    c.handoff.assignedAt = iso(t);
    c.messages.push({ seq: ++seq, sender: "system", clientId: null, replyTo: null, text: "An agent joined the chat.", action: null, payload: {}, responder: null, createdAt: iso(t) });
    t += rnd.int(10, 120) * SEC;
    c.messages.push({ seq: ++seq, sender: "agent", clientId: null, replyTo: null, text: "Hi, I'm here to help. Let me look into that for you.", action: null, payload: {}, responder: null, createdAt: iso(t) });
    const q = ask("thanks, that would be great");
    c.messages[c.messages.length - 1].responder = "agent";
    t += rnd.int(60, 900) * SEC;
    c.messages.push({ seq: ++seq, sender: "agent", clientId: null, replyTo: q, text: "All sorted — you'll get an email confirmation shortly.", action: null, payload: {}, responder: null, createdAt: iso(t) });
    t += rnd.int(30, 600) * SEC;
    c.handoff.endedAt = iso(t);
    c.messages.push({ seq: ++seq, sender: "system", clientId: null, replyTo: null, text: "The agent closed the chat.", action: null, payload: { csat: true }, responder: null, createdAt: iso(t) });
    if (rnd.chance(0.6)) c.feedback.push({ seq: null, rating: rnd.chance(0.86) ? "up" : "down", createdAt: iso(t + 20 * SEC) });
    return rule;
  };

  // A verified customer for about half the chats: often someone who ordered a few days before.
  const kind = rnd.weightedIndex([55, 12, 13, 9, 5, 6]);
  if (kind === 1 && recentOrders.length) {
    const order = rnd.pick(recentOrders);
    c.customerId = order.customerId;
    t = Math.max(t, Date.parse(order.placedAt) + rnd.int(1, 6) * DAY);
    c.createdAt = iso(t);
  } else if (rnd.chance(0.45)) {
    // A customer who had signed up by then (signups sorted by time: those before the first later one).
    let lo = 0;
    let hi = signups.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (signups[mid].t < t) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) c.customerId = signups[rnd.int(0, lo - 1)].id;
  }
  if (kind === 0) {
    // A question the knowledge answers.
    const e = rnd.pick(entries);
    const confidence = round(rnd.chance(0.08) ? rnd.uniform(0.5, 0.6) : rnd.uniform(0.62, 0.98));
    const s = reply(ask(rnd.pick(e.questions)), `(answer from “${e.title}”)`, "answer",
      { rule: "answer/retrieval", why: `top entry ${e.id} at confidence ${confidence}`, intent: { label: INTENT_OF_TOPIC[e.topic] ?? "faq", confidence: round(rnd.uniform(0.6, 0.99)), outOfScope: false }, retrieval: { confidence, candidates: [{ id: e.id, title: e.title, dense: 0.8, lexical: 0.6, fused: 0.032 }] } },
      { intent: { name: INTENT_OF_TOPIC[e.topic] ?? "faq", confidence: 0.9 }, sources: [{ id: e.id, title: e.title }] });
    if (rnd.chance(0.3)) c.feedback.push({ seq: s, rating: rnd.chance(helpfulness.get(e.id) ?? 0.8) ? "up" : "down", createdAt: iso(t + 15 * SEC) });
    if (c.customerId && rnd.chance(0.12)) {
      const arm = armOf("upsell", c.customerId);
      c.offers.push({ experiment: "upsell", arm, kind: "bought_together", shown: arm === "treatment", code: null, valueCents: 0, costCents: 0, productIds: [], reason: "purchase intent with a frequently-bought-together item", createdAt: iso(t) });
    }
  } else if (kind === 1) {
    reply(ask("where is my order?"), "Your latest order is on its way.", "order_status", { rule: "orders/status", why: "verified customer asked about an order", intent: { label: "order_status", confidence: round(rnd.uniform(0.8, 0.99)), outOfScope: false }, retrieval: { confidence: 0.3, candidates: candidates() } }, { intent: { name: "order_status", confidence: 0.95 } });
    if (c.customerId && rnd.chance(0.25)) {
      const arm = armOf("retention", c.customerId);
      const value = rnd.pick([1000, 1500, 2000, 2500]);
      c.offers.push({ experiment: "retention", arm, kind: "coupon", shown: arm === "treatment", code: arm === "treatment" ? `KEEP-${id.slice(-6)}` : null, valueCents: value, costCents: arm === "treatment" ? value : 0, productIds: [], reason: "high churn risk with meaningful CLV", createdAt: iso(t) });
    }
  } else if (kind === 2) {
    // Something the knowledge does not cover; a third then ask for a person.
    const theme = UNANSWERED_THEMES[rnd.weightedIndex(UNANSWERED_THEMES.map((x) => x.weight))];
    fallback(rnd.pick(theme.questions));
    if (rnd.chance(0.33)) {
      const q = ask("can I talk to a person please");
      reply(q, "I'll connect you with a person.", "handoff", { rule: "handoff/explicit-request", why: "explicit request", handoffReason: "explicit request", intent: { label: "human_handoff", confidence: 0.95, outOfScope: false }, retrieval: { confidence: 0.1, candidates: [] } });
      handoff("handoff/explicit-request", "explicit request", "general");
    }
  } else if (kind === 3) {
    const q = ask(rnd.pick(["can I speak to a human", "I want to talk to someone", "agent please", "connect me to customer service"]));
    reply(q, "I'll connect you with a person.", "handoff", { rule: "handoff/explicit-request", why: "explicit request", handoffReason: "explicit request", intent: { label: "human_handoff", confidence: 0.95, outOfScope: false }, retrieval: { confidence: 0.1, candidates: [] } });
    handoff("handoff/explicit-request", "explicit request", "orders");
  } else if (kind === 4) {
    // Not understood twice: handed off.
    const theme = UNANSWERED_THEMES[rnd.weightedIndex(UNANSWERED_THEMES.map((x) => x.weight))];
    fallback(rnd.pick(theme.questions));
    const q = ask(rnd.pick(theme.questions));
    reply(q, "I'm not getting this right; let me bring in a person.", "handoff", { rule: "handoff/repeated-fallback", why: "2 consecutive turns not understood", handoffReason: "2 consecutive turns not understood", intent: { label: "faq", confidence: 0.4, outOfScope: false }, retrieval: { confidence: round(rnd.uniform(0.05, 0.35)), candidates: candidates() } });
    handoff("handoff/repeated-fallback", "2 consecutive turns not understood", "general");
  } else {
    reply(ask(rnd.pick(["hi", "hello there", "thanks!", "thank you, bye"])), "Hello! How can I help?", "smalltalk", { rule: "smalltalk", why: "greeting or thanks", intent: { label: "greeting", confidence: 0.97, outOfScope: false }, retrieval: { confidence: 0.05, candidates: [] } }, { intent: { name: "greeting", confidence: 0.97 } });
  }
  if (!c.handoff && rnd.chance(0.2)) c.feedback.push({ seq: null, rating: rnd.chance(kind === 2 ? 0.3 : 0.8) ? "up" : "down", createdAt: iso(t + 30 * SEC) });
  c.updatedAt = iso(t + 60 * SEC);
  return c;
}

const iso = (ms: number) => new Date(ms).toISOString();
const round = (x: number) => Math.round(x * 1000) / 1000;
