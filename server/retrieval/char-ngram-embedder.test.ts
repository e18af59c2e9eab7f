import { describe, expect, it } from "vitest";
import { dot } from "../../models/embedder.ts";
import { createCharNgramEmbedder } from "./char-ngram-embedder.ts";

const corpus = ["¿Cuánto cuesta el envío?", "Política de devoluciones", "Garantía de la cinta de correr", "Tarjetas regalo"];

describe("character n-gram embedder", () => {
  it("returns unit vectors of its dimension, the same for the same text", async () => {
    const e = createCharNgramEmbedder({ corpus, dim: 256 });
    const [a, b] = await e.embed(["envio gratis", "envio gratis"]);
    expect(a.length).toBe(256);
    expect(dot(a, a)).toBeCloseTo(1, 5);
    expect([...a]).toEqual([...b]);
  });

  it("ignores accents and case, and keeps a misspelt word close", async () => {
    const e = createCharNgramEmbedder({ corpus });
    const [accented, plain, typo, other] = await e.embed(["Devolución", "devolucion", "devolusion", "tarjeta"]);
    expect(dot(accented, plain)).toBeCloseTo(1, 5);
    expect(dot(plain, typo)).toBeGreaterThan(0.3);
    expect(dot(plain, typo)).toBeGreaterThan(dot(plain, other) + 0.2);
  });

  it("names its settings and fitted weights, so a cache key changes with the corpus", () => {
    const a = createCharNgramEmbedder({ corpus });
    const b = createCharNgramEmbedder({ corpus: [...corpus, "otra cosa"] });
    expect(a.name).toMatch(/^char-ngrams:3-5:2048:/);
    expect(a.name).not.toBe(b.name);
    expect(() => createCharNgramEmbedder({ corpus, dim: 4 })).toThrow(/dim must be/);
  });
});
