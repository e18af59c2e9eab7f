import { access } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { AutoConfig, AutoModel, AutoTokenizer, FeatureExtractionPipeline, pipeline } from "@xenova/transformers";
import type { PreTrainedModel, PreTrainedTokenizer } from "@xenova/transformers";
import { AppError } from "../errors.ts";
import type { Embedder } from "../embedder.ts";
import { createOnnxSession, withTransformersEnv } from "./transformers-env.ts";

/** Options for createTransformersEmbedder. */
export interface TransformersEmbedderOptions {
  /** Folder holding one sub-folder per model (e.g. models/hub). */
  modelsDir: string;
  /** Model folder name under modelsDir, e.g. "tiny-bert" or "Xenova/all-MiniLM-L6-v2". */
  model: string;
  /** Download a missing model from the Hugging Face hub into modelsDir (default false: nothing is downloaded). */
  allowRemote?: boolean;
  /** onnxruntime intra-op threads (default: onnxruntime's choice, one per core). */
  threads?: number;
}

/** Files a model folder must hold, relative to `<modelsDir>/<model>/`. */
export const TRANSFORMERS_MODEL_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model_quantized.onnx"] as const;

function modelDir(modelsDir: string, model: string): string {
  if (model.trim() === "" || isAbsolute(model) || model.split(/[\\/]/).some((part) => part === ".." || part === "")) {
    throw new AppError("CHAT_ERR_CONFIG", `Invalid transformers model name "${model}": use a folder name under the models directory, e.g. "tiny-bert" or "Xenova/all-MiniLM-L6-v2".`);
  }
  return resolve(modelsDir, model);
}

async function missingFiles(dir: string): Promise<string[]> {
  try {
    await access(dir);
  } catch {
    return [`${dir}/ (the whole folder)`];
  }
  const missing: string[] = [];
  for (const file of TRANSFORMERS_MODEL_FILES) {
    const path = join(dir, file);
    try {
      await access(path);
    } catch {
      missing.push(path);
    }
  }
  return missing;
}

function unavailable(model: string, missing: string[]): AppError {
  return new AppError(
    "CHAT_ERR_MODEL_UNAVAILABLE",
    `Transformers model "${model}" is not available locally; missing: ${missing.join(", ")}. ` +
      `Get it on a machine with internet with \`npm run models:fetch -- ${model}\` (a Hugging Face hub id such as Xenova/all-MiniLM-L6-v2), ` +
      "or build the offline test model with `npm run models:tiny`.",
  );
}

/** Download progress of one file, 0-100. */
export interface FetchProgress {
  file: string;
  progress: number;
}

/**
 * Download a hub model (quantized ONNX, config, tokenizer) into `<modelsDir>/<model>/`; needs network access.
 * Throws CHAT_ERR_MODEL_UNAVAILABLE when the download fails (no network, unknown id).
 * @example await fetchTransformersModel("models/hub", "Xenova/all-MiniLM-L6-v2");
 */
export async function fetchTransformersModel(
  modelsDir: string,
  model: string,
  options: { onProgress?: (p: FetchProgress) => void; remoteHost?: string } = {},
): Promise<string> {
  const dir = modelDir(modelsDir, model);
  const progress_callback = (event: { status?: string; file?: string; progress?: number }): void => {
    if (event.status === "progress" && event.file !== undefined) options.onProgress?.({ file: event.file, progress: event.progress ?? 0 });
  };
  try {
    await withTransformersEnv({ modelsDir, allowRemote: true, remoteHost: options.remoteHost }, async () => {
      const pipe = await pipeline("feature-extraction", model, { quantized: true, cache_dir: resolve(modelsDir), progress_callback });
      await pipe.dispose();
    });
  } catch (err) {
    // Node's fetch says only "fetch failed"; the reason (DNS, refused, timeout) is in its cause.
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
    const reason = (err instanceof Error ? err.message : String(err)) + cause;
    throw new AppError(
      "CHAT_ERR_MODEL_UNAVAILABLE",
      `Could not download "${model}" from the Hugging Face hub (${reason}). Check the network connection and the model id ` +
        "(it must have an onnx/model_quantized.onnx, as the Xenova/* conversions do).",
      { cause: err },
    );
  }
  const missing = await missingFiles(dir);
  if (missing.length > 0) throw unavailable(model, missing);
  return dir;
}

function modelClassFor(modelType: string): (new (config: unknown, session: unknown) => PreTrainedModel) | undefined {
  // AutoModel's own type -> class table (bert, mpnet, xlm-roberta, ...), so we support what AutoModel supports.
  const mappings = (AutoModel as unknown as { MODEL_CLASS_MAPPINGS: Map<string, [string, new (config: unknown, session: unknown) => PreTrainedModel]>[] })
    .MODEL_CLASS_MAPPINGS;
  for (const mapping of mappings) {
    const entry = mapping.get(modelType);
    if (entry) return entry[1];
  }
  return undefined;
}

/**
 * A sentence embedder over a local transformers.js ONNX model folder: mean pooling, L2-normalised, dim read from the model.
 * Nothing is downloaded unless `allowRemote` is set.
 * @example const e = await createTransformersEmbedder({ modelsDir: "models/hub", model: "tiny-bert" });
 */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const { modelsDir, model } = options;
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads >= 1)) {
    throw new AppError("CHAT_ERR_CONFIG", `threads must be a positive integer, got ${options.threads}.`);
  }
  const dir = modelDir(modelsDir, model);
  let missing = await missingFiles(dir);
  if (missing.length > 0 && options.allowRemote === true) {
    await fetchTransformersModel(modelsDir, model);
    missing = await missingFiles(dir);
  }
  if (missing.length > 0) throw unavailable(model, missing);

  let pipe: FeatureExtractionPipeline;
  try {
    const { config, tokenizer } = await withTransformersEnv({ modelsDir }, async () => ({
      config: (await AutoConfig.from_pretrained(model, { local_files_only: true })) as { model_type?: string },
      tokenizer: (await AutoTokenizer.from_pretrained(model, { local_files_only: true })) as PreTrainedTokenizer,
    }));
    const ModelClass = modelClassFor(config.model_type ?? "");
    if (!ModelClass) {
      throw new AppError("CHAT_ERR_MODEL_UNAVAILABLE", `Transformers model "${model}" has model_type "${config.model_type}", which transformers.js cannot run as an encoder.`);
    }
    // Our own session from the file path, so `threads` is honoured (transformers.js would load from a buffer).
    const session = await createOnnxSession(join(dir, "onnx", "model_quantized.onnx"), { threads: options.threads });
    pipe = new FeatureExtractionPipeline({ task: "feature-extraction", model: new ModelClass(config, session), tokenizer });
  } catch (err) {
    if (err instanceof AppError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError("CHAT_ERR_MODEL_UNAVAILABLE", `Transformers model "${model}" in ${dir} could not be loaded: ${reason}`, { cause: err });
  }

  const embed = async (texts: readonly string[]): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    const out = await pipe([...texts], { pooling: "mean", normalize: true });
    const [rows, width] = out.dims as number[];
    const data = out.data as Float32Array;
    const vectors: Float32Array[] = [];
    for (let i = 0; i < rows; i++) vectors.push(data.slice(i * width, (i + 1) * width));
    return vectors;
  };

  // The probe both discovers the output size (some models project past hidden_size) and fails fast on a broken graph.
  let dim: number;
  try {
    [{ length: dim }] = await embed(["dimension probe"]);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError("CHAT_ERR_MODEL_UNAVAILABLE", `Transformers model "${model}" in ${dir} failed a test embedding: ${reason}`, { cause: err });
  }

  return {
    name: `transformers:${model}`,
    dim,
    embed,
    async dispose(): Promise<void> {
      await pipe.dispose();
    },
  };
}
