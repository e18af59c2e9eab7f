export { parseArgs, flagString, flagBool, type ParsedArgs, type ArgSpec } from "./args.ts";
export { accuracy, macroF1, percentile } from "./metrics.ts";
export { createProgress, type Progress, type ProgressOptions } from "./progress.ts";
export { embedWithCache, embeddingCacheKey, type CachedEmbeddings, type EmbedWithCacheOptions } from "./embedding-cache.ts";
export {
  loadIntentDataset,
  loadBanking77,
  loadClinc150,
  loadBitext,
  INTENT_DATASETS,
  DEFAULT_DATASETS_DIR,
  requireDataset,
  type IntentDataset,
  type IntentDatasetName,
  type LabelledText,
} from "./datasets.ts";
