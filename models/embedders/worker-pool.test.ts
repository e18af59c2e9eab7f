import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isAppError } from "../errors.ts";
import type { Embedder } from "../embedder.ts";
import { runEmbedderContract } from "./embedder.contract.ts";
import { createEmbedder } from "./index.ts";
import { createUseLiteEmbedder } from "./use-lite.ts";
import { createWorkerPoolEmbedder, type WorkerPoolEmbedder } from "./worker-pool.ts";

runEmbedderContract("use-lite worker pool, 2 workers", () => createWorkerPoolEmbedder("use-lite", { workers: 2 }));
runEmbedderContract("createEmbedder(use-lite, 2 workers): cache -> batcher -> pool", () => createEmbedder("use-lite", { workers: 2 }));

const TEXTS = Array.from({ length: 40 }, (_, i) => `where is order ${1000 + i}${i % 3 === 0 ? ", it was due last week and nobody answers" : ""}?`);

function maxAbsDiff(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  let m = 0;
  a.forEach((v, i) => v.forEach((x, j) => (m = Math.max(m, Math.abs(x - b[i][j])))));
  return m;
}

describe("createWorkerPoolEmbedder", () => {
  let pool: WorkerPoolEmbedder;
  let local: Embedder;
  let expected: Float32Array[];
  beforeAll(async () => {
    [pool, local] = await Promise.all([createWorkerPoolEmbedder("use-lite", { workers: 2, minChunk: 4 }), createUseLiteEmbedder()]);
    expected = await local.embed(TEXTS);
  });
  afterAll(async () => {
    await pool?.dispose();
  });

  it("splits a large batch across both workers and returns the in-process model's vectors in input order", async () => {
    const before = pool.stats();
    const vectors = await pool.embed(TEXTS);
    expect(pool.stats().jobs - before.jobs).toBe(2);
    expect(pool.stats().texts - before.texts).toBe(TEXTS.length);
    expect(maxAbsDiff(vectors, expected)).toBeLessThan(1e-4);
  });

  it("answers many concurrent calls, each with exactly its own vectors", async () => {
    const calls = Array.from({ length: 8 }, (_, c) => TEXTS.filter((_, i) => i % 8 === c));
    const results = await Promise.all(calls.map((texts) => pool.embed(texts)));
    results.forEach((vectors, c) => expect(maxAbsDiff(vectors, expected.filter((_, i) => i % 8 === c))).toBeLessThan(1e-4));
  });

  it("rejects only the call whose batch fails in a worker, and keeps serving", async () => {
    const [bad, good] = await Promise.allSettled([pool.embed(["fine", 42 as unknown as string]), pool.embed(TEXTS.slice(0, 3))]);
    expect(bad.status).toBe("rejected");
    expect(isAppError((bad as PromiseRejectedResult).reason, "CHAT_ERR_INTERNAL")).toBe(true);
    expect(good.status).toBe("fulfilled");
    expect(maxAbsDiff((good as PromiseFulfilledResult<Float32Array[]>).value, expected.slice(0, 3))).toBeLessThan(1e-4);
    expect(maxAbsDiff(await pool.embed(TEXTS), expected)).toBeLessThan(1e-4);
    expect(pool.stats()).toMatchObject({ workers: 2, restarts: 0 });
  });

  it("rejects the call of a worker that dies mid-batch, replaces the worker and keeps serving", async () => {
    const crashing = await createWorkerPoolEmbedder("use-lite", { workers: 1 });
    // Fault injection: the first job sent kills its worker, as an out-of-memory abort would.
    const post = Worker.prototype.postMessage;
    const spy = vi.spyOn(Worker.prototype, "postMessage").mockImplementationOnce(function (this: Worker) {
      void this.terminate();
    });
    try {
      const err = await crashing.embed(TEXTS.slice(0, 2)).catch((e: unknown) => e);
      expect(isAppError(err, "CHAT_ERR_INTERNAL")).toBe(true);
      expect(String((err as Error).message)).toMatch(/exited with code 1 during a batch/);
      spy.mockImplementation(post);
      expect(maxAbsDiff(await crashing.embed(TEXTS.slice(0, 2)), expected.slice(0, 2))).toBeLessThan(1e-4);
      expect(crashing.stats()).toMatchObject({ workers: 1, restarts: 1 });
    } finally {
      spy.mockRestore();
      await crashing.dispose();
    }
  });

  it("rejects a bad worker count or spec with CHAT_ERR_CONFIG", async () => {
    for (const workers of [0, 1.5, -2]) {
      const err = await createWorkerPoolEmbedder("use-lite", { workers }).catch((e: unknown) => e);
      expect(isAppError(err, "CHAT_ERR_CONFIG")).toBe(true);
    }
    const spec = await createWorkerPoolEmbedder("tiny" as "use-lite").catch((e: unknown) => e);
    expect(isAppError(spec, "CHAT_ERR_CONFIG")).toBe(true);
    const factory = await createEmbedder("transformers:tiny-bert", { workers: 2 }).catch((e: unknown) => e);
    expect(isAppError(factory, "CHAT_ERR_CONFIG")).toBe(true);
  });

  it("terminates its workers on dispose and rejects later calls", async () => {
    const short = await createWorkerPoolEmbedder("use-lite", { workers: 1 });
    expect(short.stats().workers).toBe(1);
    const running = expect(short.embed(TEXTS)).rejects.toThrow(/disposed during this batch/);
    await short.dispose();
    await running;
    expect(short.stats().workers).toBe(0);
    await expect(short.embed(["hello"])).rejects.toThrow(/disposed/);
  });
});
