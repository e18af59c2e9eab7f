import { describe, expect, it } from "vitest";
import { simulateUplift, type SimulatedCustomer } from "./simulation.ts";

const customers: SimulatedCustomer[] = Array.from({ length: 600 }, (_, i) => ({
  id: `C${i}`,
  baselineProbability: i % 100 === 0 ? 0.99 : 0.05 + (i % 10) / 100,
  orderValuesCents: [2000 + (i % 7) * 1000, 15000],
}));

const options = { runs: 30, seed: 3, holdoutShare: 0.5, conversionUplift: 0.05, orderValueEffect: 0.1, days: 5 };

describe("simulateUplift", () => {
  const report = simulateUplift(customers, options);

  it("computes the true uplift over the customers, capping probabilities at 1", () => {
    // Six customers sit at 0.99 and can only gain 0.01; the rest gain 0.05.
    expect(report.truth.conversionUplift).toBeCloseTo((594 * 0.05 + 6 * 0.01) / 600, 12);
    expect(report.truth.revenueUpliftCents).toBeGreaterThan(0);
  });

  it("gives the same report for the same seed and customers", () => {
    expect(simulateUplift(customers, options)).toEqual(report);
    expect(simulateUplift(customers, { ...options, seed: 4 })).not.toEqual(report);
  });

  it("reports rates as shares of the runs", () => {
    const c = report.fixedHorizon.conversion.newcombe;
    expect(c.coverage.runs).toBe(30);
    expect(c.coverage.rate * 30).toBeCloseTo(Math.round(c.coverage.rate * 30), 9);
    expect(c.meanWidth).toBeGreaterThan(0);
    expect(report.fixedHorizon.revenue.bootstrap).toBeNull();
  });

  it("rejects settings that make no experiment", () => {
    expect(() => simulateUplift(customers, { ...options, holdoutShare: 0 })).toThrow(/holdoutShare/);
    expect(() => simulateUplift(customers, { ...options, runs: 0 })).toThrow(/runs/);
    expect(() => simulateUplift([{ id: "a", baselineProbability: 2, orderValuesCents: [1] }, customers[0]], options)).toThrow(/baselineProbability/);
  });
});
