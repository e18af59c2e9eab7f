import { describe, expect, it } from "vitest";
import { dot, type Embedder } from "../embedder.ts";
import { createBatchingEmbedder } from "./batching.ts";
import { createCachedEmbedder } from "./cached.ts";
import { runEmbedderContract } from "./embedder.contract.ts";
import { createUseLiteEmbedder } from "./use-lite.ts";

// One model load for the whole file: USE-lite takes a second or two to initialise.
let shared: Promise<Embedder> | undefined;
const useLite = (): Promise<Embedder> => (shared ??= createUseLiteEmbedder());
const keepOpen = (e: Embedder): Embedder => ({ name: e.name, dim: e.dim, embed: (t) => e.embed(t) });

runEmbedderContract("use-lite", async () => keepOpen(await useLite()));
// Graph runs of 2 make the contract's 5-text batches take the sort-and-split path.
runEmbedderContract("use-lite in graph runs of 2", () => createUseLiteEmbedder({ maxGraphBatch: 2 }));
runEmbedderContract("use-lite behind batcher and cache", async () => createCachedEmbedder(createBatchingEmbedder(keepOpen(await useLite()))));

describe("use-lite meaning", () => {
  it("puts a shipping question closer to shipping than to a password reset", async () => {
    const e = await useLite();
    const [question, shipping, password] = await e.embed(["do you ship to Canada?", "shipping to canada", "reset my password"]);
    expect(e.dim).toBe(512);
    expect(dot(question, shipping)).toBeGreaterThan(dot(question, password) + 0.1);
  });
});
