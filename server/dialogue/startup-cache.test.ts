/**
 * Warm restarts: the intent model and the knowledge indexes (English and translated) are saved under the cache
 * folder, keyed by their inputs and the code, and a restart with the same knowledge loads them instead of training;
 * an edit to the knowledge is never answered from the old cache.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../models/embedder.ts";
import { createUseLiteEmbedder } from "../../models/embedders/use-lite.ts";
import { makeSmallKnowledge } from "../../test/helpers/small-knowledge.ts";
import { codeFingerprint } from "../code-fingerprint.ts";
import { createKnowledgeService, loadKnowledge, type KnowledgeService } from "../retrieval/index.ts";
import { intentModelFile, loadOrTrainIntentModel } from "./intent-service.ts";

const logger = pino({ level: "silent" });
const PROBES = ["hi there", "where is my parcel", "I want to talk to a person", "what's the weather tomorrow"];
let dir: string;
let cacheDir: string;
let embedder: Embedder;
const open: KnowledgeService[] = [];

const start = async () => {
  const k = await createKnowledgeService({ dir, embedder, logger, watch: false, cacheDir });
  open.push(k);
  return k;
};
const cacheFiles = () => fs.readdirSync(cacheDir).sort();
const snapshot = () => Object.fromEntries(cacheFiles().map((f) => [f, fs.statSync(path.join(cacheDir, f)).mtimeMs]));
const edit = (rel: string, from: string | RegExp, to: string) => {
  const file = path.join(dir, rel);
  const before = fs.readFileSync(file, "utf8");
  const after = before.replace(from, to);
  expect(after).not.toBe(before);
  fs.writeFileSync(file, after);
};

beforeAll(async () => {
  dir = makeSmallKnowledge();
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-startup-cache-"));
  embedder = await createUseLiteEmbedder();
}, 240_000);

afterAll(async () => {
  for (const k of open) await k.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

describe("start-up cache", () => {
  it("a second start loads the intent model and both indexes from the cache and answers exactly as the first", async () => {
    const cold = await start();
    const trained = await loadOrTrainIntentModel(cold.current().base, embedder, 42, { cacheDir, logger });
    expect(trained.cached).toBe(false);
    const files = cacheFiles();
    expect(files.filter((f) => f.startsWith("knowledge-"))).toHaveLength(2); // English and Spanish
    expect(files.filter((f) => f.startsWith("intents-"))).toHaveLength(1);
    const before = snapshot();

    const warm = await start();
    const loaded = await loadOrTrainIntentModel(warm.current().base, embedder, 42, { cacheDir, logger });
    expect(loaded.cached).toBe(true);
    expect(snapshot()).toEqual(before); // nothing rebuilt or rewritten
    for (const text of PROBES) expect(await loaded.model.classify(text)).toEqual(await trained.model.classify(text));
    for (const [text, lang] of [["how much is express shipping", "en"], ["cuanto cuesta el envio urgente", "es"]] as const) {
      const a = await cold.search(text, { lang });
      const b = await warm.search(text, { lang });
      expect(b.candidates.map((c) => c.entry.id)).toEqual(a.candidates.map((c) => c.entry.id));
      expect(b.confidence).toBeCloseTo(a.confidence, 10);
    }
  }, 240_000);

  it("after an edit to an answer, a translation or an intent example, a start never serves the old cache", async () => {
    const oldIntentFile = intentModelFile(cacheDir, loadKnowledge(dir), embedder, 42);
    edit("faq/shipping/express-shipping.md", /\$14\.95/g, "$17.50");
    edit("faq/shipping/express-shipping.es.md", /14,95 US\$/g, "17,50 US$");
    edit("intents/greeting.md", "  - hey there\n", "  - hey there\n  - howdy partner\n");
    const k = await start();
    const en = await k.search("how much is express shipping", { lang: "en" });
    const es = await k.search("cuanto cuesta el envio urgente", { lang: "es" });
    expect(en.candidates[0].entry.answer).toContain("$17.50");
    expect(es.candidates.find((c) => c.entry.id === "express-shipping")?.entry.answer).toContain("17,50 US$");
    const base = k.current().base;
    expect(intentModelFile(cacheDir, base, embedder, 42)).not.toBe(oldIntentFile);
    const retrained = await loadOrTrainIntentModel(base, embedder, 42, { cacheDir, logger });
    expect(retrained.cached).toBe(false);
    expect(retrained.model.metrics).toBeDefined();
    expect(cacheFiles().filter((f) => f.startsWith("knowledge-"))).toHaveLength(4);
  }, 240_000);

  it("an intent model for another seed or a corrupt saved model is trained again, not loaded", async () => {
    const base = loadKnowledge(dir);
    expect(intentModelFile(cacheDir, base, embedder, 7)).not.toBe(intentModelFile(cacheDir, base, embedder, 42));
    const file = intentModelFile(cacheDir, base, embedder, 42);
    fs.writeFileSync(file, "{ not json");
    const again = await loadOrTrainIntentModel(base, embedder, 42, { cacheDir, logger });
    expect(again.cached).toBe(false);
    expect(JSON.parse(fs.readFileSync(file, "utf8")).format).toBe("intent-classifier");
  }, 240_000);

  it("the code fingerprint changes with the code it covers", () => {
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(codeFingerprint()).toBe(codeFingerprint());
    expect(codeFingerprint(["server/retrieval"])).not.toBe(codeFingerprint(["models/intents"]));
  });
});
