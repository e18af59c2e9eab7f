import { describe, expect, it } from "vitest";
import { answerProductQuestion, type ProductAnswer } from "./answer.ts";
import type { ProductPolicyFacts } from "./product-facts.ts";
import { createProductMatcher } from "./product-matcher.ts";
import { testCatalogue } from "./test-catalogue.ts";

const products = testCatalogue();
const matcher = createProductMatcher(products);
const policyFacts: ProductPolicyFacts = {
  warranties: [{ subcategory: "treadmills", text: "a 2-year warranty on parts" }, { category: "running-shoes", text: "a 1-year warranty against defects" }],
  freightOverKg: 30,
  freightDelivery: "by freight with a booked delivery window",
  parcelDelivery: "as a parcel in 3–5 business days",
};
const ask = (text: string): ProductAnswer | null => answerProductQuestion(text, { matcher, products, policyFacts });
function info(text: string) {
  const a = ask(text);
  if (a?.kind !== "product_info") throw new Error(`expected product_info for "${text}", got ${JSON.stringify(a)}`);
  return a;
}

describe("answerProductQuestion", () => {
  it("answers a price question with the catalogue price, formatted, and a card", () => {
    const a = info("how much is the vantera tempo 2?");
    expect(a.attribute).toBe("price");
    expect(a.text).toContain("$114.95");
    expect(a.text).not.toMatch(/^Yes/);
    expect(a.cards[0]).toMatchObject({ id: "T2", price: 114.95, currency: "USD", url: "/p/T2", image: "/img/products/T2.svg" });
  });

  it("answers stock per size and colour, and offers what is in stock when the asked variant is sold out", () => {
    expect(info("do you have the vantera tempo 2 in black size 9?").text).toMatch(/Black, US 9 is in stock \(only 1 left\)/);
    const soldOut = info("do you have the vantera tempo 2 in red, size 10?");
    expect(soldOut.text).toMatch(/Sorry.*Red, US 10 is sold out.*Black, US 10/);
    expect(soldOut.cards[0].stock).toBe("out_of_stock");
    expect(info("can i get the vantera tempo 2 in a size 14").text).toContain("doesn't come in size 14");
  });

  it("answers weight, measurements, sizes and colours from the data", () => {
    expect(info("how heavy is the vantera tempo 3").text).toContain("610 g");
    expect(info("dimensions of the ironpeak t-650 treadmill").text).toContain("198 × 86 × 133 cm");
    expect(info("what sizes does the vantera tempo 2 come in").text).toContain("US sizes 9–10.5");
    expect(info("what colours does the vantera tempo 2 come in").text).toContain("Black and Red");
  });

  it("says yes to a feature only with evidence from the product, and says it does not know otherwise", () => {
    const yes = info("is the fellside scree gtx waterproof?");
    expect(yes.attribute).toBe("features");
    expect(yes.text).toContain("waterproof membrane");
    const no = ask("is the trailhound scree waterproof?");
    expect(no).toMatchObject({ kind: "detail_unknown", productIds: ["SC"], attribute: "features" });
    expect(no?.text).toBe("I don't have that detail for the Trailhound Scree; here is the product page.");
    expect(ask("is the vantera tempo 2 machine washable")?.kind).toBe("detail_unknown");
    expect(ask("what are the dimensions of the vantera tempo 3")?.kind).toBe("detail_unknown");
  });

  it("answers materials from the description and warranty and delivery from the policy facts", () => {
    expect(info("what is the loma threads trail crew made of").text).toContain("merino wool");
    expect(info("warranty on the ironpeak t650?").text).toContain("2-year warranty on parts");
    expect(ask("is there a warranty on iron will")?.kind).toBe("detail_unknown");
    expect(info("how is the ironpeak t-650 delivered").text).toContain("by freight");
    expect(info("how does the vantera tempo 2 ship").text).toContain("as a parcel");
    expect(answerProductQuestion("warranty on the ironpeak t650?", { matcher, products })?.kind).toBe("detail_unknown");
  });

  it("compares two named products on the attribute asked", () => {
    const a = info("which is lighter, the vantera tempo 2 or the vantera tempo 3?");
    expect(a.attribute).toBe("comparison");
    expect(a.productIds).toEqual(["T2", "T3"]);
    expect(a.text).toContain("The Vantera Tempo 2 is lighter, by 100 g");
    expect(info("vantera tempo 2 vs tempo 3 which is cheaper").text).toContain("cheaper, by $55.00");
  });

  it("asks which product when the name fits several", () => {
    const a = ask("how much is the ridgeback gtx");
    expect(a?.kind).toBe("ambiguous");
    if (a?.kind !== "ambiguous") return;
    expect(a.candidates.map((c) => c.productId).sort()).toEqual(["RK", "RN"]);
    expect(a.text).toMatch(/^Which one do you mean: the .* or the .*\?$/);
  });

  it("returns null for messages that are not about a specific product, or that ask a policy question", () => {
    for (const text of ["do you price match?", "how much is express shipping?", "what's your return policy for shoes", "can i return the vantera tempo 2 after running in them?", "my vantera tempo 2 arrived damaged", "i love running"]) {
      expect(ask(text), text).toBeNull();
    }
  });

  it("uses the live product list for price and stock, and skips a product that is gone", () => {
    const repriced = products.map((p) => (p.id === "T3" ? { ...p, priceCents: 9999 } : p));
    expect(answerProductQuestion("price of the vantera tempo 3", { matcher, products: repriced })?.text).toContain("$99.99");
    expect(answerProductQuestion("price of the vantera tempo 3", { matcher, products: products.filter((p) => p.id !== "T3") })).toBeNull();
  });
});
