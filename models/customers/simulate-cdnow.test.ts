import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SYNTHETIC_CDNOW_FILE } from "./cdnow-fixture.ts";
import { createRandom } from "./random.ts";
import { formatCdnowLog, parseCdnowLog, sampleBeta, sampleGamma, simulateCdnowLike } from "./simulate-cdnow.ts";

describe("synthetic CDNOW-like log", () => {
  it("the committed fixture is what scripts/make-cdnow-fixture.ts produces at seed 1997", () => {
    expect(readFileSync(SYNTHETIC_CDNOW_FILE, "utf8")).toBe(formatCdnowLog(simulateCdnowLike({ seed: 1997, customers: 1000 })));
  });

  it("round-trips through the CDNOW_master layout", () => {
    const log = simulateCdnowLike({ seed: 3, customers: 50 });
    expect(parseCdnowLog(formatCdnowLog(log))).toEqual(log);
    expect(() => parseCdnowLog("header\n 00001 1997-01-01 1 10.00\n")).toThrow(/bad date/);
  });

  it("draws gamma and beta variates with the right means and variances", () => {
    const rand = createRandom(11);
    const n = 40_000;
    for (const [shape, rate] of [[0.25, 4.4], [6.25, 2]] as const) {
      const xs = Array.from({ length: n }, () => sampleGamma(rand, shape, rate));
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
      expect(mean / (shape / rate)).toBeCloseTo(1, 1);
      expect(variance / (shape / rate ** 2)).toBeGreaterThan(0.9);
      expect(variance / (shape / rate ** 2)).toBeLessThan(1.1);
    }
    const bs = Array.from({ length: n }, () => sampleBeta(rand, 0.79, 2.43));
    expect(bs.reduce((a, b) => a + b, 0) / n).toBeCloseTo(0.79 / (0.79 + 2.43), 2);
  });

  it("refuses a cohort without customers", () => {
    expect(() => simulateCdnowLike({ customers: 0 })).toThrow(/positive integer/);
  });
});
