import { describe, expect, it } from "vitest";
import { createProductMatcher } from "./product-matcher.ts";
import { testCatalogue, testProduct } from "./test-catalogue.ts";

const matcher = createProductMatcher(testCatalogue());
const named = (text: string) => matcher.match(text).mentions.map((m) => m.resolved?.product.id ?? `?${m.candidates.map((c) => c.product.id).sort().join(",")}`);

describe("createProductMatcher", () => {
  it("finds a product by its full name, lower case, and returns the matched span", () => {
    const m = matcher.match("how much is the vantera tempo 2?");
    expect(m.mentions).toHaveLength(1);
    expect(m.mentions[0].resolved?.product.id).toBe("T2");
    expect(m.mentions[0].span.text).toBe("vantera tempo 2");
    expect(m.mentions[0].resolved?.confidence).toBeGreaterThan(0.9);
  });

  it("finds a product from a partial name when the words single it out (model and version without the brand)", () => {
    expect(named("tempo 2 price")).toEqual(["T2"]);
    expect(named("is the scree gtx waterproof")).toEqual(["SG"]);
  });

  it("tolerates typos and joined or split words", () => {
    expect(named("vantra tempo 2")).toEqual(["T2"]);
    expect(named("trailhund scree")).toEqual(["SC"]);
    expect(named("iron peak t650")).toEqual(["TM"]);
  });

  it("says a name is ambiguous when several products fit it equally", () => {
    expect(named("the vantera tempo")).toEqual(["?T2,T3"]);
    expect(named("ridgeback gtx")).toEqual(["?RK,RN"]);
  });

  it("does not pick a product from generic words alone", () => {
    for (const text of ["shoes", "running", "jacket", "a good trail running shoe", "do you have treadmills?", "what about the return policy"]) {
      expect(matcher.match(text).mentions, text).toEqual([]);
    }
  });

  it("finds two products named in one message as two mentions", () => {
    expect(named("vantera tempo 2 vs trailhound scree")).toEqual(["T2", "SC"]);
  });

  it("names a book by its title, but not from the title's words scattered in a sentence", () => {
    expect(named("is iron will in stock")).toEqual(["IW"]);
    expect(named("will the iron stand up to rain?")).toEqual([]);
  });

  it("lists a brand's products of a type when only the brand and the type are named", () => {
    const m = matcher.match("how much are the trailhound shoes");
    expect(m.mentions[0].brandOnly).toBe(true);
    expect(m.mentions[0].candidates.map((c) => c.product.id).sort()).toEqual(["ML", "SC"]);
  });

  it("answers from the new catalogue after update", () => {
    const m = createProductMatcher(testCatalogue());
    expect(m.match("the zephyr glide").mentions).toEqual([]);
    m.update([...testCatalogue(), testProduct({ id: "ZG", name: "Zephyr Glide", brand: "Zephyr" })]);
    expect(m.size).toBe(13);
    expect(m.match("the zephyr glide").mentions[0].resolved?.product.id).toBe("ZG");
  });
});
