import { AppError } from "../errors.ts";
import type { Embedder } from "../embedder.ts";

/** Options for createBatchingEmbedder. */
export interface BatchingEmbedderOptions {
  /** Most texts in one inner call (default 32). A caller with more texts is split across batches. */
  maxBatch?: number;
  /** How long the first queued text waits for company before a partial batch runs (default 4 ms). */
  maxWaitMs?: number;
  /** Inner batches allowed to run at once (default 1); a worker pool inner embedder keeps one per worker busy. */
  maxInFlight?: number;
  /** Called with the size of each inner batch as it starts (metrics). */
  onBatch?: (size: number) => void;
}

/** An Embedder that groups concurrent calls; exposes counters for benchmarks. */
export interface BatchingEmbedder extends Embedder {
  /** Inner calls made and texts sent so far. */
  stats(): { batches: number; texts: number };
}

interface Caller {
  vectors: Float32Array[];
  remaining: number;
  settled: boolean;
  resolve: (vectors: Float32Array[]) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  caller: Caller;
  index: number;
  text: string;
  queuedAt: number;
}

/**
 * Micro-batch concurrent embed() calls: texts are queued for up to `maxWaitMs` or until `maxBatch` are waiting,
 * then run as one inner batch; each caller gets exactly its own vectors. Up to `maxInFlight` inner batches run at a
 * time (default one), and texts that arrive meanwhile form the next batch. An inner error rejects exactly the callers with texts in that batch.
 * @example const e = createBatchingEmbedder(inner, { maxBatch: 64, maxWaitMs: 4 }); await Promise.all(qs.map((q) => e.embed([q])));
 */
export function createBatchingEmbedder(inner: Embedder, options: BatchingEmbedderOptions = {}): BatchingEmbedder {
  const maxBatch = options.maxBatch ?? 32;
  const maxWaitMs = options.maxWaitMs ?? 4;
  const maxInFlight = options.maxInFlight ?? 1;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) {
    throw new AppError("CHAT_ERR_CONFIG", `Embedding maxBatch must be a positive integer, got ${maxBatch}.`);
  }
  if (!Number.isFinite(maxWaitMs) || maxWaitMs < 0) {
    throw new AppError("CHAT_ERR_CONFIG", `Embedding maxWaitMs must be a number >= 0, got ${maxWaitMs}.`);
  }
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
    throw new AppError("CHAT_ERR_CONFIG", `Embedding maxInFlight must be a positive integer, got ${maxInFlight}.`);
  }

  const queue: Slot[] = [];
  let timer: NodeJS.Timeout | undefined;
  let timerFired = false;
  let running = 0;
  let batches = 0;
  let sent = 0;

  const pump = (): void => {
    if (running >= maxInFlight || queue.length === 0) return;
    // Texts that queued while a batch ran count their wait from when they arrived, not from when it ended.
    const waitedMs = performance.now() - queue[0].queuedAt;
    if (queue.length < maxBatch && !timerFired && waitedMs < maxWaitMs) {
      timer ??= setTimeout(() => {
        timer = undefined;
        timerFired = true;
        pump();
      }, maxWaitMs - waitedMs);
      return;
    }
    if (timer) clearTimeout(timer);
    timer = undefined;
    timerFired = false;
    const slots = queue.splice(0, maxBatch);
    running++;
    batches++;
    sent += slots.length;
    options.onBatch?.(slots.length);
    void runBatch(slots).finally(() => {
      running--;
      pump();
    });
    pump(); // another batch may start at once when more are allowed in flight
  };

  const runBatch = async (slots: Slot[]): Promise<void> => {
    let vectors: Float32Array[];
    try {
      vectors = await inner.embed(slots.map((s) => s.text));
      if (vectors.length !== slots.length) {
        throw new AppError("CHAT_ERR_INTERNAL", `Embedder ${inner.name} returned ${vectors.length} vectors for ${slots.length} texts.`);
      }
    } catch (err) {
      for (const { caller } of slots) {
        if (!caller.settled) {
          caller.settled = true;
          caller.reject(err);
        }
      }
      return;
    }
    slots.forEach(({ caller, index }, i) => {
      if (caller.settled) return;
      caller.vectors[index] = vectors[i];
      if (--caller.remaining === 0) {
        caller.settled = true;
        caller.resolve(caller.vectors);
      }
    });
  };

  return {
    name: inner.name,
    dim: inner.dim,
    embed(texts: readonly string[]): Promise<Float32Array[]> {
      if (texts.length === 0) return Promise.resolve([]);
      return new Promise<Float32Array[]>((resolve, reject) => {
        const caller: Caller = { vectors: new Array(texts.length), remaining: texts.length, settled: false, resolve, reject };
        const queuedAt = performance.now();
        texts.forEach((text, index) => queue.push({ caller, index, text, queuedAt }));
        pump();
      });
    },
    stats() {
      return { batches, texts: sent };
    },
    async dispose(): Promise<void> {
      await inner.dispose?.();
    },
  };
}
