import { describe, expect, it } from "vitest";
import { assignArm, assignmentNumber } from "./assignment.ts";

const customers = Array.from({ length: 20_000 }, (_, i) => `C${String(i + 1).padStart(5, "0")}`);

describe("assignArm", () => {
  it("gives the same customer the same arm in the same campaign every time", () => {
    for (const id of customers.slice(0, 50)) {
      expect(assignArm("spring-2026", id, 0.2)).toBe(assignArm("spring-2026", id, 0.2));
    }
  });

  it("keeps the holdout share within three standard errors over 20,000 customers", () => {
    for (const share of [0.1, 0.5]) {
      const holdout = customers.filter((id) => assignArm("balance-check", id, share) === "holdout").length / customers.length;
      const se = Math.sqrt((share * (1 - share)) / customers.length);
      expect(Math.abs(holdout - share)).toBeLessThan(3 * se);
    }
  });

  it("spreads assignment numbers uniformly over [0, 1) (chi-square over 20 bins)", () => {
    const bins = new Array<number>(20).fill(0);
    for (const id of customers) bins[Math.floor(assignmentNumber("uniformity", id) * 20)]++;
    const expected = customers.length / 20;
    const chi2 = bins.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    // 99.9th percentile of chi-square with 19 df is 43.82.
    expect(chi2).toBeLessThan(43.82);
  });

  it("assigns independently across campaigns (2×2 chi-square and agreement rate)", () => {
    const table = [[0, 0], [0, 0]];
    for (const id of customers) {
      const a = assignArm("campaign-a", id, 0.3) === "holdout" ? 1 : 0;
      const b = assignArm("campaign-b", id, 0.3) === "holdout" ? 1 : 0;
      table[a][b]++;
    }
    const n = customers.length;
    const rows = table.map((r) => r[0] + r[1]);
    const cols = [table[0][0] + table[1][0], table[0][1] + table[1][1]];
    let chi2 = 0;
    for (const i of [0, 1]) for (const j of [0, 1]) chi2 += (table[i][j] - (rows[i] * cols[j]) / n) ** 2 / ((rows[i] * cols[j]) / n);
    expect(chi2).toBeLessThan(10.83); // 99.9th percentile, 1 df
    // Both in holdout: 0.3 × 0.3 = 9 % under independence, 30 % if the campaigns reused one split.
    expect(table[1][1] / n).toBeGreaterThan(0.08);
    expect(table[1][1] / n).toBeLessThan(0.1);
  });

  it("keeps campaign and customer apart in the hash", () => {
    expect(assignmentNumber("ab", "c")).not.toBe(assignmentNumber("a", "bc"));
    const u = assignmentNumber("x", "y");
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
  });

  it("rejects a holdout share outside (0, 1) and empty ids", () => {
    expect(() => assignArm("c", "C1", 0)).toThrow(/holdoutShare/);
    expect(() => assignArm("c", "C1", 1)).toThrow(/holdoutShare/);
    expect(() => assignArm("c", "C1", Number.NaN)).toThrow(/holdoutShare/);
    expect(() => assignArm("", "C1", 0.1)).toThrow(/non-empty/);
  });
});
