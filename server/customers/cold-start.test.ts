import { describe, expect, it } from "vitest";
import type { CustomerHistory } from "../../models/customers/index.ts";
import { smallShop } from "../../test/helpers/small-shop.ts";
import { trainCustomerModels } from "./training.ts";

function histories(buyers: number, customers = buyers): { histories: CustomerHistory[]; products: ReturnType<typeof smallShop>["products"] } {
  const shop = smallShop(Math.max(buyers, 1), Date.parse("2026-06-01T00:00:00Z"));
  const out: CustomerHistory[] = Array.from({ length: customers }, (_, i) => ({
    customerId: `S${i + 1}`, createdAt: "2026-01-01T00:00:00Z", supportContacts: 0, events: [],
    orders: i < buyers ? shop.orders.filter((o) => o.customerId === `S${i + 1}`).map((o) => ({ orderId: o.id, placedAt: o.placedAt, status: o.status, totalCents: o.totalCents, discountCents: 0, items: o.items })) : [],
  }));
  return { histories: out, products: shop.products };
}

describe("training a small or new shop (cold start)", () => {
  const asOf = new Date("2026-06-01T00:00:00Z");

  it("trains segments and popular-item recommendations with 3 buyers, leaves CLV and churn out, and says why", async () => {
    const { histories: h, products } = histories(3);
    const a = await trainCustomerModels(h, products, { asOf });
    expect(a.rfm).not.toBeNull();
    expect(a.lifetimeValue).toBeNull();
    expect(a.churn).toBeNull();
    expect(a.coldStart?.missing).toEqual(["lifetimeValue", "churn"]);
    expect(a.coldStart?.reason).toMatch(/3 buyer\(s\).*at least 20 buyers/);
    expect(Object.keys(a.recommender.popularity).length).toBeGreaterThan(0);
    expect(a.metrics.churnRate).toBeNull();
  });

  it("trains with no buyers at all (only sign-ups and a catalogue)", async () => {
    const { histories: h, products } = histories(0, 4);
    const a = await trainCustomerModels(h, products, { asOf });
    expect(a.coldStart?.missing).toEqual(["rfm", "lifetimeValue", "churn"]);
    expect(a.snapshot).toMatchObject({ customers: 4, buyers: 0, products: 3 });
  });
});
