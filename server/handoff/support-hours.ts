/** Weekdays as Intl prints them in en-US, Sunday first. */
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/** One opening window on a set of weekdays, in minutes since local midnight. */
interface Window {
  days: Set<number>;
  from: number;
  to: number;
}

/** Parsed support hours: always open, or weekly windows in one time zone. */
export interface SupportHours {
  readonly always: boolean;
  readonly timeZone: string;
  /** Whether human support is available at `at`. */
  isOpen(at: Date): boolean;
  /** A short human description, e.g. "Mon–Fri 08:00–20:00, Sat 09:00–17:00 (America/New_York)". */
  describe(): string;
}

/** The default: POLICIES.md C1, Monday to Friday 8 a.m.–8 p.m. and Saturday 9 a.m.–5 p.m. Eastern Time. */
export const DEFAULT_SUPPORT_HOURS = "Mon-Fri 08:00-20:00, Sat 09:00-17:00 @America/New_York";

const pad = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/**
 * Parse `SUPPORT_HOURS`: `always`, or comma-separated `<days> <HH:MM>-<HH:MM>` windows with an
 * optional `@<IANA zone>` (default America/New_York); days are `Mon`, `Mon-Fri` or `Sat+Sun`.
 * Throws a RangeError saying what is wrong.
 * @example parseSupportHours("Mon-Fri 08:00-20:00, Sat 09:00-17:00 @America/New_York").isOpen(new Date())
 */
export function parseSupportHours(spec: string): SupportHours {
  const text = spec.trim();
  if (/^(always|24\/7)$/i.test(text)) {
    return { always: true, timeZone: "UTC", isOpen: () => true, describe: () => "around the clock" };
  }
  const zoneMatch = /@\s*([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*)\s*$/.exec(text);
  const timeZone = zoneMatch?.[1] ?? "America/New_York";
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  } catch {
    throw new RangeError(`unknown time zone "${timeZone}"`);
  }
  const body = zoneMatch ? text.slice(0, zoneMatch.index).trim() : text;
  if (!body) throw new RangeError("no opening windows; use `always` or e.g. `Mon-Fri 08:00-20:00 @America/New_York`");
  const windows: Window[] = body.split(/[,;]/).map((part) => {
    const m = /^\s*([A-Za-z+\-]+)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(part);
    if (!m) throw new RangeError(`"${part.trim()}" is not like "Mon-Fri 08:00-20:00"`);
    const days = new Set<number>();
    for (const group of m[1].split("+")) {
      const [a, b] = group.split("-").map((d) => DAYS.findIndex((x) => x.toLowerCase() === d.toLowerCase().slice(0, 3)));
      if (a < 0 || (b !== undefined && b < 0)) throw new RangeError(`"${group}" is not a weekday or range like Mon-Fri`);
      if (b === undefined) days.add(a);
      else for (let d = a; ; d = (d + 1) % 7) {
        days.add(d);
        if (d === b) break;
      }
    }
    const from = Number(m[2]) * 60 + Number(m[3]);
    const to = Number(m[4]) * 60 + Number(m[5]);
    if (Number(m[3]) > 59 || Number(m[5]) > 59 || from >= to || to > 24 * 60) throw new RangeError(`"${part.trim()}" has an empty or invalid time range`);
    return { days, from, to };
  });
  return {
    always: false,
    timeZone,
    isOpen(at) {
      const parts = Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
      const day = DAYS.indexOf(parts.weekday as (typeof DAYS)[number]);
      const minute = (Number(parts.hour) % 24) * 60 + Number(parts.minute);
      return windows.some((w) => w.days.has(day) && minute >= w.from && minute < w.to);
    },
    describe() {
      const list = windows.map((w) => {
        const ds = [...w.days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => DAYS[d]);
        const label = ds.length > 2 ? `${ds[0]}–${ds[ds.length - 1]}` : ds.join(", ");
        return `${label} ${pad(w.from)}–${pad(w.to)}`;
      });
      return `${list.join(", ")} (${timeZone.replace(/_/g, " ")})`;
    },
  };
}
