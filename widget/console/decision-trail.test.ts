import { describe, expect, it } from "vitest";
import { decisionLines } from "./decision-trail.ts";

const base = {
  intent: { label: "return_refund", confidence: 0.91, top: [{ label: "return_refund", probability: 0.91 }, { label: "order_status", probability: 0.06 }], outOfScope: false },
  retrieval: { confidence: 0.82, candidates: [{ id: "r1", title: "Return window", dense: 0.7, lexical: 3.1, fused: 0.03 }, { id: "r2", title: "Exchanges", dense: 0.5, lexical: 1, fused: 0.02 }] },
  sentiment: { score: -2, comparative: -0.4, negative: true, strongNegative: false },
};

describe("decisionLines", () => {
  it("explains an answer with its source, confidence and bar, then the facts behind it", () => {
    const lines = decisionLines({ ...base, rule: "retrieval confidence 0.82 >= 0.5" }, { action: "answer", sources: [{ id: "r1", title: "Return window" }] });
    expect(lines).toEqual([
      'Answered from "Return window" — confidence 0.82 ≥ bar 0.5',
      "Intent: return refund (0.91); next: order status 0.06",
      'Knowledge: confidence 0.82; best matches "Return window", "Exchanges"',
      "Sentiment: negative (AFINN -2)",
    ]);
  });

  it("prefers an explicit bar field to the number in the rule text", () => {
    const [first] = decisionLines({ ...base, rule: "confident retrieval", bar: 0.2 }, { action: "answer", sources: [{ id: "r1", title: "Return window" }] });
    expect(first).toBe('Answered from "Return window" — confidence 0.82 ≥ bar 0.2');
  });

  it("explains a fallback, a handoff, the customer and an experiment", () => {
    const fallback = decisionLines({ ...base, retrieval: { confidence: 0.31, candidates: [] }, rule: "retrieval confidence 0.31 below 0.5" }, { action: "fallback" });
    expect(fallback[0]).toBe("Not answered — best knowledge match confidence 0.31 < bar 0.5");

    const handoff = decisionLines(
      {
        ...base,
        rule: "complaint from a high-value customer",
        handoffReason: "complaint from a high-value customer",
        customer: { id: "C00042", segment: "cant_lose", stage: "at_risk", clvCents: 43412, churnRisk: 0.62, highValue: true },
        experiment: { name: "retention", arm: "holdout", offered: false, reason: "churn risk 0.62 >= 0.5" },
      },
      { action: "handoff" },
    );
    expect(handoff[0]).toBe("Handed off to a person: complaint from a high-value customer");
    expect(handoff).toContain("Customer C00042: can't lose, at risk; CLV $434.12; churn risk high (62%); high value");
    expect(handoff).toContain('Experiment "retention": holdout arm, no offer shown — churn risk 0.62 ≥ 0.5');
  });

  it("shows fields it does not know yet compactly instead of hiding them", () => {
    const lines = decisionLines({ rule: "smalltalk intent greeting", ruleId: "smalltalk", policy: { answerMinConfidence: 0.5, note: "x".repeat(300) } }, { action: "smalltalk" });
    expect(lines[0]).toBe("Rule: smalltalk intent greeting");
    expect(lines).toContain("ruleId: smalltalk");
    const policy = lines.find((l) => l.startsWith("policy: "))!;
    expect(policy.length).toBeLessThanOrEqual(150);
    expect(policy.endsWith("…")).toBe(true);
  });

  it("copes with a record without a rule or with mistyped fields", () => {
    expect(decisionLines({ intent: "oops", retrieval: 3 }, {})).toEqual(["Rule: no rule recorded"]);
  });
});

describe("decisionLines on the rule-module record", () => {
  it("states the reason, the rule and the bar that applied", () => {
    const lines = decisionLines(
      {
        intent: { label: "faq", confidence: 0.9, outOfScope: false },
        retrieval: { confidence: 0.73, candidates: [] },
        rule: "answer/retrieval",
        why: "retrieval confidence 0.73 >= 0.2 (answerMinConfidenceInformational)",
        bar: { name: "answerMinConfidenceInformational", value: 0.2, observed: 0.73 },
        language: { lang: "es", knowledge: "translated" },
      },
      { action: "answer", sources: [{ id: "r1", title: "Return window" }] },
    );
    expect(lines[0]).toBe('Answered from "Return window" — confidence 0.73 ≥ bar 0.2');
    expect(lines).toContain("Decided by rule answer/retrieval");
    expect(lines).toContain("Bar: answerMinConfidenceInformational 0.2 (observed 0.73)");
    expect(lines).toContain("Language: es (answered from translations)");
    expect(lines.some((l) => l.startsWith("bar:") || l.startsWith("why:"))).toBe(false);
  });
});
