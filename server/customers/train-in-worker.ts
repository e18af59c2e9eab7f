import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { typescriptWorkerSource } from "../../models/embedders/index.ts";
import type { TrainingWorkerData, TrainingWorkerReply } from "./training-worker.ts";

const WORKER_URL = new URL("./training-worker.ts", import.meta.url).href;

// fmin's UMD bundle (models/customers/optimizer.ts) exports nothing when a worker imports it through tsx's scoped
// import, and Node's own ESM loader does not run its global branch either. The bootstrap (CommonJS, so it has
// `require`) evaluates the bundle with a CommonJS `module` and leaves it on globalThis.fmin, where optimizer.ts looks.
const FMIN_FILE = createRequire(import.meta.url).resolve("fmin");
const workerSource = () =>
  `{ const m = { exports: {} }; new Function("exports", "module", require("node:fs").readFileSync(${JSON.stringify(FMIN_FILE)}, "utf8"))(m.exports, m); globalThis.fmin = m.exports; }\n` +
  typescriptWorkerSource(WORKER_URL);

/**
 * Train the customer models on a worker thread (its own database connection and embedder) and resolve once the new
 * artifact is written; the caller then reloads it (`insights.reload()`). Training is CPU-bound and synchronous for
 * long stretches, so on the main thread it would stall every chat for its whole duration.
 * @example await trainInWorker({ storage: storageOptionsFor(config.database), artifactsDir, embedder: { spec: "use-lite", modelsDir, allowRemote: false } });
 */
export function trainInWorker(data: TrainingWorkerData, options: { signal?: AbortSignal } = {}): Promise<Extract<TrainingWorkerReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new Error("customer model training was stopped"));
    const worker = new Worker(workerSource(), { eval: true, workerData: data });
    let settled = false;
    // Stopping ends the worker at once; the artifact on disk is only ever replaced whole (temp file + rename).
    options.signal?.addEventListener("abort", () => {
      if (!settled) (settled = true), reject(new Error("customer model training was stopped"));
      void worker.terminate();
    }, { once: true });
    worker.once("message", (reply: TrainingWorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply);
      else reject(new Error(`customer model training failed: ${reply.message}`));
      void worker.terminate();
    });
    worker.once("error", (err) => {
      if (!settled) (settled = true), reject(err);
    });
    worker.once("exit", (code) => {
      if (!settled) (settled = true), reject(new Error(`customer model training worker exited with code ${code} before answering`));
    });
  });
}
