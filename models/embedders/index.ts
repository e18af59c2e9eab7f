import { AppError } from "../errors.ts";
import type { Embedder } from "../embedder.ts";
import { createBatchingEmbedder, type BatchingEmbedderOptions } from "./batching.ts";
import { createCachedEmbedder, type CachedEmbedderOptions } from "./cached.ts";
import { createTransformersEmbedder } from "./transformers.ts";
import { createUseLiteEmbedder } from "./use-lite.ts";
import { createWorkerPoolEmbedder } from "./worker-pool.ts";

export { createUseLiteEmbedder } from "./use-lite.ts";
export { createTransformersEmbedder, fetchTransformersModel, type FetchProgress, TRANSFORMERS_MODEL_FILES, type TransformersEmbedderOptions } from "./transformers.ts";
export { createCachedEmbedder, normalizeEmbeddingText, type CachedEmbedder, type CachedEmbedderOptions } from "./cached.ts";
export { createWorkerPoolEmbedder, typescriptWorkerSource, type WorkerPoolEmbedder, type WorkerPoolEmbedderOptions } from "./worker-pool.ts";
export { createBatchingEmbedder, type BatchingEmbedder, type BatchingEmbedderOptions } from "./batching.ts";
// buildTinyBert (tiny-bert.ts) is not re-exported: it needs onnx-proto, a devDependency that a production install
// (`npm ci --omit=dev`) lacks, and the server imports this module. Scripts and tests import tiny-bert.ts directly.
export type { TinyBertInfo, TinyBertOptions } from "./tiny-bert.ts";
export { transformersEnvState, type TransformersEnvState } from "./transformers-env.ts";

/** Default folder for local transformers models, relative to the working directory. */
export const DEFAULT_MODELS_DIR = "models/hub";

/** Options for createEmbedder; `cache` and `batch` are on by default, `false` turns one off. */
export interface EmbedderFactoryOptions {
  /** Folder of local transformers models (default models/hub). */
  modelsDir?: string;
  /** Let a transformers model be downloaded when missing (default false). */
  allowRemote?: boolean;
  /** onnxruntime intra-op threads for transformers models. */
  threads?: number;
  /** Worker threads for "use-lite" (default 1, in-process); above 1 the model runs in a worker pool, one model per worker. */
  workers?: number;
  cache?: CachedEmbedderOptions | false;
  batch?: BatchingEmbedderOptions | false;
}

/**
 * Build an Embedder from a spec, "use-lite" or "transformers:<model folder>", wrapped as cache(batcher(model)):
 * repeated texts never reach the model, and concurrent misses are embedded in shared batches. With `workers` > 1,
 * "use-lite" runs in a pool of worker threads (cache -> batcher -> pool) so its batches use every core.
 * @example const e = await createEmbedder("transformers:Xenova/all-MiniLM-L6-v2", { modelsDir: "models/hub" });
 */
export async function createEmbedder(spec: string, options: EmbedderFactoryOptions = {}): Promise<Embedder> {
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new AppError("CHAT_ERR_CONFIG", `Embedder workers must be a positive integer, got ${workers}.`);
  }
  if (workers > 1 && spec !== "use-lite") {
    throw new AppError("CHAT_ERR_CONFIG", `Embedder workers > 1 needs the "use-lite" embedder, got "${spec}" (transformers models use \`threads\`).`);
  }
  let base: Embedder;
  if (spec === "use-lite") {
    base = workers > 1 ? await createWorkerPoolEmbedder("use-lite", { workers }) : await createUseLiteEmbedder();
  } else if (spec.startsWith("transformers:") && spec.length > "transformers:".length) {
    base = await createTransformersEmbedder({
      modelsDir: options.modelsDir ?? DEFAULT_MODELS_DIR,
      model: spec.slice("transformers:".length),
      allowRemote: options.allowRemote,
      threads: options.threads,
    });
  } else {
    throw new AppError("CHAT_ERR_CONFIG", `Unknown embedder "${spec}": use "use-lite" or "transformers:<model>" (a folder under the models directory).`);
  }
  // With a pool, one inner batch in flight per worker keeps every worker busy under concurrent load.
  const batched = options.batch === false ? base : createBatchingEmbedder(base, { maxInFlight: workers, ...options.batch });
  return options.cache === false ? batched : createCachedEmbedder(batched, options.cache);
}
export { createWordHashEmbedder } from "./word-hash.ts";
