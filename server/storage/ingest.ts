/**
 * Upserts of shop data pushed by a shop backend (server/ingest): customers, products with variants,
 * orders with items and discount codes, status changes and behaviour events. Every function runs in the
 * caller's transaction and assumes the caller checked references (see `missingIds`).
 */
import { placeholders, type SqlExecutor, type SqlParam } from "./driver.ts";
import { customerRow, insertMany, orderRow, productRow, type BehaviourEvent, type Customer, type Order, type OrderStatus, type ProductWithDetails } from "./shop.ts";

/** Whether an upsert created the row or changed an existing one. */
export type UpsertResult = "created" | "updated";

/** A discount code used on an order, upper-cased, with the amount it took off (0 when unknown). */
export interface OrderDiscountCode {
  code: string;
  amountCents: number;
}

/** An offer whose code was redeemed by an ingested order. */
export interface OfferRedemption {
  offerId: number;
  code: string;
  experiment: string;
  arm: string;
  customerId: string | null;
  conversationId: string;
  orderId: string;
}

/** The timestamp column each status sets. */
const STATUS_TIME: Partial<Record<OrderStatus, keyof Order>> = { shipped: "shippedAt", delivered: "deliveredAt", returned: "returnedAt", cancelled: "cancelledAt" };
const STATUS_COLUMN: Partial<Record<OrderStatus, string>> = { shipped: "shipped_at", delivered: "delivered_at", returned: "returned_at", cancelled: "cancelled_at" };

const upsertSql = (table: string, columns: readonly string[], keep: readonly string[] = []) =>
  `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders(columns.length)}) ON CONFLICT (id) DO UPDATE SET ${columns
    .filter((c) => c !== "id" && !keep.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(", ")}`;

const CUSTOMER_COLUMNS = ["id", "email", "name", "country", "region", "created_at", "summit_member", "marketing_consent", "profiling_consent", "persona"];
const PRODUCT_COLUMNS = ["id", "name", "category", "subcategory", "brand", "description", "price_cents", "stock", "weight_kg", "consumable", "tags", "created_at"];
const ORDER_COLUMNS = [
  "id", "customer_id", "email", "placed_at", "status", "shipping_method", "ship_country", "subtotal_cents", "discount_cents",
  "shipping_cents", "total_cents", "promo_code", "carrier", "tracking_number", "shipped_at", "delivered_at", "returned_at", "cancelled_at",
];

/** The ids among `ids` that have no row in `table` (a table this module writes: customers, products, orders). */
export async function missingIds(db: SqlExecutor, table: "customers" | "products" | "orders", ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = new Set<string>();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    for (const r of await db.all<{ id: string }>(`SELECT id FROM ${table} WHERE id IN (${placeholders(chunk.length)})`, chunk)) found.add(r.id);
  }
  return unique.filter((id) => !found.has(id));
}

/** The id of another customer that already uses `email`, if any. */
export async function customerWithEmail(db: SqlExecutor, email: string, exceptId: string): Promise<string | undefined> {
  return (await db.get<{ id: string }>("SELECT id FROM customers WHERE email = ? AND id <> ?", [email, exceptId]))?.id;
}

/** Variant ids among `ids` that belong to a product other than `productId`, with that product. */
export async function variantsOfOtherProducts(db: SqlExecutor, productId: string, ids: readonly string[]): Promise<{ id: string; productId: string }[]> {
  if (!ids.length) return [];
  const rows = await db.all<{ id: string; product_id: string }>(`SELECT id, product_id FROM product_variants WHERE id IN (${placeholders(ids.length)}) AND product_id <> ?`, [...ids, productId]);
  return rows.map((r) => ({ id: r.id, productId: r.product_id }));
}

async function exists(db: SqlExecutor, table: string, id: string): Promise<boolean> {
  return (await db.get(`SELECT 1 AS x FROM ${table} WHERE id = ?`, [id])) !== undefined;
}

/** Insert or replace a customer by id; an update keeps the stored sign-up time when `createdAt` is null. */
export async function upsertCustomer(db: SqlExecutor, c: Omit<Customer, "createdAt"> & { createdAt: string | null }): Promise<UpsertResult> {
  const existed = await exists(db, "customers", c.id);
  const row = customerRow({ ...c, createdAt: c.createdAt ?? new Date().toISOString() });
  await db.run(upsertSql("customers", CUSTOMER_COLUMNS, c.createdAt === null ? ["created_at"] : []), row);
  return existed ? "updated" : "created";
}

/**
 * Insert or replace a product by id with its variants (replaced as a set, in the order given) and measurements.
 * `stock` should already be the sum of the variants' stock when there are variants.
 */
export async function upsertProduct(db: SqlExecutor, p: Omit<ProductWithDetails, "createdAt"> & { createdAt: string | null }): Promise<UpsertResult> {
  const existed = await exists(db, "products", p.id);
  await db.run(upsertSql("products", PRODUCT_COLUMNS, p.createdAt === null ? ["created_at"] : []), productRow({ ...p, createdAt: p.createdAt ?? new Date().toISOString() }));
  const d = p.dimensions;
  await db.run("UPDATE products SET length_cm = ?, width_cm = ?, height_cm = ?, dimensions_note = ? WHERE id = ?", [d?.lengthCm ?? null, d?.widthCm ?? null, d?.heightCm ?? null, d?.note ?? null, p.id]);
  await db.run("DELETE FROM product_variants WHERE product_id = ?", [p.id]);
  await insertMany(
    db,
    "product_variants",
    ["id", "product_id", "position", "size", "size_system", "colour", "colour_hex", "stock"],
    p.variants.map((v, i): SqlParam[] => [v.id, p.id, i, v.size, v.sizeSystem, v.colour, v.colourHex, v.stock]),
  );
  return existed ? "updated" : "created";
}

/**
 * Insert or replace an order by id with its items and discount codes (both replaced as sets), and record its
 * status in the history when it is new or changed.
 */
export async function upsertOrder(db: SqlExecutor, o: Order, codes: readonly OrderDiscountCode[], source: string): Promise<{ result: UpsertResult; statusChanged: boolean; previousStatus: OrderStatus | null }> {
  const before = await db.get<{ status: OrderStatus }>("SELECT status FROM orders WHERE id = ?", [o.id]);
  await db.run(upsertSql("orders", ORDER_COLUMNS), orderRow(o));
  await db.run("DELETE FROM order_items WHERE order_id = ?", [o.id]);
  await insertMany(db, "order_items", ["order_id", "product_id", "quantity", "unit_price_cents"], o.items.map((i) => [o.id, i.productId, i.quantity, i.unitPriceCents]));
  await db.run("DELETE FROM order_discount_codes WHERE order_id = ?", [o.id]);
  await insertMany(db, "order_discount_codes", ["order_id", "code", "amount_cents"], codes.map((c) => [o.id, c.code, c.amountCents]));
  const statusChanged = before?.status !== o.status;
  if (statusChanged) {
    const key = STATUS_TIME[o.status];
    const at = (key && (o[key] as string | null)) || (before ? new Date().toISOString() : o.placedAt);
    await recordStatus(db, o.id, o.status, at, source);
  }
  return { result: before ? "updated" : "created", statusChanged, previousStatus: before?.status ?? null };
}

async function recordStatus(db: SqlExecutor, orderId: string, status: OrderStatus, at: string, source: string): Promise<void> {
  await db.run("INSERT INTO order_status_history (order_id, status, at, source) VALUES (?, ?, ?, ?) ON CONFLICT (order_id, status, at) DO NOTHING", [orderId, status, at, source]);
}

/** Set an order's status (and the status's time column, tracking details when given); false for an unknown order. */
export async function changeOrderStatus(
  db: SqlExecutor,
  change: { orderId: string; status: OrderStatus; at: string; carrier?: string | null; trackingNumber?: string | null },
  source: string,
): Promise<{ found: boolean; previousStatus: OrderStatus | null }> {
  const before = await db.get<{ status: OrderStatus }>("SELECT status FROM orders WHERE id = ?", [change.orderId]);
  if (!before) return { found: false, previousStatus: null };
  const sets = ["status = ?"];
  const args: SqlParam[] = [change.status];
  const column = STATUS_COLUMN[change.status];
  if (column) (sets.push(`${column} = ?`), args.push(change.at));
  if (change.carrier !== undefined) (sets.push("carrier = ?"), args.push(change.carrier));
  if (change.trackingNumber !== undefined) (sets.push("tracking_number = ?"), args.push(change.trackingNumber));
  await db.run(`UPDATE orders SET ${sets.join(", ")} WHERE id = ?`, [...args, change.orderId]);
  await recordStatus(db, change.orderId, change.status, change.at, source);
  return { found: true, previousStatus: before.status };
}

/** Insert behaviour events; an event with an `externalId` already stored is skipped. Returns how many were new. */
export async function insertEvents(db: SqlExecutor, events: readonly (BehaviourEvent & { externalId: string | null })[]): Promise<number> {
  let added = 0;
  for (const e of events) {
    const r = await db.run(
      "INSERT INTO events (customer_id, type, product_id, query, at, external_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (external_id) WHERE external_id IS NOT NULL DO NOTHING",
      [e.customerId, e.type, e.productId, e.query, e.at, e.externalId],
    );
    added += r.changes;
  }
  return added;
}

/**
 * Attribute the discount codes of an order to the shown offers that issued them (each offer is redeemed at most
 * once, by the first order placed after it that used its code). Returns the offers redeemed now.
 */
export async function redeemOfferCodes(db: SqlExecutor, order: Pick<Order, "id" | "placedAt" | "status">, codes: readonly string[]): Promise<OfferRedemption[]> {
  if (!codes.length || order.status === "cancelled") return [];
  const out: OfferRedemption[] = [];
  for (const code of codes) {
    const offer = await db.get<{ id: number; experiment: string; arm: string; customer_id: string | null; conversation_id: string }>(
      "SELECT id, experiment, arm, customer_id, conversation_id FROM offers WHERE code = ? AND shown = 1 AND redeemed_order_id IS NULL AND created_at <= ? ORDER BY id LIMIT 1",
      [code, order.placedAt],
    );
    if (!offer) continue;
    const r = await db.run("UPDATE offers SET redeemed_order_id = ?, redeemed_at = ? WHERE id = ? AND redeemed_order_id IS NULL", [order.id, order.placedAt, offer.id]);
    if (r.changes === 1) {
      out.push({ offerId: Number(offer.id), code, experiment: offer.experiment, arm: offer.arm, customerId: offer.customer_id, conversationId: offer.conversation_id, orderId: order.id });
    }
  }
  return out;
}

/** Offers whose codes were redeemed, per experiment arm, for offers created in [fromIso, toIso). */
export async function redemptionsByArm(db: SqlExecutor, experiment: string, fromIso: string, toIso: string): Promise<{ arm: string; shown: number; redeemed: number }[]> {
  const rows = await db.all<{ arm: string; shown: number; redeemed: number }>(
    `SELECT arm, SUM(shown) AS shown, SUM(CASE WHEN redeemed_order_id IS NOT NULL THEN 1 ELSE 0 END) AS redeemed
     FROM offers WHERE experiment = ? AND code IS NOT NULL AND created_at >= ? AND created_at < ? GROUP BY arm ORDER BY arm`,
    [experiment, fromIso, toIso],
  );
  return rows.map((r) => ({ arm: r.arm, shown: Number(r.shown), redeemed: Number(r.redeemed) }));
}

/** The discount codes stored for an order. */
export async function listOrderDiscountCodes(db: SqlExecutor, orderId: string): Promise<OrderDiscountCode[]> {
  const rows = await db.all<{ code: string; amount_cents: number }>("SELECT code, amount_cents FROM order_discount_codes WHERE order_id = ? ORDER BY code", [orderId]);
  return rows.map((r) => ({ code: r.code, amountCents: Number(r.amount_cents) }));
}

/** The status history of an order, oldest first. */
export async function listOrderStatusHistory(db: SqlExecutor, orderId: string): Promise<{ status: OrderStatus; at: string; source: string }[]> {
  return db.all("SELECT status, at, source FROM order_status_history WHERE order_id = ? ORDER BY at, status", [orderId]);
}
