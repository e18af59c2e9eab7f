import { placeholders, type SqlExecutor, type SqlParam } from "./driver.ts";

/** A product in the catalogue. */
export interface Product {
  id: string;
  name: string;
  category: string;
  subcategory: string;
  brand: string;
  description: string;
  priceCents: number;
  stock: number;
  weightKg: number;
  consumable: boolean;
  tags: string[];
  createdAt: string;
}

/** One buyable option of a product (a size, a colour, or both) with its own SKU and stock. */
export interface ProductVariant {
  /** Stable id, also the SKU, e.g. "P0062-BLK-10.5" (product id, colour code, size). */
  id: string;
  productId: string;
  /** The size label as the shopper sees it ("10.5", "M"), or null when the product has no sizes. */
  size: string | null;
  /** What the size is measured in: "US" shoe sizes or "apparel" letter sizes. */
  sizeSystem: "US" | "apparel" | null;
  /** The colour name ("Black"), or null when the product has no colour options. */
  colour: string | null;
  /** The colour as a CSS hex value, for images and swatches. */
  colourHex: string | null;
  /** Units on hand for this variant. */
  stock: number;
}

/** Outside measurements in centimetres; `note` says what they describe ("packed size", "assembled"). */
export interface ProductDimensions {
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  note: string;
}

/** A product with its variants and measurements, as stored. */
export type ProductWithDetails = Product & { variants: ProductVariant[]; dimensions?: ProductDimensions };

/** A shop customer. `persona` is the latent behaviour of generated demo customers only. */
export interface Customer {
  id: string;
  email: string;
  name: string;
  country: string;
  region: string | null;
  createdAt: string;
  summitMember: boolean;
  marketingConsent: boolean;
  profilingConsent: boolean;
  persona: string | null;
}

/** Order lifecycle status. */
export type OrderStatus = "processing" | "shipped" | "delivered" | "returned" | "cancelled";

/** One line of an order. */
export interface OrderItem {
  productId: string;
  quantity: number;
  unitPriceCents: number;
}

/** An order with its lines. */
export interface Order {
  id: string;
  customerId: string;
  email: string;
  placedAt: string;
  status: OrderStatus;
  shippingMethod: "standard" | "express" | "freight" | "international";
  shipCountry: string;
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  totalCents: number;
  promoCode: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  returnedAt: string | null;
  cancelledAt: string | null;
  items: OrderItem[];
}

/** A browsing behaviour event. */
export interface BehaviourEvent {
  customerId: string | null;
  type: "view" | "search" | "cart_add";
  productId: string | null;
  query: string | null;
  at: string;
}

/** Everything that makes up a shop's data, for bulk loading. */
export interface ShopData {
  products: Product[];
  customers: Customer[];
  orders: Order[];
  events: BehaviourEvent[];
  /** Variants and measurements per product id (optional; the demo shop has them). */
  details?: { variants: ProductVariant[]; dimensions: Record<string, ProductDimensions> };
}

/** True when the shop has no products and no customers yet (a fresh data folder). */
export async function isShopEmpty(db: SqlExecutor): Promise<boolean> {
  const n = await db.get<{ n: number }>("SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM customers) AS n");
  return Number(n?.n ?? 0) === 0;
}

/**
 * Insert rows with multi-row INSERT statements of up to `batch` rows (one round trip each on PostgreSQL).
 * @example await insertMany(tx, "events", ["customer_id", "type"], [["C1", "view"]])
 */
export async function insertMany(db: SqlExecutor, table: string, columns: readonly string[], rows: readonly SqlParam[][], batch = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const values = chunk.map(() => `(${placeholders(columns.length)})`).join(", ");
    await db.run(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values}`, chunk.flat());
  }
}

const PRODUCT_COLUMNS = ["id", "name", "category", "subcategory", "brand", "description", "price_cents", "stock", "weight_kg", "consumable", "tags", "created_at"];
const CUSTOMER_COLUMNS = ["id", "email", "name", "country", "region", "created_at", "summit_member", "marketing_consent", "profiling_consent", "persona"];
const ORDER_COLUMNS = [
  "id", "customer_id", "email", "placed_at", "status", "shipping_method", "ship_country", "subtotal_cents", "discount_cents",
  "shipping_cents", "total_cents", "promo_code", "carrier", "tracking_number", "shipped_at", "delivered_at", "returned_at", "cancelled_at",
];

/** A product as a row of PRODUCT_COLUMNS. */
export const productRow = (p: Product): SqlParam[] => [
  p.id, p.name, p.category, p.subcategory, p.brand, p.description, p.priceCents, p.stock, p.weightKg, p.consumable ? 1 : 0, JSON.stringify(p.tags), p.createdAt,
];
/** A customer as a row of CUSTOMER_COLUMNS. */
export const customerRow = (c: Customer): SqlParam[] => [
  c.id, c.email, c.name, c.country, c.region, c.createdAt, c.summitMember ? 1 : 0, c.marketingConsent ? 1 : 0, c.profilingConsent ? 1 : 0, c.persona,
];
/** An order (without its items) as a row of ORDER_COLUMNS. */
export const orderRow = (o: Order): SqlParam[] => [
  o.id, o.customerId, o.email, o.placedAt, o.status, o.shippingMethod, o.shipCountry, o.subtotalCents, o.discountCents,
  o.shippingCents, o.totalCents, o.promoCode, o.carrier, o.trackingNumber, o.shippedAt, o.deliveredAt, o.returnedAt, o.cancelledAt,
];

/** Insert products, customers, orders (with items) and events in the caller's transaction. */
export async function insertShopRows(db: SqlExecutor, data: Partial<ShopData>, onProgress?: (done: number, total: number) => void): Promise<void> {
  const products = data.products ?? [];
  const customers = data.customers ?? [];
  const orders = data.orders ?? [];
  const events = data.events ?? [];
  const total = products.length + customers.length + orders.length + events.length;
  let done = 0;
  const step = async (n: number, work: () => Promise<void>) => {
    await work();
    done += n;
    onProgress?.(done, total);
  };
  await step(products.length, () => insertMany(db, "products", PRODUCT_COLUMNS, products.map(productRow)));
  await step(customers.length, () => insertMany(db, "customers", CUSTOMER_COLUMNS, customers.map(customerRow)));
  for (let i = 0; i < orders.length; i += 2000) {
    const chunk = orders.slice(i, i + 2000);
    await step(chunk.length, async () => {
      await insertMany(db, "orders", ORDER_COLUMNS, chunk.map(orderRow));
      const items = chunk.flatMap((o) => o.items.map((it): SqlParam[] => [o.id, it.productId, it.quantity, it.unitPriceCents]));
      await insertMany(db, "order_items", ["order_id", "product_id", "quantity", "unit_price_cents"], items);
    });
  }
  if (data.details) await insertProductDetails(db, data.details.variants, data.details.dimensions);
  for (let i = 0; i < events.length; i += 5000) {
    const chunk = events.slice(i, i + 5000);
    await step(chunk.length, () => insertMany(db, "events", ["customer_id", "type", "product_id", "query", "at"], chunk.map((e) => [e.customerId, e.type, e.productId, e.query, e.at])));
  }
}

/** Store product variants (in display order per product) and measurements. */
export async function insertProductDetails(db: SqlExecutor, variants: readonly ProductVariant[], dimensions: Readonly<Record<string, ProductDimensions>> = {}): Promise<void> {
  const position = new Map<string, number>();
  await insertMany(
    db,
    "product_variants",
    ["id", "product_id", "position", "size", "size_system", "colour", "colour_hex", "stock"],
    variants.map((v) => {
      const n = position.get(v.productId) ?? 0;
      position.set(v.productId, n + 1);
      return [v.id, v.productId, n, v.size, v.sizeSystem, v.colour, v.colourHex, v.stock];
    }),
  );
  for (const [id, d] of Object.entries(dimensions)) {
    await db.run("UPDATE products SET length_cm = ?, width_cm = ?, height_cm = ?, dimensions_note = ? WHERE id = ?", [d.lengthCm, d.widthCm, d.heightCm, d.note, id]);
  }
}

/** Insert a whole shop in one transaction; `onProgress` is called with (rows done, rows total). */
export async function insertShopData(db: SqlExecutor, data: ShopData, onProgress?: (done: number, total: number) => void): Promise<void> {
  await db.transaction((tx) => insertShopRows(tx, data, onProgress));
}

type ProductRow = {
  id: string; name: string; category: string; subcategory: string; brand: string; description: string;
  price_cents: number; stock: number; weight_kg: number; consumable: number; tags: string; created_at: string;
  length_cm: number | null; width_cm: number | null; height_cm: number | null; dimensions_note: string | null;
};
type VariantRow = { id: string; product_id: string; size: string | null; size_system: ProductVariant["sizeSystem"]; colour: string | null; colour_hex: string | null; stock: number };

function toProduct(r: ProductRow): Product {
  return {
    id: r.id, name: r.name, category: r.category, subcategory: r.subcategory, brand: r.brand, description: r.description,
    priceCents: Number(r.price_cents), stock: Number(r.stock), weightKg: Number(r.weight_kg), consumable: Number(r.consumable) === 1,
    tags: JSON.parse(r.tags) as string[], createdAt: r.created_at,
  };
}

/** Every product in the catalogue, ordered by id. */
export async function listProducts(db: SqlExecutor): Promise<Product[]> {
  return (await db.all<ProductRow>("SELECT * FROM products ORDER BY id")).map(toProduct);
}

/** One product by id, or undefined. */
export async function getProduct(db: SqlExecutor, id: string): Promise<Product | undefined> {
  const r = await db.get<ProductRow>("SELECT * FROM products WHERE id = ?", [id]);
  return r && toProduct(r);
}

/** Products with their variants and measurements: all of them, or those with the given ids (in that order). */
export async function listProductsWithDetails(db: SqlExecutor, ids?: readonly string[]): Promise<ProductWithDetails[]> {
  if (ids && !ids.length) return [];
  const where = ids ? ` WHERE id IN (${placeholders(ids.length)})` : "";
  const rows = await db.all<ProductRow>(`SELECT * FROM products${where} ORDER BY id`, ids ? [...ids] : []);
  const vwhere = ids ? ` WHERE product_id IN (${placeholders(ids.length)})` : "";
  const variants = await db.all<VariantRow>(`SELECT id, product_id, size, size_system, colour, colour_hex, stock FROM product_variants${vwhere} ORDER BY product_id, position`, ids ? [...ids] : []);
  const byProduct = new Map<string, ProductVariant[]>();
  for (const v of variants) {
    let list = byProduct.get(v.product_id);
    if (!list) byProduct.set(v.product_id, (list = []));
    list.push({ id: v.id, productId: v.product_id, size: v.size, sizeSystem: v.size_system, colour: v.colour, colourHex: v.colour_hex, stock: Number(v.stock) });
  }
  const out = rows.map((r): ProductWithDetails => {
    const p: ProductWithDetails = { ...toProduct(r), variants: byProduct.get(r.id) ?? [] };
    if (r.length_cm !== null && r.width_cm !== null && r.height_cm !== null) {
      p.dimensions = { lengthCm: Number(r.length_cm), widthCm: Number(r.width_cm), heightCm: Number(r.height_cm), note: r.dimensions_note ?? "" };
    }
    return p;
  });
  if (!ids) return out;
  const byId = new Map(out.map((p) => [p.id, p]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Products by id (unknown ids are left out), in the order asked. */
export async function getProducts(db: SqlExecutor, ids: readonly string[]): Promise<Product[]> {
  if (!ids.length) return [];
  const rows = await db.all<ProductRow>(`SELECT * FROM products WHERE id IN (${placeholders(ids.length)})`, [...ids]);
  const byId = new Map(rows.map((r) => [r.id, toProduct(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

type CustomerRow = {
  id: string; email: string; name: string; country: string; region: string | null; created_at: string;
  summit_member: number; marketing_consent: number; profiling_consent: number; persona: string | null;
};

function toCustomer(r: CustomerRow): Customer {
  return {
    id: r.id, email: r.email, name: r.name, country: r.country, region: r.region, createdAt: r.created_at,
    summitMember: Number(r.summit_member) === 1, marketingConsent: Number(r.marketing_consent) === 1,
    profilingConsent: Number(r.profiling_consent) === 1, persona: r.persona,
  };
}

/** One customer by id, or undefined. */
export async function getCustomer(db: SqlExecutor, id: string): Promise<Customer | undefined> {
  const r = await db.get<CustomerRow>("SELECT * FROM customers WHERE id = ?", [id]);
  return r && toCustomer(r);
}

/** Every customer, ordered by id. */
export async function listCustomers(db: SqlExecutor): Promise<Customer[]> {
  return (await db.all<CustomerRow>("SELECT * FROM customers ORDER BY id")).map(toCustomer);
}

type OrderRow = {
  id: string; customer_id: string; email: string; placed_at: string; status: OrderStatus; shipping_method: Order["shippingMethod"];
  ship_country: string; subtotal_cents: number; discount_cents: number; shipping_cents: number; total_cents: number;
  promo_code: string | null; carrier: string | null; tracking_number: string | null; shipped_at: string | null;
  delivered_at: string | null; returned_at: string | null; cancelled_at: string | null;
};

async function toOrders(db: SqlExecutor, rows: OrderRow[]): Promise<Order[]> {
  if (!rows.length) return [];
  const items = await db.all<{ order_id: string; product_id: string; quantity: number; unit_price_cents: number }>(
    `SELECT order_id, product_id, quantity, unit_price_cents FROM order_items WHERE order_id IN (${placeholders(rows.length)}) ORDER BY order_id, product_id`,
    rows.map((r) => r.id),
  );
  const byOrder = new Map<string, OrderItem[]>();
  for (const i of items) {
    let list = byOrder.get(i.order_id);
    if (!list) byOrder.set(i.order_id, (list = []));
    list.push({ productId: i.product_id, quantity: Number(i.quantity), unitPriceCents: Number(i.unit_price_cents) });
  }
  return rows.map((r) => ({
    id: r.id, customerId: r.customer_id, email: r.email, placedAt: r.placed_at, status: r.status, shippingMethod: r.shipping_method,
    shipCountry: r.ship_country, subtotalCents: Number(r.subtotal_cents), discountCents: Number(r.discount_cents), shippingCents: Number(r.shipping_cents),
    totalCents: Number(r.total_cents), promoCode: r.promo_code, carrier: r.carrier, trackingNumber: r.tracking_number,
    shippedAt: r.shipped_at, deliveredAt: r.delivered_at, returnedAt: r.returned_at, cancelledAt: r.cancelled_at, items: byOrder.get(r.id) ?? [],
  }));
}

/** One order with its items, or undefined. */
export async function getOrder(db: SqlExecutor, id: string): Promise<Order | undefined> {
  const r = await db.get<OrderRow>("SELECT * FROM orders WHERE id = ?", [id]);
  return r && (await toOrders(db, [r]))[0];
}

/** A customer's orders, newest first. */
export async function listCustomerOrders(db: SqlExecutor, customerId: string, limit = 50): Promise<Order[]> {
  const rows = await db.all<OrderRow>("SELECT * FROM orders WHERE customer_id = ? ORDER BY placed_at DESC LIMIT ?", [customerId, limit]);
  return toOrders(db, rows);
}

/** A customer to sign in on the demo page: the one with the most recent shipped order (so order questions have an answer). */
export async function pickDemoCustomer(db: SqlExecutor): Promise<Customer | undefined> {
  const r = await db.get<CustomerRow>(
    "SELECT c.* FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.status = 'shipped' AND c.profiling_consent = 1 ORDER BY o.placed_at DESC LIMIT 1",
  );
  return r && toCustomer(r);
}

/** The catalogue's categories and subcategories, with product counts. */
export async function listProductCategories(db: SqlExecutor): Promise<{ category: string; subcategory: string; products: number }[]> {
  const rows = await db.all<{ category: string; subcategory: string; products: number }>(
    "SELECT category, subcategory, COUNT(*) AS products FROM products GROUP BY category, subcategory ORDER BY category, subcategory",
  );
  return rows.map((r) => ({ ...r, products: Number(r.products) }));
}

/** Read access to the catalogue, customers and orders, as one object to hand to services. */
export interface ShopRepository {
  isEmpty(): Promise<boolean>;
  getOrder(id: string): Promise<Order | undefined>;
  listCustomerOrders(customerId: string, limit?: number): Promise<Order[]>;
  getProduct(id: string): Promise<Product | undefined>;
  getProducts(ids: readonly string[]): Promise<Product[]>;
  listProducts(): Promise<Product[]>;
  /** Products with variants and measurements: all, or those with the given ids. */
  listProductsWithDetails(ids?: readonly string[]): Promise<ProductWithDetails[]>;
  getCustomer(id: string): Promise<Customer | undefined>;
  listCustomers(): Promise<Customer[]>;
  pickDemoCustomer(): Promise<Customer | undefined>;
  listProductCategories(): Promise<{ category: string; subcategory: string; products: number }[]>;
}

/** Create the shop repository over a SQL driver. */
export function createShopRepository(db: SqlExecutor): ShopRepository {
  return {
    isEmpty: () => isShopEmpty(db),
    getOrder: (id) => getOrder(db, id),
    listCustomerOrders: (id, limit) => listCustomerOrders(db, id, limit),
    getProduct: (id) => getProduct(db, id),
    getProducts: (ids) => getProducts(db, ids),
    listProducts: () => listProducts(db),
    listProductsWithDetails: (ids) => listProductsWithDetails(db, ids),
    getCustomer: (id) => getCustomer(db, id),
    listCustomers: () => listCustomers(db),
    pickDemoCustomer: () => pickDemoCustomer(db),
    listProductCategories: () => listProductCategories(db),
  };
}
