import { describe, expect, it } from "vitest";
import { normalize } from "../embedder.ts";
import { classTfidfTerms, diverseCentral, titleFromTerms } from "./describe.ts";
import { normalizeQuestion, topicWords } from "./text.ts";

const w = (...texts: string[]) => texts.map((text) => ({ text, weight: 1 }));

describe("class-based TF-IDF titles", () => {
  it("ranks a group's own words above words every group uses", () => {
    const [returns, shipping] = classTfidfTerms([
      w("how do I return my order", "return label for my order", "can I return shoes from my order"),
      w("order shipping to norway", "shipping time for my order", "is shipping free on my order"),
    ]);
    expect(returns[0]).toBe("return");
    expect(shipping[0]).toBe("shipping");
    expect(returns.indexOf("order")).toBeGreaterThan(returns.indexOf("return"));
  });

  it("never names a group after a word only one question in five uses", () => {
    const [terms] = classTfidfTerms([w("gift wrap", "gift wrap please", "gift wrapping", "gift wrap cost", "gift wrap for my zebra")]);
    expect(terms).not.toContain("zebra");
  });

  it("weights repeated questions", () => {
    const [terms] = classTfidfTerms([[{ text: "klarna payment", weight: 9 }, { text: "paypal payment", weight: 1 }], w("other stuff entirely")]);
    expect(terms).toContain("klarna");
    expect(terms).not.toContain("paypal");
  });

  it("turns terms into a short title in the order of the central question, one form per word", () => {
    expect(titleFromTerms(["wrap", "gift", "gift wrap", "gift wrapping", "wrapping"], "can you gift wrap my order")).toBe("Gift wrap");
    expect(titleFromTerms(["treadmill", "assembly", "assemble", "instructions"], "treadmill assembly instructions")).toBe("Treadmill assembly instructions");
    expect(titleFromTerms([], "???")).toBe("???");
  });
});

describe("question text", () => {
  it("treats case, spacing and surrounding punctuation as the same question", () => {
    expect(normalizeQuestion("  Where IS my   order?? ")).toBe("where is my order");
    expect(normalizeQuestion("...")).toBe("");
  });

  it("drops stop words and masked personal data from topic words", () => {
    expect(topicWords("Hi, can you send it to [email] please? It's for my order")).toEqual(["send", "order"]);
  });
});

describe("diverse central questions", () => {
  it("prefers a different question to a near-copy of one already picked", () => {
    const v = (...x: number[]) => normalize(Float32Array.from(x));
    const vectors = [v(1, 0.1, 0), v(1, 0.11, 0), v(0.7, 0.7, 0), v(0, 0, 1)];
    const centrality = [0.95, 0.94, 0.8, 0.2];
    expect(diverseCentral(vectors, centrality, 2)).toEqual([0, 2]);
    expect(diverseCentral(vectors, centrality, 10)).toHaveLength(4);
  });
});
