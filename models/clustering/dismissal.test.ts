import { describe, expect, it } from "vitest";
import { normalize } from "../embedder.ts";
import { isDismissed, matchDismissed } from "./dismissal.ts";

const v = (...x: number[]) => normalize(Float32Array.from(x));

describe("dismissal", () => {
  const cluster = { centroid: v(1, 0.2, 0), members: ["a", "b", "c", "d"] };

  it("matches a stored centroid within the bar and not one beyond it", () => {
    expect(isDismissed(cluster, [{ centroid: v(1, 0.25, 0) }], 0.05)).toBe(true);
    expect(isDismissed(cluster, [{ centroid: v(0, 1, 0) }], 0.05)).toBe(false);
  });

  it("matches by members when at least half of the cluster was dismissed, whatever the centroid", () => {
    expect(isDismissed(cluster, [{ centroid: v(0, 0, 1), members: ["a", "b", "x"] }], 0.05)).toBe(true);
    expect(isDismissed(cluster, [{ centroid: v(0, 0, 1), members: ["a", "x", "y"] }], 0.05)).toBe(false);
  });

  it("names the closest of several matching dismissed groups", () => {
    expect(matchDismissed(cluster, [{ centroid: v(0, 1, 0) }, { centroid: v(1, 0.3, 0) }, { centroid: v(1, 0.21, 0) }], 0.1)).toBe(2);
    expect(matchDismissed(cluster, [], 0.1)).toBe(-1);
  });

  it("rejects a stored centroid of another dimension and a bar out of range", () => {
    expect(() => isDismissed(cluster, [{ centroid: new Float32Array(4) }])).toThrow(/embedder changed/);
    expect(() => isDismissed(cluster, [], -1)).toThrow(/cosine distance/);
  });
});
