import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./backoff.ts";

describe("retryDelayMs", () => {
  const o = { baseMs: 1000, maxMs: 60_000 };
  it("doubles the delay after each failed attempt, between half and all of the step", () => {
    expect(retryDelayMs(1, o, () => 0)).toBe(500);
    expect(retryDelayMs(1, o, () => 1)).toBe(1000);
    expect(retryDelayMs(3, o, () => 0)).toBe(2000);
    expect(retryDelayMs(3, o, () => 1)).toBe(4000);
  });
  it("never waits longer than the cap", () => {
    expect(retryDelayMs(30, o, () => 1)).toBe(60_000);
  });
  it("spreads retries of many deliveries (jitter)", () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(4, o)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
