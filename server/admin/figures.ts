import type { KnowledgeBase } from "../retrieval/index.ts";

/**
 * Figures in answers (prices, durations, percentages, quantities, times of day, phone numbers) and where an old
 * figure still stands after an edit: when an admin changes "$14.95" in one entry, every other entry (and translation)
 * that still says $14.95 is shown, so a policy change is made everywhere. Pure functions, no I/O.
 */

/** What kind of figure. */
export type FigureKind = "money" | "duration" | "percent" | "quantity" | "time" | "phone";

/** One figure as written and its normalised key (equal keys = the same figure, whatever the language or format). */
export interface Figure {
  kind: FigureKind;
  /** As written in the text ("5–7 business days", "14,95 US$"). */
  text: string;
  /** Normalised ("money:USD:1495", "duration:5-7:business-day"). */
  key: string;
}

const NUM = String.raw`\d{1,3}(?:[,.]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const DASH = String.raw`\s*(?:–|—|-|to|a|y|bis|à)\s*`;
const UNITS: Record<string, string> = {
  day: "day", days: "day", día: "day", días: "day", dia: "day", dias: "day", tag: "day", tage: "day", tagen: "day", jour: "day", jours: "day",
  week: "week", weeks: "week", semana: "week", semanas: "week", woche: "week", wochen: "week", semaine: "week", semaines: "week",
  month: "month", months: "month", mes: "month", meses: "month", monat: "month", monate: "month", mois: "month",
  year: "year", years: "year", año: "year", años: "year", jahr: "year", jahre: "year", an: "year", ans: "year",
  hour: "hour", hours: "hour", hora: "hour", horas: "hour", stunde: "hour", stunden: "hour", heure: "hour", heures: "hour",
  minute: "minute", minutes: "minute", minuto: "minute", minutos: "minute", minuten: "minute",
};
const QUANTITY_UNITS: Record<string, string> = { kg: "kg", lb: "lb", lbs: "lb", points: "point", point: "point", puntos: "point", punkte: "point", mm: "mm", cm: "cm" };

const PATTERNS: { kind: FigureKind; re: RegExp; key: (m: RegExpExecArray) => string | undefined }[] = [
  // $14.95, US$ 12, €19 — and "14,95 US$" / "19 €" as Spanish, German and French write prices.
  { kind: "money", re: new RegExp(String.raw`(US\$|\$|€|£)\s?(${NUM})|(${NUM})\s?(US\$|\$|€|£)`, "g"), key: (m) => moneyKey(m[1] ?? m[4], m[2] ?? m[3]) },
  {
    kind: "duration",
    re: new RegExp(String.raw`(\d+)(?:${DASH}(\d+))?\s+(?:(business|working|calendar)\s+)?(${Object.keys(UNITS).join("|")})\b(?:\s+(hábiles|laborables|naturales))?`, "giu"),
    key: (m) => {
      const unit = UNITS[m[4].toLowerCase()];
      const business = /business|working|hábiles|laborables/i.test(`${m[3] ?? ""} ${m[5] ?? ""}`);
      return `duration:${m[1]}${m[2] ? `-${m[2]}` : ""}:${business ? "business-" : ""}${unit}`;
    },
  },
  { kind: "percent", re: new RegExp(String.raw`(${NUM})\s?%`, "g"), key: (m) => `percent:${num(m[1])}` },
  {
    kind: "quantity",
    re: new RegExp(String.raw`(${NUM})\s?(${Object.keys(QUANTITY_UNITS).join("|")})\b`, "giu"),
    key: (m) => `quantity:${num(m[1])}:${QUANTITY_UNITS[m[2].toLowerCase()]}`,
  },
  {
    kind: "time",
    re: /\b(\d{1,2})(?::(\d{2}))?\s?(a\.m\.|p\.m\.|am|pm)(?=\W|$)/gi,
    key: (m) => {
      const pm = m[3].toLowerCase().startsWith("p");
      return `time:${(Number(m[1]) % 12) + (pm ? 12 : 0)}:${m[2] ?? "00"}`;
    },
  },
  { kind: "phone", re: /\b1-\d{3}-\d{3}-\d{4}\b/g, key: (m) => `phone:${m[0]}` },
];

/** A number as written in English or continental style ("1,200.50", "14,95", "1.200") in canonical form. */
function num(s: string): string {
  let t = s;
  // A comma or dot followed by exactly 1–2 digits at the end is the decimal mark; other separators group thousands.
  const dec = /[.,](\d{1,2})$/.exec(t);
  let frac = "";
  if (dec) {
    frac = dec[1];
    t = t.slice(0, dec.index);
  }
  t = t.replace(/[.,]/g, "");
  const value = Number(`${t}.${frac || "0"}`);
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function moneyKey(symbol: string, amount: string): string | undefined {
  const currency = symbol === "€" ? "EUR" : symbol === "£" ? "GBP" : "USD";
  const cents = Math.round(Number(num(amount)) * 100);
  return Number.isFinite(cents) ? `money:${currency}:${cents}` : undefined;
}

/**
 * Every figure in a text, in order of appearance (a figure inside a longer one, such as the "5" of "$5.95", is not
 * repeated).
 * @example extractFigures("Express costs $14.95 and takes 1–2 business days.") // money:USD:1495, duration:1-2:business-day
 */
export function extractFigures(text: string): Figure[] {
  const found: (Figure & { start: number; end: number })[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const key = p.key(m);
      if (key) found.push({ kind: p.kind, text: m[0].trim(), key, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start).map(({ kind, text: t, key }) => ({ kind, text: t, key }));
}

/** Figures an edit took out of a text and figures it put in (by key; each listed once). */
export function changedFigures(before: string, after: string): { removed: Figure[]; added: Figure[] } {
  const a = uniqueByKey(extractFigures(before));
  const b = uniqueByKey(extractFigures(after));
  const inB = new Set(b.map((f) => f.key));
  const inA = new Set(a.map((f) => f.key));
  return { removed: a.filter((f) => !inB.has(f.key)), added: b.filter((f) => !inA.has(f.key)) };
}

function uniqueByKey(figures: readonly Figure[]): Figure[] {
  const seen = new Set<string>();
  return figures.filter((f) => !seen.has(f.key) && seen.add(f.key));
}

/** A text that can mention figures: an FAQ answer or a translation of one. */
export interface FigureSource {
  /** The entry's id. */
  id: string;
  /** The translation's language; undefined for the English entry. */
  lang?: string;
  title: string;
  text: string;
}

/** Another entry that still mentions a figure the edit removed. */
export interface FigureMention {
  id: string;
  lang?: string;
  title: string;
  /** The removed figures it mentions, as it writes them. */
  figures: string[];
  /** The sentence around the first one. */
  excerpt: string;
}

/**
 * The entries (other than the one edited, in the edited language) that still mention a figure the edit removed:
 * they probably state the same policy and need the same change.
 * @example stillMentioned(changedFigures(old, next).removed, sources, { id: "express-shipping" })
 */
export function stillMentioned(removed: readonly Figure[], sources: readonly FigureSource[], edited: { id: string; lang?: string }): FigureMention[] {
  if (!removed.length) return [];
  const keys = new Set(removed.map((f) => f.key));
  const out: FigureMention[] = [];
  for (const s of sources) {
    if (s.id === edited.id && (s.lang ?? undefined) === (edited.lang ?? undefined)) continue;
    const hits = extractFigures(s.text).filter((f) => keys.has(f.key));
    if (!hits.length) continue;
    out.push({ id: s.id, lang: s.lang, title: s.title, figures: [...new Set(hits.map((h) => h.text))], excerpt: excerptAround(s.text, hits[0].text) });
  }
  return out;
}

/** The sentence of `text` that holds `needle` (at most ~240 characters). */
function excerptAround(text: string, needle: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const at = Math.max(0, flat.indexOf(needle));
  const before = flat.slice(0, at);
  const boundary = Math.max(before.lastIndexOf(". "), before.lastIndexOf("! "), before.lastIndexOf("? "));
  const start = boundary >= 0 && at - boundary < 200 ? boundary + 2 : Math.max(0, at - 80);
  const next = /[.!?](\s|$)/.exec(flat.slice(at + needle.length));
  const end = next && next.index < 200 ? at + needle.length + next.index + 1 : Math.min(flat.length, at + needle.length + 80);
  return `${start > 0 ? "…" : ""}${flat.slice(start, end).trim()}${end < flat.length ? " …" : ""}`;
}

/**
 * After an edit of the FAQ file `file` (as the loader names it), the other entries and translations of `after` that
 * still state a figure the edit took out of that file's title or answer.
 */
export function figuresLeftBehind(before: KnowledgeBase, after: KnowledgeBase, file: string): FigureMention[] {
  const pick = (b: KnowledgeBase) => [...b.faq, ...b.translations].find((e) => e.file === file);
  const old = pick(before);
  const next = pick(after);
  if (!old || !next) return [];
  const { removed } = changedFigures(`${old.title}\n${old.answer}`, `${next.title}\n${next.answer}`);
  const sources: FigureSource[] = [
    ...after.faq.map((e) => ({ id: e.id, title: e.title, text: e.answer })),
    ...after.translations.map((e) => ({ id: e.id, lang: e.lang, title: e.title, text: e.answer })),
  ];
  return stillMentioned(removed, sources, { id: next.id, lang: "lang" in next ? (next.lang as string) : undefined });
}
