/** Retrieval: Embedder-backed vector indexes, BM25, and the calibrated FAQ index over the knowledge files. */
export type { VectorIndex, VectorHit, HnswIndexOptions } from "./vector-index.ts";
export { createHnswIndex } from "./hnsw-index.ts";
export { createExactIndex } from "./exact-index.ts";
export { loadKnowledge, markdownToChatText, type FaqEntry, type IntentDefinition, type KnowledgeBase } from "./knowledge.ts";
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
export { stems } from "./text.ts";
export { createKnowledgeService, type KnowledgeService } from "./knowledge-service.ts";
