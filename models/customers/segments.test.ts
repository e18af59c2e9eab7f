import { describe, expect, it } from "vitest";
import { lifecycleStage, rfmSegment, scoreRfm, trainRfm, type LifecycleFacts } from "./segments.ts";

const cut = trainRfm(
  Array.from({ length: 100 }, (_, i) => ({ recencyDays: i * 5, frequency: 1 + (i % 10), monetaryCents: 1000 * (1 + (i % 20)) })),
);

const facts = (f: Partial<LifecycleFacts>): LifecycleFacts => ({
  orders: 3, daysSinceSignup: 400, daysSinceFirstOrder: 300, recencyDays: 20, medianGapDays: 40,
  spendLast180Cents: 10000, spendPrior180Cents: 10000, ...f,
});

describe("RFM segments", () => {
  it("scores a recent, frequent, big spender 5-5-5 and a stale, one-off, small spender 1-1-1", () => {
    expect(scoreRfm(cut, { recencyDays: 1, frequency: 10, monetaryCents: 20000 })).toEqual({ recency: 5, frequency: 5, monetary: 5 });
    expect(scoreRfm(cut, { recencyDays: 480, frequency: 1, monetaryCents: 1000 })).toEqual({ recency: 1, frequency: 1, monetary: 1 });
  });

  it("names the classic segments from the scores", () => {
    expect(rfmSegment({ recency: 5, frequency: 5, monetary: 5 }, 10)).toBe("champions");
    expect(rfmSegment({ recency: 3, frequency: 4, monetary: 2 }, 8)).toBe("loyal");
    expect(rfmSegment({ recency: 1, frequency: 5, monetary: 5 }, 12)).toBe("cant_lose");
    expect(rfmSegment({ recency: 2, frequency: 3, monetary: 2 }, 5)).toBe("at_risk");
    expect(rfmSegment({ recency: 5, frequency: 1, monetary: 2 }, 1)).toBe("new");
    expect(rfmSegment({ recency: 4, frequency: 3, monetary: 3 }, 3)).toBe("potential_loyalists");
    expect(rfmSegment({ recency: 2, frequency: 1, monetary: 1 }, 1)).toBe("hibernating");
    expect(rfmSegment({ recency: 1, frequency: 2, monetary: 1 }, 2)).toBe("lost");
    expect(rfmSegment({ recency: 5, frequency: 1, monetary: 1 }, 0)).toBe("prospect");
  });
});

describe("lifecycle stage", () => {
  it("calls a customer without orders a prospect", () => {
    expect(lifecycleStage(facts({ orders: 0, recencyDays: null, daysSinceFirstOrder: null }))).toBe("prospect");
  });
  it("calls a first purchase within 90 days new", () => {
    expect(lifecycleStage(facts({ orders: 1, daysSinceFirstOrder: 30, recencyDays: 30, medianGapDays: null }))).toBe("new");
  });
  it("calls a steady recent buyer active and one whose spend is rising growing", () => {
    expect(lifecycleStage(facts({}))).toBe("active");
    expect(lifecycleStage(facts({ spendLast180Cents: 30000, spendPrior180Cents: 10000 }))).toBe("growing");
  });
  it("flags a long silence or a high churn risk as at risk", () => {
    expect(lifecycleStage(facts({ recencyDays: 150 }))).toBe("at_risk");
    expect(lifecycleStage(facts({ churnRisk: 0.8 }))).toBe("at_risk");
  });
  it("stretches the thresholds for customers who usually buy rarely", () => {
    expect(lifecycleStage(facts({ recencyDays: 150, medianGapDays: 100 }))).toBe("active");
    expect(lifecycleStage(facts({ recencyDays: 450, medianGapDays: 200 }))).toBe("at_risk");
  });
  it("calls a year without orders churned", () => {
    expect(lifecycleStage(facts({ recencyDays: 400 }))).toBe("churned");
  });
});
