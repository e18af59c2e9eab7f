import type { SqlExecutor } from "./driver.ts";
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
export async function getActivitySnapshot(db: SqlExecutor): Promise<ActivitySnapshot> {
  const r = (await db.get<{ customers: number; orders: number; events: number; products: number; last_order: string | null; last_event: string | null }>(
    `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM orders) AS orders,
            (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM products) AS products,
            (SELECT max(placed_at) FROM orders) AS last_order, (SELECT max(at) FROM events) AS last_event`,
  ))!;
  const latest = [r.last_order, r.last_event].filter((x): x is string => x !== null).sort().pop() ?? null;
  return { customers: Number(r.customers), orders: Number(r.orders), events: Number(r.events), products: Number(r.products), latestActivityAt: latest };
}

type OrderJoinRow = {
  customer_id: string; id: string; placed_at: string; status: OrderStatus; total_cents: number; discount_cents: number;
  product_id: string | null; quantity: number | null; unit_price_cents: number | null;
};

function foldOrders(rows: OrderJoinRow[], into: (customerId: string) => CustomerOrderRow[]): void {
  let current: CustomerOrderRow | null = null;
  for (const r of rows) {
    if (!current || current.orderId !== r.id) {
      current = { orderId: r.id, placedAt: r.placed_at, status: r.status, totalCents: Number(r.total_cents), discountCents: Number(r.discount_cents), items: [] };
      into(r.customer_id).push(current);
    }
    if (r.product_id !== null) current.items.push({ productId: r.product_id, quantity: Number(r.quantity ?? 1), unitPriceCents: Number(r.unit_price_cents ?? 0) });
  }
}

const ORDER_SELECT = `SELECT o.customer_id, o.id, o.placed_at, o.status, o.total_cents, o.discount_cents, i.product_id, i.quantity, i.unit_price_cents
  FROM orders o LEFT JOIN order_items i ON i.order_id = o.id`;

/**
 * Every customer's activity, for training. Reads all orders, items, customer events and
 * conversation counts in four queries; `onProgress` reports the stage.
 */
export async function listCustomerActivity(db: SqlExecutor, onProgress?: (stage: string) => void): Promise<CustomerActivity[]> {
  onProgress?.("customers");
  const customers = await db.all<{ id: string; created_at: string; profiling_consent: number }>("SELECT id, created_at, profiling_consent FROM customers ORDER BY id");
  const byId = new Map<string, CustomerActivity>();
  for (const c of customers) {
    byId.set(c.id, { customerId: c.id, createdAt: c.created_at, profilingConsent: Number(c.profiling_consent) === 1, orders: [], events: [], supportContacts: 0 });
  }
  onProgress?.("orders");
  const orderRows = await db.all<OrderJoinRow>(`${ORDER_SELECT} ORDER BY o.customer_id, o.placed_at, o.id, i.product_id`);
  foldOrders(orderRows, (id) => byId.get(id)?.orders ?? []);
  onProgress?.("events");
  const ev = await db.all<{ customer_id: string; type: CustomerEventRow["type"]; product_id: string | null; query: string | null; at: string }>(
    "SELECT customer_id, type, product_id, query, at FROM events WHERE customer_id IS NOT NULL ORDER BY customer_id, at",
  );
  for (const e of ev) byId.get(e.customer_id)?.events.push({ type: e.type, productId: e.product_id, query: e.query, at: e.at });
  onProgress?.("conversations");
  const conv = await db.all<{ customer_id: string; n: number }>("SELECT customer_id, count(*) AS n FROM conversations WHERE customer_id IS NOT NULL GROUP BY customer_id");
  for (const c of conv) {
    const a = byId.get(c.customer_id);
    if (a) a.supportContacts = Number(c.n);
  }
  return [...byId.values()];
}

/** The latest order or event time (ISO), or null for an empty shop; two indexed look-ups. */
export async function getLatestActivityAt(db: SqlExecutor): Promise<string | null> {
  const r = await db.get<{ o: string | null; e: string | null }>("SELECT (SELECT max(placed_at) FROM orders) AS o, (SELECT max(at) FROM events) AS e");
  return [r?.o ?? null, r?.e ?? null].filter((x): x is string => x !== null).sort().pop() ?? null;
}

/** One customer's activity, or undefined for an unknown id. */
export async function getCustomerActivity(db: SqlExecutor, customerId: string): Promise<CustomerActivity | undefined> {
  const c = await db.get<{ id: string; created_at: string; profiling_consent: number }>("SELECT id, created_at, profiling_consent FROM customers WHERE id = ?", [customerId]);
  if (!c) return undefined;
  const a: CustomerActivity = { customerId: c.id, createdAt: c.created_at, profilingConsent: Number(c.profiling_consent) === 1, orders: [], events: [], supportContacts: 0 };
  const rows = await db.all<OrderJoinRow>(`${ORDER_SELECT} WHERE o.customer_id = ? ORDER BY o.placed_at, o.id, i.product_id`, [customerId]);
  foldOrders(rows, () => a.orders);
  a.events = (
    await db.all<{ type: CustomerEventRow["type"]; product_id: string | null; query: string | null; at: string }>("SELECT type, product_id, query, at FROM events WHERE customer_id = ? ORDER BY at", [customerId])
  ).map((e) => ({ type: e.type, productId: e.product_id, query: e.query, at: e.at }));
  a.supportContacts = Number((await db.get<{ n: number }>("SELECT count(*) AS n FROM conversations WHERE customer_id = ?", [customerId]))?.n ?? 0);
  return a;
}
