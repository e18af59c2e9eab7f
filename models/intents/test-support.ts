import type { Embedder } from "../embedder.ts";
import { createRandom, gaussian } from "./random.ts";

/** Synthetic, learnable data for tests: unit vectors scattered around one random unit centre per class. */
export function makeClusters(options: { classes: number; perClass: number; dim: number; noise: number; seed: number }): { vectors: Float32Array[]; labels: string[]; centres: Float32Array[] } {
  const rand = createRandom(options.seed);
  const unit = (v: Float32Array) => {
    let s = 0;
    for (const x of v) s += x * x;
    const n = Math.sqrt(s) || 1;
    for (let i = 0; i < v.length; i++) v[i] /= n;
    return v;
  };
  const centres = Array.from({ length: options.classes }, () => unit(Float32Array.from({ length: options.dim }, () => gaussian(rand))));
  const vectors: Float32Array[] = [];
  const labels: string[] = [];
  for (let n = 0; n < options.perClass; n++) {
    centres.forEach((c, k) => {
      vectors.push(unit(Float32Array.from(c, (x) => x + gaussian(rand) * options.noise)));
      labels.push(`intent_${k}`);
    });
  }
  return { vectors, labels, centres };
}

/**
 * A deterministic bag-of-words test embedder: each known word adds its fixed random direction; unknown words add
 * their own hashed direction. Used only by tests, which must not need a real model.
 */
export function createBagOfWordsTestEmbedder(dim = 32, seed = 3): Embedder {
  const cache = new Map<string, Float32Array>();
  const direction = (word: string) => {
    let v = cache.get(word);
    if (!v) {
      let h = seed;
      for (const ch of word) h = Math.imul(h ^ ch.charCodeAt(0), 2654435761) >>> 0;
      const rand = createRandom(h);
      v = Float32Array.from({ length: dim }, () => gaussian(rand));
      cache.set(word, v);
    }
    return v;
  };
  return {
    name: "test-bag-of-words",
    dim,
    async embed(texts) {
      return texts.map((t) => {
        const out = new Float32Array(dim);
        for (const w of t.toLowerCase().match(/[a-z]+/g) ?? []) {
          const d = direction(w);
          for (let i = 0; i < dim; i++) out[i] += d[i];
        }
        let s = 0;
        for (const x of out) s += x * x;
        const n = Math.sqrt(s) || 1;
        return out.map((x) => x / n);
      });
    },
  };
}
