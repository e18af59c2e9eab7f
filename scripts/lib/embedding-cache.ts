import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Embedder } from "../../models/embedder.ts";
import { createProgress } from "./progress.ts";

/** Options for embedWithCache. */
export interface EmbedWithCacheOptions {
  /** Cache root (default `.cache/embeddings`, git-ignored). */
  readonly cacheDir?: string;
  /** Texts per embed() call (default 64). */
  readonly batchSize?: number;
  /** Progress label; a bar is drawn while embedding when stderr is a TTY. */
  readonly label?: string;
  /** Force the progress bar on or off. */
  readonly progress?: boolean;
}

/** Result of embedWithCache: the vectors and whether they came from disk. */
export interface CachedEmbeddings {
  readonly vectors: Float32Array[];
  readonly fromCache: boolean;
  readonly file: string;
}

/** The cache key of a text list for an embedder: sha256 over the embedder name, dim and texts. */
export function embeddingCacheKey(embedder: Pick<Embedder, "name" | "dim">, texts: readonly string[]): string {
  const h = createHash("sha256");
  h.update(`${embedder.name}\u0000${embedder.dim}\u0000${texts.length}\u0000`);
  for (const t of texts) h.update(`${t}\u0000`);
  return h.digest("hex");
}

/**
 * Embed texts, reading/writing `<cacheDir>/<embedder>/<sha>.bin` (raw little-endian float32, N×dim), so re-runs
 * skip the encoder. Duplicate texts are embedded once.
 * @example const { vectors } = await embedWithCache(embedder, texts, { label: "banking77 train" });
 */
export async function embedWithCache(
  embedder: Embedder,
  texts: readonly string[],
  options: EmbedWithCacheOptions = {},
): Promise<CachedEmbeddings> {
  const dir = join(options.cacheDir ?? ".cache/embeddings", embedder.name.replace(/[^A-Za-z0-9._-]+/g, "_"));
  const file = join(dir, `${embeddingCacheKey(embedder, texts)}.bin`);
  const dim = embedder.dim;
  try {
    const buf = await readFile(file);
    if (buf.byteLength === texts.length * dim * 4) {
      const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      const vectors = texts.map((_, i) => all.subarray(i * dim, (i + 1) * dim));
      return { vectors, fromCache: true, file };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const unique = [...new Set(texts)];
  const batchSize = options.batchSize ?? 64;
  const byText = new Map<string, Float32Array>();
  const bar = createProgress({ label: options.label ?? `embed (${embedder.name})`, total: unique.length, enabled: options.progress });
  try {
    for (let i = 0; i < unique.length; i += batchSize) {
      const chunk = unique.slice(i, i + batchSize);
      const out = await embedder.embed(chunk);
      if (out.length !== chunk.length) throw new Error(`embedder ${embedder.name} returned ${out.length} vectors for ${chunk.length} texts`);
      chunk.forEach((t, j) => {
        if (out[j].length !== dim) throw new Error(`embedder ${embedder.name} returned a ${out[j].length}-d vector, expected ${dim}`);
        byText.set(t, out[j]);
      });
      bar.increment(chunk.length);
    }
  } finally {
    bar.stop();
  }
  const all = new Float32Array(texts.length * dim);
  texts.forEach((t, i) => all.set(byText.get(t)!, i * dim));
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, Buffer.from(all.buffer, all.byteOffset, all.byteLength));
  await rename(tmp, file);
  return { vectors: texts.map((_, i) => all.subarray(i * dim, (i + 1) * dim)), fromCache: false, file };
}
