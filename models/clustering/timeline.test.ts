import { describe, expect, it } from "vitest";
import { dayOf, isoWeekOf, timelineOf } from "./timeline.ts";

const at = (iso: string) => Date.parse(iso);

describe("timeline", () => {
  it("numbers ISO weeks across year ends", () => {
    expect(isoWeekOf(at("2021-01-03T12:00:00Z"))).toBe("2020-W53"); // a Sunday
    expect(isoWeekOf(at("2021-01-04T00:00:00Z"))).toBe("2021-W01"); // the Monday after
    expect(isoWeekOf(at("2024-12-30T08:00:00Z"))).toBe("2025-W01");
    expect(isoWeekOf(at("2025-03-09T23:59:59Z"))).toBe("2025-W10");
    expect(isoWeekOf(at("2025-03-10T00:00:00Z"))).toBe("2025-W11");
  });

  it("counts per UTC day and week, oldest first, with first and last time", () => {
    const times = ["2025-03-10T09:00:00Z", "2025-03-03T23:30:00Z", "2025-03-10T18:00:00+02:00", "2025-03-04T00:10:00+01:00"].map(at);
    const t = timelineOf(times, at("2025-03-12T00:00:00Z"));
    expect(dayOf(at("2025-03-04T00:10:00+01:00"))).toBe("2025-03-03");
    expect(t.countsByDay).toEqual([
      { period: "2025-03-03", count: 2 },
      { period: "2025-03-10", count: 2 },
    ]);
    expect(t.countsByWeek).toEqual([
      { period: "2025-W10", count: 2 },
      { period: "2025-W11", count: 2 },
    ]);
    expect(t.firstSeen).toBe("2025-03-03T23:10:00.000Z");
    expect(t.lastSeen).toBe("2025-03-10T16:00:00.000Z");
  });

  it("splits the trend into the last 7 days and the 7 before, ignoring older and later questions", () => {
    const asOf = at("2025-03-15T00:00:00Z");
    const times = ["2025-03-14T00:00:00Z", "2025-03-09T00:00:00Z", "2025-03-07T00:00:00Z", "2025-03-02T00:00:00Z", "2025-02-20T00:00:00Z", "2025-03-16T00:00:00Z"].map(at);
    expect(timelineOf(times, asOf).trend).toEqual({ last7Days: 2, previous7Days: 2 });
  });

  it("refuses an empty group", () => {
    expect(() => timelineOf([], 0)).toThrow(/at least one/);
  });
});
