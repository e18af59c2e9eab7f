/**
 * The choice of the widget's language (`data-locale`, then the browser's languages) and Intl
 * formatting of prices, counts and times. The words themselves are in strings.ts.
 */

import { WIDGET_STRINGS, type WidgetLanguage } from "./strings.ts";

/** The language the interface uses, and the shopper's locale tag (sent in `hello.locale`, used for Intl). */
export interface LocaleChoice {
  language: WidgetLanguage;
  /** The shopper's BCP 47 tag as given (canonicalised), e.g. `es-MX`; may be a language the interface lacks. */
  locale: string;
  /** The tag used for Intl formatting: `locale` when it is in `language`, else `language`. */
  formatLocale: string;
}

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    // Not a valid BCP 47 tag (e.g. "english"): skip it.
    return undefined;
  }
}

/**
 * Chooses the interface language from the page's request (`data-locale` or `boot({ locale })`), then the
 * browser's languages, falling back to English; the shopper's locale is the first valid tag given.
 * @example pickLocale("es-MX", ["en-US"]) // { language: "es", locale: "es-MX", formatLocale: "es-MX" }
 */
export function pickLocale(requested: string | undefined, browser: readonly string[]): LocaleChoice {
  const tags = [requested, ...browser].map((t) => (t ? canonical(t) : undefined)).filter((t): t is string => !!t);
  const locale = tags[0] ?? "en";
  for (const tag of tags) {
    const primary = tag.split("-")[0].toLowerCase();
    if (primary in WIDGET_STRINGS) {
      const language = primary as WidgetLanguage;
      return { language, locale, formatLocale: locale.split("-")[0].toLowerCase() === language ? locale : language };
    }
  }
  return { language: "en", locale, formatLocale: "en" };
}

/**
 * Fills `{name}` placeholders of a string.
 * @example format("Open chat, {n} unread", { n: 3 }) // "Open chat, 3 unread"
 */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}

/** Locale-aware formatting of the numbers and times the widget shows. */
export interface WidgetFormatter {
  /** A price in currency units (129.99), in ISO 4217 `currency` (default USD); "" for a non-number. */
  price(amount: number, currency?: string): string;
  /** A whole number with the locale's grouping (4,000 / 4.000). */
  count(n: number): string;
  /** A message time: the time of day today, else date and time; "" for an invalid date. */
  time(iso: string, now?: Date): string;
}

/**
 * Creates Intl formatters for `locale`, caching one NumberFormat per currency.
 * @example createFormatter("de-DE").price(1299, "EUR") // "1.299,00 €"
 */
export function createFormatter(locale: string): WidgetFormatter {
  const money = new Map<string, Intl.NumberFormat>();
  const whole = new Intl.NumberFormat(locale);
  const clock = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" });
  const dated = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  return {
    price(amount, currency = "USD") {
      if (!Number.isFinite(amount)) return "";
      const code = /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : "USD";
      let f = money.get(code);
      if (!f) {
        f = new Intl.NumberFormat(locale, { style: "currency", currency: code });
        money.set(code, f);
      }
      return f.format(amount);
    },
    count: (n) => whole.format(n),
    time(iso, now = new Date()) {
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return "";
      return d.toDateString() === now.toDateString() ? clock.format(d) : dated.format(d);
    },
  };
}
