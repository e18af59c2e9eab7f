import type { Db } from "./database.ts";
import type { OrderStatus } from "./shop.ts";

/** One order as the customer models read it (money in cents). */
export interface CustomerOrderRow {
  orderId: string;
  placedAt: string;
  status: OrderStatus;
  totalCents: number;
  discountCents: number;
  items: { productId: string; quantity: number; unitPriceCents: number }[];
}

/** One behaviour event of a known customer. */
export interface CustomerEventRow {
  type: "view" | "search" | "cart_add";
  productId: string | null;
  query: string | null;
  at: string;
}

/** A customer's whole activity: orders with items, behaviour events and support-conversation count. */
export interface CustomerActivity {
  customerId: string;
  createdAt: string;
  profilingConsent: boolean;
  orders: CustomerOrderRow[];
  events: CustomerEventRow[];
  supportContacts: number;
}

/** Row counts and the latest activity time: what a training snapshot is made of. */
export interface ActivitySnapshot {
  customers: number;
  orders: number;
  events: number;
  products: number;
  /** Latest order or event time (ISO), or null for an empty shop. */
  latestActivityAt: string | null;
}

/** Counts and latest activity time of the shop's data. */
export function getActivitySnapshot(db: Db): ActivitySnapshot {
  const r = db.prepare(
    `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM orders) AS orders,
            (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM products) AS products,
            (SELECT max(placed_at) FROM orders) AS lastOrder, (SELECT max(at) FROM events) AS lastEvent`,
  ).get() as { customers: number; orders: number; events: number; products: number; lastOrder: string | null; lastEvent: string | null };
  const latest = [r.lastOrder, r.lastEvent].filter((x): x is string => x !== null).sort().pop() ?? null;
  return { customers: r.customers, orders: r.orders, events: r.events, products: r.products, latestActivityAt: latest };
}

type OrderJoinRow = {
  customer_id: string; id: string; placed_at: string; status: OrderStatus; total_cents: number; discount_cents: number;
  product_id: string | null; quantity: number | null; unit_price_cents: number | null;
};

function foldOrders(rows: OrderJoinRow[], into: (customerId: string) => CustomerOrderRow[]): void {
  let current: CustomerOrderRow | null = null;
  for (const r of rows) {
    if (!current || current.orderId !== r.id) {
      current = { orderId: r.id, placedAt: r.placed_at, status: r.status, totalCents: r.total_cents, discountCents: r.discount_cents, items: [] };
      into(r.customer_id).push(current);
    }
    if (r.product_id !== null) current.items.push({ productId: r.product_id, quantity: r.quantity ?? 1, unitPriceCents: r.unit_price_cents ?? 0 });
  }
}

const ORDER_SELECT = `SELECT o.customer_id, o.id, o.placed_at, o.status, o.total_cents, o.discount_cents, i.product_id, i.quantity, i.unit_price_cents
  FROM orders o LEFT JOIN order_items i ON i.order_id = o.id`;

/**
 * Every customer's activity, for training. Reads all orders, items, customer events and
 * conversation counts in four queries; `onProgress` reports the stage.
 */
export function listCustomerActivity(db: Db, onProgress?: (stage: string) => void): CustomerActivity[] {
  onProgress?.("customers");
  const customers = db.prepare("SELECT id, created_at, profiling_consent FROM customers ORDER BY id").all() as { id: string; created_at: string; profiling_consent: number }[];
  const byId = new Map<string, CustomerActivity>();
  for (const c of customers) {
    byId.set(c.id, { customerId: c.id, createdAt: c.created_at, profilingConsent: c.profiling_consent === 1, orders: [], events: [], supportContacts: 0 });
  }
  onProgress?.("orders");
  const orderRows = db.prepare(`${ORDER_SELECT} ORDER BY o.customer_id, o.placed_at, o.id, i.product_id`).all() as OrderJoinRow[];
  foldOrders(orderRows, (id) => byId.get(id)?.orders ?? []);
  onProgress?.("events");
  const ev = db.prepare("SELECT customer_id, type, product_id, query, at FROM events WHERE customer_id IS NOT NULL ORDER BY customer_id, at").iterate() as IterableIterator<{
    customer_id: string; type: CustomerEventRow["type"]; product_id: string | null; query: string | null; at: string;
  }>;
  for (const e of ev) byId.get(e.customer_id)?.events.push({ type: e.type, productId: e.product_id, query: e.query, at: e.at });
  onProgress?.("conversations");
  const conv = db.prepare("SELECT customer_id, count(*) AS n FROM conversations WHERE customer_id IS NOT NULL GROUP BY customer_id").all() as { customer_id: string; n: number }[];
  for (const c of conv) {
    const a = byId.get(c.customer_id);
    if (a) a.supportContacts = c.n;
  }
  return [...byId.values()];
}

/** The latest order or event time (ISO), or null for an empty shop; two indexed look-ups. */
export function getLatestActivityAt(db: Db): string | null {
  const r = db.prepare("SELECT (SELECT max(placed_at) FROM orders) AS o, (SELECT max(at) FROM events) AS e").get() as { o: string | null; e: string | null };
  return [r.o, r.e].filter((x): x is string => x !== null).sort().pop() ?? null;
}

/** One customer's activity, or undefined for an unknown id. */
export function getCustomerActivity(db: Db, customerId: string): CustomerActivity | undefined {
  const c = db.prepare("SELECT id, created_at, profiling_consent FROM customers WHERE id = ?").get(customerId) as
    | { id: string; created_at: string; profiling_consent: number }
    | undefined;
  if (!c) return undefined;
  const a: CustomerActivity = { customerId: c.id, createdAt: c.created_at, profilingConsent: c.profiling_consent === 1, orders: [], events: [], supportContacts: 0 };
  const rows = db.prepare(`${ORDER_SELECT} WHERE o.customer_id = ? ORDER BY o.placed_at, o.id, i.product_id`).all(customerId) as OrderJoinRow[];
  foldOrders(rows, () => a.orders);
  a.events = (db.prepare("SELECT type, product_id, query, at FROM events WHERE customer_id = ? ORDER BY at").all(customerId) as {
    type: CustomerEventRow["type"]; product_id: string | null; query: string | null; at: string;
  }[]).map((e) => ({ type: e.type, productId: e.product_id, query: e.query, at: e.at }));
  a.supportContacts = (db.prepare("SELECT count(*) AS n FROM conversations WHERE customer_id = ?").get(customerId) as { n: number }).n;
  return a;
}
