import natural from "natural";

const stemmer = natural.PorterStemmer;

/** Lower-case, tokenize, drop stop words and Porter-stem English text (natural). */
export function stems(text: string): string[] {
  return stemmer.tokenizeAndStem(text.replace(/[$€£]/g, " ").replace(/(\d)[.,](\d)/g, "$1$2"), false);
}
