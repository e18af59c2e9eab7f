import { LRUCache } from "lru-cache";
import { AppError } from "../errors.ts";
import type { Embedder } from "../embedder.ts";

/** Options for createCachedEmbedder. */
export interface CachedEmbedderOptions {
  /** Most vectors kept (least recently used are evicted first); default 10 000. */
  maxEntries?: number;
}

/** An Embedder with a cache you can inspect. */
export interface CachedEmbedder extends Embedder {
  /** Hits, misses and current size since creation. */
  stats(): { hits: number; misses: number; size: number };
  /** Drop every cached text (normalised form) that `match` accepts, e.g. those quoting an erased customer; returns how many. */
  forget(match: (text: string) => boolean): number;
}

/**
 * The cache key of a text: Unicode NFKC, lower-case, whitespace runs collapsed to one space, trimmed.
 * @example normalizeEmbeddingText("  Do YOU\tship? ") === "do you ship?"
 */
export function normalizeEmbeddingText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Wrap an Embedder with an LRU cache keyed by the normalised text. The inner embedder sees the normalised text,
 * so variants of one sentence always get the same vector; misses go to it in one de-duplicated batch.
 * Callers get copies, so mutating a result never corrupts the cache.
 * @example const e = createCachedEmbedder(await createUseLiteEmbedder(), { maxEntries: 5000 });
 */
export function createCachedEmbedder(inner: Embedder, options: CachedEmbedderOptions = {}): CachedEmbedder {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new AppError("CHAT_ERR_CONFIG", `Embedding cache maxEntries must be a positive integer, got ${maxEntries}.`);
  }
  const cache = new LRUCache<string, Float32Array>({ max: maxEntries });
  // Misses already being embedded, so concurrent callers asking for the same text share one inner call.
  const inFlight = new Map<string, Promise<Float32Array>>();
  let hits = 0;
  let misses = 0;

  return {
    name: inner.name,
    dim: inner.dim,
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      if (texts.length === 0) return [];
      const keys = texts.map(normalizeEmbeddingText);
      const pending = new Map<string, Promise<Float32Array>>();
      const toEmbed: string[] = [];
      const queued = new Set<string>();
      for (const key of keys) {
        if (pending.has(key) || queued.has(key)) continue;
        const cached = cache.get(key);
        if (cached) {
          hits++;
          pending.set(key, Promise.resolve(cached));
        } else if (inFlight.has(key)) {
          hits++;
          pending.set(key, inFlight.get(key)!);
        } else {
          misses++;
          queued.add(key);
          toEmbed.push(key);
        }
      }
      if (toEmbed.length > 0) {
        const batch = inner.embed(toEmbed).then((vectors) => {
          if (vectors.length !== toEmbed.length) {
            throw new AppError("CHAT_ERR_INTERNAL", `Embedder ${inner.name} returned ${vectors.length} vectors for ${toEmbed.length} texts.`);
          }
          toEmbed.forEach((key, i) => cache.set(key, vectors[i]));
          return vectors;
        });
        batch
          .catch(() => undefined)
          .finally(() => {
            for (const key of toEmbed) inFlight.delete(key);
          });
        toEmbed.forEach((key, i) => {
          const one = batch.then((vectors) => vectors[i]);
          inFlight.set(key, one);
          pending.set(key, one);
        });
      }
      const resolved = new Map<string, Float32Array>();
      await Promise.all([...pending].map(async ([key, p]) => resolved.set(key, await p)));
      return keys.map((key) => resolved.get(key)!.slice());
    },
    stats() {
      return { hits, misses, size: cache.size };
    },
    forget(match) {
      let n = 0;
      for (const key of [...cache.keys()]) {
        if (match(key) && cache.delete(key)) n++;
      }
      return n;
    },
    async dispose(): Promise<void> {
      cache.clear();
      await inner.dispose?.();
    },
  };
}
