import { describe, expect, it } from "vitest";
import { normalize, type Embedder } from "../embedder.ts";
import { createCachedEmbedder, normalizeEmbeddingText } from "./cached.ts";
import { runEmbedderContract } from "./embedder.contract.ts";

/** A test embedder: a character-histogram vector per text, recording every batch it is asked for. */
function recordingEmbedder(): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    name: "recording",
    dim: 16,
    calls,
    async embed(texts) {
      calls.push([...texts]);
      return texts.map((t) => {
        const v = new Float32Array(16);
        v[0] = 1; // keeps the empty string a unit vector
        for (const ch of t) v[(ch.codePointAt(0) ?? 0) % 16] += 1;
        return normalize(v);
      });
    },
  };
}

runEmbedderContract("cache over a histogram embedder", async () => createCachedEmbedder(recordingEmbedder()));

describe("normalizeEmbeddingText", () => {
  it("applies NFKC, lower-cases, collapses whitespace and trims", () => {
    expect(normalizeEmbeddingText("  Do YOU\t\nship   to ＣＡＮＡＤＡ? ")).toBe("do you ship to canada?");
    expect(normalizeEmbeddingText("ﬁle")).toBe("file");
  });
});

describe("createCachedEmbedder", () => {
  it("does not call the inner embedder for texts it has seen", async () => {
    const inner = recordingEmbedder();
    const e = createCachedEmbedder(inner);
    const first = await e.embed(["hello", "world"]);
    const second = await e.embed(["world", "hello"]);
    expect(inner.calls).toEqual([["hello", "world"]]);
    expect(second[0]).toEqual(first[1]);
    expect(e.stats()).toEqual({ hits: 2, misses: 2, size: 2 });
  });

  it("treats case, width and whitespace variants as one text and embeds the normalised form", async () => {
    const inner = recordingEmbedder();
    const e = createCachedEmbedder(inner);
    const [a] = await e.embed(["Reset  my PASSWORD"]);
    const [b] = await e.embed([" reset my password\n"]);
    expect(inner.calls).toEqual([["reset my password"]]);
    expect(b).toEqual(a);
  });

  it("sends only misses to the inner embedder, in one de-duplicated batch", async () => {
    const inner = recordingEmbedder();
    const e = createCachedEmbedder(inner);
    await e.embed(["a"]);
    const out = await e.embed(["b", "A", "b", "c", "B"]);
    expect(inner.calls).toEqual([["a"], ["b", "c"]]);
    expect(out).toHaveLength(5);
    expect(out[0]).toEqual(out[2]);
    expect(out[0]).toEqual(out[4]);
  });

  it("shares one inner call between concurrent callers asking for the same text", async () => {
    const inner = recordingEmbedder();
    const e = createCachedEmbedder(inner);
    const [x, y] = await Promise.all([e.embed(["same"]), e.embed(["same"])]);
    expect(inner.calls).toEqual([["same"]]);
    expect(x[0]).toEqual(y[0]);
  });

  it("forgets the texts a predicate picks (an erased customer's), and embeds them again if asked", async () => {
    const inner = recordingEmbedder();
    const e = createCachedEmbedder(inner);
    await e.embed(["where is order of c00042", "do you ship to canada?"]);
    expect(e.forget((t) => t.includes("c00042"))).toBe(1);
    expect(e.stats().size).toBe(1);
    await e.embed(["where is order of C00042", "do you ship to canada?"]);
    expect(inner.calls).toEqual([["where is order of c00042", "do you ship to canada?"], ["where is order of c00042"]]);
  });

  it("evicts the least recently used text beyond maxEntries", async () => {
    const inner = recordingEmbedder();
    const e = createCachedEmbedder(inner, { maxEntries: 2 });
    await e.embed(["a", "b"]);
    await e.embed(["a"]); // a is now more recent than b
    await e.embed(["c"]); // evicts b
    await e.embed(["a", "b"]);
    expect(inner.calls).toEqual([["a", "b"], ["c"], ["b"]]);
  });

  it("returns copies, so a caller mutating a vector does not change the cache", async () => {
    const e = createCachedEmbedder(recordingEmbedder());
    const [v] = await e.embed(["x"]);
    const before = v[0];
    v[0] = 99;
    const [again] = await e.embed(["x"]);
    expect(again[0]).toBe(before);
  });

  it("propagates an inner error and caches nothing from the failed batch", async () => {
    const inner = recordingEmbedder();
    let fail = true;
    const flaky: Embedder = { name: "flaky", dim: 16, embed: (t) => (fail ? Promise.reject(new Error("boom")) : inner.embed(t)) };
    const e = createCachedEmbedder(flaky);
    await expect(e.embed(["a"])).rejects.toThrow("boom");
    fail = false;
    await e.embed(["a"]);
    expect(inner.calls).toEqual([["a"]]);
  });

  it("rejects a non-positive maxEntries", () => {
    expect(() => createCachedEmbedder(recordingEmbedder(), { maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
