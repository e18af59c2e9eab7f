/**
 * Drafts: a whole knowledge base held in memory (the files on disk with an admin's change applied), validated by the
 * server's own loader and indexed the way the live service indexes, cached by content so that checking, trying and
 * saving the same draft builds it once.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import type { Embedder } from "../../models/embedder.ts";
import { loadIntentClassifier } from "../../models/intents/index.ts";
import type { IntentModel } from "../dialogue/index.ts";
import { trainIntentModel } from "../dialogue/intent-service.ts";
import { AppError, isAppError } from "../errors.ts";
import {
  buildKnowledge, calibrationNegatives, knowledgeIndexKey, loadKnowledgeFiles, trainedIndexFile, type IntentDefinition, type KnowledgeBase, type KnowledgeFiles, type KnowledgeIndex,
} from "../retrieval/index.ts";
import type { DraftTrainer } from "./draft-trainer.ts";

/** A built draft: its files, what the loader made of them, the English index, and the intent model to ask with. */
export interface DraftKnowledge {
  /** sha256 of the files (paths and texts). */
  hash: string;
  files: KnowledgeFiles;
  base: KnowledgeBase;
  index: KnowledgeIndex;
  intents: IntentModel;
  /** True when the draft's intent examples differ from the live model's and a draft model was trained. */
  intentsRetrained: boolean;
}

/** A stage of a draft build, for progress shown to the admin. */
export type DraftStage = "validating" | "indexing" | "training intents";

/** Options of createDraftBuilder. */
export interface DraftBuilderOptions {
  /** The knowledge folder (its name prefixes file names in error messages). */
  dir: string;
  embedder: Embedder;
  logger: Logger;
  /** Where built indexes are saved (the live service's cache): a draft whose content was built before loads in a moment. */
  cacheDir?: string;
  /** Seed of the intent model, as configured for the live one. */
  seed: number;
  /** The live intent model and the intent definitions it was trained on; reused for drafts with the same intents. */
  liveIntents?: () => { model: IntentModel; intents: readonly IntentDefinition[] };
  /** Drafts kept in memory (default 4). */
  maxCached?: number;
  /** Train on a worker thread (server/app.ts); without one, training runs on this thread (scripts, tests). */
  trainer?: DraftTrainer;
}

/** Validates and builds drafts. */
export interface DraftBuilder {
  /** Validate files with the server's loader; throws CHAT_ERR_KNOWLEDGE naming the file (relative to the folder). */
  validate(files: KnowledgeFiles): KnowledgeBase;
  /** Validate and index (cached by content; concurrent calls for the same content share one build). */
  build(files: KnowledgeFiles, onStage?: (stage: DraftStage) => void): Promise<DraftKnowledge>;
  /** The draft with this hash when it is built and cached. */
  cached(hash: string): DraftKnowledge | undefined;
}

/** sha256 of a set of knowledge files, independent of insertion order. */
export function hashFiles(files: KnowledgeFiles): string {
  const h = createHash("sha256");
  for (const rel of [...files.keys()].sort()) h.update(rel).update("\0").update(files.get(rel)!).update("\0");
  return h.digest("hex");
}

/** sha256 of text (a file's content). */
export function hashText(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

const intentsKey = (intents: readonly IntentDefinition[]) =>
  JSON.stringify(intents.map((i) => [i.intent, i.examples]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));

/**
 * Create the draft builder.
 * @example const drafts = createDraftBuilder({ dir, embedder, logger, cacheDir, seed }); const d = await drafts.build(files);
 */
export function createDraftBuilder(options: DraftBuilderOptions): DraftBuilder {
  const { embedder, logger } = options;
  const display = path.basename(path.resolve(options.dir));
  const built = new LRUCache<string, DraftKnowledge>({ max: options.maxCached ?? 4 });
  const building = new Map<string, Promise<DraftKnowledge>>();
  const trainedIntents = new LRUCache<string, Promise<IntentModel>>({ max: 2 });

  function validate(files: KnowledgeFiles): KnowledgeBase {
    try {
      // Loaded under the folder's bare name, so messages read "knowledge/faq/shipping/x.md: …" (no server paths).
      return loadKnowledgeFiles(files, display);
    } catch (err) {
      if (isAppError(err)) throw err;
      throw new AppError("CHAT_ERR_KNOWLEDGE", (err as Error).message, { cause: err });
    }
  }

  async function intentsFor(base: KnowledgeBase, onStage?: (stage: DraftStage) => void): Promise<{ model: IntentModel; retrained: boolean }> {
    const live = options.liveIntents?.();
    const key = intentsKey(base.intents);
    if (live && intentsKey(live.intents) === key) return { model: live.model, retrained: false };
    onStage?.("training intents");
    let model = trainedIntents.get(key);
    if (!model) {
      const trainer = options.trainer;
      model = trainer ? trainer.trainIntents(base.intents, options.seed).then((a) => loadIntentClassifier(a, embedder)) : trainIntentModel(base, embedder, options.seed);
      trainedIntents.set(key, model);
      model.catch(() => trainedIntents.delete(key));
    }
    return { model: await model, retrained: true };
  }

  async function build(files: KnowledgeFiles, onStage?: (stage: DraftStage) => void): Promise<DraftKnowledge> {
    const hash = hashFiles(files);
    const done = built.get(hash);
    if (done) return done;
    const running = building.get(hash);
    if (running) return running;
    const job = (async () => {
      const t0 = performance.now();
      onStage?.("validating");
      const base = validate(files);
      onStage?.("indexing");
      // A build the cache holds loads here in a moment; anything else is trained on the worker when there is one.
      const negatives = calibrationNegatives(base);
      const cached = options.cacheDir && fs.existsSync(trainedIndexFile(options.cacheDir, knowledgeIndexKey({ embedder, faq: base.faq, negatives })));
      const trained = !cached && options.trainer ? await options.trainer.trainIndex(base.faq, negatives) : undefined;
      // Not saved to the cache: most drafts are never published (the admin service saves the one that is).
      const { index } = await buildKnowledge(base, { embedder, logger, cacheDir: options.cacheDir, save: false, translated: false, trained });
      const intents = await intentsFor(base, onStage);
      const draft: DraftKnowledge = { hash, files, base, index, intents: intents.model, intentsRetrained: intents.retrained };
      built.set(hash, draft);
      logger.info({ hash: hash.slice(0, 12), entries: base.faq.length, ms: Math.round(performance.now() - t0), intentsRetrained: intents.retrained }, "draft knowledge built");
      return draft;
    })().finally(() => building.delete(hash));
    building.set(hash, job);
    return job;
  }

  return { validate, build, cached: (hash) => built.get(hash) };
}
