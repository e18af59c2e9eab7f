import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { Embedder } from "../../models/embedder.ts";
import { loadIntentClassifier, trainIntentClassifier, type IntentClassifier, type IntentClassifierArtifact } from "../../models/intents/index.ts";
import { codeFingerprint } from "../code-fingerprint.ts";
import type { KnowledgeBase, KnowledgeService } from "../retrieval/index.ts";
import type { IntentModel } from "./engine/index.ts";

const OOS_LABEL = "out_of_scope";

/** The training examples of the intent model: every intent file's examples (not `faq`, which retrieval answers). */
function intentExamples(base: KnowledgeBase): { text: string; label: string }[] {
  return base.intents.flatMap((d) => d.examples.map((text) => ({ text, label: d.intent })));
}

/**
 * Train the intent model from the knowledge's intent files (all but `faq`, which retrieval answers), as the live
 * service does; the admin area trains one for a draft whose intent examples changed.
 */
export async function trainIntentModel(base: KnowledgeBase, embedder: Embedder, seed: number): Promise<IntentClassifier> {
  return trainIntentClassifier(intentExamples(base), embedder, { seed, oosLabel: OOS_LABEL });
}

/**
 * Where the intent model trained on `base` is saved in `cacheDir`: named by a hash of everything training depends on
 * (the examples in order, the seed, the embedder's name and size, the code), so an edited example, another embedder
 * or a new version of the code never reads an old model.
 */
export function intentModelFile(cacheDir: string, base: KnowledgeBase, embedder: Embedder, seed: number): string {
  const key = createHash("sha256")
    .update(JSON.stringify({ v: 1, examples: intentExamples(base), seed, oos: OOS_LABEL, embedder: [embedder.name, embedder.dim], code: codeFingerprint() }))
    .digest("hex");
  return path.join(cacheDir, `intents-${key.slice(0, 24)}.json`);
}

/**
 * The intent model for `base`: loaded from `cacheDir` when a model of the same examples, seed, embedder and code was
 * saved there, else trained and saved (written to a temporary file and renamed, so a crash leaves no partial file).
 * An unreadable saved model is retrained and replaced.
 */
export async function loadOrTrainIntentModel(
  base: KnowledgeBase,
  embedder: Embedder,
  seed: number,
  options: { cacheDir?: string; logger: Logger },
): Promise<{ model: IntentClassifier; cached: boolean }> {
  const file = options.cacheDir && intentModelFile(options.cacheDir, base, embedder, seed);
  if (file && fs.existsSync(file)) {
    try {
      return { model: loadIntentClassifier(JSON.parse(fs.readFileSync(file, "utf8")) as IntentClassifierArtifact, embedder), cached: true };
    } catch (err) {
      options.logger.warn({ err: (err as Error).message, file }, "saved intent model unreadable; retraining");
    }
  }
  const model = await trainIntentModel(base, embedder, seed);
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(model.toArtifact()));
    fs.renameSync(tmp, file);
  }
  return { model, cached: false };
}

/**
 * The live intent model: trained from the knowledge at start (or loaded from `cacheDir` when the intent examples are
 * unchanged), retrained after every knowledge reload; turns in flight keep the model they started with.
 * @example const intents = await createIntentService({ knowledge, embedder, seed: 42, logger, cacheDir: "data/cache" });
 */
export async function createIntentService(options: { knowledge: KnowledgeService; embedder: Embedder; seed: number; logger: Logger; cacheDir?: string }): Promise<IntentModel> {
  const { embedder, seed, logger, cacheDir } = options;
  const first = await loadOrTrainIntentModel(options.knowledge.current().base, embedder, seed, { cacheDir, logger });
  logger.info({ cached: first.cached }, first.cached ? "intent model loaded from the cache" : "intent model trained");
  let model = first.model;
  options.knowledge.onReload(async (base) => {
    const next = await loadOrTrainIntentModel(base, embedder, seed, { cacheDir, logger });
    model = next.model;
    options.logger.info({ cached: next.cached }, "intent model retrained after a knowledge change");
  });
  return { classify: (text) => model.classify(text) };
}
