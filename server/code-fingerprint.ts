import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file lives in server/). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The code whose output is cached on disk across restarts (knowledge indexes, the intent model): the retrieval and
 * intent-model sources, the embedders, and the locked library versions (the embedding model's weights ship in one).
 */
export const CACHED_CODE = ["server/retrieval", "server/dialogue/intent-service.ts", "models/intents", "models/embedders", "models/embedder.ts", "package-lock.json"];

const memo = new Map<string, string>();

/** Every non-test file under `rel` (a file or a folder), sorted. */
function filesUnder(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [rel];
  return fs.readdirSync(abs, { recursive: true, encoding: "utf8" })
    .filter((f) => !f.endsWith(".test.ts") && fs.statSync(path.join(abs, f)).isFile())
    .map((f) => path.join(rel, f))
    .sort();
}

/**
 * A hash of the source of `paths` (relative to the repository root): part of every on-disk cache key, so a cache
 * written by other code is never read. Computed once per process (a few milliseconds).
 * @example const key = hash({ content, code: codeFingerprint() });
 */
export function codeFingerprint(paths: readonly string[] = CACHED_CODE): string {
  const id = paths.join("\n");
  const known = memo.get(id);
  if (known) return known;
  const h = createHash("sha256");
  for (const rel of paths.flatMap(filesUnder)) h.update(rel).update("\0").update(fs.readFileSync(path.join(ROOT, rel))).update("\0");
  const out = h.digest("hex");
  memo.set(id, out);
  return out;
}
