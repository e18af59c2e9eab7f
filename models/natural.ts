/**
 * The parts of `natural` we use, loaded from their own modules. `import natural from "natural"` loads the whole
 * library (WordNet, classifiers, every language's stemmers and taggers) and takes about 4 s at start-up on this
 * machine; these few modules take about 0.5 s. They are the same objects the package index exports.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** natural's Porter stemmer (English). */
export interface PorterStemmerApi {
  stem(word: string): string;
  /** Tokenize, drop stop words (unless `keepStops`) and stem. */
  tokenizeAndStem(text: string, keepStops?: boolean): string[];
}

/** natural's AFINN/senticon sentiment analyzer. */
export interface SentimentAnalyzerApi {
  getSentiment(words: string[]): number;
}

/** natural's word tokenizer (splits on non-word characters). */
export interface WordTokenizerApi {
  tokenize(text: string): string[] | null;
}

export const PorterStemmer = require("natural/lib/natural/stemmers/porter_stemmer.js") as PorterStemmerApi;
/** natural's Spanish Porter stemmer (Snowball rules). */
export const PorterStemmerEs = require("natural/lib/natural/stemmers/porter_stemmer_es.js") as PorterStemmerApi;
const SentimentAnalyzerClass = require("natural/lib/natural/sentiment/SentimentAnalyzer.js") as new (language: string, stemmer: PorterStemmerApi, vocabulary: string) => SentimentAnalyzerApi;
const { WordTokenizer: WordTokenizerClass } = require("natural/lib/natural/tokenizers/regexp_tokenizer.js") as { WordTokenizer: new () => WordTokenizerApi };
/** natural's English stop-word list. */
export const englishStopwords = (require("natural/lib/natural/util/stopwords.js") as { words: string[] }).words;
/** natural's Spanish stop-word list. */
export const spanishStopwords = (require("natural/lib/natural/util/stopwords_es.js") as { words: string[] }).words;

/** A sentiment analyzer: `createSentimentAnalyzer("English", PorterStemmer, "afinn")`. */
export function createSentimentAnalyzer(language: string, stemmer: PorterStemmerApi, vocabulary: string): SentimentAnalyzerApi {
  return new SentimentAnalyzerClass(language, stemmer, vocabulary);
}

/** A word tokenizer. */
export function createWordTokenizer(): WordTokenizerApi {
  return new WordTokenizerClass();
}
