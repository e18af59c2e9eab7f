import { describe, expect, it } from "vitest";
import type { ConversationFact, FeedbackFact, HandoffFact, MessageFact } from "../storage/index.ts";
import { collectUnanswered } from "./unanswered.ts";
import { conversationCharts } from "./conversation-metrics.ts";
import { customerCharts } from "./customer-metrics.ts";
import { chartCsv } from "./csv.ts";
import { parseRange } from "./range.ts";

const range = { from: "2026-11-01T00:00:00.000Z", to: "2026-11-03T00:00:00.000Z" };
const conv = (id: string, createdAt: string, customerId: string | null = null, state = "closed"): ConversationFact => ({ id, customerId, state, createdAt, updatedAt: createdAt });
const msg = (conversationId: string, seq: number, sender: MessageFact["sender"], createdAt: string, more: Partial<MessageFact> = {}): MessageFact => ({
  conversationId, seq, sender, clientId: sender === "shopper" ? `c${seq}` : null, replyTo: sender === "bot" ? `c${seq - 1}` : null, action: null, text: sender === "shopper" ? "question" : "", payload: null, createdAt, ...more,
});
const answer = (id: string, entry: string, confidence = 0.9) => ({ action: "answer", payload: { decision: { rule: "answer/retrieval", intent: { label: "faq" }, retrieval: { confidence, candidates: [{ id: entry }] } }, sources: [{ id: entry, title: entry.toUpperCase() }] } });

// a: answered, rated down, bot CSAT up. b: fallback then handed off to a person who answered 60 s later, people CSAT down. c: no shopper message.
const conversations = [conv("a", "2026-11-01T10:00:00.000Z"), conv("b", "2026-11-02T10:00:00.000Z", "C1"), conv("c", "2026-11-02T11:00:00.000Z")];
const messages: MessageFact[] = [
  msg("a", 1, "shopper", "2026-11-01T10:00:00.000Z", { text: "how long is shipping" }),
  msg("a", 2, "bot", "2026-11-01T10:00:02.000Z", answer("a", "standard-shipping")),
  msg("b", 1, "shopper", "2026-11-02T10:00:00.000Z", { text: "do you gift wrap" }),
  msg("b", 2, "bot", "2026-11-02T10:00:01.000Z", { action: "fallback", payload: { decision: { rule: "fallback", why: "low", intent: { label: "faq" } } } }),
  msg("b", 3, "shopper", "2026-11-02T10:00:10.000Z", { text: "gift wrapping please" }),
  msg("b", 4, "bot", "2026-11-02T10:00:11.000Z", { action: "handoff", payload: { decision: { rule: "handoff/repeated-fallback", intent: { label: "faq" } } } }),
  msg("b", 5, "agent", "2026-11-02T10:01:11.000Z"),
];
const handoffs: HandoffFact[] = [{ conversationId: "b", status: "closed", team: "general", reason: "2 consecutive turns not understood", queuedAt: "2026-11-02T10:00:11.000Z", assignedAt: "2026-11-02T10:00:40.000Z", endedAt: "2026-11-02T10:10:00.000Z", agentId: "A1" }];
const feedback: FeedbackFact[] = [
  { conversationId: "a", seq: 2, rating: "down", createdAt: "2026-11-01T10:00:30.000Z" },
  { conversationId: "a", seq: null, rating: "up", createdAt: "2026-11-01T10:01:00.000Z" },
  { conversationId: "b", seq: null, rating: "down", createdAt: "2026-11-02T10:11:00.000Z" },
];

describe("conversation charts", () => {
  const { charts, summary } = conversationCharts(range, { conversations, messages, handoffs, feedback }, { topicOf: (id) => (id === "standard-shipping" ? "shipping" : undefined) });
  const chart = (id: string) => charts.find((c) => c.id === id)!;

  it("counts conversations with a shopper message per day, contained or handed off", () => {
    expect(chart("conversations").rows).toEqual([["2026-11-01", 1, 0], ["2026-11-02", 1, 1]]);
    expect(chart("containment").rows).toEqual([["2026-11-01", 1, 0], ["2026-11-02", 0, 1]]);
    expect(summary).toMatchObject({ conversations: 2, containmentRate: 0.5, handoffRate: 0.5, fallbacks: 1, wrongAnswerFlags: 1 });
  });

  it("names handoff reasons by the rule that handed off, and splits CSAT between bot and people", () => {
    expect(chart("handoff-reasons").rows).toEqual([["handoff/repeated-fallback", 1]]);
    expect(chart("csat").rows).toEqual([["bot", 1, 1, 1], ["people", 0, 1, 0]]);
  });

  it("measures first responses and resolution, and lists entries by use and helpfulness", () => {
    const times = chart("response-times").rows;
    expect(times[0]).toEqual(["bot first response", 1.5, 1.9, 2]);
    expect(times[1]).toEqual(["person first response", 60, 60, 1]);
    expect(chart("topics").rows).toEqual([["shipping", 1]]);
    expect(chart("entries-least-helpful").rows).toEqual([["standard-shipping", "STANDARD-SHIPPING", 1, 0, 1, 0]]);
  });
});

describe("customer charts", () => {
  const orders = [
    { customerId: "C1", placedAt: "2026-09-10T00:00:00.000Z", totalCents: 4000 },
    { customerId: "C1", placedAt: "2026-10-12T00:00:00.000Z", totalCents: 4000 },
    { customerId: "C1", placedAt: "2026-11-02T12:00:00.000Z", totalCents: 4000 },
    { customerId: "C2", placedAt: "2026-09-20T00:00:00.000Z", totalCents: 30000 },
  ];
  const { charts, summary } = customerCharts(range, { conversations, orders, firstActivity: [{ customerId: "C2", at: "2026-11-01T00:00:00.000Z" }, { customerId: "C1", at: "2026-11-01T00:00:00.000Z" }] }, 14);
  const chart = (id: string) => charts.find((c) => c.id === id)!;

  it("compares conversion within the window for chatting and non-chatting customers", () => {
    expect(chart("conversion").rows).toEqual([["chatting", 1, 1, 1], ["not chatting", 0, 1, 0]]);
    expect(summary).toEqual({ conversionChatting: 1, conversionNotChatting: 0 });
  });

  it("tracks repeat purchases by first-order cohort, value buckets and lifecycle stages", () => {
    const sept = chart("retention").rows.find((r) => r[0] === "2026-09")!;
    expect(sept).toEqual(["2026-09", 2, 0.5, 0.5, null, null]);
    expect(chart("customer-value").rows.filter((r) => Number(r[1]) > 0)).toEqual([["100–250", 1], ["250–500", 1]]);
    expect(chart("lifecycle").rows.at(-1)).toEqual(["2026-11", 0, 2, 0, 0]);
    expect(chart("lifecycle").rows.find((r) => r[0] === "2026-09")).toEqual(["2026-09", 2, 0, 0, 0]);
  });
});

describe("unanswered questions", () => {
  it("collects fallbacks, not-understood handoffs, low-confidence and not-helpful answers, once per question", () => {
    const low = [msg("d", 1, "shopper", "2026-11-02T12:00:00.000Z", { text: "free returns?" }), msg("d", 2, "bot", "2026-11-02T12:00:01.000Z", answer("d", "returns", 0.55))];
    const gib = [msg("e", 1, "shopper", "2026-11-02T12:00:00.000Z", { text: "asdf" }), msg("e", 2, "bot", "2026-11-02T12:00:01.000Z", { action: "fallback", payload: { decision: { why: "gibberish" } } })];
    const got = collectUnanswered([...messages, ...low, ...gib], feedback);
    expect(got.map((q) => [q.id, q.kind, q.text])).toEqual([
      ["a:1", "not_helpful", "how long is shipping"],
      ["b:1", "fallback", "do you gift wrap"],
      ["b:3", "handoff_no_answer", "gift wrapping please"],
      ["d:1", "low_confidence", "free returns?"],
    ]);
    expect(got[3].nearestEntry).toBe("returns");
  });
});

describe("CSV and ranges", () => {
  it("quotes fields, neutralises spreadsheet formulas and leaves empty cells for nulls", () => {
    expect(chartCsv({ columns: ["a", "b", "c"], rows: [["x,y", null, 3], ['say "hi"', "=SUM(A1)", -1]] })).toBe('a,b,c\r\n"x,y",,3\r\n"say ""hi""",\'=SUM(A1),-1\r\n');
  });

  it("reads inclusive days, defaults to 30 days ending on the given day, and refuses bad input", () => {
    expect(parseRange("2026-11-01", "2026-11-30", new Date())).toEqual({ from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" });
    expect(parseRange(undefined, undefined, new Date("2026-11-27T15:00:00Z"))).toEqual({ from: "2026-10-29T00:00:00.000Z", to: "2026-11-28T00:00:00.000Z" });
    expect(() => parseRange("2026-02-30", undefined, new Date())).toThrow(/`from` must be a date/);
    expect(() => parseRange("2026-11-02", "2026-11-01", new Date())).toThrow(/on or before/);
    expect(() => parseRange("2020-01-01", "2026-01-01", new Date())).toThrow(/at most/);
    expect(() => parseRange(["2026-01-01"], undefined, new Date())).toThrow(/YYYY-MM-DD/);
  });
});
