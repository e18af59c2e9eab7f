/** How many questions fell on one day ("2025-03-07", UTC) or one ISO week ("2025-W10"). */
export interface PeriodCount {
  readonly period: string;
  readonly count: number;
}

/** Questions in the last 7 days up to `asOf` and in the 7 days before, for a rising/falling arrow. */
export interface ClusterTrend {
  readonly last7Days: number;
  readonly previous7Days: number;
}

/** A group's timeline: counts per day and per ISO week (oldest first), first and last time asked, trend. */
export interface ClusterTimeline {
  readonly countsByDay: readonly PeriodCount[];
  readonly countsByWeek: readonly PeriodCount[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly trend: ClusterTrend;
}

const DAY_MS = 86_400_000;

/** UTC calendar day of a time as "YYYY-MM-DD". */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO 8601 week of a time (UTC) as "YYYY-Www": weeks start on Monday and week 1 holds the year's first Thursday. */
export function isoWeekOf(ms: number): string {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

function countBy(times: readonly number[], key: (ms: number) => string): PeriodCount[] {
  const counts = new Map<string, number>();
  for (const t of times) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, count]) => ({ period, count }));
}

/**
 * The timeline of a group of questions asked at `times` (epoch ms, at least one), with the trend measured at `asOfMs`.
 * @example timelineOf([Date.parse("2025-03-07T10:00:00Z")], Date.parse("2025-03-08T00:00:00Z")).trend.last7Days // 1
 */
export function timelineOf(times: readonly number[], asOfMs: number): ClusterTimeline {
  if (times.length === 0) throw new RangeError("timelineOf needs at least one time");
  let first = Infinity;
  let last = -Infinity;
  let recent = 0;
  let previous = 0;
  for (const t of times) {
    first = Math.min(first, t);
    last = Math.max(last, t);
    const age = asOfMs - t;
    if (age >= 0 && age < 7 * DAY_MS) recent++;
    else if (age >= 7 * DAY_MS && age < 14 * DAY_MS) previous++;
  }
  return {
    countsByDay: countBy(times, dayOf),
    countsByWeek: countBy(times, isoWeekOf),
    firstSeen: new Date(first).toISOString(),
    lastSeen: new Date(last).toISOString(),
    trend: { last7Days: recent, previous7Days: previous },
  };
}
