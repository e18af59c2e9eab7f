import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { runEmbedderContract } from "./embedder.contract.ts";
import { buildTinyBert } from "./tiny-bert.ts";
import { createTransformersEmbedder, fetchTransformersModel } from "./transformers.ts";
import { transformersEnvState } from "./transformers-env.ts";

let modelsDir: string;
beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), "embedders-hub-"));
  await buildTinyBert(join(modelsDir, "tiny-bert"), { seed: 42 });
});
afterAll(async () => {
  await rm(modelsDir, { recursive: true, force: true });
});

runEmbedderContract("transformers:tiny-bert", () => createTransformersEmbedder({ modelsDir, model: "tiny-bert" }));
runEmbedderContract("transformers:tiny-bert with 1 thread", () => createTransformersEmbedder({ modelsDir, model: "tiny-bert", threads: 1 }));

describe("createTransformersEmbedder", () => {
  it("names itself after the model and reads dim from the model", async () => {
    const e = await createTransformersEmbedder({ modelsDir, model: "tiny-bert" });
    expect(e.name).toBe("transformers:tiny-bert");
    expect(e.dim).toBe(32);
  });

  it("fails with CHAT_ERR_MODEL_UNAVAILABLE naming the missing folder and how to fetch a model", async () => {
    const err = await createTransformersEmbedder({ modelsDir, model: "Xenova/all-MiniLM-L6-v2" }).catch((e: unknown) => e);
    expect(isAppError(err, "CHAT_ERR_MODEL_UNAVAILABLE")).toBe(true);
    expect((err as Error).message).toContain(join(modelsDir, "Xenova/all-MiniLM-L6-v2"));
    expect((err as Error).message).toContain("npm run models:fetch -- Xenova/all-MiniLM-L6-v2");
  });

  it("names the one missing file when a model folder is incomplete", async () => {
    const dir = join(modelsDir, "half");
    await mkdir(dir, { recursive: true });
    for (const f of ["config.json", "tokenizer.json", "tokenizer_config.json"]) await writeFile(join(dir, f), "{}");
    const err = await createTransformersEmbedder({ modelsDir, model: "half" }).catch((e: unknown) => e);
    expect(isAppError(err, "CHAT_ERR_MODEL_UNAVAILABLE")).toBe(true);
    expect((err as Error).message).toContain(join(dir, "onnx", "model_quantized.onnx"));
    expect((err as Error).message).not.toContain("config.json");
  });

  it("reports a corrupt ONNX file as CHAT_ERR_MODEL_UNAVAILABLE", async () => {
    const dir = join(modelsDir, "corrupt");
    await buildTinyBert(dir);
    await writeFile(join(dir, "onnx", "model_quantized.onnx"), "not an onnx graph");
    const err = await createTransformersEmbedder({ modelsDir, model: "corrupt" }).catch((e: unknown) => e);
    expect(isAppError(err, "CHAT_ERR_MODEL_UNAVAILABLE")).toBe(true);
  });

  it("rejects model names that escape the models folder and bad thread counts", async () => {
    for (const model of ["../etc", "/abs", ""]) {
      expect(isAppError(await createTransformersEmbedder({ modelsDir, model }).catch((e: unknown) => e), "CHAT_ERR_CONFIG")).toBe(true);
    }
    expect(isAppError(await createTransformersEmbedder({ modelsDir, model: "tiny-bert", threads: 0 }).catch((e: unknown) => e), "CHAT_ERR_CONFIG")).toBe(true);
  });

  it("keeps remote downloads off before and after loading a model", async () => {
    expect(transformersEnvState().allowRemoteModels).toBe(false);
    await createTransformersEmbedder({ modelsDir, model: "tiny-bert" });
    await createTransformersEmbedder({ modelsDir, model: "missing" }).catch(() => undefined);
    expect(transformersEnvState().allowRemoteModels).toBe(false);
  });
});

describe("fetchTransformersModel", () => {
  // A local HTTP server stands in for the Hugging Face hub: {host}/{model}/resolve/main/{file}.
  let hub: Server;
  let host: string;
  const requested: string[] = [];
  beforeAll(async () => {
    hub = createServer(async (req, res) => {
      const m = /^\/acme\/tiny\/resolve\/main\/(.+)$/.exec(req.url ?? "");
      try {
        if (!m) throw new Error("not found");
        const body = await readFile(join(modelsDir, "tiny-bert", m[1]));
        requested.push(m[1]);
        res.writeHead(200, { "content-length": body.length }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => hub.listen(0, "127.0.0.1", r));
    host = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => hub.close(() => r())));

  it("downloads a hub model into <modelsDir>/<id>/ where the offline loader finds it, then turns remote off", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fetch-"));
    const progress: string[] = [];
    await fetchTransformersModel(dir, "acme/tiny", { remoteHost: host, onProgress: (p) => progress.push(p.file) });
    expect(requested.sort()).toEqual(["config.json", "onnx/model_quantized.onnx", "tokenizer.json", "tokenizer_config.json"]);
    expect(progress).toContain("onnx/model_quantized.onnx");
    expect(transformersEnvState().allowRemoteModels).toBe(false);
    const e = await createTransformersEmbedder({ modelsDir: dir, model: "acme/tiny" });
    expect(e.name).toBe("transformers:acme/tiny");
    await rm(dir, { recursive: true, force: true });
  });

  it("fails with CHAT_ERR_MODEL_UNAVAILABLE naming the model when the hub cannot be reached", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fetch-"));
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await fetchTransformersModel(dir, "acme/tiny", { remoteHost: `http://127.0.0.1:${port}/` }).catch((e: unknown) => e);
    expect(isAppError(err, "CHAT_ERR_MODEL_UNAVAILABLE")).toBe(true);
    expect((err as Error).message).toMatch(/Could not download "acme\/tiny".*ECONNREFUSED/);
    expect(transformersEnvState().allowRemoteModels).toBe(false);
    await rm(dir, { recursive: true, force: true });
  });

  it("fails with CHAT_ERR_MODEL_UNAVAILABLE when the hub does not have the model", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fetch-"));
    const err = await fetchTransformersModel(dir, "acme/unknown", { remoteHost: host }).catch((e: unknown) => e);
    expect(isAppError(err, "CHAT_ERR_MODEL_UNAVAILABLE")).toBe(true);
    expect((err as Error).message).toContain("acme/unknown");
    await rm(dir, { recursive: true, force: true });
  });
});
