import { describe, expect, it } from "vitest";
import { addBusinessDays, blackFriday, seasonalMultiplier, shipTime } from "./calendar.ts";
import { createRandom } from "./random.ts";

describe("calendar", () => {
  it("finds Black Friday as the day after the fourth Thursday of November", () => {
    expect(new Date(blackFriday(2024)).toISOString().slice(0, 10)).toBe("2024-11-29");
    expect(new Date(blackFriday(2025)).toISOString().slice(0, 10)).toBe("2025-11-28");
    expect(new Date(blackFriday(2026)).toISOString().slice(0, 10)).toBe("2026-11-27");
  });

  it("ships the same day before 2 p.m. ET on a weekday and the next business day otherwise", () => {
    // Wednesday 2026-03-04 10:00 ET = 15:00 UTC; 15:00 ET = 20:00 UTC.
    expect(new Date(shipTime(Date.parse("2026-03-04T15:00:00Z"), 0)).toISOString()).toBe("2026-03-04T20:00:00.000Z");
    expect(new Date(shipTime(Date.parse("2026-03-04T20:30:00Z"), 0)).toISOString()).toBe("2026-03-05T20:00:00.000Z");
    // Friday after the cut-off and Saturday both ship on Monday.
    expect(new Date(shipTime(Date.parse("2026-03-06T21:00:00Z"), 0)).toISOString()).toBe("2026-03-09T20:00:00.000Z");
    expect(new Date(shipTime(Date.parse("2026-03-07T15:00:00Z"), 0)).toISOString()).toBe("2026-03-09T20:00:00.000Z");
  });

  it("counts business days over a weekend", () => {
    // Thursday + 3 business days = Tuesday.
    expect(new Date(addBusinessDays(Date.parse("2026-03-05T20:00:00Z"), 3, 12)).toISOString()).toBe("2026-03-10T17:00:00.000Z");
  });

  it("scales a seasonal bump so the yearly average is about one", () => {
    for (const season of ["new-year", "spring", "autumn"] as const) {
      let sum = 0;
      for (let d = 0; d < 365; d++) sum += seasonalMultiplier(season, Date.UTC(2025, 0, 1) + d * 86_400_000);
      expect(sum / 365).toBeGreaterThan(0.95);
      expect(sum / 365).toBeLessThan(1.05);
    }
    expect(seasonalMultiplier("new-year", Date.UTC(2025, 0, 10))).toBeGreaterThan(10 * seasonalMultiplier("new-year", Date.UTC(2025, 6, 10)));
  });
});

describe("createRandom", () => {
  it("repeats its sequence for the same seed and differs for another", () => {
    const a = createRandom(9);
    const b = createRandom(9);
    const c = createRandom(10);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it("draws distributions with the right means", () => {
    const rng = createRandom(3);
    const mean = (f: () => number) => {
      let s = 0;
      for (let i = 0; i < 20_000; i++) s += f();
      return s / 20_000;
    };
    expect(mean(() => rng.gamma(3, 2))).toBeCloseTo(6, 0);
    expect(mean(() => rng.gamma(0.5, 2))).toBeCloseTo(1, 0);
    expect(mean(() => rng.beta(2, 6))).toBeCloseTo(0.25, 1);
    expect(mean(() => rng.poisson(4))).toBeCloseTo(4, 0);
    expect(mean(() => rng.exponential(5))).toBeCloseTo(5, 0);
    expect(mean(() => rng.weightedIndex([1, 0, 3]))).toBeCloseTo(1.5, 1);
  });
});
