import { englishStopwords, PorterStemmer } from "../natural.ts";

const lib = { stopwords: englishStopwords, PorterStemmer };
const STOP_WORDS = new Set<string>(lib.stopwords);
// Question words and chat filler carry no topic; masked PII placeholders ([email], [card], [phone]) are not words.
for (const w of ["hi", "hello", "hey", "please", "pls", "thanks", "thank", "ok", "okay", "just", "im", "ive", "dont", "cant", "can", "could", "would", "will", "get", "got", "need", "want", "know", "tell", "help", "use", "way", "still", "yet", "also", "much", "many", "able", "like", "anyone"]) {
  STOP_WORDS.add(w);
}
const PLACEHOLDER = /\[(?:email|card|phone)\]/gi;

/**
 * The form under which two questions count as the same text: NFKC, lower case, single spaces, no surrounding
 * punctuation. "Where is my order?" and "where is my order" are one question asked twice.
 */
export function normalizeQuestion(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, "");
}

/** Topic words of a question for titles: lower-case letter runs, no stop words, no masked PII, at least 2 letters. */
export function topicWords(text: string): string[] {
  const words = text.normalize("NFKC").toLowerCase().replace(PLACEHOLDER, " ").replace(/'/g, "").match(/\p{L}+/gu) ?? [];
  return words.filter((w) => w.length >= 2 && !STOP_WORDS.has(w));
}

/** Unigrams and adjacent-pair bigrams ("track order") of a question's topic words, each counted once. */
export function topicTerms(text: string): string[] {
  const words = topicWords(text);
  const terms = new Set(words);
  for (let i = 0; i + 1 < words.length; i++) if (words[i] !== words[i + 1]) terms.add(`${words[i]} ${words[i + 1]}`);
  return [...terms];
}

/** Porter stem of a word ("wrapping" → "wrap"), so a title does not repeat a word in two forms. */
export function stemOf(word: string): string {
  return lib.PorterStemmer.stem(word);
}
