import { describe, expect, it } from "vitest";
import { basePriority, classifyReason, DEFAULT_PRIORITY, priorityScore } from "./priority.ts";

describe("handoff priority", () => {
  it("maps the engine's handoff reasons to reason kinds", () => {
    expect(classifyReason("explicit request for a human")).toBe("explicit");
    expect(classifyReason("complaint from a high-value customer")).toBe("complaint");
    expect(classifyReason("strongly negative sentiment (AFINN -9)")).toBe("frustrated");
    expect(classifyReason("2 consecutive turns not understood")).toBe("not_understood");
    expect(classifyReason("transfer to returns: explicit request")).toBe("transfer");
  });

  it("ranks a valuable customer at risk above an anonymous shopper with the same reason", () => {
    const anon = basePriority({ reason: "explicit request for a human" });
    const vip = basePriority({ reason: "explicit request for a human", clvCents: 120_000, churnRisk: 0.8 });
    expect(vip.base).toBeGreaterThan(anon.base);
    expect(anon.priorityClass).toBe("low");
    expect(vip.priorityClass).toBe("high");
    expect(basePriority({ reason: "complaint" }).priorityClass).toBe("normal");
  });

  it("follows the documented formula", () => {
    const p = basePriority({ reason: "complaint", clvCents: 25_000, churnRisk: 0.5 });
    // value = ½·(25000/(25000+25000)) + ½·0.5 = 0.5; base = (1·1 + 1·0.5) / 2
    expect(p.valueScore).toBeCloseTo(0.5, 10);
    expect(p.base).toBeCloseTo(0.75, 10);
  });

  it("lets waiting time overtake a higher base so nobody waits forever", () => {
    const low = basePriority({ reason: "explicit request" }).base;
    const high = basePriority({ reason: "complaint" }).base;
    expect(priorityScore(low, 0)).toBeLessThan(priorityScore(high, 0));
    expect(priorityScore(low, 6 * 60)).toBeGreaterThan(priorityScore(high, 0));
    expect(priorityScore(low, 60, { ...DEFAULT_PRIORITY, weights: { ...DEFAULT_PRIORITY.weights, wait: 0 } })).toBe(low);
  });
});
