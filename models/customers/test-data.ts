import { createRandom } from "./random.ts";
import { DAY_MS, type CatalogueItem, type CustomerHistory, type PurchaseRecord } from "./types.ts";

/** A small catalogue for tests: `n` products across three categories, all in stock. */
export function makeCatalogue(n = 30): CatalogueItem[] {
  const cats = ["running-shoes", "apparel", "outdoor-gear"];
  return Array.from({ length: n }, (_, i) => ({
    id: `P${String(i).padStart(3, "0")}`,
    name: `Product ${i}`,
    category: cats[i % 3],
    subcategory: `sub-${i % 6}`,
    brand: "Fjell",
    description: `Test product number ${i}`,
    priceCents: 1000 + i * 100,
    stock: 10,
    consumable: false,
    tags: [`tag${i % 4}`],
  }));
}

/** An order placed `daysAgo` days before `asOf` for `totalCents` with the given products. */
export function makeOrder(asOf: Date, daysAgo: number, totalCents: number, items: string[] = ["P000"], extra: Partial<PurchaseRecord> = {}): PurchaseRecord {
  const at = new Date(asOf.getTime() - daysAgo * DAY_MS).toISOString();
  return {
    orderId: `O${at}${items.join("")}`, placedAt: at, status: "delivered", totalCents, discountCents: 0,
    items: items.map((productId) => ({ productId, quantity: 1, unitPriceCents: Math.round(totalCents / items.length) })), ...extra,
  };
}

/**
 * Synthetic customers for churn tests: "engaged" ones buy every ~30 days and browse; "fading" ones
 * bought a few times long ago. Engagement is drawn per customer so the label is learnable but noisy.
 */
export function makeSyntheticCustomers(n: number, end: Date, seed = 1): CustomerHistory[] {
  const rnd = createRandom(seed);
  const out: CustomerHistory[] = [];
  for (let c = 0; c < n; c++) {
    const engaged = rnd() < 0.5;
    const rate = engaged ? 1 / (20 + rnd() * 30) : 1 / (60 + rnd() * 120);
    const stopAfter = engaged ? 10_000 : 120 + rnd() * 300;
    const start = 500 + rnd() * 200;
    const orders: PurchaseRecord[] = [];
    const events: CustomerHistory["events"] = [];
    for (let d = start; d > 0; d -= 1) {
      const age = start - d;
      if (age > stopAfter) break;
      if (rnd() < rate || age === 0) orders.push(makeOrder(end, d, 2000 + Math.floor(rnd() * 8000), [`P00${Math.floor(rnd() * 9)}`]));
      if (rnd() < rate * 3) events.push({ type: "view", productId: "P001", query: null, at: new Date(end.getTime() - d * DAY_MS).toISOString() });
    }
    out.push({ customerId: `C${c}`, createdAt: new Date(end.getTime() - (start + 1) * DAY_MS).toISOString(), orders, events, supportContacts: Math.floor(rnd() * 2) });
  }
  return out;
}
