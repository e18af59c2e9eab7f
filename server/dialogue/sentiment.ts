import { createSentimentAnalyzer, createWordTokenizer, PorterStemmer } from "../../models/natural.ts";

/** How a message feels, from the AFINN-165 lexicon (Nielsen 2011) via natural's SentimentAnalyzer. */
export interface Sentiment {
  /** Sum of word valences (AFINN, −5…+5 per word). */
  score: number;
  /** Mean valence per word (natural's comparative score). */
  comparative: number;
  negative: boolean;
  /** Strong enough that a person should take over. */
  strongNegative: boolean;
}

const analyzer = createSentimentAnalyzer("English", PorterStemmer, "afinn");
const tokenizer = createWordTokenizer();

/**
 * Score a message's sentiment. "Strongly negative" is a summed valence of −4 or less, or −2 or less
 * with shouting (repeated exclamation marks or an all-caps word), so that one sad word
 * ("broken", "disappointed") does not trigger a handoff but an angry message does.
 */
export function analyzeSentiment(text: string): Sentiment {
  const words = tokenizer.tokenize(text.toLowerCase()) ?? [];
  const comparative = words.length ? analyzer.getSentiment(words) : 0;
  const score = comparative * words.length;
  const shouting = /!{2,}/.test(text) || /\b[A-Z]{4,}\b/.test(text);
  return {
    score: Math.round(score * 100) / 100,
    comparative: Math.round(comparative * 1000) / 1000,
    negative: score <= -2,
    strongNegative: score <= -4 || (shouting && score <= -2),
  };
}
