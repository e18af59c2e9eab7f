/**
 * Structural checks on test/data/product-questions.json (the shopper questions of npm run eval:products):
 * valid, big enough, both splits present, and every expected product id exists in the demo catalogue.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseProductQuestionCases } from "../server/catalogue/index.ts";
import { generateDemoCatalogue } from "../server/demo-shop/index.ts";

const { seed, cases } = parseProductQuestionCases(JSON.parse(readFileSync(new URL("./data/product-questions.json", import.meta.url), "utf8")));

describe("product-questions.json", () => {
  it("has at least 150 questions, a held-out split and not-about-a-product cases in both splits", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    for (const split of ["dev", "heldout"] as const) {
      expect(cases.filter((c) => c.split === split).length).toBeGreaterThanOrEqual(75);
      expect(cases.filter((c) => c.split === split && c.kind === null).length).toBeGreaterThanOrEqual(10);
    }
  });

  it("names only products of the demo catalogue it was written for", () => {
    const ids = new Set(generateDemoCatalogue({ seed }).map((p) => p.id));
    for (const c of cases) for (const id of c.productIds) expect(ids.has(id), `${c.id}: ${id}`).toBe(true);
  });
});
