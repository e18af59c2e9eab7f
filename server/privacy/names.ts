import type { NameIndex, Token } from "./name-index.ts";
import { tokenize } from "./name-index.ts";
import type { PiiSpan } from "./types.ts";

/**
 * "careful" (default) masks a known full name unless every word of it is a common word written in lowercase
 * without a cue ("rose baker" stays, "Rose Baker" and "this is rose baker" go), and a lone first or last
 * name only after a cue. "loose" masks every known name word anywhere, for measuring the trade-off.
 */
export type NameMatching = "careful" | "loose";

/** How personal names are found. */
export interface NameOptions {
  matching: NameMatching;
  /** Also mask capitalised words that are not common words right after "my name is", "I'm", or as a sign-off. */
  unknownFromCues: boolean;
  commonWords: ReadonlySet<string>;
}

const SELF_INTRO = String.raw`my name is|my name's|name is|name\s*:|i am|i'm|i’m|im|this is|soy|je suis|ich bin|me llamo|je m'appelle|ich heiße|ich heisse`;
const STRONG = new RegExp(String.raw`(?:^|[^\p{L}])(?:${SELF_INTRO}|it's|it’s|its|it is|c'est)\s*[,:]?\s*$`, "iu");
const INTRO = new RegExp(String.raw`(?:^|[^\p{L}])(?:${SELF_INTRO})\s*[,:]?\s*$`, "iu");
const GREETING = /^\s*(?:hi|hello|hey|dear|hallo|bonjour|hola|good (?:morning|afternoon|evening))\s*,?\s*$/i;
const SIGNOFF_WORD = String.raw`thanks|thank you|thank u|thx|ty|cheers|regards|best|sincerely|love|bye|merci|gracias|danke|grüße|gruß|saludos|cordialement`;
// Before a name that ends the message: a sign-off word, or punctuation / a line break ending the previous sentence.
const SIGNOFF_BEFORE = new RegExp(String.raw`(?:[,.!?;:\n\-–—]|\b(?:${SIGNOFF_WORD}))\s*$`, "iu");
const SIGNOFF_BEFORE_UNKNOWN = new RegExp(String.raw`(?:\n|\b(?:${SIGNOFF_WORD})\b[\s,.!\-–—]*)\s*$`, "iu");
const HERE_AFTER = /^[ \t]*(?:here|speaking|again)\b/i;
const WEAK = /\b(?:for|under|recipient|name on (?:the )?(?:order|card|account)|mum|mom|mother|dad|father|wife|husband|son|daughter|friend|brother|sister|partner|mr|mrs|ms|miss)\.?\s*[,:]?\s*$/i;
const END = /^[\s.!)]*$/;
// A title before a capitalised word marks a name, known or not: "Mr. Jones", "Ms. Hawkings", "Frau Weber".
const HONORIFIC = /(?:^|[^\p{L}])(?:mr|mrs|ms|miss|mx|dr|prof|herr|frau|sr|sra|srta|mme|mlle|monsieur|madame)\.?[ \t]*$/iu;

/** Personal names: the shop's known customers (full names, first+last, lone names after a cue) and, optionally, unknown names after "my name is". */
export function findNames(text: string, index: NameIndex | null, options: NameOptions): PiiSpan[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  // In a message typed in capitals, capitals say nothing about names.
  const shouting = letters >= 8 && (text.match(/\p{Lu}/gu)?.length ?? 0) / letters > 0.6;
  const isCap = (t: Token) => !shouting && /^\p{Lu}/u.test(t.raw) && (t.raw.length === 1 || !/^[\p{Lu}'’-]+$/u.test(t.raw));
  const common = (t: Token) => options.commonWords.has(t.norm);
  const known = (t: Token) => !!index && (index.isFirst(t.norm) || index.isLast(t.norm));
  const joined = (a: Token, b: Token) => /^[ \t]+$/.test(text.slice(a.end, b.start));
  const spans: PiiSpan[] = [];

  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const before = text.slice(0, t.start);
    const full = index ? index.longestFullName(text, tokens, i) : 0;
    if (full >= 2) {
      const words = tokens.slice(i, i + full);
      const last = words[words.length - 1]!;
      const after = text.slice(last.end);
      const cue = STRONG.test(before) || WEAK.test(before) || GREETING.test(before) || HERE_AFTER.test(after) || (END.test(after) && SIGNOFF_BEFORE.test(before));
      if (options.matching === "loose" || !words.every(common) || words.every(isCap) || cue) {
        spans.push({ kind: "name", start: t.start, end: last.end });
        i += full;
        continue;
      }
    }
    // A known first name and a known last name, both capitalised: "David Miller" even if no customer has both.
    const next = tokens[i + 1];
    if (options.matching === "careful" && index?.isFirst(t.norm) && next && joined(t, next) && isCap(t) && isCap(next) && index.isLast(next.norm) && !(common(t) && common(next) && isSentenceStart(t))) {
      spans.push({ kind: "name", start: t.start, end: next.end });
      i += 2;
      continue;
    }
    if (isCap(t) && HONORIFIC.test(before) && (known(t) || options.unknownFromCues)) {
      const n = nameRun(i);
      spans.push({ kind: "name", start: t.start, end: tokens[i + n - 1]!.end });
      i += n;
      continue;
    }
    if (known(t) || (options.unknownFromCues && isCap(t) && !common(t))) {
      const accepted = options.matching === "loose" && known(t) ? 1 : acceptSingle(text, tokens, i, known(t));
      if (accepted > 0) {
        spans.push({ kind: "name", start: t.start, end: tokens[i + accepted - 1]!.end });
        i += accepted;
        continue;
      }
    }
    i++;
  }
  return spans;

  /** The words from token i that belong to one name: it, then capitalised uncommon words or known last names ("Xavier Dumont"). */
  function nameRun(i: number): number {
    let n = 1;
    while (n < 3 && i + n < tokens.length && joined(tokens[i + n - 1]!, tokens[i + n]!)) {
      const next = tokens[i + n]!;
      if (!(isCap(next) && (!common(next) || index?.isLast(next.norm)))) break;
      n++;
    }
    return n;
  }

  /** A word at the start of the message or of a sentence, where a capital says nothing. */
  function isSentenceStart(t: Token): boolean {
    return /(?:^|[.!?\n])[\s"'“(]*$/.test(text.slice(0, t.start));
  }

  /** How many words from token i form a cued name (0: none). */
  function acceptSingle(text: string, tokens: readonly Token[], i: number, isKnown: boolean): number {
    const t = tokens[i]!;
    const before = text.slice(0, t.start);
    const n = nameRun(i);
    const after = text.slice(tokens[i + n - 1]!.end);
    const atEnd = END.test(after);
    if (!isKnown) {
      // Unknown words are names only right after a self-introduction or as the message's signature.
      return INTRO.test(before) || (atEnd && SIGNOFF_BEFORE_UNKNOWN.test(before)) ? n : 0;
    }
    const strong = STRONG.test(before) || GREETING.test(before) || HERE_AFTER.test(after) || (atEnd && SIGNOFF_BEFORE.test(before) && before.trim() !== "");
    if (common(t)) {
      // "Will", "May", "Mark": a cue and a capital, or a cue and a comma right after ("this is mark, …").
      return strong && (isCap(t) || /^\s*[,.!]/.test(after) || atEnd) ? n : 0;
    }
    return strong || WEAK.test(before) ? n : 0;
  }
}
