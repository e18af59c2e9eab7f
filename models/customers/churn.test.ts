import { describe, expect, it } from "vitest";
import { churnFeatures, churnReasons, explainChurn, trainChurn } from "./churn.ts";
import { rocAuc } from "./metrics.ts";
import { makeSyntheticCustomers } from "./test-data.ts";
import { DAY_MS, purchasesBefore, type CustomerHistory } from "./types.ts";

const END = new Date("2026-06-01T00:00:00Z");
const WINDOW = 90;

function rows(customers: CustomerHistory[], cutoff: Date) {
  const horizon = new Date(cutoff.getTime() + WINDOW * DAY_MS);
  return customers.flatMap((h) => {
    const features = churnFeatures(h, cutoff);
    if (!features) return [];
    const churned = purchasesBefore(h, horizon).length === purchasesBefore(h, cutoff).length;
    return [{ features, churned }];
  });
}

describe("churn model", () => {
  const train = rows(makeSyntheticCustomers(400, END, 1), new Date(END.getTime() - 2 * WINDOW * DAY_MS));
  const test = rows(makeSyntheticCustomers(300, END, 2), new Date(END.getTime() - WINDOW * DAY_MS));
  const model = trainChurn(train, { seed: 3 });

  it("ranks held-out synthetic customers well above chance", () => {
    const auc = rocAuc(test.map((r) => explainChurn(model, r.features).risk), test.map((r) => r.churned));
    expect(auc).toBeGreaterThan(0.75);
  });

  it("explains each score exactly: base plus contributions equals the logit", () => {
    for (const r of test.slice(0, 20)) {
      const e = explainChurn(model, r.features);
      const sum = e.base + e.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(sum).toBeCloseTo(e.logit, 9);
      expect(e.risk).toBeGreaterThan(0);
      expect(e.risk).toBeLessThan(1);
    }
  });

  it("says a long silence raises the risk of a lapsed customer", () => {
    const lapsed = test.filter((r) => r.features.log_recency_days > Math.log1p(200))[0];
    const reasons = churnReasons(explainChurn(model, lapsed.features));
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.some((r) => r.direction === "raises" && /last order|usual time/.test(r.text))).toBe(true);
  });

  it("is calibrated: mean predicted risk is close to the observed churn rate", () => {
    const mean = test.reduce((s, r) => s + explainChurn(model, r.features).risk, 0) / test.length;
    const rate = test.filter((r) => r.churned).length / test.length;
    expect(Math.abs(mean - rate)).toBeLessThan(0.1);
  });

  it("refuses to train when every customer has the same label", () => {
    const same = train.map((r) => ({ ...r, churned: true }));
    expect(() => trainChurn(same)).toThrow(/both churned and retained/);
  });
});
