import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { loadIntentClassifier, trainIntentClassifier, type IntentExample } from "./intent-classifier.ts";
import { createRandom } from "./random.ts";
import { createBagOfWordsTestEmbedder } from "./test-support.ts";

const KEYWORDS: Record<string, string[]> = {
  track_order: ["where", "parcel", "tracking", "delivery", "shipped"],
  refund: ["refund", "money", "back", "return", "reimburse"],
  opening_hours: ["open", "hours", "closing", "weekend", "time"],
  sizing: ["size", "fit", "small", "large", "measurements"],
};
const FILLER = ["please", "my", "the", "i", "want", "to", "know", "about", "can", "you", "help", "with", "a"];

function makeExamples(perIntent: number, seed: number): IntentExample[] {
  const rand = createRandom(seed);
  const pick = (list: string[]) => list[Math.floor(rand() * list.length)];
  const out: IntentExample[] = [];
  for (let n = 0; n < perIntent; n++) {
    for (const [label, words] of Object.entries(KEYWORDS)) {
      out.push({ label, text: [pick(FILLER), pick(words), pick(FILLER), pick(words), pick(FILLER)].join(" ") });
    }
  }
  return out;
}

describe("trainIntentClassifier", () => {
  const embedder = createBagOfWordsTestEmbedder(32, 7);
  const train = makeExamples(30, 1);
  const test = makeExamples(15, 2);

  it("classifies held-out messages far above chance and ranks the top intents", async () => {
    const clf = await trainIntentClassifier(train, embedder, { seed: 3 });
    const preds = await clf.classifyBatch(test.map((t) => t.text));
    const acc = preds.filter((p, i) => p.label === test[i].label).length / test.length;
    expect(acc).toBeGreaterThan(0.85);
    expect(clf.labels).toEqual(["opening_hours", "refund", "sizing", "track_order"]);
    expect(preds[0].top).toHaveLength(3);
    expect(preds[0].top[0].label).toBe(preds[0].label);
    expect(preds[0].top[0].probability).toBeGreaterThanOrEqual(preds[0].top[1].probability);
    const single = await clf.classify(test[0].text);
    expect(single.label).toBe(preds[0].label);
  });

  it("fuses probabilities that sum to 1", async () => {
    const clf = await trainIntentClassifier(train, embedder, { seed: 3 });
    const [v] = await embedder.embed([test[0].text]);
    const p = clf.probabilities(v, test[0].text);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    expect(clf.headLabels).toHaveLength(4);
  });

  it("is deterministic for a seed", async () => {
    const a = (await trainIntentClassifier(train, embedder, { seed: 5 })).toArtifact();
    const b = (await trainIntentClassifier(train, embedder, { seed: 5 })).toArtifact();
    expect(b.embeddingHead.weights).toEqual(a.embeddingHead.weights);
    expect(b.lexical?.head.weights).toEqual(a.lexical?.head.weights);
    expect(b.oos).toEqual(a.oos);
    expect(b.fusionWeight).toBe(a.fusionWeight);
  });

  it("round-trips through a JSON artifact with metadata and identical predictions", async () => {
    const clf = await trainIntentClassifier(train, embedder, { seed: 3 });
    const artifact = JSON.parse(JSON.stringify(clf.toArtifact()));
    expect(artifact.embedder).toEqual({ name: "test-bag-of-words", dim: 32 });
    expect(artifact.labels).toEqual(clf.labels);
    expect(Date.parse(artifact.trainedAt)).not.toBeNaN();
    expect(artifact.metrics.validationAccuracy).toBeGreaterThan(0.5);
    const loaded = loadIntentClassifier(artifact, embedder);
    const texts = [...test.slice(0, 20).map((t) => t.text), "quantum purple elephants", ""];
    expect(await loaded.classifyBatch(texts)).toEqual(await clf.classifyBatch(texts));
  });

  it("fuses an opt-in k-nearest-neighbour head whose weight is chosen on validation and survives a round trip", async () => {
    const plain = await trainIntentClassifier(train, embedder, { seed: 3 });
    expect(plain.metrics.knnWeight).toBeUndefined();
    expect(plain.toArtifact().knn).toBeUndefined();
    // Embedding head plus k-NN only, with the embedding weight fixed, so the k-NN head must take the remaining weight.
    const clf = await trainIntentClassifier(train, embedder, { seed: 3, lexical: false, fusionWeight: 0.5, knn: { k: 5 } });
    expect(clf.metrics.knnWeight).toBe(0.5);
    const artifact = JSON.parse(JSON.stringify(clf.toArtifact()));
    expect(artifact.knn.k).toBe(5);
    expect(artifact.knn.labels).toHaveLength(train.length);
    const texts = test.map((t) => t.text);
    const preds = await clf.classifyBatch(texts);
    expect(preds.filter((p, i) => p.label === test[i].label).length / test.length).toBeGreaterThan(0.75);
    const [v] = await embedder.embed([texts[0]]);
    expect(clf.probabilities(v, texts[0]).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    expect(await loadIntentClassifier(artifact, embedder).classifyBatch(texts)).toEqual(preds);
    await expect(trainIntentClassifier(train, embedder, { knn: { k: 0 } })).rejects.toSatisfy((e) => isAppError(e, "CHAT_ERR_VALIDATION"));
  });

  it("flags messages far from every intent as out of scope and keeps in-scope ones", async () => {
    // Embedding head alone, so the decision rests on the vector (the linear head alone is not unsure enough far away).
    const clf = await trainIntentClassifier(train, embedder, { seed: 3, lexical: false });
    expect(clf.oos.threshold).toBeGreaterThanOrEqual(1 / 4);
    expect(clf.oos.threshold).toBeLessThanOrEqual(0.99);
    // Vectors pointing away from the training data: the negated mean embedding and its mixes with random directions.
    const vectors = await embedder.embed(train.map((t) => t.text));
    const mean = new Float32Array(32);
    for (const v of vectors) for (let i = 0; i < 32; i++) mean[i] -= v[i];
    const unit = (v: Float32Array) => v.map((x) => x / Math.hypot(...v));
    const away = unit(mean);
    const [noise1, noise2] = await embedder.embed(["qqq", "xxx"]);
    const far = [away, unit(away.map((x, i) => x + 0.3 * noise1[i])), unit(away.map((x, i) => x + 0.3 * noise2[i]))];
    for (const v of far) expect(clf.predict(v, "zzzz").outOfScope).toBe(true);
    const near = await clf.classifyBatch(test.map((t) => t.text));
    expect(near.filter((p) => p.outOfScope).length / near.length).toBeLessThan(0.15);
  });

  it("learns an explicit out-of-scope class and never reports it as an intent", async () => {
    const rand = createRandom(9);
    const other = ["weather", "football", "poem", "recipe", "movie", "joke", "news", "music"];
    const oosRows = (n: number) => Array.from({ length: n }, () => ({ label: "oos", text: `${other[Math.floor(rand() * 8)]} ${other[Math.floor(rand() * 8)]} please` }));
    const clf = await trainIntentClassifier([...train, ...oosRows(40)], embedder, { seed: 3, validation: [...makeExamples(8, 4), ...oosRows(20)] });
    expect(clf.labels).not.toContain("oos");
    expect(clf.headLabels).toContain("oos");
    expect(clf.oos.method).toBe("expected-accuracy");
    const p = await clf.classifyBatch(["tell me a joke about football", "poem recipe please"]);
    expect(p.every((x) => x.outOfScope && x.label !== "oos")).toBe(true);
  });

  it("rejects unusable training data and mismatched embedders with coded errors", async () => {
    await expect(trainIntentClassifier([{ text: "hi", label: "a" }], embedder)).rejects.toSatisfy((e) => isAppError(e, "CHAT_ERR_VALIDATION"));
    await expect(trainIntentClassifier([{ text: "hi", label: "" }, { text: "x", label: "b" }], embedder)).rejects.toThrow(/label/);
    const clf = await trainIntentClassifier(train, embedder, { seed: 3, lexical: false });
    expect(clf.toArtifact().lexical).toBeUndefined();
    const other = createBagOfWordsTestEmbedder(16, 7);
    expect(() => loadIntentClassifier(clf.toArtifact(), other)).toThrow(/trained with embedder/);
    expect(() => clf.predict(new Float32Array(5), "x")).toThrow(/32-d/);
  });
});
