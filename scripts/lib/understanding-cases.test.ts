import { describe, expect, it } from "vitest";
import { detectorReport, naiveBaselines, policyCases, scenarioOutcome, scoreCase, statesFigure, tallyOutcomes, type ObservedReply, type UnderstandingCase } from "./understanding-cases.ts";

const reply = (r: Partial<ObservedReply>): ObservedReply => ({ action: "answer", text: "", sources: [], products: [], ...r });
const damage: UnderstandingCase = {
  id: "damage-x", category: "damage", split: "dev", say: "my bike arrived broken",
  expect: [{ action: "answer", entries: ["damaged-in-transit"] }, { action: "handoff" }],
};

describe("scoreCase", () => {
  it("counts an answer from an accepted entry, or an accepted handoff, as right", () => {
    expect(scoreCase(damage, reply({ sources: ["damaged-in-transit"] })).outcome).toBe("right");
    expect(scoreCase(damage, reply({ action: "handoff" })).outcome).toBe("right");
  });

  it("counts an answer from another entry, or product cards, as wrong and says why", () => {
    const r = scoreCase(damage, reply({ sources: ["price-match"] }));
    expect(r.outcome).toBe("wrong");
    expect(r.why).toContain("entry price-match, expected damaged-in-transit");
    expect(scoreCase(damage, reply({ action: "recommend", products: ["P0007"] })).outcome).toBe("wrong");
  });

  it("counts a fallback, a clarifying question and an unrequested handoff as fallback, not wrong", () => {
    const policy: UnderstandingCase = { ...damage, category: "policy", expect: [{ action: "answer", entries: ["express-shipping"] }] };
    for (const action of ["fallback", "clarify", "handoff"]) expect(scoreCase(policy, reply({ action })).outcome).toBe("fallback");
  });

  it("needs the right entry and every figure group for a policy answer", () => {
    const [c] = policyCases([{ fact: "S2", question: "how much is express?", entries: ["express-shipping"], expect: ["$14.95"], expectAny: ["1–2", "1-2"] }]);
    expect(scoreCase(c, reply({ sources: ["express-shipping"], text: "Express takes 1-2 business days and costs $14.95." })).outcome).toBe("right");
    expect(scoreCase(c, reply({ sources: ["express-shipping"], text: "Express costs $14.95." })).why).toContain("text lacks 1–2/1-2");
    expect(scoreCase(c, reply({ sources: ["shipping-cost-free-shipping"], text: "1-2 days, $14.95" })).outcome).toBe("wrong");
  });

  it("routes a handoff to the expected team or calls it wrong", () => {
    const c: UnderstandingCase = { ...damage, category: "handoff-topic", expect: [{ action: "handoff", team: "returns" }] };
    expect(scoreCase(c, reply({ action: "handoff", team: "returns" })).outcome).toBe("right");
    expect(scoreCase(c, reply({ action: "handoff", team: "general" })).outcome).toBe("wrong");
    expect(scoreCase(c, reply({ action: "answer", sources: ["refund-timing"] })).outcome).toBe("wrong");
  });

  it("wants every product of a comparison and the stated price", () => {
    const c: UnderstandingCase = { ...damage, category: "product-qa", expect: [{ action: "product_info", products: ["P0001", "P0003"], figures: [["$1,399.00"]] }] };
    expect(scoreCase(c, reply({ action: "product_info", products: ["P0003", "P0001"], text: "The T-650 is $1399." })).outcome).toBe("right");
    expect(scoreCase(c, reply({ action: "product_info", products: ["P0003"], text: "$1,399.00" })).why).toContain("missing P0001");
  });

  it("calls an answer to one of two questions partial, and to neither wrong", () => {
    const c: UnderstandingCase = { ...damage, category: "multi-question", expect: [{ action: "answer", figures: [["3–5", "3-5"], ["60 days"]] }] };
    expect(scoreCase(c, reply({ text: "Standard shipping takes 3–5 business days; running shoes have 60 days." })).outcome).toBe("right");
    expect(scoreCase(c, reply({ text: "Standard shipping takes 3–5 business days." })).outcome).toBe("partial");
    expect(scoreCase(c, reply({ text: "We accept PayPal." })).outcome).toBe("wrong");
  });

  it("calls a greeting in reply to gibberish wrong", () => {
    const c: UnderstandingCase = { ...damage, category: "gibberish", say: "asdfgh", expect: [{ action: "fallback" }] };
    expect(scoreCase(c, reply({ action: "smalltalk", text: "Hi! I'm the assistant." })).outcome).toBe("wrong");
    expect(scoreCase(c, reply({ action: "fallback" })).outcome).toBe("right");
  });
});

describe("statesFigure", () => {
  it("ignores case and thousands separators and accepts a price without cents", () => {
    expect(statesFigure("It costs $1,349.00", "$1349.00")).toBe(true);
    expect(statesFigure("It costs $1,349", "$1,349.00")).toBe(true);
    expect(statesFigure("It costs $1,349.50", "$1,349.00")).toBe(false);
    expect(statesFigure("Pay with PAYPAL", "PayPal")).toBe(true);
    expect(statesFigure("costs $14", "$14.95")).toBe(false);
  });
});

describe("tallies and baselines", () => {
  it("counts outcomes per category and split, with an all row", () => {
    const t = tallyOutcomes([
      { category: "damage", split: "dev", outcome: "right" },
      { category: "damage", split: "heldout", outcome: "wrong" },
      { category: "scenarios", split: "all", outcome: "fallback" },
    ]);
    expect(t.damage.all).toEqual({ n: 2, right: 1, partial: 0, wrong: 1, fallback: 0 });
    expect(t.damage.heldout.wrong).toBe(1);
    expect(Object.keys(t.scenarios)).toEqual(["all"]);
  });

  it("judges the naive baselines by the same rules", () => {
    const b = naiveBaselines([damage, damage], ["damaged-in-transit", undefined], new Map([["damaged-in-transit", "Report it within 7 days."]]));
    expect(b.alwaysFallback.map((j) => j.outcome)).toEqual(["fallback", "fallback"]);
    expect(b.retrievalTop1.map((j) => j.outcome)).toEqual(["right", "fallback"]);
  });

  it("judges scripted turns: the expected action is right, declining is fallback", () => {
    expect(scenarioOutcome("answer", "answer")).toBe("right");
    expect(scenarioOutcome("answer", "clarify")).toBe("fallback");
    expect(scenarioOutcome("handoff", "answer")).toBe("wrong");
  });

  it("reports a detector's catches per split and its false positives on real messages", () => {
    const gib = (say: string, split: "dev" | "heldout"): UnderstandingCase => ({ id: say, category: "gibberish", split, say, expect: [{ action: "fallback" }] });
    const r = detectorReport((t) => t.startsWith("x"), [gib("xx", "dev"), gib("ab", "dev"), gib("xy", "heldout")], ["ok", "xmas"]);
    expect(r.caught).toEqual({ dev: { n: 2, flagged: 1 }, heldout: { n: 1, flagged: 1 } });
    expect(r.falsePositives).toEqual(["xmas"]);
  });
});
