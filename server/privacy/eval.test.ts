import { describe, expect, it } from "vitest";
import { parsePiiDataset, scorePiiFinder, syntheticNames } from "./eval.ts";
import type { PiiSpan } from "./types.ts";

const base = { description: "d", licence: "written for this project's tests", provenance: "hand-written for this unit test", spanKinds: ["email"], keepKinds: ["order"], knownNames: [] };

describe("parsePiiDataset", () => {
  it("resolves span texts to offsets, the n-th occurrence when asked", () => {
    const d = parsePiiDataset({ ...base, dev: [{ id: "dev-001", text: "May I'm May", spans: [{ kind: "name", text: "May", occurrence: 1 }], keep: [] }], heldout: [] });
    expect(d.dev[0]!.spans[0]).toMatchObject({ start: 8, end: 11 });
  });

  it("lists a span that is not in its text and an unknown kind", () => {
    const bad = { ...base, dev: [{ id: "dev-001", text: "hello", spans: [{ kind: "email", text: "a@b.com" }], keep: [{ kind: "colour", text: "hello" }] }], heldout: [] };
    expect(() => parsePiiDataset(bad)).toThrow(/"a@b.com" is not in the text[\s\S]*unknown kind "colour"/);
  });
});

describe("scorePiiFinder", () => {
  const data = parsePiiDataset({
    ...base,
    dev: [
      { id: "dev-001", text: "mail a@b.com about FF-123456", spans: [{ kind: "email", text: "a@b.com" }], keep: [{ kind: "order", text: "FF-123456" }] },
      { id: "dev-002", text: "nothing here", spans: [], keep: [] },
    ],
    heldout: [],
  });

  it("counts overlap matches per kind, over-masked tokens, touched negatives and leaked characters", () => {
    const find = (t: string): PiiSpan[] => (t.startsWith("mail") ? [{ kind: "email", start: 5, end: 8 }, { kind: "phone", start: 19, end: 28 }] : [{ kind: "name", start: 0, end: 7 }]);
    const s = scorePiiFinder(data.dev, find);
    expect(s.perKind.email).toMatchObject({ gold: 1, predicted: 1, precision: 1, recall: 1 });
    expect(s.perKind.phone).toMatchObject({ gold: 0, predicted: 1, precision: 0 });
    expect(s.overMasked.order).toEqual({ masked: 1, total: 1 });
    expect(s.negativesTouched).toEqual({ touched: 1, total: 1 });
    expect(s.leakedCharShare).toBeCloseTo(4 / 7);
  });
});

describe("syntheticNames", () => {
  it("makes the asked number of distinct names, the same for the same seed", () => {
    const a = syntheticNames(500, 3);
    expect(new Set(a).size).toBe(500);
    expect(syntheticNames(500, 3)).toEqual(a);
  });
});
