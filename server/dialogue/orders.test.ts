import { describe, expect, it } from "vitest";
import type { Order } from "../storage/index.ts";
import { addBusinessDays, describeOrder, expectedDelivery, findEmail, findOrderNumber } from "./orders.ts";
import { analyzeSentiment } from "./sentiment.ts";

const order = (o: Partial<Order>): Order => ({
  id: "FF-123456", customerId: "C1", email: "a@b.com", placedAt: "2026-11-23T15:00:00Z", status: "shipped", shippingMethod: "standard", shipCountry: "US",
  subtotalCents: 5000, discountCents: 0, shippingCents: 0, totalCents: 5000, promoCode: null, carrier: "UPS", trackingNumber: "1Z999", shippedAt: "2026-11-24T15:00:00Z",
  deliveredAt: null, returnedAt: null, cancelledAt: null, items: [{ productId: "P1", quantity: 2, unitPriceCents: 2500 }], ...o,
});

describe("order understanding", () => {
  it("finds order numbers in several spellings and e-mail addresses", () => {
    expect(findOrderNumber("where is ff 123456?")).toBe("FF-123456");
    expect(findOrderNumber("order FF-654321 please")).toBe("FF-654321");
    expect(findOrderNumber("call 1234567")).toBeNull();
    expect(findEmail("it's Jane.Doe@Example.com thanks")).toBe("jane.doe@example.com");
  });

  it("counts business days over a weekend", () => {
    expect(addBusinessDays(new Date("2026-11-27T12:00:00Z"), 1).toISOString().slice(0, 10)).toBe("2026-11-30");
  });

  it("gives a shipped standard order a 3–5 business day window from its ship date", () => {
    const w = expectedDelivery(order({}), new Date("2026-11-25T12:00:00Z"))!;
    expect(w.from.toISOString().slice(0, 10)).toBe("2026-11-27");
    expect(w.to.toISOString().slice(0, 10)).toBe("2026-12-01");
  });

  it("describes an order in the shopper's language, with dates formatted for it", () => {
    const text = describeOrder(order({}), () => ({ name: "Trail Socks" }) as never, new Date("2026-11-25T12:00:00Z"), "es");
    expect(text).toContain("FF-123456");
    expect(text).toContain("1Z999");
    expect(text).toMatch(/nov/i);
    expect(text).not.toMatch(/Expected delivery|shipped on/);
  });

  it("describes a shipped order with items, carrier, tracking and window", () => {
    const text = describeOrder(order({}), () => ({ name: "Trail Socks" }) as never, new Date("2026-11-25T12:00:00Z"));
    expect(text).toContain("FF-123456");
    expect(text).toContain("Trail Socks ×2");
    expect(text).toContain("tracking number 1Z999");
    // Intl's date range (with thin spaces around the dash in English).
    expect(text).toMatch(/Expected delivery: Nov 27\s?–\s?Dec 1/);
  });

  it("uses the Canada window for Canadian orders", () => {
    const text = describeOrder(order({ shippingMethod: "international", shipCountry: "CA" }), () => undefined, new Date("2026-11-25T12:00:00Z"));
    expect(text).toContain("5–9 business days");
  });
});

describe("analyzeSentiment", () => {
  it("flags an angry message but not a mildly negative one", () => {
    expect(analyzeSentiment("this is ridiculous, I'm sick of waiting, absolutely fed up with you").strongNegative).toBe(true);
    expect(analyzeSentiment("you charged me twice, this is a total scam!!!").strongNegative).toBe(true);
    const mild = analyzeSentiment("the rowing machine arrived broken, disappointed");
    expect(mild.negative).toBe(true);
    expect(mild.strongNegative).toBe(false);
    expect(analyzeSentiment("do you ship to Canada?").score).toBe(0);
  });
});
