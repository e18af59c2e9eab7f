import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { dot } from "../embedder.ts";
import { createEmbedder } from "./index.ts";
import { buildTinyBert } from "./tiny-bert.ts";
import { runEmbedderContract } from "./embedder.contract.ts";

let modelsDir: string;
beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), "embedders-index-"));
  await buildTinyBert(join(modelsDir, "tiny-bert"));
});
afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

runEmbedderContract("createEmbedder(transformers:tiny-bert)", () => createEmbedder("transformers:tiny-bert", { modelsDir }));

describe("createEmbedder", () => {
  it("composes cache and batcher over the model, keeping its name and dim", async () => {
    const e = await createEmbedder("transformers:tiny-bert", { modelsDir });
    expect(e.name).toBe("transformers:tiny-bert");
    expect(e.dim).toBe(32);
    const [a, b] = await Promise.all([e.embed(["Ship to Canada"]), e.embed(["ship to canada"])]);
    expect(dot(a[0], b[0])).toBeCloseTo(1, 6);
  });

  it("rejects an unknown spec with CHAT_ERR_CONFIG", async () => {
    for (const spec of ["word2vec", "transformers:", "USE-lite"]) {
      const err = await createEmbedder(spec, { modelsDir }).catch((e: unknown) => e);
      expect(isAppError(err, "CHAT_ERR_CONFIG")).toBe(true);
    }
  });

  it("passes a missing model through as CHAT_ERR_MODEL_UNAVAILABLE", async () => {
    const err = await createEmbedder("transformers:nope", { modelsDir }).catch((e: unknown) => e);
    expect(isAppError(err, "CHAT_ERR_MODEL_UNAVAILABLE")).toBe(true);
  });
});
