import type { Embedder } from "../../models/embedder.ts";
import { createCharNgramEmbedder } from "./char-ngram-embedder.ts";
import { buildKnowledgeIndex, type KnowledgeIndex, type KnowledgeIndexOptions, type RetrievalResult, type TrainedKnowledge } from "./knowledge-index.ts";
import type { FaqTranslation } from "./knowledge.ts";
import { analyzerFor } from "./text.ts";

/**
 * Calibrated confidence needed to answer from translated entries (suggested config `ANSWER_MIN_CONFIDENCE_TRANSLATED`):
 * chosen on the Spanish dev questions as the lowest bar with at most 2 % wrong answers (`npm run eval:languages`).
 */
export const TRANSLATED_MIN_CONFIDENCE = 0.6;

/** Options for buildTranslatedIndex. */
export interface TranslatedIndexOptions {
  /** The translations of one language (all with the same `lang`). */
  translations: readonly FaqTranslation[];
  /** Texts in that language no entry answers, for calibrating confidence (optional). */
  negatives?: readonly string[];
  /** The sentence encoder; default a character n-gram embedder fitted on the translations (the default encoder is English-only). */
  embedder?: Embedder;
  /** A saved build to reuse when its key matches (see knowledgeIndexKey). */
  trained?: TrainedKnowledge;
  /**
   * Also train the entry classifier (default false): on the Spanish dev questions it answered no more of them right
   * than retrieval alone, and it makes a build take 30-60 s instead of a few seconds (docs/languages.md).
   */
  entryClassifier?: boolean;
  seed?: number;
}

/** The texts an index over these entries holds (titles, questions, answers): the corpus its embedder is fitted on. */
function corpusOf(translations: readonly FaqTranslation[]): string[] {
  return translations.flatMap((t) => [t.title, ...t.questions, t.answer]);
}

/** The index options for one language's translations (to build, or to compute the cache key of a build). */
export function translatedIndexOptions(options: TranslatedIndexOptions): KnowledgeIndexOptions {
  const { translations } = options;
  const lang = translations[0]?.lang;
  if (!lang) throw new Error("translated index: no translations given");
  const mixed = translations.find((t) => t.lang !== lang);
  if (mixed) throw new Error(`translated index: ${mixed.file} is "${mixed.lang}", expected "${lang}"`);
  return {
    embedder: options.embedder ?? createCharNgramEmbedder({ corpus: corpusOf(translations) }),
    faq: translations,
    negatives: options.negatives,
    analyzer: analyzerFor(lang),
    entryClassifier: options.entryClassifier ?? false,
    seed: options.seed,
    trained: options.trained,
  };
}

/**
 * Index one language's FAQ translations with the same calibrated pipeline as the English index (dense passages,
 * BM25, entry classifier, leave-one-question-out confidence), reading text with that language's analyzer (accent
 * folding, stop words, stemming) and, by default, language-independent character n-gram vectors.
 * Candidates are the translated entries; their `id` is the English entry's.
 */
export async function buildTranslatedIndex(options: TranslatedIndexOptions): Promise<KnowledgeIndex> {
  return buildKnowledgeIndex(translatedIndexOptions(options));
}

/** Group translations by language. */
export function translationsByLanguage(translations: readonly FaqTranslation[]): Map<string, FaqTranslation[]> {
  const out = new Map<string, FaqTranslation[]>();
  for (const t of translations) out.set(t.lang, [...(out.get(t.lang) ?? []), t]);
  return out;
}

/** A retrieval result and the language of the entries it ranked. */
export interface MultilingualResult extends RetrievalResult {
  /** "en", or the language of the translated index that answered. */
  lang: string;
}

/** Search options: `lang` (ISO 639-1) picks the translated index when there is one, else the English index. */
export interface MultilingualSearchOptions {
  k?: number;
  lang?: string;
  /** The query's vector from the English encoder; used only on the English path. */
  vector?: Float32Array;
}

/** The English index plus one index per translated language. */
export interface MultilingualKnowledge {
  readonly english: KnowledgeIndex;
  readonly translated: ReadonlyMap<string, KnowledgeIndex>;
  /** Languages with translations (besides English). */
  languages(): string[];
  /** True when questions in `lang` are answered from translations. */
  hasLanguage(lang: string): boolean;
  search(text: string, options?: MultilingualSearchOptions): Promise<MultilingualResult>;
}

/** Base language of a tag: "es-MX" -> "es", "zh-Hans" -> "zh". */
const baseLanguage = (lang: string) => lang.toLowerCase().split("-")[0];

/**
 * Route a search to the index of the shopper's language.
 * @example const r = await knowledge.search("cuanto cuesta el envio", { k: 5, lang: "es" }); r.candidates[0].entry.id
 */
export function createMultilingualKnowledge(english: KnowledgeIndex, translated: ReadonlyMap<string, KnowledgeIndex>): MultilingualKnowledge {
  const byBase = new Map([...translated].map(([lang, index]) => [baseLanguage(lang), index]));
  return {
    english,
    translated,
    languages: () => [...translated.keys()],
    hasLanguage: (lang) => byBase.has(baseLanguage(lang)),
    async search(text, options = {}) {
      const index = options.lang ? byBase.get(baseLanguage(options.lang)) : undefined;
      if (index) return { ...(await index.search(text, { k: options.k })), lang: baseLanguage(options.lang!) };
      return { ...(await english.search(text, { k: options.k, vector: options.vector })), lang: "en" };
    },
  };
}
