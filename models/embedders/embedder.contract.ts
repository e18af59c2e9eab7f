import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dot, type Embedder } from "../embedder.ts";

const SENTENCES = [
  "do you ship to Canada?",
  "I want to return my jacket",
  "reset my password",
  "where is my order 1042",
  "Hiking boots in size 44, please!",
];

function norm(v: Float32Array): number {
  return Math.sqrt(dot(v, v));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/**
 * The behaviour every Embedder must show; call once per implementation (the factory runs once, in beforeAll).
 * @example runEmbedderContract("use-lite", () => createUseLiteEmbedder());
 */
export function runEmbedderContract(name: string, factory: () => Promise<Embedder>): void {
  describe(`Embedder contract: ${name}`, () => {
    let embedder: Embedder;
    beforeAll(async () => {
      embedder = await factory();
    });
    afterAll(async () => {
      await embedder?.dispose?.();
    });

    it("has a name and a positive integer dim that every vector matches", async () => {
      expect(embedder.name.length).toBeGreaterThan(0);
      expect(Number.isInteger(embedder.dim) && embedder.dim > 0).toBe(true);
      const vectors = await embedder.embed(SENTENCES);
      expect(vectors).toHaveLength(SENTENCES.length);
      for (const v of vectors) {
        expect(v).toBeInstanceOf(Float32Array);
        expect(v.length).toBe(embedder.dim);
      }
    });

    it("returns unit-norm vectors with finite values", async () => {
      for (const v of await embedder.embed(SENTENCES)) {
        expect(v.every(Number.isFinite)).toBe(true);
        expect(norm(v)).toBeCloseTo(1, 4);
      }
    });

    it("gives the same vectors for the same input every time", async () => {
      const a = await embedder.embed(SENTENCES);
      const b = await embedder.embed(SENTENCES);
      a.forEach((v, i) => expect(maxAbsDiff(v, b[i])).toBeLessThan(1e-6));
    });

    it("gives the same vector for a text in a batch as alone, within 1e-4", async () => {
      const batch = await embedder.embed(SENTENCES);
      for (let i = 0; i < SENTENCES.length; i++) {
        const [single] = await embedder.embed([SENTENCES[i]]);
        expect(maxAbsDiff(batch[i], single)).toBeLessThan(1e-4);
      }
    });

    it("returns an empty array for an empty batch", async () => {
      expect(await embedder.embed([])).toEqual([]);
    });

    it("keeps results in input order and gives different texts different vectors", async () => {
      const forward = await embedder.embed(SENTENCES);
      const reversed = await embedder.embed([...SENTENCES].reverse());
      forward.forEach((v, i) => expect(maxAbsDiff(v, reversed[SENTENCES.length - 1 - i])).toBeLessThan(1e-4));
      for (let i = 1; i < forward.length; i++) expect(dot(forward[0], forward[i])).toBeLessThan(0.9999);
    });

    it("embeds an empty or blank string as a finite unit vector without failing the batch", async () => {
      const [empty, blank, text] = await embedder.embed(["", "   ", SENTENCES[0]]);
      for (const v of [empty, blank]) {
        expect(v.length).toBe(embedder.dim);
        expect(v.every(Number.isFinite)).toBe(true);
        expect(norm(v)).toBeCloseTo(1, 4);
      }
      const [alone] = await embedder.embed([SENTENCES[0]]);
      expect(maxAbsDiff(text, alone)).toBeLessThan(1e-4);
    });
  });
}
