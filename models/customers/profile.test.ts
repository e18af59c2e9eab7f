import { describe, expect, it } from "vitest";
import { buildProfile, createProfileContext } from "./profile.ts";
import { makeCatalogue, makeOrder } from "./test-data.ts";
import type { CustomerHistory } from "./types.ts";

const AS_OF = new Date("2026-11-28T00:00:00Z");
const ctx = createProfileContext(new Map(makeCatalogue(12).map((p) => [p.id, p])));

describe("customer profile", () => {
  const history: CustomerHistory = {
    customerId: "C1",
    createdAt: "2025-11-28T00:00:00.000Z",
    orders: [
      makeOrder(AS_OF, 200, 10000, ["P000"], { discountCents: 1000 }),
      makeOrder(AS_OF, 100, 5000, ["P003"], { status: "returned" }),
      makeOrder(AS_OF, 10, 7000, ["P006"]),
      makeOrder(AS_OF, 5, 9999, ["P001"], { status: "cancelled" }),
      makeOrder(AS_OF, -3, 9999, ["P002"]),
    ],
    events: [
      { type: "view", productId: "P004", query: null, at: "2026-11-20T00:00:00.000Z" },
      { type: "search", productId: null, query: "trail shoes", at: "2026-11-21T00:00:00.000Z" },
    ],
    supportContacts: 2,
  };
  const p = buildProfile(history, ctx, AS_OF);

  it("computes recency, frequency, net monetary value, tenure and return rate from past, non-cancelled orders", () => {
    expect(p.orders).toBe(3);
    expect(p.recencyDays).toBeCloseTo(10, 6);
    expect(p.monetaryCents).toBe(17000);
    expect(p.averageOrderValueCents).toBe(8500);
    expect(p.returnRate).toBeCloseTo(1 / 3, 6);
    expect(p.tenureDays).toBeCloseTo(365, 0);
    expect(p.supportContacts).toBe(2);
  });

  it("ranks purchased categories above viewed ones and maps searches to a category", () => {
    expect(p.categories[0].category).toBe("running-shoes");
    expect(p.categories[0].purchases).toBe(3);
    expect(p.categories.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 6);
    expect(p.categories.find((c) => c.category === "running-shoes")!.searches).toBe(1);
    expect(p.interests).toContain("trail");
  });

  it("summarises the customer in one readable line", () => {
    expect(p.discountSensitivity.level).toBe("medium");
    expect(p.summary).toMatch(/3 orders totalling \$170 \(avg \$85.00\)/);
    expect(p.summary).toMatch(/2 support contacts/);
  });
});
