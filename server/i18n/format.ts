import { catalogueLanguage, INTL_LOCALE } from "./languages.ts";

/** The Intl locale of a language (catalogue languages only; English otherwise). */
export const intlLocale = (lang: string): string => INTL_LOCALE[catalogueLanguage(lang)];

/**
 * A price in US dollars for the shopper's language: "$6.50", "6,50 US$", "6,50 $", "US$6.50".
 * @example formatPrice("es", 650) // "6,50 US$"
 */
export function formatPrice(lang: string, cents: number): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: "currency", currency: "USD" }).format(cents / 100);
}

/** The shop's time zone: dates are shown as the warehouse sees them (POLICIES.md, Eastern Time). */
const SHOP_TIME_ZONE = "America/New_York";

function dateFormat(lang: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(intlLocale(lang), { month: "short", day: "numeric", timeZone: SHOP_TIME_ZONE });
}

/**
 * A short date (month and day, Eastern Time): "Jun 3", "3 jun", "3. Juni", "3 juin", "6月3日".
 * @example formatDate("de", new Date("2025-06-03T12:00:00Z")) // "3. Juni"
 */
export function formatDate(lang: string, date: Date | string): string {
  return dateFormat(lang).format(typeof date === "string" ? new Date(date) : date);
}

/** A date range as the language writes it: "Jun 3 – 7", "3–7 jun", "3.–7. Juni". */
export function formatDateRange(lang: string, from: Date, to: Date): string {
  return dateFormat(lang).formatRange(from, to);
}

/**
 * A list joined as the language does: "A, B, or C"; "A, B o C"; "A, B oder C"; "A、B或C".
 * @example formatList("fr", ["a", "b"], "disjunction") // "a ou b"
 */
export function formatList(lang: string, items: readonly string[], type: "conjunction" | "disjunction" = "conjunction"): string {
  return new Intl.ListFormat(intlLocale(lang), { style: "long", type }).format(items);
}

const QUOTES: Readonly<Record<string, [string, string]>> = { en: ["\u201c", "\u201d"], es: ["\u00ab", "\u00bb"], de: ["\u201e", "\u201c"], fr: ["\u00ab\u202f", "\u202f\u00bb"], zh: ["\u201c", "\u201d"] };

/** A title in the language's quotation marks: “x”, «x», „x“, « x », “x”. */
export function quote(lang: string, text: string): string {
  const [open, close] = QUOTES[catalogueLanguage(lang)];
  return `${open}${text}${close}`;
}

/** One opening window: weekdays (0 = Sunday) and minutes since local midnight. */
export interface OpeningWindow {
  days: readonly number[];
  from: number;
  to: number;
}

/**
 * Support hours in the shopper's language with Intl weekday names, e.g. "lun–vie 8:00–20:00, sáb 9:00–17:00
 * (America/New York)"; the `hours` placeholder of `ticket.offline`.
 */
export function describeOpeningHours(lang: string, windows: readonly OpeningWindow[], timeZone: string): string {
  const locale = intlLocale(lang);
  // 2024-01-07 was a Sunday: day d is 7 + d January.
  const day = (d: number) => new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 7 + d)));
  const time = (m: number) => new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", hour12: false, timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1, 0, m)));
  const parts = windows.map((w) => {
    const ds = [...w.days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
    const consecutive = ds.every((d, i) => i === 0 || (d - ds[i - 1] + 7) % 7 === 1);
    const label = ds.length > 2 && consecutive ? `${day(ds[0])}–${day(ds.at(-1)!)}` : formatList(lang, ds.map(day));
    return `${label} ${time(w.from)}–${time(w.to)}`;
  });
  return `${formatList(lang, parts)} (${timeZone.replace(/_/g, " ")})`;
}
