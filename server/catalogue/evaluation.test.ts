import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import type { ProductAnswer } from "./answer.ts";
import { parseProductQuestionCases, scoreProductAnswer, summariseProductScores, type ProductQuestionCase } from "./evaluation.ts";
import { createSubstringMatcher } from "./substring-matcher.ts";
import { testCatalogue } from "./test-catalogue.ts";

const c = (over: Partial<ProductQuestionCase>): ProductQuestionCase => ({ id: "d001", split: "dev", text: "x", kind: "product_info", productIds: ["P1"], attribute: "price", ...over });
const info = (ids: string[], attribute: ProductAnswer["attribute"] = "price", kind: "product_info" | "detail_unknown" = "product_info"): ProductAnswer => ({ kind, productIds: ids, attribute, text: "", cards: [] });

describe("scoreProductAnswer", () => {
  it("counts the right product and attribute as right, another product or attribute as wrong", () => {
    expect(scoreProductAnswer(c({}), info(["P1"]))).toBe("right");
    expect(scoreProductAnswer(c({}), info(["P2"]))).toBe("wrong");
    expect(scoreProductAnswer(c({}), info(["P1"], "weight"))).toBe("wrong");
  });

  it("counts an invented detail as wrong and an honest 'I don't know' or a question back as fallback", () => {
    expect(scoreProductAnswer(c({ kind: "detail_unknown" }), info(["P1"]))).toBe("wrong");
    expect(scoreProductAnswer(c({}), info(["P1"], "price", "detail_unknown"))).toBe("fallback");
    expect(scoreProductAnswer(c({}), { kind: "ambiguous", attribute: "price", candidates: [], text: "", cards: [] })).toBe("fallback");
    expect(scoreProductAnswer(c({}), null)).toBe("fallback");
  });

  it("counts a guess on an ambiguous name as wrong and an answer to a non-product message as a false positive", () => {
    expect(scoreProductAnswer(c({ kind: "ambiguous", productIds: ["P1", "P2"] }), info(["P1"]))).toBe("wrong");
    const asked: ProductAnswer = { kind: "ambiguous", attribute: "price", candidates: [{ productId: "P2", name: "", confidence: 1 }, { productId: "P1", name: "", confidence: 1 }, { productId: "P3", name: "", confidence: 1 }], text: "", cards: [] };
    expect(scoreProductAnswer(c({ kind: "ambiguous", productIds: ["P1", "P2"] }), asked)).toBe("right");
    expect(scoreProductAnswer(c({ kind: null, productIds: [], attribute: null }), info(["P1"]))).toBe("false_positive");
    expect(scoreProductAnswer(c({ kind: null, productIds: [], attribute: null }), null)).toBe("right");
  });

  it("sums rows per attribute and a total", () => {
    const { rows, total } = summariseProductScores([{ c: c({}), score: "right" }, { c: c({}), score: "wrong" }, { c: c({ kind: null, attribute: null, productIds: [] }), score: "false_positive" }]);
    expect(rows).toEqual([
      { attribute: "price", n: 2, right: 1, wrong: 1, fallback: 0, falsePositive: 0 },
      { attribute: "none", n: 1, right: 0, wrong: 0, fallback: 0, falsePositive: 1 },
    ]);
    expect(total).toMatchObject({ attribute: "all", n: 3, right: 1 });
  });
});

describe("parseProductQuestionCases", () => {
  const file = (questions: unknown[]) => ({ about: "t", seed: 42, questions });
  it("accepts well-formed cases and rejects inconsistent ones with a clear message", () => {
    expect(parseProductQuestionCases(file([c({})])).cases).toHaveLength(1);
    for (const bad of [[c({}), c({})], [c({ attribute: null })], [c({ kind: null })], [c({ attribute: "comparison" })], [{ ...c({}), extra: 1 }]]) {
      try {
        parseProductQuestionCases(file(bad));
        expect.unreachable();
      } catch (e) {
        expect(isAppError(e) && e.code).toBe("CHAT_ERR_VALIDATION");
      }
    }
  });
});

describe("createSubstringMatcher (the baseline)", () => {
  it("finds exact names only, the longest when names overlap", () => {
    const m = createSubstringMatcher(testCatalogue());
    expect(m.match("is the Vantera Tempo 2 light?").mentions.map((x) => x.resolved?.product.id)).toEqual(["T2"]);
    expect(m.match("vantra tempo 2").mentions).toEqual([]);
    expect(m.match("the vantera tempo").mentions).toEqual([]);
  });
});
