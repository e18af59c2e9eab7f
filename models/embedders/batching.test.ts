import { describe, expect, it } from "vitest";
import { normalize, type Embedder } from "../embedder.ts";
import { createBatchingEmbedder } from "./batching.ts";
import { runEmbedderContract } from "./embedder.contract.ts";

/** A test embedder: each text's number ("t17" -> 17) plus a character histogram; records every batch. */
function numberEmbedder(options: { failWhen?: (texts: readonly string[]) => boolean; delayMs?: number } = {}): Embedder & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    name: "numbers",
    dim: 8,
    batches,
    async embed(texts) {
      batches.push([...texts]);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (options.failWhen?.(texts)) throw new Error(`batch failed: ${texts.join(",")}`);
      return texts.map((t) => {
        const n = Number(t.replace(/\D/g, "") || 0);
        const v = new Float32Array(8);
        v[0] = 1;
        v[1] = n;
        for (const ch of t) v[2 + ((ch.codePointAt(0) ?? 0) % 6)] += 1;
        return normalize(v);
      });
    },
  };
}

const idOf = (v: Float32Array): number => Math.round(v[1] / v[0]);

runEmbedderContract("batcher over a number embedder", async () => createBatchingEmbedder(numberEmbedder(), { maxBatch: 4 }));

describe("createBatchingEmbedder", () => {
  it("gives every concurrent caller exactly its own vectors, in order", async () => {
    const e = createBatchingEmbedder(numberEmbedder(), { maxBatch: 8 });
    const requests = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? [`t${i}`, `t${i + 100}`] : [`t${i}`]));
    const results = await Promise.all(requests.map((r) => e.embed(r)));
    results.forEach((vectors, i) => expect(vectors.map(idOf)).toEqual(requests[i].map((t) => Number(t.slice(1)))));
  });

  it("calls the inner embedder fewer times than there are callers", async () => {
    const inner = numberEmbedder({ delayMs: 2 });
    const e = createBatchingEmbedder(inner, { maxBatch: 16, maxWaitMs: 4 });
    await Promise.all(Array.from({ length: 64 }, (_, i) => e.embed([`t${i}`])));
    expect(inner.batches.length).toBeLessThanOrEqual(8);
    expect(e.stats()).toEqual({ batches: inner.batches.length, texts: 64 });
  });

  it("never sends more than maxBatch texts in one inner call, splitting a large caller", async () => {
    const inner = numberEmbedder();
    const e = createBatchingEmbedder(inner, { maxBatch: 5 });
    const big = Array.from({ length: 12 }, (_, i) => `t${i}`);
    const [a, b] = await Promise.all([e.embed(big), e.embed(["t50", "t51", "t52"])]);
    expect(Math.max(...inner.batches.map((x) => x.length))).toBeLessThanOrEqual(5);
    expect(inner.batches.flat()).toHaveLength(15);
    expect(a.map(idOf)).toEqual(big.map((_, i) => i));
    expect(b.map(idOf)).toEqual([50, 51, 52]);
  });

  it("rejects exactly the callers whose texts were in a failed batch, and keeps working", async () => {
    const inner = numberEmbedder({ failWhen: (texts) => texts.includes("bad") });
    const e = createBatchingEmbedder(inner, { maxBatch: 3, maxWaitMs: 1 });
    const calls = [["t1"], ["bad"], ["t2"], ["t3"], ["t4"], ["t5"]].map((t) => e.embed(t));
    const settled = await Promise.allSettled(calls);
    // Queue order fills batches [t1, bad, t2] and [t3, t4, t5].
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(String((settled[0] as PromiseRejectedResult).reason)).toContain("batch failed");
    expect((await e.embed(["t9"])).map(idOf)).toEqual([9]);
  });

  it("runs a lone call after maxWaitMs without waiting for a full batch", async () => {
    const inner = numberEmbedder();
    const e = createBatchingEmbedder(inner, { maxBatch: 1000, maxWaitMs: 5 });
    const started = performance.now();
    expect((await e.embed(["t3"])).map(idOf)).toEqual([3]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(inner.batches).toEqual([["t3"]]);
  });

  it("fails a caller when the inner embedder returns the wrong number of vectors", async () => {
    const broken: Embedder = { name: "broken", dim: 4, embed: async () => [] };
    await expect(createBatchingEmbedder(broken).embed(["a"])).rejects.toThrow(/returned 0 vectors for 1/);
  });

  it("runs up to maxInFlight inner batches at once, and only one by default", async () => {
    const peak = async (maxInFlight?: number): Promise<number> => {
      let now = 0;
      let most = 0;
      const inner = numberEmbedder({ delayMs: 10 });
      const counting: Embedder = {
        name: inner.name,
        dim: inner.dim,
        async embed(texts) {
          most = Math.max(most, ++now);
          try {
            return await inner.embed(texts);
          } finally {
            now--;
          }
        },
      };
      const e = createBatchingEmbedder(counting, { maxBatch: 4, maxWaitMs: 1, maxInFlight });
      const requests = Array.from({ length: 24 }, (_, i) => `t${i}`);
      const results = await Promise.all(requests.map((t) => e.embed([t])));
      results.forEach(([v], i) => expect(idOf(v)).toBe(i));
      return most;
    };
    expect(await peak()).toBe(1);
    expect(await peak(3)).toBe(3);
  });

  it("rejects invalid options", () => {
    expect(() => createBatchingEmbedder(numberEmbedder(), { maxBatch: 0 })).toThrow(/maxBatch/);
    expect(() => createBatchingEmbedder(numberEmbedder(), { maxInFlight: 0 })).toThrow(/maxInFlight/);
    expect(() => createBatchingEmbedder(numberEmbedder(), { maxWaitMs: -1 })).toThrow(/maxWaitMs/);
  });
});
