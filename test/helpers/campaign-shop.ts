import path from "node:path";
import { insertShopData, openStorage, type Customer, type Order, type Product } from "../../server/storage/index.ts";

const DAY = 86_400_000;

/**
 * A made-up shop for campaign tests: `atRisk` customers with marketing consent whose only order was 200 days ago
 * (the at-risk lifecycle stage), 5 more like them without marketing consent, and 10 repeat buyers who bought recently.
 */
export function campaignShop(atRisk: number, now = Date.now()): { products: Product[]; customers: Customer[]; orders: Order[] } {
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const products: Product[] = [
    { id: "P1", name: "Trail Runner 2", category: "running-shoes", subcategory: "trail", brand: "Fjell", description: "A light trail running shoe.", priceCents: 12_000, stock: 12, weightKg: 0.6, consumable: false, tags: ["trail"], createdAt: at(400) },
    { id: "P2", name: "Merino Running Socks", category: "apparel", subcategory: "socks", brand: "Field", description: "Soft merino socks.", priceCents: 1_800, stock: 40, weightKg: 0.1, consumable: true, tags: ["socks"], createdAt: at(400) },
    { id: "P3", name: "Summit Daypack 20L", category: "outdoor-gear", subcategory: "backpacks", brand: "Fjell", description: "A 20 litre daypack.", priceCents: 8_500, stock: 5, weightKg: 0.9, consumable: false, tags: ["hiking"], createdAt: at(400) },
  ];
  const customer = (id: string, i: number, marketingConsent: boolean): Customer => ({
    id, email: `${id.toLowerCase()}@example.com`, name: `Pat${i} Customer`, country: "US", region: null, createdAt: at(300), summitMember: false, marketingConsent, profilingConsent: true, persona: null,
  });
  const customers = [
    ...Array.from({ length: atRisk }, (_, i) => customer(`R${i + 1}`, i, true)),
    ...Array.from({ length: 5 }, (_, i) => customer(`N${i + 1}`, i, false)),
    ...Array.from({ length: 10 }, (_, i) => customer(`A${i + 1}`, i, true)),
  ];
  // Recent buyers bought three times (repeat buyers let the lifetime-value model fit); the at-risk ones once.
  const orders: Order[] = customers.flatMap((c, i) => (c.id.startsWith("A") ? [5 + (i % 7), 40 + i, 80 + 2 * i] : [200]).map((daysAgo, j): Order => {
    const p = products[(i + j) % products.length];
    return {
      id: `FF-7${String(i).padStart(4, "0")}${j}`, customerId: c.id, email: c.email, placedAt: at(daysAgo), status: "delivered", shippingMethod: "standard", shipCountry: "US",
      subtotalCents: p.priceCents, discountCents: 0, shippingCents: 0, totalCents: p.priceCents, promoCode: null, carrier: "UPS", trackingNumber: `1Z${i}`,
      shippedAt: at(daysAgo - 1), deliveredAt: at(daysAgo - 3), returnedAt: null, cancelledAt: null, items: [{ productId: p.id, quantity: 1, unitPriceCents: p.priceCents }],
    };
  }));
  return { products, customers, orders };
}

/** Write the campaign shop into `dataDir/shop.db`. */
export async function writeCampaignShop(dataDir: string, atRisk: number): Promise<void> {
  const storage = await openStorage({ sqlitePath: path.join(dataDir, "shop.db") });
  try {
    await insertShopData(storage.driver, { ...campaignShop(atRisk), events: [] });
  } finally {
    await storage.close();
  }
}
