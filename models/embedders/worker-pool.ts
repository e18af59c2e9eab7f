import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, ERROR_CATALOGUE, type ErrorCode } from "../errors.ts";
import type { Embedder } from "../embedder.ts";
import type { UseLiteWorkerData, WorkerJob, WorkerReply } from "./use-lite-worker.ts";

/** Options for createWorkerPoolEmbedder. */
export interface WorkerPoolEmbedderOptions {
  /** Worker threads, each with its own model (default 2). */
  workers?: number;
  /** A call is split into at most one chunk per worker, each of at least this many texts (default 16, USE-lite's graph run). */
  minChunk?: number;
  /** Passed to each worker's USE-lite model (see UseLiteEmbedderOptions). */
  maxGraphBatch?: number;
}

/** An Embedder backed by worker threads; exposes counters for benchmarks and tests. */
export interface WorkerPoolEmbedder extends Embedder {
  /** Live workers, jobs sent, texts sent and workers replaced after a crash so far. */
  stats(): { workers: number; jobs: number; texts: number; restarts: number };
  /** Reject queued and running calls and terminate every worker. */
  dispose(): Promise<void>;
}

interface Job {
  id: number;
  texts: readonly string[];
  /** Set when a sibling chunk of the same call failed: the job is dropped instead of run. */
  call: { failed: boolean };
  resolve: (vectors: Float32Array[]) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

const WORKER_URL = new URL("./use-lite-worker.ts", import.meta.url).href;

// The worker is TypeScript. A worker's `--import tsx` loader is not applied to its entry module on Node 20, and
// vitest's transform does not reach worker threads, so a two-line JavaScript bootstrap loads the entry through tsx's
// tsImport (scoped to that import and everything it imports), which works the same under `tsx` and under vitest.
// Built on first use, so importing this module never touches tsx.
function workerBootstrap(): string {
  return typescriptWorkerSource(WORKER_URL);
}

/**
 * The source of a worker (`new Worker(source, { eval: true })`) that runs the TypeScript module at `entryUrl` through
 * tsx, under `tsx` and under vitest alike (see above).
 */
export function typescriptWorkerSource(entryUrl: string): string {
  const tsxApi = JSON.stringify(resolveImport("tsx/esm/api"));
  return `import(${tsxApi}).then((tsx) => tsx.tsImport(${JSON.stringify(entryUrl)}, ${JSON.stringify(entryUrl)}));`;
}

/** The file URL that `import(specifier)` loads from this module: require.resolve would pick the CommonJS build. */
function resolveImport(specifier: string): string {
  const [scopeOrName, ...rest] = specifier.split("/");
  const pkgName = scopeOrName.startsWith("@") ? `${scopeOrName}/${rest.shift()}` : scopeOrName;
  const pkgJson = createRequire(import.meta.url).resolve(`${pkgName}/package.json`);
  const { exports } = JSON.parse(readFileSync(pkgJson, "utf8")) as { exports: Record<string, { import: { default: string } }> };
  const target = exports[["."].concat(rest).join("/")]?.import?.default;
  if (!target) throw new AppError("CHAT_ERR_MODEL_UNAVAILABLE", `Cannot find the ESM entry of ${specifier} in ${pkgJson}.`);
  return new URL(target, pathToFileURL(pkgJson)).href;
}

function replyError(reply: { message: string; code?: string }, context: string): Error {
  const message = `${context}: ${reply.message}`;
  return reply.code !== undefined && reply.code in ERROR_CATALOGUE ? new AppError(reply.code as ErrorCode, message) : new AppError("CHAT_ERR_INTERNAL", message);
}

/**
 * Embed on N worker threads, each running its own USE-lite model, so concurrent or large calls use every core
 * (tfjs's WASM backend runs single-threaded). A call is split into one chunk per worker (texts dealt by length, so the
 * chunks cost about the same) that idle workers take from a shared queue. Results keep input order, vector buffers are
 * transferred rather than copied, a failing chunk rejects only its own call, and a crashed worker is replaced.
 * @example const e = await createWorkerPoolEmbedder("use-lite", { workers: 2 }); const v = await e.embed(texts); await e.dispose();
 */
export async function createWorkerPoolEmbedder(spec: "use-lite", options: WorkerPoolEmbedderOptions = {}): Promise<WorkerPoolEmbedder> {
  const size = options.workers ?? 2;
  const minChunk = options.minChunk ?? 16;
  if (spec !== "use-lite") throw new AppError("CHAT_ERR_CONFIG", `The worker pool runs only "use-lite", got "${String(spec)}".`);
  if (!Number.isInteger(size) || size < 1) throw new AppError("CHAT_ERR_CONFIG", `Embedder workers must be a positive integer, got ${size}.`);
  if (!Number.isInteger(minChunk) || minChunk < 1) throw new AppError("CHAT_ERR_CONFIG", `Worker pool minChunk must be a positive integer, got ${minChunk}.`);
  const bootstrapCode = workerBootstrap();
  const workerData: UseLiteWorkerData = { options: options.maxGraphBatch === undefined ? {} : { maxGraphBatch: options.maxGraphBatch } };

  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let disposed = false;
  let fatal: Error | undefined;
  let nextId = 0;
  let jobs = 0;
  let sent = 0;
  let restarts = 0;

  const pump = (): void => {
    for (const slot of slots) {
      if (slot.job) continue;
      let job = queue.shift();
      while (job?.call.failed) job = queue.shift();
      if (!job) return;
      slot.job = job;
      jobs++;
      sent += job.texts.length;
      slot.worker.postMessage({ id: job.id, texts: job.texts } satisfies WorkerJob);
    }
  };

  const failAll = (err: Error): void => {
    fatal = err;
    for (const job of queue.splice(0)) job.reject(err);
  };

  // Start one worker; resolves once its model is loaded, rejects if loading fails.
  const spawn = (): Promise<Slot> =>
    new Promise<Slot>((resolve, reject) => {
      const worker = new Worker(bootstrapCode, { eval: true, workerData });
      const slot: Slot = { worker };
      let ready = false;
      worker.on("message", (reply: WorkerReply) => {
        if (reply.type === "ready") {
          ready = true;
          resolve(slot);
        } else if (reply.type === "init-error") {
          reject(replyError(reply, "USE-lite worker could not load its model"));
          void worker.terminate();
        } else {
          const job = slot.job;
          slot.job = undefined;
          if (job && job.id === reply.id) {
            if (reply.type === "result") job.resolve(reply.vectors);
            else job.reject(replyError(reply, "USE-lite worker failed on a batch"));
          }
          pump();
        }
      });
      worker.on("error", (err) => {
        const wrapped = new AppError("CHAT_ERR_INTERNAL", `USE-lite worker crashed: ${err.message}`, { cause: err });
        if (!ready) reject(new AppError("CHAT_ERR_MODEL_UNAVAILABLE", `USE-lite worker failed to start: ${err.message}`, { cause: err }));
        slot.job?.reject(wrapped);
        slot.job = undefined;
      });
      worker.on("exit", (code) => {
        if (!ready) reject(new AppError("CHAT_ERR_MODEL_UNAVAILABLE", `USE-lite worker exited with code ${code} before its model loaded.`));
        if (!slots.delete(slot) || disposed) return;
        slot.job?.reject(new AppError("CHAT_ERR_INTERNAL", `USE-lite worker exited with code ${code} during a batch.`));
        slot.job = undefined;
        // Replace the lost worker; queued jobs wait for it or run on the others meanwhile.
        restarts++;
        spawn().then(
          (replacement) => {
            if (disposed) return void replacement.worker.terminate();
            slots.add(replacement);
            pump();
          },
          (err: Error) => {
            if (slots.size === 0) failAll(err);
          },
        );
      });
    });

  const started = await Promise.allSettled(Array.from({ length: size }, spawn));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failure) {
    disposed = true;
    await Promise.all(started.map((s) => (s.status === "fulfilled" ? s.value.worker.terminate() : undefined)));
    throw failure.reason;
  }
  for (const s of started) if (s.status === "fulfilled") slots.add(s.value);

  const enqueue = (texts: readonly string[], call: { failed: boolean }): Promise<Float32Array[]> =>
    new Promise<Float32Array[]>((resolve, reject) => {
      queue.push({ id: nextId++, texts, call, resolve, reject });
    });

  return {
    name: "use-lite",
    dim: 512,
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      if (texts.length === 0) return [];
      if (disposed) throw new AppError("CHAT_ERR_INTERNAL", "The USE-lite worker pool has been disposed.");
      if (fatal) throw fatal;
      // Split even when every worker is busy: the chunks queue, and whichever workers free up first take them, so
      // concurrent calls interleave instead of one whole call landing on one worker while another worker idles.
      const parts = Math.max(1, Math.min(size, Math.floor(texts.length / minChunk)));
      const call = { failed: false };
      let chunks: number[][];
      if (parts === 1) {
        chunks = [texts.map((_, i) => i)];
      } else {
        // Deal texts sorted by length round-robin, so every chunk gets a similar mix of short and long texts.
        const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
        chunks = Array.from({ length: parts }, () => []);
        order.forEach((i, k) => chunks[k % parts].push(i));
      }
      const out = new Array<Float32Array>(texts.length);
      const pending = Promise.all(
        chunks.map(async (chunk) => {
          const vectors = await enqueue(parts === 1 ? texts : chunk.map((i) => texts[i]), call);
          if (vectors.length !== chunk.length) {
            throw new AppError("CHAT_ERR_INTERNAL", `USE-lite worker returned ${vectors.length} vectors for ${chunk.length} texts.`);
          }
          chunk.forEach((i, k) => (out[i] = vectors[k]));
        }),
      );
      pump();
      try {
        await pending;
      } catch (err) {
        call.failed = true;
        throw err;
      }
      return out;
    },
    stats() {
      return { workers: slots.size, jobs, texts: sent, restarts };
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      failAll(new AppError("CHAT_ERR_INTERNAL", "The USE-lite worker pool was disposed before this batch ran."));
      const running = [...slots];
      slots.clear();
      for (const slot of running) slot.job?.reject(new AppError("CHAT_ERR_INTERNAL", "The USE-lite worker pool was disposed during this batch."));
      await Promise.all(running.map((slot) => slot.worker.terminate()));
    },
  };
}
