import { createRequire } from "node:module";
import { resolve } from "node:path";
import { env } from "@xenova/transformers";

/**
 * The one place that touches @xenova/transformers' process-global `env` and its onnxruntime-node.
 * Safe default: on import, remote downloads are switched off; only `withTransformersEnv({ allowRemote: true })`
 * turns them on, for the duration of one call.
 */

/** Where transformers.js may read models from, and whether it may download them. */
export interface TransformersEnvOptions {
  /** Folder that holds one sub-folder per model, e.g. models/hub (so models/hub/<model>/config.json). */
  modelsDir: string;
  /** Allow downloads from the Hugging Face hub (default false). */
  allowRemote?: boolean;
  /** Hub base URL for this call (default https://huggingface.co/); a mirror, or a local server in tests. */
  remoteHost?: string;
}

/** A read-only view of the transformers settings that matter to us (for diagnostics and tests). */
export interface TransformersEnvState {
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
  localModelPath: string;
  cacheDir: string;
}

/** Minimal shape of an onnxruntime InferenceSession as transformers.js uses it. */
export interface OnnxSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, unknown>>;
}

interface OnnxRuntime {
  InferenceSession: {
    create(pathOrBuffer: string | Uint8Array, options?: Record<string, unknown>): Promise<OnnxSession>;
  };
}

env.allowRemoteModels = false;
env.useBrowserCache = false;
const DEFAULT_REMOTE_HOST = env.remoteHost;

// env is process-global, so calls that change it run one at a time.
let envQueue: Promise<unknown> = Promise.resolve();

/** The current transformers settings. */
export function transformersEnvState(): TransformersEnvState {
  return {
    allowRemoteModels: env.allowRemoteModels,
    allowLocalModels: env.allowLocalModels,
    localModelPath: env.localModelPath,
    cacheDir: env.cacheDir ?? "",
  };
}

/**
 * Run `fn` with transformers reading models from `<modelsDir>/<model>/` (downloads, if allowed, land in the same
 * layout because cacheDir is modelsDir); afterwards remote downloads are off again. Calls are serialised.
 * @example const tok = await withTransformersEnv({ modelsDir: "models/hub" }, () => AutoTokenizer.from_pretrained("tiny-bert"));
 */
export function withTransformersEnv<T>(options: TransformersEnvOptions, fn: () => Promise<T>): Promise<T> {
  const run = async (): Promise<T> => {
    const dir = resolve(options.modelsDir);
    env.allowLocalModels = true;
    env.allowRemoteModels = options.allowRemote === true;
    env.localModelPath = `${dir}/`;
    env.cacheDir = dir;
    env.useFSCache = true;
    env.remoteHost = options.remoteHost ?? DEFAULT_REMOTE_HOST;
    try {
      return await fn();
    } finally {
      env.allowRemoteModels = false;
      env.remoteHost = DEFAULT_REMOTE_HOST;
    }
  };
  const result = envQueue.then(run, run);
  envQueue = result.catch(() => undefined);
  return result;
}

/** The onnxruntime-node module that transformers.js itself uses (same instance, so its sessions are interchangeable). */
export function loadOnnxRuntime(): OnnxRuntime {
  const fromHere = createRequire(import.meta.url);
  const fromTransformers = createRequire(fromHere.resolve("@xenova/transformers"));
  return fromTransformers("onnxruntime-node") as OnnxRuntime;
}

/**
 * Open an ONNX model from a file path on the CPU. transformers.js 2.17 creates sessions from a buffer, and
 * onnxruntime-node 1.14 ignores session options for buffers; from a path the thread count is honoured.
 */
export async function createOnnxSession(file: string, options: { threads?: number } = {}): Promise<OnnxSession> {
  const ort = loadOnnxRuntime();
  const sessionOptions: Record<string, unknown> = { executionProviders: ["cpu"] };
  if (options.threads !== undefined) {
    sessionOptions.intraOpNumThreads = options.threads;
    sessionOptions.interOpNumThreads = 1;
  }
  return ort.InferenceSession.create(file, sessionOptions);
}
