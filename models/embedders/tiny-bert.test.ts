import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTinyBert, buildTinyBertOnnx, tinyBertVocab } from "./tiny-bert.ts";

describe("buildTinyBert", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tiny-bert-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the four files transformers.js needs, with a vocab that matches config", async () => {
    const info = await buildTinyBert(join(dir, "m"), { seed: 7 });
    const config = JSON.parse(await readFile(join(dir, "m", "config.json"), "utf8"));
    const tokenizer = JSON.parse(await readFile(join(dir, "m", "tokenizer.json"), "utf8"));
    expect(config.model_type).toBe("bert");
    expect(config.vocab_size).toBe(info.vocabSize);
    expect(Object.keys(tokenizer.model.vocab)).toHaveLength(info.vocabSize);
    expect(tokenizer.model.vocab["[CLS]"]).toBe(2);
    expect((await readFile(join(dir, "m", "onnx", "model_quantized.onnx"))).byteLength).toBe(info.onnxBytes);
    expect(info.onnxBytes).toBeLessThan(250_000);
  });

  it("writes byte-identical weights for the same seed and different weights for another seed", () => {
    const n = tinyBertVocab().length;
    const a = buildTinyBertOnnx(n, { seed: 1 });
    expect(Buffer.from(buildTinyBertOnnx(n, { seed: 1 })).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(buildTinyBertOnnx(n, { seed: 2 })).equals(Buffer.from(a))).toBe(false);
  });

  it("rejects a hidden size the heads do not divide", () => {
    expect(() => buildTinyBertOnnx(10, { hiddenSize: 30, heads: 4 })).toThrow(/not divisible/);
  });
});
