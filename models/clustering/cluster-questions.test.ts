import { describe, expect, it } from "vitest";
import { isAppError } from "../../server/errors.ts";
import type { Embedder } from "../embedder.ts";
import { createUseLiteEmbedder, createWordHashEmbedder } from "../embedders/index.ts";
import { createRandom, shuffled } from "../random.ts";
import { clusterQuestions } from "./cluster-questions.ts";
import { isDismissed } from "./dismissal.ts";
import { FIXTURE_QUESTIONS, FIXTURE_TOPICS } from "./fixture-questions.ts";
import { adjustedRandIndex, purity } from "./metrics.ts";
import { topicWords } from "./text.ts";
import type { ClusteringResult, EmbedTexts, UnansweredQuestion } from "./types.ts";

// A deterministic embedder of shared topic words (stop words dropped, words hashed): no language model, so these
// tests are about the clustering machinery; the USE-lite test below is about meaning.
const wordHash = createWordHashEmbedder(1024);
const topicEmbed: EmbedTexts = (texts) => wordHash.embed(texts.map((t) => topicWords(t).join(" ")));
const WORD_THRESHOLD = 0.8;

const DAY = 86_400_000;
const START = Date.UTC(2025, 2, 3); // Monday 3 March 2025

function questions(list = FIXTURE_QUESTIONS): UnansweredQuestion[] {
  return list.map((q, i) => ({ id: `q${i}`, text: q.text, at: new Date(START + (i % 14) * DAY).toISOString(), kind: i % 3 === 0 ? "not_helpful" : "fallback" }));
}

function topicOf(result: ClusteringResult, items: readonly UnansweredQuestion[]): (string | null)[] {
  const of = new Map<string, string>();
  for (const c of result.clusters) for (const m of c.members) of.set(m, c.key);
  return items.map((q) => of.get(q.id) ?? null);
}

describe("clusterQuestions with USE-lite", () => {
  let shared: Promise<Embedder> | undefined;
  const useLite = () => (shared ??= createUseLiteEmbedder());

  const truth = FIXTURE_QUESTIONS.map((q) => q.topic);
  const majorities = (result: ClusteringResult) =>
    result.clusters.map((c) => {
      const counts = new Map<string, number>();
      for (const id of c.members) counts.set(truth[Number(id.slice(1))], (counts.get(truth[Number(id.slice(1))]) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1])[0][0];
    });

  it("never mixes the hand-written shopper questions' six topics at the default cut, and finds each topic", async () => {
    const e = await useLite();
    const items = questions();
    const result = await clusterQuestions(items, (t) => e.embed(t));
    const predicted = topicOf(result, items);
    expect(purity(truth, predicted)).toBe(1);
    expect(predicted.filter((p) => p !== null).length / items.length).toBeGreaterThan(0.75);
    expect(new Set(majorities(result))).toEqual(new Set(FIXTURE_TOPICS));
  });

  it("joins each topic into one cluster with a coarser cut (0.45)", async () => {
    const e = await useLite();
    const items = questions();
    const result = await clusterQuestions(items, (t) => e.embed(t), { threshold: 0.45 });
    const labels = topicOf(result, items).map((p, i) => p ?? `alone-${i}`);
    expect(adjustedRandIndex(truth, labels)).toBeGreaterThan(0.9);
    expect(majorities(result).slice(0, 6).sort()).toEqual([...FIXTURE_TOPICS].sort());
  });
});

describe("clusterQuestions", () => {
  it("finds the six topics and names each cluster by its topic words", async () => {
    const items = questions();
    const result = await clusterQuestions(items, topicEmbed, { threshold: WORD_THRESHOLD });
    expect(result.clusters.length).toBeGreaterThanOrEqual(6);
    const top = result.clusters.slice(0, 6).map((c) => c.suggestedTitle.toLowerCase());
    for (const word of ["gift", "treadmill", "price", "size", "norway", "student"]) {
      expect(top.some((t) => t.includes(word))).toBe(true);
    }
    const gift = result.clusters.find((c) => c.suggestedTitle.toLowerCase().includes("gift"))!;
    expect(gift.suggestedTitle.split(" ").length).toBeLessThanOrEqual(4);
    expect(gift.suggestedQuestions).toHaveLength(5);
    expect(new Set(gift.suggestedQuestions).size).toBe(5);
    expect(gift.examples.every((x) => /gift|wrap/i.test(x))).toBe(true);
  });

  it("sorts clusters by size and gives each member, kind and the timeline", async () => {
    const items = questions();
    const { clusters } = await clusterQuestions(items, topicEmbed, { threshold: WORD_THRESHOLD, asOf: new Date(START + 14 * DAY - 1000).toISOString() });
    for (let i = 1; i < clusters.length; i++) expect(clusters[i - 1].size).toBeGreaterThanOrEqual(clusters[i].size);
    for (const c of clusters) {
      expect(c.members).toHaveLength(c.size);
      expect(Object.values(c.kinds).reduce((a, b) => a + b, 0)).toBe(c.size);
      expect(c.countsByDay.reduce((a, b) => a + b.count, 0)).toBe(c.size);
      expect(c.countsByWeek.reduce((a, b) => a + b.count, 0)).toBe(c.size);
      expect(c.trend.last7Days + c.trend.previous7Days).toBe(c.size);
      expect(c.firstSeen <= c.lastSeen).toBe(true);
      expect(c.members).toContain(c.medoid.id);
      expect(c.cohesion).toBeGreaterThan(0);
      expect(c.cohesion).toBeLessThanOrEqual(1 + 1e-6);
    }
    // The fixture spans 3–16 March 2025: ISO weeks 10 and 11.
    expect(new Set(clusters.flatMap((c) => c.countsByWeek.map((w) => w.period)))).toEqual(new Set(["2025-W10", "2025-W11"]));
  });

  it("gives the same keys and members whatever the input order", async () => {
    const items = questions();
    const a = await clusterQuestions(items, topicEmbed, { threshold: WORD_THRESHOLD });
    const b = await clusterQuestions(shuffled(items, createRandom(7)), topicEmbed, { threshold: WORD_THRESHOLD });
    expect(b.clusters.map((c) => c.key)).toEqual(a.clusters.map((c) => c.key));
    expect(b.clusters.map((c) => [...c.members].sort())).toEqual(a.clusters.map((c) => [...c.members].sort()));
  });

  it("keeps the keys of existing clusters when questions on a new topic arrive", async () => {
    const before = await clusterQuestions(questions(), topicEmbed, { threshold: WORD_THRESHOLD });
    const extra = ["can I pay with klarna", "klarna payment possible?", "do you take klarna"].map((text, i) => ({ id: `k${i}`, text, at: new Date(START + 20 * DAY).toISOString(), kind: "fallback" }));
    const after = await clusterQuestions([...questions(), ...extra], topicEmbed, { threshold: WORD_THRESHOLD });
    const klarna = after.clusters.find((c) => c.members.includes("k0"))!;
    expect([...klarna.members].sort()).toEqual(["k0", "k1", "k2"]);
    expect(after.clusters.filter((c) => c !== klarna).map((c) => c.key)).toEqual(before.clusters.map((c) => c.key));
  });

  it("embeds each distinct text once and counts repeats in the cluster size", async () => {
    const seen: string[] = [];
    const counting: EmbedTexts = (texts) => {
      seen.push(...texts);
      return topicEmbed(texts);
    };
    const items: UnansweredQuestion[] = [
      ...["Where is my order?", "where is my order", "WHERE IS MY ORDER ??", "where is my order?"].map((text, i) => ({ id: `w${i}`, text, at: "2025-03-03T10:00:00Z", kind: "fallback" })),
      { id: "x", text: "do you sell snowshoes", at: "2025-03-04T10:00:00Z", kind: "fallback" },
    ];
    const result = await clusterQuestions(items, counting, { threshold: WORD_THRESHOLD });
    expect(seen).toHaveLength(2);
    expect(result.clusters).toHaveLength(1);
    expect(result.clusters[0].size).toBe(4);
    expect(result.clusters[0].examples).toEqual(["Where is my order?"]);
    expect(result.unclustered.map((q) => q.id)).toEqual(["x"]);
    expect(result.stats).toMatchObject({ questions: 5, distinctTexts: 2, rounds: 1 });
  });

  it("leaves one-off questions and punctuation-only messages unclustered", async () => {
    const items = [...questions(), { id: "odd", text: "what time does the moon rise tonight", at: "2025-03-20T00:00:00Z", kind: "fallback" }, { id: "dots", text: "???", at: "2025-03-21T00:00:00Z", kind: "fallback" }];
    const result = await clusterQuestions(items, topicEmbed, { threshold: WORD_THRESHOLD });
    expect(result.unclustered.slice(0, 2).map((q) => q.id)).toEqual(["dots", "odd"]);
    expect(result.clusters.some((c) => c.members.includes("odd"))).toBe(false);
  });

  it("groups about as well in sampled rounds (half the texts exact, the rest assigned) as exactly", async () => {
    const items = questions();
    const truth = FIXTURE_QUESTIONS.map((q) => q.topic);
    const exact = await clusterQuestions(items, topicEmbed, { threshold: WORD_THRESHOLD });
    const sampled = await clusterQuestions(items, topicEmbed, { threshold: WORD_THRESHOLD, maxExact: 30 });
    expect(exact.stats.rounds).toBe(1);
    expect(sampled.stats.rounds).toBeGreaterThan(1);
    const ari = (r: ClusteringResult) => adjustedRandIndex(truth, topicOf(r, items).map((p, i) => p ?? `alone-${i}`));
    expect(ari(exact)).toBeGreaterThan(0.75);
    expect(ari(sampled)).toBeGreaterThan(ari(exact) - 0.05);
  });

  it("returns nothing for no questions", async () => {
    const result = await clusterQuestions([], topicEmbed);
    expect(result.clusters).toEqual([]);
    expect(result.unclustered).toEqual([]);
  });

  it("rejects bad questions and options with a validation error before embedding anything", async () => {
    let calls = 0;
    const embed: EmbedTexts = (t) => {
      calls++;
      return topicEmbed(t);
    };
    const ok = { id: "a", text: "gift wrap?", at: "2025-03-03T10:00:00Z", kind: "fallback" };
    const cases: [UnansweredQuestion[], object, RegExp][] = [
      [[ok, { ...ok }], {}, /appears twice/],
      [[{ ...ok, at: "yesterday" }], {}, /invalid time/],
      [[{ ...ok, kind: "" }], {}, /no kind/],
      [[ok], { threshold: 0 }, /threshold/],
      [[ok], { minClusterSize: 1 }, /minClusterSize/],
      [[ok], { asOf: "soon" }, /asOf/],
    ];
    for (const [items, options, message] of cases) {
      const err = await clusterQuestions(items, embed, options).catch((e: unknown) => e);
      expect(isAppError(err, "CHAT_ERR_VALIDATION")).toBe(true);
      expect((err as Error).message).toMatch(message);
    }
    expect(calls).toBe(0);
  });

  it("fails clearly when the embedder returns the wrong number of vectors", async () => {
    const broken: EmbedTexts = async (t) => (await topicEmbed(t)).slice(1);
    await expect(clusterQuestions(questions().slice(0, 3), broken)).rejects.toThrow(/returned 2 vectors for 3 texts/);
  });
});

describe("dismissed clusters", () => {
  it("stay hidden when more questions like them arrive, and hide nothing else", async () => {
    const all = questions();
    // The first five questions of each topic arrive first; the owner dismisses the gift-wrap group.
    const early = all.filter((_, i) => i % 10 < 5);
    const first = await clusterQuestions(early, topicEmbed, { threshold: WORD_THRESHOLD });
    const gift = first.clusters.find((c) => c.suggestedTitle.toLowerCase().includes("gift"))!;
    const later = await clusterQuestions(all, topicEmbed, { threshold: WORD_THRESHOLD });
    // By centroid alone (the old questions have left the window; word-hash centroids move more than USE-lite ones,
    // hence a wider bar than the default) and by the stored members at the default bar.
    const ways = [
      { stored: { centroid: gift.centroid }, bar: 0.2 },
      { stored: { centroid: gift.centroid, members: gift.members }, bar: undefined },
    ];
    for (const { stored, bar } of ways) {
      const hidden = later.clusters.filter((c) => isDismissed(c, [stored], bar));
      expect(hidden).toHaveLength(1);
      expect(hidden[0].size).toBeGreaterThan(gift.size);
      expect(hidden[0].members).toEqual(expect.arrayContaining([...gift.members]));
    }
  });
});
