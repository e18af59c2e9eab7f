import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import chokidar, { type FSWatcher } from "chokidar";
import type { Logger } from "pino";
import type { Embedder } from "../../models/embedder.ts";
import { codeFingerprint } from "../code-fingerprint.ts";
import { buildKnowledgeIndex, knowledgeIndexKey, type KnowledgeIndex, type KnowledgeIndexOptions, type TrainedKnowledge } from "./knowledge-index.ts";
import { loadKnowledge, type KnowledgeBase, type KnowledgeVariables } from "./knowledge.ts";
import {
  createMultilingualKnowledge,
  translatedIndexOptions,
  translationsByLanguage,
  type MultilingualKnowledge,
  type MultilingualResult,
  type MultilingualSearchOptions,
} from "./translated-index.ts";

/** The live knowledge: the loaded files, the index built from them, and a watcher that rebuilds both on edits. */
export interface KnowledgeService {
  /** `index` is the English index (unchanged); `knowledge` adds one index per translated language. */
  current(): { base: KnowledgeBase; index: KnowledgeIndex; knowledge: MultilingualKnowledge; version: number };
  /**
   * Search the current knowledge in the shopper's language: translated entries (with their English id) when `lang`
   * has translations, else the English index.
   * @example await knowledge.search("cuanto cuesta el envio", { k: 5, lang: "es" })
   */
  search(text: string, options?: MultilingualSearchOptions): Promise<MultilingualResult>;
  /** Reload from disk now; on a malformed file the previous knowledge stays in use and the error is thrown. */
  reload(): Promise<void>;
  /** Register a callback run after each successful reload (e.g. retrain the intent model). */
  onReload(cb: (base: KnowledgeBase) => Promise<void> | void): void;
  close(): Promise<void>;
}

/** Intents whose examples are never answered by an FAQ entry: negatives for retrieval calibration. */
const NEGATIVE_INTENTS = new Set(["out_of_scope", "greeting", "thanks", "goodbye", "product_recommendation"]);

/** The texts no FAQ entry answers (out-of-scope, smalltalk and product examples), for calibrating confidence. */
export function calibrationNegatives(base: KnowledgeBase): string[] {
  return base.intents.filter((i) => NEGATIVE_INTENTS.has(i.intent)).flatMap((i) => i.examples);
}

/** The knowledge as the server searches it: the loaded files, the English index, and one index per translated language. */
export interface BuiltKnowledge {
  base: KnowledgeBase;
  index: KnowledgeIndex;
  knowledge: MultilingualKnowledge;
}

/**
 * Where a built index is saved in `cacheDir`, by its key (`knowledgeIndexKey`: content, embedder, settings) and the
 * fingerprint of the code that builds it, so neither a knowledge edit nor a new version of the code reads an old one.
 */
export function trainedIndexFile(cacheDir: string, key: string): string {
  const name = createHash("sha256").update(`${key}\n${codeFingerprint()}`).digest("hex");
  return path.join(cacheDir, `knowledge-${name.slice(0, 24)}.json`);
}

/** Save what building an index learned into `cacheDir`, so a later build of the same knowledge reuses it. */
export function saveTrainedIndex(cacheDir: string, index: KnowledgeIndex): void {
  const trained = index.toTrained();
  const file = trainedIndexFile(cacheDir, trained.key);
  // Write to a temporary file and rename, so a crash never leaves a half-written index behind.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(trained));
  fs.renameSync(tmp, file);
}

/** Options of one cached index build. */
interface CachedBuildOptions {
  logger: Logger;
  cacheDir?: string;
  save?: boolean;
  /** What a build of this content learned elsewhere (a worker thread), used when `cacheDir` holds none. */
  trained?: TrainedKnowledge;
}

/** Build one index, reusing the build saved in `cacheDir` for the same key and saving a new one (unless `save` is false). */
async function buildCachedIndex(indexOptions: KnowledgeIndexOptions, options: CachedBuildOptions): Promise<KnowledgeIndex> {
  const { logger } = options;
  const file = options.cacheDir && trainedIndexFile(options.cacheDir, knowledgeIndexKey(indexOptions));
  let trained: TrainedKnowledge | undefined = options.trained;
  let fromFile = false;
  if (file && fs.existsSync(file)) {
    try {
      trained = JSON.parse(fs.readFileSync(file, "utf8")) as TrainedKnowledge;
      fromFile = true;
    } catch (err) {
      logger.warn({ err: (err as Error).message, file }, "saved knowledge index unreadable; rebuilding");
    }
  }
  let index: KnowledgeIndex;
  try {
    index = await buildKnowledgeIndex({ ...indexOptions, trained });
  } catch (err) {
    if (!trained) throw err;
    logger.warn({ err: (err as Error).message, file }, "saved knowledge index does not fit; rebuilding");
    trained = undefined;
    fromFile = false;
    index = await buildKnowledgeIndex({ ...indexOptions, trained: undefined });
  }
  if (options.cacheDir && !fromFile && options.save !== false) saveTrainedIndex(options.cacheDir, index);
  return index;
}

/**
 * Index loaded knowledge the way the live service does: the English index and, unless `translated` is false, one
 * index per translated language, each reusing a saved build from `cacheDir` when its content and the code are
 * unchanged, and saving a new one unless `save` is false.
 * @example const draft = await buildKnowledge(loadKnowledgeFiles(files, dir), { embedder, logger, cacheDir, save: false });
 */
export async function buildKnowledge(
  base: KnowledgeBase,
  options: CachedBuildOptions & {
    embedder: Embedder;
    /** Build the translated indexes too (default true). */
    translated?: boolean;
  },
): Promise<BuiltKnowledge> {
  const negatives = calibrationNegatives(base);
  const index = await buildCachedIndex({ embedder: options.embedder, faq: base.faq, negatives }, options);
  const translated = new Map<string, KnowledgeIndex>();
  for (const [lang, translations] of options.translated === false ? [] : translationsByLanguage(base.translations)) {
    const cached = { logger: options.logger, cacheDir: options.cacheDir, save: options.save };
    translated.set(lang, await buildCachedIndex(translatedIndexOptions({ translations, negatives }), cached));
  }
  return { base, index, knowledge: createMultilingualKnowledge(index, translated) };
}

/** Load the knowledge folder, index it, and (when `watch`) re-index on every change without a restart. */
export async function createKnowledgeService(options: {
  dir: string;
  embedder: Embedder;
  logger: Logger;
  watch: boolean;
  debounceMs?: number;
  /** Where built indexes are saved so that a restart with unchanged knowledge skips embedding and training. */
  cacheDir?: string;
  /** Values of `{{name}}` placeholders in answers (e.g. the transcript retention period from its setting). */
  variables?: KnowledgeVariables;
}): Promise<KnowledgeService> {
  const { dir, embedder, logger } = options;
  const callbacks: ((base: KnowledgeBase) => Promise<void> | void)[] = [];
  const build = () => buildKnowledge(loadKnowledge(dir, { variables: options.variables }), { embedder, logger, cacheDir: options.cacheDir });
  const t0 = performance.now();
  let state = { ...(await build()), version: 1 };
  logger.info(
    { entries: state.base.faq.length, intents: state.base.intents.length, languages: state.knowledge.languages(), ms: Math.round(performance.now() - t0), calibration: { top1: state.index.calibration.leaveOneOutTop1, ece: state.index.calibration.ece } },
    "knowledge indexed",
  );
  let running: Promise<void> | undefined;
  let again = false;

  async function reload(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const t = performance.now();
        const next = await build();
        for (const cb of callbacks) await cb(next.base);
        state = { ...next, version: state.version + 1 };
        logger.info({ entries: next.base.faq.length, version: state.version, ms: Math.round(performance.now() - t) }, "knowledge re-indexed");
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  let watcher: FSWatcher | undefined;
  if (options.watch) {
    let timer: NodeJS.Timeout | undefined;
    watcher = chokidar.watch(dir, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 } });
    watcher.on("all", (_event, file) => {
      if (!String(file).endsWith(".md")) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        reload().catch((err) => logger.error({ err: (err as Error).message }, "knowledge reload failed; the previous version stays in use"));
      }, options.debounceMs ?? 150);
    });
    await new Promise<void>((resolve) => watcher!.once("ready", () => resolve()));
  }
  return {
    current: () => state,
    search: (text, opts) => state.knowledge.search(text, opts),
    reload,
    onReload(cb) {
      callbacks.push(cb);
    },
    async close() {
      await watcher?.close();
    },
  };
}
