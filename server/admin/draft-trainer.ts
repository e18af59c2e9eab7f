/**
 * Training drafts off the main thread: embedding a draft's FAQ and training its entry classifier (and, when its intent
 * examples changed, its intent model) takes seconds of CPU, which on the main thread would hold up every shopper's
 * message meanwhile. One worker thread, started on first use and stopped when idle, does it instead.
 */
import { Worker } from "node:worker_threads";
import type { IntentClassifierArtifact } from "../../models/intents/index.ts";
import { typescriptWorkerSource } from "../../models/embedders/index.ts";
import { AppError, ERROR_CATALOGUE, type ErrorCode } from "../errors.ts";
import type { FaqEntry, IntentDefinition, TrainedKnowledge } from "../retrieval/index.ts";

/** What the trainer's worker is started with. */
export interface TrainerWorkerData {
  /** The embedder spec, as configured (`use-lite`, `transformers:<model>`): the same model as the live index. */
  embedder: string;
  modelsDir?: string;
  allowRemote?: boolean;
}

/** What a job asks the worker to train. */
export type TrainerJobBody = { kind: "index"; faq: FaqEntry[]; negatives: string[] } | { kind: "intents"; intents: IntentDefinition[]; seed: number };

/** A job for the worker. */
export type TrainerJob = TrainerJobBody & { id: number };

/** The worker's answer to a job. */
export type TrainerReply =
  | { id: number; ok: true; trained?: TrainedKnowledge; intents?: IntentClassifierArtifact }
  | { id: number; ok: false; message: string; code?: string };

/** Trains draft indexes and intent models on a worker thread. */
export interface DraftTrainer {
  /** What buildKnowledgeIndex learns for these entries (pass it back as `trained`). */
  trainIndex(faq: readonly FaqEntry[], negatives: readonly string[]): Promise<TrainedKnowledge>;
  /** An intent model trained as the live one is (load it with loadIntentClassifier). */
  trainIntents(intents: readonly IntentDefinition[], seed: number): Promise<IntentClassifierArtifact>;
  close(): Promise<void>;
}

const WORKER_URL = new URL("./draft-trainer-worker.ts", import.meta.url).href;

/**
 * Create the trainer. The worker loads its own copy of the embedder on first use and is stopped after `idleMs`
 * (default 10 minutes) without work; a crashed worker fails its jobs and is started again for the next.
 * @example const trainer = createDraftTrainer({ embedder: config.embedder, modelsDir: config.modelsDir });
 */
export function createDraftTrainer(options: TrainerWorkerData & { idleMs?: number }): DraftTrainer {
  const data: TrainerWorkerData = { embedder: options.embedder, modelsDir: options.modelsDir, allowRemote: options.allowRemote };
  const pending = new Map<number, { worker: Worker; resolve: (r: TrainerReply & { ok: true }) => void; reject: (e: Error) => void }>();
  let worker: Worker | undefined;
  let nextId = 1;
  let idle: NodeJS.Timeout | undefined;

  function start(): Worker {
    const w = new Worker(typescriptWorkerSource(WORKER_URL), { eval: true, workerData: data });
    w.on("message", (reply: TrainerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply);
      else p.reject(reply.code !== undefined && reply.code in ERROR_CATALOGUE ? new AppError(reply.code as ErrorCode, reply.message) : new AppError("CHAT_ERR_INTERNAL", `draft training failed: ${reply.message}`));
      armIdle();
    });
    const fail = (err: Error) => {
      if (worker === w) worker = undefined;
      // Only this worker's jobs: a worker stopped when idle exits after a new one may have taken jobs.
      for (const [id, p] of pending) {
        if (p.worker !== w) continue;
        pending.delete(id);
        p.reject(new AppError("CHAT_ERR_INTERNAL", `the draft training worker stopped: ${err.message}`, { cause: err }));
      }
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`exit code ${code}`)));
    // An idle worker never keeps the process alive.
    w.unref();
    return w;
  }

  function armIdle() {
    clearTimeout(idle);
    if (pending.size) return;
    idle = setTimeout(() => void close(), options.idleMs ?? 600_000);
    idle.unref();
  }

  function send(job: TrainerJobBody): Promise<TrainerReply & { ok: true }> {
    clearTimeout(idle);
    const w = (worker ??= start());
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { worker: w, resolve, reject });
      w.postMessage({ ...job, id });
    });
  }

  async function close(): Promise<void> {
    clearTimeout(idle);
    const w = worker;
    worker = undefined;
    await w?.terminate();
  }

  return {
    async trainIndex(faq, negatives) {
      const r = await send({ kind: "index", faq: [...faq], negatives: [...negatives] });
      return r.trained!;
    },
    async trainIntents(intents, seed) {
      const r = await send({ kind: "intents", intents: [...intents], seed });
      return r.intents!;
    },
    close,
  };
}
