import { describe, expect, it } from "vitest";
import { DEFAULT_SUPPORT_HOURS, parseSupportHours } from "./support-hours.ts";

describe("support hours", () => {
  const c1 = parseSupportHours(DEFAULT_SUPPORT_HOURS);

  it("opens Monday to Friday 8 a.m.–8 p.m. and Saturday 9–5 Eastern Time by default (POLICIES C1)", () => {
    expect(c1.isOpen(new Date("2026-03-04T13:00:00Z"))).toBe(true); // Wed 08:00 EST
    expect(c1.isOpen(new Date("2026-03-04T12:59:00Z"))).toBe(false); // Wed 07:59 EST
    expect(c1.isOpen(new Date("2026-03-05T00:59:00Z"))).toBe(true); // Wed 19:59 EST
    expect(c1.isOpen(new Date("2026-03-05T01:00:00Z"))).toBe(false); // Wed 20:00 EST
    expect(c1.isOpen(new Date("2026-03-07T14:30:00Z"))).toBe(true); // Sat 09:30 EST
    expect(c1.isOpen(new Date("2026-03-07T22:30:00Z"))).toBe(false); // Sat 17:30 EST
    expect(c1.isOpen(new Date("2026-03-08T16:00:00Z"))).toBe(false); // Sunday
  });

  it("follows daylight saving time in the zone", () => {
    expect(c1.isOpen(new Date("2026-07-01T12:30:00Z"))).toBe(true); // Wed 08:30 EDT
    expect(c1.isOpen(new Date("2026-01-07T12:30:00Z"))).toBe(false); // Wed 07:30 EST
  });

  it("is always open for `always`", () => {
    const h = parseSupportHours("always");
    expect(h.always).toBe(true);
    expect(h.isOpen(new Date("2026-03-08T03:00:00Z"))).toBe(true);
  });

  it("describes the hours for the out-of-hours message", () => {
    expect(c1.describe()).toBe("Mon–Fri 08:00–20:00, Sat 09:00–17:00 (America/New York)");
  });

  it("rejects malformed specs with the reason", () => {
    expect(() => parseSupportHours("Mon-Fri 9-5")).toThrow(/not like/);
    expect(() => parseSupportHours("Funday 08:00-10:00")).toThrow(/weekday/);
    expect(() => parseSupportHours("Mon 10:00-09:00")).toThrow(/invalid time range/);
    expect(() => parseSupportHours("Mon 08:00-10:00 @Nowhere/City")).toThrow(/time zone/);
  });
});
