/** Retrieval: Embedder-backed vector indexes, BM25, and the calibrated FAQ index over the knowledge files. */
export type { VectorIndex, VectorHit, HnswIndexOptions } from "./vector-index.ts";
export { createHnswIndex } from "./hnsw-index.ts";
export { createExactIndex } from "./exact-index.ts";
export {
  loadKnowledge, loadKnowledgeFiles, readKnowledgeFiles, isKnowledgeFile, markdownToChatText, translationLanguage, fillPlaceholders, DEFAULT_KNOWLEDGE_VARIABLES,
  type KnowledgeVariables, type KnowledgeFiles, type FaqEntry, type FaqTranslation, type IntentDefinition, type KnowledgeBase,
} from "./knowledge.ts";
export {
  buildKnowledgeIndex,
  knowledgeIndexKey,
  expectedCalibrationError,
  type TrainedKnowledge,
  type KnowledgeIndex,
  type KnowledgeIndexOptions,
  type RetrievalCandidate,
  type RetrievalResult,
  type CalibrationReport,
} from "./knowledge-index.ts";
export { fitLogistic, predictLogistic, sigmoid, type LogisticModel } from "./calibration.ts";
export { stems, foldAccents, analyzerFor, ENGLISH_ANALYZER, SPANISH_ANALYZER, type TextAnalyzer } from "./text.ts";
export { countTerms, termCounts, createBm25Index, type TermCounts, type Bm25Index } from "./bm25.ts";
export { createCharNgramEmbedder, type CharNgramEmbedderOptions } from "./char-ngram-embedder.ts";
export {
  buildTranslatedIndex,
  TRANSLATED_MIN_CONFIDENCE,
  translatedIndexOptions,
  translationsByLanguage,
  createMultilingualKnowledge,
  type TranslatedIndexOptions,
  type MultilingualKnowledge,
  type MultilingualResult,
  type MultilingualSearchOptions,
} from "./translated-index.ts";
export {
  createKnowledgeService, calibrationNegatives, buildKnowledge, saveTrainedIndex, trainedIndexFile, type BuiltKnowledge, type KnowledgeService,
} from "./knowledge-service.ts";
