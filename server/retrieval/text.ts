import { PorterStemmer, PorterStemmerEs, spanishStopwords } from "../../models/natural.ts";

const esStopwords = { words: spanishStopwords };

const stemmer = PorterStemmer;

/** Lower-case, tokenize, drop stop words and Porter-stem English text (natural). */
export function stems(text: string): string[] {
  return stemmer.tokenizeAndStem(text.replace(/[$€£]/g, " ").replace(/(\d)[.,](\d)/g, "$1$2"), false);
}

/** Turns a text into the terms that BM25 counts (stems, for a language with a stemmer). */
export interface TextAnalyzer {
  /** Stable name, part of the knowledge index's cache key. */
  readonly name: string;
  terms(text: string): string[];
}

/** The English analyzer the FAQ index has always used: natural's Porter stems. */
export const ENGLISH_ANALYZER: TextAnalyzer = Object.freeze({ name: "en-porter", terms: stems });

/** Lower-case and strip diacritics ("Devolución" -> "devolucion"), as shoppers often type without accents. */
export function foldAccents(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
}

// Question words carry meaning in short shopper questions ("cuando" = when, "donde" = where): keep them.
const KEEP = new Set(["como", "cuando", "donde", "quien", "cual", "que"]);
const SPANISH_STOPWORDS = new Set(
  esStopwords.words
    .map(foldAccents)
    .filter((w) => /\p{L}/u.test(w) && !KEEP.has(w)),
);
const stemEs = PorterStemmerEs;

/** Spanish: accent-folded tokens without stop words, stemmed with natural's Spanish Porter stemmer (Snowball rules). */
export const SPANISH_ANALYZER: TextAnalyzer = Object.freeze({
  name: "es-porter-folded",
  terms(text: string): string[] {
    const folded = foldAccents(text.replace(/[$€£]/g, " ").replace(/(\d)[.,](\d)/g, "$1$2"));
    return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !SPANISH_STOPWORDS.has(t)).map((t) => (/^\d+$/.test(t) ? t : stemEs.stem(t)));
  },
});

const ANALYZERS: Readonly<Record<string, TextAnalyzer>> = Object.freeze({ en: ENGLISH_ANALYZER, es: SPANISH_ANALYZER });

/** The analyzer for a language (ISO 639-1), or undefined when there is none; English is the default elsewhere. */
export function analyzerFor(lang: string): TextAnalyzer | undefined {
  return ANALYZERS[lang.toLowerCase().split("-")[0]];
}
