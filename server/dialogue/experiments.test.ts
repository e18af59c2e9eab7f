import { describe, expect, it } from "vitest";
import { openStorage } from "../storage/index.ts";
import { computeUplift, createExperiments, wilsonInterval } from "./experiments.ts";

describe("wilsonInterval", () => {
  it("matches a textbook value and stays inside [0, 1]", () => {
    // 81 of 263: Wilson 95 % interval ≈ [0.2553, 0.3662] (Newcombe 1998, example).
    const [lo, hi] = wilsonInterval(81, 263);
    expect(lo).toBeCloseTo(0.2553, 3);
    expect(hi).toBeCloseTo(0.3662, 3);
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(10, 10)[1]).toBeCloseTo(1, 9);
  });
});

describe("computeUplift", () => {
  it("reports the difference of conversion rates with Newcombe's interval", () => {
    // Newcombe (1998) example: 56/70 vs 48/80 → difference 0.2, hybrid score CI [0.0524, 0.3339].
    const r = computeUplift("upsell", [
      { arm: "treatment", units: 70, converted: 56, revenueCents: 7000 },
      { arm: "holdout", units: 80, converted: 48, revenueCents: 4000 },
    ], { from: "a", to: "b", windowDays: 14 });
    expect(r.uplift).toBeCloseTo(0.2, 6);
    expect(r.ci95[0]).toBeCloseTo(0.0524, 3);
    expect(r.ci95[1]).toBeCloseTo(0.3339, 3);
    expect(r.revenueUpliftPerUnitCents).toBe(50);
  });

  it("gives a wide interval around zero with no data", () => {
    const r = computeUplift("retention", [], { from: "a", to: "b", windowDays: 14 });
    expect(r.uplift).toBe(0);
    expect(r.ci95[0]).toBeLessThan(0);
    expect(r.ci95[1]).toBeGreaterThan(0);
  });
});

describe("experiment assignment", () => {
  it("assigns each unit once and keeps the holdout share", async () => {
    const store = (await openStorage({ sqlitePath: ":memory:" })).dialogue;
    let i = 0;
    const exp = createExperiments(store, { holdoutShare: 0.1, random: () => ((i++ * 0.6180339887) % 1) });
    const arms = [];
    for (let k = 0; k < 2000; k++) arms.push(await exp.arm("upsell", { customerId: null, conversationId: `c${k}` }));
    const holdout = arms.filter((a) => a === "holdout").length / arms.length;
    expect(holdout).toBeGreaterThan(0.07);
    expect(holdout).toBeLessThan(0.13);
    const first = await exp.arm("retention", { customerId: null, conversationId: "same" });
    for (let k = 0; k < 20; k++) expect(await exp.arm("retention", { customerId: null, conversationId: "same" })).toBe(first);
  });
});
