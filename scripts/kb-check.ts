/**
 * The knowledge regression gate for the command line and CI (docs/admin.md):
 *   npm run kb:check [-- --base <git ref | folder>] [--dir knowledge] [--json]
 * Exit 0: no test question got worse; 1: some got worse; 2: bad input or knowledge that does not load.
 */
import fs from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { formatKnowledgeCheck, publishedKnowledge, readGitKnowledge, runKnowledgeCheck, validateBoth } from "../server/admin/kb-check.ts";
import { loadConfig } from "../server/config.ts";
import { readKnowledgeFiles } from "../server/retrieval/index.ts";
import { describeDatabase, openStorage, storageOptionsFor } from "../server/storage/index.ts";
import { flagBool, flagString, parseArgs } from "./lib/index.ts";

const HELP = `npm run kb:check -- [options]

Checks the knowledge folder (the draft) against a base with the test questions in <dir>/tests/*.json: builds both
indexes, asks every question of both, and lists each question whose answer changed. Also lists other entries that
still state a figure (price, duration, …) a changed entry no longer states.

  --dir <folder>     the knowledge folder to check (default: KNOWLEDGE_DIR, ./knowledge)
  --base <ref|dir>   compare with a git ref (HEAD, origin/main, a commit) or another knowledge folder;
                     default: the versions last published through the admin area (DATA_DIR's database)
  --data-dir <dir>   the server's data folder, for the published versions and the index cache (default: DATA_DIR, ./data)
  --json             print the result as JSON on stdout (progress still goes to stderr)
  --help             this text

Exit status: 0 no question got worse, 1 some got worse (a regression), 2 bad input or knowledge that does not load.`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { valued: ["dir", "base", "data-dir"], boolean: ["json", "help"] });
  if (flagBool(args, "help")) {
    console.log(HELP);
    return 0;
  }
  const json = flagBool(args, "json");
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: "warn" };
  const dataDir = flagString(args, "data-dir");
  if (dataDir) env.DATA_DIR = dataDir;
  const config = loadConfig(env);
  const dir = path.resolve(flagString(args, "dir") ?? config.knowledgeDir);
  const say = (text: string) => process.stderr.write(`${text}\n`);
  const logger = pino({ level: "warn" }, pino.destination(2));

  const baseArg = flagString(args, "base");
  let base: { files: Map<string, string>; description: string };
  if (baseArg && fs.existsSync(baseArg) && fs.statSync(baseArg).isDirectory()) {
    base = { files: readKnowledgeFiles(path.resolve(baseArg)), description: `folder ${baseArg}` };
  } else if (baseArg) {
    base = { files: readGitKnowledge(dir, baseArg), description: `git ${baseArg}` };
  } else {
    if (config.database.kind === "sqlite" && !fs.existsSync(config.database.path)) {
      say(`No database at ${config.database.path}, so no published versions to compare with: pass --data-dir, or --base <git ref or folder>.`);
      return 2;
    }
    const storage = await openStorage(storageOptionsFor(config.database));
    try {
      const latest = await storage.knowledgeVersions.latestOfEach();
      base = { files: publishedKnowledge(readKnowledgeFiles(dir), latest), description: `the versions published through the admin area (${latest.length} files, ${describeDatabase(config.database)})` };
      if (!latest.length) say("Nothing was published through the admin area yet: the base is the folder itself. Pass --base <git ref or folder> to compare with something else.");
    } finally {
      await storage.close();
    }
  }

  validateBoth(dir, base);
  const t0 = performance.now();
  say(`loading the embedder (${config.embedder})…`);
  // Loaded only now, so --help and bad input answer at once.
  const [{ createEmbedder }, { dialoguePolicy }] = await Promise.all([import("../models/embedders/index.ts"), import("../server/app.ts")]);
  const embedder = await createEmbedder(config.embedder, { modelsDir: config.modelsDir, allowRemote: config.allowRemoteModels, cache: { maxEntries: config.embeddingCacheSize } });
  let lastStage = "";
  const result = await runKnowledgeCheck({
    dir, base, embedder, logger, seed: config.seed, cacheDir: config.cacheDir, policy: dialoguePolicy(config),
    onProgress(stage, done, total) {
      if (stage !== lastStage) say(`${stage}…`);
      lastStage = stage;
      if (total && done !== undefined && process.stderr.isTTY) process.stderr.write(`\r  ${done}/${total}${done === total ? "\n" : ""}`);
    },
  });
  await embedder.dispose?.();
  say(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (json) console.log(JSON.stringify(result, null, 2));
  else console.log(formatKnowledgeCheck(result));
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error & { code?: string }) => {
    process.stderr.write(`kb:check: ${err.message}\n`);
    process.exit(2);
  },
);
