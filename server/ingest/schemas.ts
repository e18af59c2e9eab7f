/**
 * The ingest API's payloads (REST JSON, camelCase), validated with zod. Every error names the field at fault
 * (`orders.0.items.1.quantity: Too small: expected number to be >0`). docs/openapi/ingest.yaml describes the same shapes.
 */
import { z } from "zod";

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._:@#\/-]*$/, "must be 1–64 letters, digits or . _ : @ # / - (starting with a letter or digit)");
const datetime = z.iso.datetime({ offset: true });
const cents = z.number().int().min(0).max(1_000_000_000);
const country = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166 alpha-2 country code such as US");
const ORDER_STATUSES = ["processing", "shipped", "delivered", "returned", "cancelled"] as const;

/** A customer, by the shop's own id; consent flags say what the assistant may do with their data. */
export const CustomerInput = z.strictObject({
  id,
  email: z.email().max(254),
  name: z.string().min(1).max(200),
  country: country.default("US"),
  region: z.string().max(100).nullable().default(null),
  /** Sign-up time; on an update, leaving it out keeps the stored one. */
  createdAt: datetime.optional(),
  summitMember: z.boolean().default(false),
  /** May receive marketing (campaigns). */
  marketingConsent: z.boolean().default(false),
  /** May be profiled (segments, CLV, churn risk, personal recommendations). */
  profilingConsent: z.boolean().default(true),
});

const Variant = z.strictObject({
  /** The SKU. */
  id,
  size: z.string().min(1).max(20).nullable().default(null),
  sizeSystem: z.enum(["US", "apparel"]).nullable().default(null),
  colour: z.string().min(1).max(40).nullable().default(null),
  colourHex: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a CSS hex colour such as #1a2b3c").nullable().default(null),
  stock: z.number().int().min(0),
});

/** A product with its variants (sizes, colours; each with its own SKU and stock) and measurements. */
export const ProductInput = z
  .strictObject({
    id,
    name: z.string().min(1).max(200),
    category: z.string().min(1).max(60),
    subcategory: z.string().max(60).default(""),
    brand: z.string().max(100).default(""),
    description: z.string().max(10_000).default(""),
    priceCents: cents,
    /** Units on hand; with variants it may be left out (it is their sum). */
    stock: z.number().int().min(0).optional(),
    weightKg: z.number().min(0).max(10_000).default(0),
    consumable: z.boolean().default(false),
    tags: z.array(z.string().min(1).max(40)).max(50).default([]),
    createdAt: datetime.optional(),
    variants: z.array(Variant).max(500).default([]),
    dimensions: z.strictObject({ lengthCm: z.number().positive(), widthCm: z.number().positive(), heightCm: z.number().positive(), note: z.string().max(100).default("") }).optional(),
  })
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    p.variants.forEach((v, i) => {
      if (ids.has(v.id)) ctx.addIssue({ code: "custom", path: ["variants", i, "id"], message: `duplicate variant id ${v.id}` });
      ids.add(v.id);
    });
    const sum = p.variants.reduce((s, v) => s + v.stock, 0);
    if (p.variants.length && p.stock !== undefined && p.stock !== sum) ctx.addIssue({ code: "custom", path: ["stock"], message: `must equal the variants' total stock (${sum}) or be left out` });
    if (!p.variants.length && p.stock === undefined) ctx.addIssue({ code: "custom", path: ["stock"], message: "required when the product has no variants" });
  });

const DiscountCode = z.union([z.string().min(1).max(64), z.strictObject({ code: z.string().min(1).max(64), amountCents: cents.default(0) })]);

/** An order with its lines, discount codes used and shipping details. Totals left out are computed from the lines. */
export const OrderInput = z
  .strictObject({
    id,
    customerId: id,
    /** The e-mail on the order (anonymous shoppers must give it); default: the customer's. */
    email: z.email().max(254).optional(),
    placedAt: datetime,
    status: z.enum(ORDER_STATUSES).default("processing"),
    shippingMethod: z.enum(["standard", "express", "freight", "international"]).default("standard"),
    /** Default: the customer's country. */
    shipCountry: country.optional(),
    items: z.array(z.strictObject({ productId: id, quantity: z.number().int().min(1).max(10_000), unitPriceCents: cents })).min(1).max(500),
    discountCodes: z.array(DiscountCode).max(20).default([]),
    subtotalCents: cents.optional(),
    discountCents: cents.optional(),
    shippingCents: cents.default(0),
    totalCents: cents.optional(),
    carrier: z.string().min(1).max(60).nullable().default(null),
    trackingNumber: z.string().min(1).max(100).nullable().default(null),
    shippedAt: datetime.nullable().default(null),
    deliveredAt: datetime.nullable().default(null),
    returnedAt: datetime.nullable().default(null),
    cancelledAt: datetime.nullable().default(null),
  })
  .superRefine((o, ctx) => {
    const seen = new Map<string, number>();
    o.items.forEach((it, i) => {
      const first = seen.get(it.productId);
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["items", i, "productId"], message: `duplicate of items.${first}; give one line per product with its quantity` });
      else seen.set(it.productId, i);
    });
  });

/** A change of an order's status (shipped with tracking, delivered, returned, cancelled). */
export const StatusChangeInput = z.strictObject({
  status: z.enum(ORDER_STATUSES),
  /** When it happened (default: now). */
  at: datetime.optional(),
  carrier: z.string().min(1).max(60).nullable().optional(),
  trackingNumber: z.string().min(1).max(100).nullable().optional(),
});

/** A status change inside a batch names its order. */
export const BatchStatusChange = StatusChangeInput.extend({ orderId: id });

/** A behaviour event: a product view, an add to cart, or a search. An `id` makes re-sending it harmless. */
export const EventInput = z
  .strictObject({
    id: id.optional(),
    type: z.enum(["view", "cart_add", "search"]),
    customerId: id.nullable().default(null),
    productId: id.nullable().default(null),
    query: z.string().min(1).max(500).nullable().default(null),
    at: datetime,
  })
  .superRefine((e, ctx) => {
    if (e.type !== "search" && !e.productId) ctx.addIssue({ code: "custom", path: ["productId"], message: `required for a ${e.type} event` });
    if (e.type === "search" && !e.query) ctx.addIssue({ code: "custom", path: ["query"], message: "required for a search event" });
  });

/** Up to this many records of each kind in one request. */
export const MAX_BATCH = 1000;

/** Events in bulk. */
export const EventsInput = z.strictObject({ events: z.array(EventInput).min(1).max(MAX_BATCH) });

/** Everything at once, applied all-or-nothing in this order: products, customers, orders, status changes, events. */
export const BatchInput = z
  .strictObject({
    products: z.array(ProductInput).max(MAX_BATCH).default([]),
    customers: z.array(CustomerInput).max(MAX_BATCH).default([]),
    orders: z.array(OrderInput).max(MAX_BATCH).default([]),
    statusChanges: z.array(BatchStatusChange).max(MAX_BATCH).default([]),
    events: z.array(EventInput).max(MAX_BATCH).default([]),
  })
  .refine((b) => b.products.length + b.customers.length + b.orders.length + b.statusChanges.length + b.events.length > 0, "the batch is empty");

/** A validated customer. */
export type CustomerInput = z.infer<typeof CustomerInput>;
/** A validated product. */
export type ProductInput = z.infer<typeof ProductInput>;
/** A validated order. */
export type OrderInput = z.infer<typeof OrderInput>;
/** A validated status change. */
export type StatusChangeInput = z.infer<typeof StatusChangeInput>;
/** A validated behaviour event. */
export type EventInput = z.infer<typeof EventInput>;
/** A validated batch. */
export type BatchInput = z.infer<typeof BatchInput>;
