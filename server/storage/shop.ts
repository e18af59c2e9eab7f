import type { Db } from "./database.ts";

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
}

/** True when the shop has no products and no customers yet (a fresh data folder). */
export function isShopEmpty(db: Db): boolean {
  const n = db.prepare("SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM customers) AS n").get() as { n: number };
  return n.n === 0;
}

/** Insert a whole shop in one transaction; `onProgress` is called with (rows done, rows total). */
export function insertShopData(db: Db, data: ShopData, onProgress?: (done: number, total: number) => void): void {
  const insProduct = db.prepare(
    `INSERT INTO products (id, name, category, subcategory, brand, description, price_cents, stock, weight_kg, consumable, tags, created_at)
     VALUES (@id, @name, @category, @subcategory, @brand, @description, @priceCents, @stock, @weightKg, @consumable, @tags, @createdAt)`,
  );
  const insCustomer = db.prepare(
    `INSERT INTO customers (id, email, name, country, region, created_at, summit_member, marketing_consent, profiling_consent, persona)
     VALUES (@id, @email, @name, @country, @region, @createdAt, @summitMember, @marketingConsent, @profilingConsent, @persona)`,
  );
  const insOrder = db.prepare(
    `INSERT INTO orders (id, customer_id, email, placed_at, status, shipping_method, ship_country, subtotal_cents, discount_cents,
       shipping_cents, total_cents, promo_code, carrier, tracking_number, shipped_at, delivered_at, returned_at, cancelled_at)
     VALUES (@id, @customerId, @email, @placedAt, @status, @shippingMethod, @shipCountry, @subtotalCents, @discountCents,
       @shippingCents, @totalCents, @promoCode, @carrier, @trackingNumber, @shippedAt, @deliveredAt, @returnedAt, @cancelledAt)`,
  );
  const insItem = db.prepare(
    "INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)",
  );
  const insEvent = db.prepare("INSERT INTO events (customer_id, type, product_id, query, at) VALUES (?, ?, ?, ?, ?)");
  const total = data.products.length + data.customers.length + data.orders.length + data.events.length;
  let done = 0;
  const tick = () => {
    done++;
    if (onProgress && (done % 2000 === 0 || done === total)) onProgress(done, total);
  };
  db.transaction(() => {
    for (const p of data.products) {
      insProduct.run({ ...p, consumable: p.consumable ? 1 : 0, tags: JSON.stringify(p.tags) });
      tick();
    }
    for (const c of data.customers) {
      insCustomer.run({
        ...c,
        summitMember: c.summitMember ? 1 : 0,
        marketingConsent: c.marketingConsent ? 1 : 0,
        profilingConsent: c.profilingConsent ? 1 : 0,
      });
      tick();
    }
    for (const o of data.orders) {
      const { items, ...row } = o;
      insOrder.run(row);
      for (const it of items) insItem.run(o.id, it.productId, it.quantity, it.unitPriceCents);
      tick();
    }
    for (const e of data.events) {
      insEvent.run(e.customerId, e.type, e.productId, e.query, e.at);
      tick();
    }
  })();
}

type ProductRow = {
  id: string; name: string; category: string; subcategory: string; brand: string; description: string;
  price_cents: number; stock: number; weight_kg: number; consumable: number; tags: string; created_at: string;
};

function toProduct(r: ProductRow): Product {
  return {
    id: r.id, name: r.name, category: r.category, subcategory: r.subcategory, brand: r.brand, description: r.description,
    priceCents: r.price_cents, stock: r.stock, weightKg: r.weight_kg, consumable: r.consumable === 1,
    tags: JSON.parse(r.tags) as string[], createdAt: r.created_at,
  };
}

/** Every product in the catalogue, ordered by id. */
export function listProducts(db: Db): Product[] {
  return (db.prepare("SELECT * FROM products ORDER BY id").all() as ProductRow[]).map(toProduct);
}

/** One product by id, or undefined. */
export function getProduct(db: Db, id: string): Product | undefined {
  const r = db.prepare("SELECT * FROM products WHERE id = ?").get(id) as ProductRow | undefined;
  return r && toProduct(r);
}

type CustomerRow = {
  id: string; email: string; name: string; country: string; region: string | null; created_at: string;
  summit_member: number; marketing_consent: number; profiling_consent: number; persona: string | null;
};

function toCustomer(r: CustomerRow): Customer {
  return {
    id: r.id, email: r.email, name: r.name, country: r.country, region: r.region, createdAt: r.created_at,
    summitMember: r.summit_member === 1, marketingConsent: r.marketing_consent === 1,
    profilingConsent: r.profiling_consent === 1, persona: r.persona,
  };
}

/** One customer by id, or undefined. */
export function getCustomer(db: Db, id: string): Customer | undefined {
  const r = db.prepare("SELECT * FROM customers WHERE id = ?").get(id) as CustomerRow | undefined;
  return r && toCustomer(r);
}

/** Every customer, ordered by id. */
export function listCustomers(db: Db): Customer[] {
  return (db.prepare("SELECT * FROM customers ORDER BY id").all() as CustomerRow[]).map(toCustomer);
}

type OrderRow = {
  id: string; customer_id: string; email: string; placed_at: string; status: OrderStatus; shipping_method: Order["shippingMethod"];
  ship_country: string; subtotal_cents: number; discount_cents: number; shipping_cents: number; total_cents: number;
  promo_code: string | null; carrier: string | null; tracking_number: string | null; shipped_at: string | null;
  delivered_at: string | null; returned_at: string | null; cancelled_at: string | null;
};

function toOrder(db: Db, r: OrderRow): Order {
  const items = (db.prepare("SELECT product_id, quantity, unit_price_cents FROM order_items WHERE order_id = ? ORDER BY product_id").all(r.id) as {
    product_id: string; quantity: number; unit_price_cents: number;
  }[]).map((i) => ({ productId: i.product_id, quantity: i.quantity, unitPriceCents: i.unit_price_cents }));
  return {
    id: r.id, customerId: r.customer_id, email: r.email, placedAt: r.placed_at, status: r.status, shippingMethod: r.shipping_method,
    shipCountry: r.ship_country, subtotalCents: r.subtotal_cents, discountCents: r.discount_cents, shippingCents: r.shipping_cents,
    totalCents: r.total_cents, promoCode: r.promo_code, carrier: r.carrier, trackingNumber: r.tracking_number,
    shippedAt: r.shipped_at, deliveredAt: r.delivered_at, returnedAt: r.returned_at, cancelledAt: r.cancelled_at, items,
  };
}

/** One order with its items, or undefined. */
export function getOrder(db: Db, id: string): Order | undefined {
  const r = db.prepare("SELECT * FROM orders WHERE id = ?").get(id) as OrderRow | undefined;
  return r && toOrder(db, r);
}

/** A customer's orders, newest first. */
export function listCustomerOrders(db: Db, customerId: string, limit = 50): Order[] {
  const rows = db.prepare("SELECT * FROM orders WHERE customer_id = ? ORDER BY placed_at DESC LIMIT ?").all(customerId, limit) as OrderRow[];
  return rows.map((r) => toOrder(db, r));
}

/** A customer to sign in on the demo page: the one with the most recent shipped order (so order questions have an answer). */
export function pickDemoCustomer(db: Db): Customer | undefined {
  const r = db
    .prepare("SELECT c.* FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.status = 'shipped' AND c.profiling_consent = 1 ORDER BY o.placed_at DESC LIMIT 1")
    .get() as CustomerRow | undefined;
  return r && toCustomer(r);
}

/** The catalogue's categories and subcategories, with product counts. */
export function listProductCategories(db: Db): { category: string; subcategory: string; products: number }[] {
  return db.prepare("SELECT category, subcategory, COUNT(*) AS products FROM products GROUP BY category, subcategory ORDER BY category, subcategory").all() as {
    category: string; subcategory: string; products: number;
  }[];
}
