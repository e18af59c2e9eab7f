import { describe, expect, it } from "vitest";
import { buyingAgain, churnBand, churnRisk, expectedSpend, formatCents, formatPrice, languageName, plainReason } from "./plain-words.ts";

describe("console wording", () => {
  it("formats cents and dollar prices the same way", () => {
    expect(formatCents(129999)).toBe("$1,299.99");
    expect(formatPrice(1299.99)).toBe("$1,299.99");
    expect(formatCents(Number.NaN)).toBe("—");
  });

  it("says the customer models' outputs in plain words", () => {
    expect(buyingAgain(0.96)).toBe("likely to buy again");
    expect(buyingAgain(0.5)).toBe("may buy again");
    expect(buyingAgain(0.1)).toBe("unlikely to buy again");
    expect(expectedSpend(43412, 12)).toBe("$434 expected over the next 12 months");
    expect(churnRisk(0.12)).toBe("churn risk: low (12%)");
    expect([churnBand(0.3), churnBand(0.5), churnBand(0.9)]).toEqual(["medium", "high", "high"]);
  });

  it("rewrites model jargon in churn reasons and leaves plain reasons alone", () => {
    expect(plainReason("2.01 purchases expected in the next 90 days (lowers risk)")).toBe("about 2 orders expected in the next 90 days (lowers risk)");
    expect(plainReason("0.20 purchases expected in the next 90 days (raises risk)")).toBe("no orders expected in the next 90 days (raises risk)");
    expect(plainReason("purchase-pattern P(active) 96% (lowers risk)")).toBe("buying pattern says still an active customer (lowers risk)");
    expect(plainReason("last order 200 days ago (raises risk)")).toBe("last order 200 days ago (raises risk)");
  });

  it("names the shopper's language in English", () => {
    expect(languageName("es-MX")).toBe("Mexican Spanish");
    expect(languageName("de")).toBe("German");
    expect(languageName("zz-not-a-tag-at-all!")).toBe("zz-not-a-tag-at-all!");
  });
});
