import path from "node:path";
import { insertShopData, openStorage, type Customer, type Order, type Product } from "../../server/storage/index.ts";

const DAY = 86_400_000;

/** A tiny made-up shop (3 products, `buyers` customers with one or two orders each), for cold-start and ingest tests. */
export function smallShop(buyers: number, now = Date.now()): { products: Product[]; customers: Customer[]; orders: Order[] } {
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const products: Product[] = [
    { id: "P1", name: "Trail Runner 2", category: "running-shoes", subcategory: "trail", brand: "Fjell", description: "A light trail running shoe with a grippy outsole.", priceCents: 12_000, stock: 12, weightKg: 0.6, consumable: false, tags: ["trail"], createdAt: at(200) },
    { id: "P2", name: "Merino Running Socks", category: "apparel", subcategory: "socks", brand: "Field", description: "Soft merino socks for long runs.", priceCents: 1_800, stock: 40, weightKg: 0.1, consumable: true, tags: ["socks"], createdAt: at(200) },
    { id: "P3", name: "Summit Daypack 20L", category: "outdoor-gear", subcategory: "backpacks", brand: "Fjell", description: "A 20 litre daypack with a rain cover.", priceCents: 8_500, stock: 5, weightKg: 0.9, consumable: false, tags: ["hiking"], createdAt: at(200) },
  ];
  const customers: Customer[] = Array.from({ length: buyers }, (_, i) => ({
    id: `S${i + 1}`, email: `buyer${i + 1}@example.com`, name: `Buyer Number${i + 1}`, country: "US", region: null, createdAt: at(150),
    summitMember: false, marketingConsent: i % 2 === 0, profilingConsent: true, persona: null,
  }));
  const orders: Order[] = customers.flatMap((c, i) =>
    Array.from({ length: 1 + (i % 2) }, (_, j): Order => {
      const p = products[(i + j) % products.length];
      return {
        id: `FF-9${String(i).padStart(3, "0")}${j}0`, customerId: c.id, email: c.email, placedAt: at(60 - i * 5 - j * 20), status: "delivered", shippingMethod: "standard", shipCountry: "US",
        subtotalCents: p.priceCents, discountCents: 0, shippingCents: 0, totalCents: p.priceCents, promoCode: null, carrier: "UPS", trackingNumber: `1Z${i}${j}`,
        shippedAt: at(59 - i * 5 - j * 20), deliveredAt: at(56 - i * 5 - j * 20), returnedAt: null, cancelledAt: null,
        items: [{ productId: p.id, quantity: 1, unitPriceCents: p.priceCents }],
      };
    }),
  );
  return { products, customers, orders };
}

/** Write a small shop into `dataDir/shop.db` (what a server started on that folder finds). */
export async function writeSmallShop(dataDir: string, buyers: number): Promise<void> {
  const storage = await openStorage({ sqlitePath: path.join(dataDir, "shop.db") });
  try {
    await insertShopData(storage.driver, { ...smallShop(buyers), events: [] });
  } finally {
    await storage.close();
  }
}
