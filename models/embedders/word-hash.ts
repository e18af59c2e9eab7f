import { normalize, type Embedder } from "../embedder.ts";

/**
 * A deterministic bag-of-words embedder (words hashed into `dim` buckets, unit-normalised): no weights, no
 * meaning beyond shared words. For tests of code that needs an Embedder but not a language model.
 * @example const e = createWordHashEmbedder(64); await e.embed(["trail shoes"]);
 */
export function createWordHashEmbedder(dim = 64): Embedder {
  return {
    name: "test-words",
    dim,
    async embed(texts) {
      return texts.map((t) => {
        const v = new Float32Array(dim);
        for (const w of t.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)) {
          let h = 7;
          for (const ch of w) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
          v[h % dim] += 1;
        }
        return normalize(v);
      });
    },
  };
}
