import { describe, expect, it } from "vitest";
import { findVariantRequest, parseProductQuestion } from "./question-parser.ts";

const attr = (rest: string, mentions = 1) => parseProductQuestion(rest, { mentions, variant: findVariantRequest(rest) }).attribute;

describe("findVariantRequest", () => {
  it("reads shoe sizes, letter sizes and colours with their spans", () => {
    const v = findVariantRequest("do you have it in black, size 10.5?");
    expect(v).toMatchObject({ size: "10.5", colour: "black" });
    expect(v.spans.map((s) => "do you have it in black, size 10.5?".slice(s.start, s.end)).sort()).toEqual(["black", "size 10.5"]);
    expect(findVariantRequest("got it in a medium").size).toBe("M");
    expect(findVariantRequest("in 13?").size).toBe("13");
  });

  it("does not read weights, volumes or days as sizes", () => {
    expect(findVariantRequest("the 24 in 2 days").size).toBeNull();
    expect(findVariantRequest("is it 12 kg").size).toBeNull();
    expect(findVariantRequest("what sizes does it come in").size).toBeNull();
  });
});

describe("parseProductQuestion", () => {
  it("reads the attribute from English cues", () => {
    expect(attr("how much is the  ?")).toBe("price");
    expect(attr("hows much the ")).toBe("price");
    expect(attr("how heavy is the ")).toBe("weight");
    expect(attr("is the  in stock")).toBe("stock");
    expect(attr("what sizes does the  come in")).toBe("sizes");
    expect(attr("what colours is the  available in")).toBe("colours");
    expect(attr("what is the  made of")).toBe("materials");
    expect(attr("how big is the ")).toBe("dimensions");
    expect(attr("warranty on the ?")).toBe("warranty");
    expect(attr("will the  come by freight")).toBe("delivery");
    expect(attr("tell me about the ")).toBe("overview");
    expect(attr("", 1)).toBe("overview");
  });

  it("names the feature asked about, or keeps the words of one it does not know", () => {
    expect(parseProductQuestion("is the  waterproof?", { mentions: 1 }).feature?.key).toBe("waterproof");
    expect(parseProductQuestion("does the  have a red light", { mentions: 1 }).feature?.key).toBe("red-light");
    expect(parseProductQuestion("how much caffeine in the ", { mentions: 1 }).feature?.key).toBe("caffeine");
    expect(parseProductQuestion("is the  vibration-proof", { mentions: 1 })).toMatchObject({ attribute: "features", feature: null, otherFeature: "vibration-proof" });
  });

  it("reads a comparison only between two products, with what it is about", () => {
    expect(parseProductQuestion(" vs  which is lighter", { mentions: 2 })).toMatchObject({ attribute: "comparison", compareOn: "weight" });
    expect(parseProductQuestion("which is cheaper, the  or the ", { mentions: 2 }).compareOn).toBe("price");
    expect(parseProductQuestion("difference between  and ", { mentions: 2 }).compareOn).toBeNull();
  });

  it("leaves policy topics to the FAQ even when a product is named", () => {
    for (const rest of ["can i return the ", "do you price match the ", "my  arrived damaged", "exchange the  for a bigger size"]) {
      expect(parseProductQuestion(rest, { mentions: 1 }).policy, rest).toBe(true);
    }
  });

  it("reads nothing from unrelated words next to a product", () => {
    expect(attr("my sister and i both love running in the ")).toBeNull();
  });
});
