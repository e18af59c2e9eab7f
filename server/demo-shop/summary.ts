import type { ShopData } from "../storage/index.ts";

/** Row counts and breakdowns of a generated shop, as printed by `npm run seed`. */
export interface ShopSummary {
  rows: { products: number; customers: number; orders: number; orderItems: number; events: number };
  ordersByStatus: Record<string, number>;
  ordersByShippingMethod: Record<string, number>;
  eventsByType: Record<string, number>;
  productsByCategory: Record<string, number>;
  /** Per persona: customers, orders, orders per customer, mean days since last order, revenue in cents. */
  personas: Record<string, { customers: number; orders: number; ordersPerCustomer: number; meanRecencyDays: number; revenueCents: number }>;
  promoOrderShare: number;
  outOfStockProducts: number;
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

/**
 * Summarise shop data: rows per table and breakdowns by status, persona, category and event type.
 * `now` (ISO) is the reference for recency.
 */
export function summarizeShopData(data: ShopData, now: string): ShopSummary {
  const nowMs = Date.parse(now);
  const ordersByStatus: Record<string, number> = {};
  const ordersByShippingMethod: Record<string, number> = {};
  const eventsByType: Record<string, number> = {};
  const productsByCategory: Record<string, number> = {};
  const persona = new Map(data.customers.map((c) => [c.id, c.persona ?? "unknown"]));
  const lastOrder = new Map<string, number>();
  const personas: ShopSummary["personas"] = {};
  for (const c of data.customers) {
    const p = (personas[c.persona ?? "unknown"] ??= { customers: 0, orders: 0, ordersPerCustomer: 0, meanRecencyDays: 0, revenueCents: 0 });
    p.customers++;
  }
  let items = 0;
  let promo = 0;
  for (const o of data.orders) {
    items += o.items.length;
    bump(ordersByStatus, o.status);
    bump(ordersByShippingMethod, o.shippingMethod);
    if (o.promoCode) promo++;
    const p = personas[persona.get(o.customerId) ?? "unknown"];
    if (p) {
      p.orders++;
      if (o.status !== "cancelled" && o.status !== "returned") p.revenueCents += o.totalCents;
    }
    const t = Date.parse(o.placedAt);
    if (t > (lastOrder.get(o.customerId) ?? -Infinity)) lastOrder.set(o.customerId, t);
  }
  const recencySum: Record<string, number> = {};
  const recencyN: Record<string, number> = {};
  for (const [id, t] of lastOrder) {
    const key = persona.get(id) ?? "unknown";
    bump(recencySum, key, (nowMs - t) / 86_400_000);
    bump(recencyN, key);
  }
  for (const [key, p] of Object.entries(personas)) {
    p.ordersPerCustomer = Math.round((p.orders / Math.max(1, p.customers)) * 100) / 100;
    p.meanRecencyDays = Math.round((recencySum[key] ?? 0) / Math.max(1, recencyN[key] ?? 0));
  }
  for (const e of data.events) bump(eventsByType, e.type);
  for (const p of data.products) bump(productsByCategory, p.category);
  return {
    rows: { products: data.products.length, customers: data.customers.length, orders: data.orders.length, orderItems: items, events: data.events.length },
    ordersByStatus,
    ordersByShippingMethod,
    eventsByType,
    productsByCategory,
    personas,
    promoOrderShare: Math.round((promo / Math.max(1, data.orders.length)) * 1000) / 1000,
    outOfStockProducts: data.products.filter((p) => p.stock === 0).length,
  };
}
