import { describe, expect, it } from "vitest";
import { loadIntentHead, trainIntentHead } from "./intent-head.ts";
import { makeClusters } from "./test-support.ts";

const argmax = (p: Float32Array) => p.reduce((b, x, i, a) => (x > a[b] ? i : b), 0);

function accuracy(head: ReturnType<typeof trainIntentHead>, vectors: Float32Array[], labels: string[]): number {
  let ok = 0;
  vectors.forEach((v, i) => {
    if (head.labels[argmax(head.predictProba({ dense: v }))] === labels[i]) ok++;
  });
  return ok / vectors.length;
}

describe("trainIntentHead", () => {
  const train = makeClusters({ classes: 6, perClass: 40, dim: 24, noise: 0.2, seed: 11 });
  // The same seed replays the same centres and the same first 40 draws per class; rows past 240 are new (held out).
  const fresh = makeClusters({ classes: 6, perClass: 60, dim: 24, noise: 0.2, seed: 11 });
  const heldOut = { vectors: fresh.vectors.slice(240), labels: fresh.labels.slice(240) };

  it("learns separable clusters far above chance with logistic regression", () => {
    const head = trainIntentHead(train.vectors.map((dense) => ({ dense })), train.labels, { seed: 5 });
    expect(accuracy(head, heldOut.vectors, heldOut.labels)).toBeGreaterThan(0.9);
    expect(head.metrics.validationAccuracy).toBeGreaterThan(0.8);
  });

  it("learns with a hidden layer, dropout and label smoothing", () => {
    const head = trainIntentHead(train.vectors.map((dense) => ({ dense })), train.labels, { seed: 5, hidden: 32, dropout: 0.1, labelSmoothing: 0.05 });
    expect(accuracy(head, heldOut.vectors, heldOut.labels)).toBeGreaterThan(0.9);
  });

  it("learns a problem a linear model cannot: XOR of two coordinates, with an MLP", () => {
    const vectors: Float32Array[] = [];
    const labels: string[] = [];
    for (let i = 0; i < 400; i++) {
      const a = (i * 7919) % 200 / 100 - 1;
      const b = (i * 104729) % 197 / 98.5 - 1;
      vectors.push(Float32Array.from([a, b]));
      labels.push(a * b > 0 ? "same" : "diff");
    }
    const linear = trainIntentHead(vectors.map((dense) => ({ dense })), labels, { seed: 2, epochs: 60 });
    const mlp = trainIntentHead(vectors.map((dense) => ({ dense })), labels, { seed: 2, hidden: 16, epochs: 200, patience: 30, learningRate: 0.01 });
    expect(accuracy(mlp, vectors, labels)).toBeGreaterThan(0.9);
    expect(accuracy(linear, vectors, labels)).toBeLessThan(0.75);
  });

  it("gives probabilities that are non-negative and sum to 1", () => {
    const head = trainIntentHead(train.vectors.map((dense) => ({ dense })), train.labels, { seed: 5, hidden: 8 });
    for (const v of heldOut.vectors.slice(0, 30)) {
      const p = head.predictProba({ dense: v });
      expect(p.length).toBe(6);
      expect(Math.min(...p)).toBeGreaterThanOrEqual(0);
      expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    }
  });

  it("is deterministic for a seed and differs for another seed", () => {
    const rows = train.vectors.map((dense) => ({ dense }));
    const a = trainIntentHead(rows, train.labels, { seed: 9, hidden: 8 }).toArtifact();
    const b = trainIntentHead(rows, train.labels, { seed: 9, hidden: 8 }).toArtifact();
    const c = trainIntentHead(rows, train.labels, { seed: 10, hidden: 8 }).toArtifact();
    expect(b.weights).toEqual(a.weights);
    expect(c.weights.w1).not.toEqual(a.weights.w1);
  });

  it("round-trips through JSON with identical predictions", () => {
    const head = trainIntentHead(train.vectors.map((dense) => ({ dense })), train.labels, { seed: 4, hidden: 8 });
    const loaded = loadIntentHead(JSON.parse(JSON.stringify(head.toArtifact())));
    for (const v of heldOut.vectors.slice(0, 20)) expect(loaded.predictProba({ dense: v })).toEqual(head.predictProba({ dense: v }));
    expect(loaded.labels).toEqual(head.labels);
  });

  it("trains on sparse features alone", () => {
    // Feature k fires for class k (plus a shared noisy feature), so the head must learn the mapping.
    const rows = Array.from({ length: 120 }, (_, i) => ({ sparse: { indices: Int32Array.from([i % 4, 4 + (i % 3)]), values: Float32Array.from([0.8, 0.6]) } }));
    const labels = rows.map((_, i) => `c${i % 4}`);
    const head = trainIntentHead(rows, labels, { sparseDim: 7, seed: 1, learningRate: 0.05 });
    const ok = rows.filter((r, i) => head.labels[argmax(head.predictProba(r))] === labels[i]).length;
    expect(ok / rows.length).toBeGreaterThan(0.95);
  });

  it("rejects bad input with clear messages", () => {
    const rows = train.vectors.map((dense) => ({ dense }));
    expect(() => trainIntentHead([], [])).toThrow(/no training rows/);
    expect(() => trainIntentHead(rows, train.labels.slice(1))).toThrow(/labels/);
    expect(() => trainIntentHead(rows, rows.map(() => "only"))).toThrow(/two distinct labels/);
    expect(() => trainIntentHead([...rows, { dense: new Float32Array(3) }], [...train.labels, "x"])).toThrow(/length 24/);
    const head = trainIntentHead(rows, train.labels, { seed: 1, epochs: 2 });
    expect(() => head.predictProba({ dense: new Float32Array(5) })).toThrow(/length 24/);
    expect(() => loadIntentHead({ ...head.toArtifact(), weights: { ...head.toArtifact().weights, wd: "AAAA" } })).toThrow(/wd/);
  });
});
