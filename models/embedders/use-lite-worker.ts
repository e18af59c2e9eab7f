/**
 * Worker-thread entry for createWorkerPoolEmbedder: loads its own USE-lite model, then embeds each job it is sent and
 * answers with the vectors, transferring their buffers instead of copying them. Not imported by anything else.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { isAppError } from "../errors.ts";
import { createUseLiteEmbedder, type UseLiteEmbedderOptions } from "./use-lite.ts";

/** A job from the pool: embed `texts` and answer with the same `id`. */
export interface WorkerJob {
  id: number;
  texts: readonly string[];
}

/** What the worker posts back to the pool. */
export type WorkerReply =
  | { type: "ready" }
  | { type: "init-error"; message: string; code?: string }
  | { type: "result"; id: number; vectors: Float32Array[] }
  | { type: "error"; id: number; message: string; code?: string };

/** The data a pool hands its workers at start-up. */
export interface UseLiteWorkerData {
  options: UseLiteEmbedderOptions;
}

function describeError(err: unknown): { message: string; code?: string } {
  return { message: err instanceof Error ? err.message : String(err), code: isAppError(err) ? err.code : undefined };
}

async function serve(): Promise<void> {
  const port = parentPort!;
  const data = workerData as UseLiteWorkerData;
  let embedder;
  try {
    embedder = await createUseLiteEmbedder(data.options);
  } catch (err) {
    port.postMessage({ type: "init-error", ...describeError(err) } satisfies WorkerReply);
    return;
  }
  const model = embedder;
  // One job at a time: the pool sends a worker its next job only after this one's reply.
  port.on("message", (job: WorkerJob) => {
    model.embed(job.texts).then(
      (vectors) => {
        // Each vector owns its whole buffer (use-lite builds it with Float32Array.from), so every buffer can move.
        const owned = vectors.map((v) => (v.byteOffset === 0 && v.buffer.byteLength === v.byteLength ? v : v.slice()));
        port.postMessage({ type: "result", id: job.id, vectors: owned } satisfies WorkerReply, owned.map((v) => v.buffer as ArrayBuffer));
      },
      (err: unknown) => port.postMessage({ type: "error", id: job.id, ...describeError(err) } satisfies WorkerReply),
    );
  });
  port.postMessage({ type: "ready" } satisfies WorkerReply);
}

if (!isMainThread && parentPort) void serve();
