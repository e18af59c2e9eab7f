/**
 * Shopify webhooks (`orders/create`, `orders/updated`, `customers/create`, `customers/update`, REST Admin API JSON)
 * mapped onto the ingest service's records, and the `X-Shopify-Hmac-Sha256` check (base64 HMAC-SHA256 of the raw
 * body with the app's secret; https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { CustomerInput, OrderInput, ProductInput, type BatchInput } from "./schemas.ts";

/** The Shopify webhook topics this receiver maps; other topics are acknowledged and ignored. */
export const SHOPIFY_TOPICS = ["orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled", "customers/create", "customers/update"] as const;

/** True when `hmacHeader` is the base64 HMAC-SHA256 of `rawBody` with `secret` (compared in constant time). */
export function verifyShopifyHmac(rawBody: Buffer, hmacHeader: string | undefined, secret: string): boolean {
  if (!hmacHeader) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  const given = Buffer.from(hmacHeader.trim(), "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Sign a body the way Shopify does (for tests and for trying a receiver with curl). */
export function signShopifyBody(rawBody: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}

const num = z.union([z.number(), z.string()]).transform((v) => Number(v));
const money = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal amount")]).transform((v) => Math.round(Number(v) * 100));
const idOf = z.union([z.number(), z.string().min(1)]).transform(String);

const ShopifyAddress = z.looseObject({ country_code: z.string().nullish(), province: z.string().nullish() });

const ShopifyCustomer = z.looseObject({
  id: idOf,
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  created_at: z.string().nullish(),
  accepts_marketing: z.boolean().nullish(),
  email_marketing_consent: z.looseObject({ state: z.string().nullish() }).nullish(),
  default_address: ShopifyAddress.nullish(),
  tags: z.string().nullish(),
});

const ShopifyOrder = z.looseObject({
  id: idOf,
  name: z.string().nullish(),
  order_number: num.nullish(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  created_at: z.string(),
  processed_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  cancelled_at: z.string().nullish(),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  subtotal_price: money.nullish(),
  total_price: money.nullish(),
  total_discounts: money.nullish(),
  total_shipping_price_set: z.looseObject({ shop_money: z.looseObject({ amount: money }) }).nullish(),
  discount_codes: z.array(z.looseObject({ code: z.string().min(1), amount: money.nullish() })).default([]),
  line_items: z.array(z.looseObject({ id: idOf, product_id: idOf.nullish(), sku: z.string().nullish(), title: z.string().min(1), quantity: z.number().int(), price: money })).min(1),
  shipping_lines: z.array(z.looseObject({ title: z.string().nullish(), code: z.string().nullish() })).default([]),
  shipping_address: ShopifyAddress.nullish(),
  fulfillments: z.array(z.looseObject({ created_at: z.string().nullish(), updated_at: z.string().nullish(), tracking_company: z.string().nullish(), tracking_number: z.string().nullish(), shipment_status: z.string().nullish() })).default([]),
  customer: ShopifyCustomer.nullish(),
});

/** Shopify times carry an offset (`2026-05-01T10:00:00-04:00`); stored times are UTC ISO strings. */
const iso = (s: string | null | undefined): string | null => (s && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : null);

/** A shop-facing order number from Shopify's `name` ("#1001" → "1001", a prefix such as "FF-" is kept). */
export const shopifyOrderId = (o: { name?: string | null; order_number?: number | null; id: string }): string => (o.name?.replace(/^#/, "") || (o.order_number != null ? String(o.order_number) : `shopify-${o.id}`)).trim();

const customerRecord = (c: z.infer<typeof ShopifyCustomer>, fallbackEmail: string | null | undefined, country: string | null | undefined) => ({
  id: c.id,
  email: (c.email ?? fallbackEmail ?? undefined)?.toLowerCase(),
  name: [c.first_name, c.last_name].filter(Boolean).join(" ").trim() || (c.email ?? fallbackEmail ?? `Customer ${c.id}`),
  country: (c.default_address?.country_code ?? country ?? "US").toUpperCase(),
  region: c.default_address?.province ?? null,
  createdAt: iso(c.created_at) ?? undefined,
  marketingConsent: c.email_marketing_consent?.state ? c.email_marketing_consent.state === "subscribed" : c.accepts_marketing === true,
  // Shopify has no profiling consent; a customer tagged `no-profiling` opts out.
  profilingConsent: !(c.tags ?? "").split(",").map((t) => t.trim().toLowerCase()).includes("no-profiling"),
});

/** Where a field of a Shopify payload failed (`line_items.0.price: must be a decimal amount`). */
export type ShopifyMapping = { ok: true; batch: BatchInput & { placeholderProducts: z.infer<typeof ProductInput>[] } } | { ok: false; issues: { path: string; message: string }[] };

const fail = (error: z.ZodError, prefix = ""): ShopifyMapping => ({ ok: false, issues: error.issues.map((i) => ({ path: prefix + (i.path.join(".") || "body"), message: i.message })) });

/** Map a Shopify customer payload onto a customer record. */
export function mapShopifyCustomer(payload: unknown): ShopifyMapping {
  const c = ShopifyCustomer.safeParse(payload);
  if (!c.success) return fail(c.error);
  const mapped = CustomerInput.safeParse(customerRecord(c.data, null, null));
  if (!mapped.success) return fail(mapped.error);
  return { ok: true, batch: { products: [], customers: [mapped.data], orders: [], statusChanges: [], events: [], placeholderProducts: [] } };
}

/**
 * Map a Shopify order payload onto an order (status from cancellation, refunds and fulfilments), its customer, and
 * placeholder products for line items whose product the shop has not sent (id: Shopify product id, else SKU).
 */
export function mapShopifyOrder(payload: unknown): ShopifyMapping {
  const parsed = ShopifyOrder.safeParse(payload);
  if (!parsed.success) return fail(parsed.error);
  const o = parsed.data;
  if (!o.customer) return { ok: false, issues: [{ path: "customer", message: "an order without a customer cannot be stored (guest checkouts need a customer record)" }] };
  const email = o.email || o.contact_email || o.customer.email;
  const country = o.shipping_address?.country_code ?? o.customer.default_address?.country_code;
  const customer = CustomerInput.safeParse(customerRecord(o.customer, email, country));
  if (!customer.success) return fail(customer.error, "customer.");
  const productId = (l: (typeof o.line_items)[number]) => l.product_id ?? (l.sku || `line-${l.id}`);
  const placeholders: z.infer<typeof ProductInput>[] = [];
  const lines = new Map<string, { productId: string; quantity: number; unitPriceCents: number }>();
  for (const l of o.line_items) {
    const id = productId(l);
    const seen = lines.get(id);
    if (seen) seen.quantity += l.quantity;
    else {
      lines.set(id, { productId: id, quantity: l.quantity, unitPriceCents: l.price });
      placeholders.push(ProductInput.parse({ id, name: l.title.slice(0, 200), category: "uncategorised", priceCents: l.price, stock: 0 }));
    }
  }
  const delivered = o.fulfillments.find((f) => f.shipment_status === "delivered");
  const shipped = o.fulfillments[0];
  const status = o.cancelled_at ? "cancelled" : o.financial_status === "refunded" ? "returned" : delivered ? "delivered" : shipped || o.fulfillment_status === "fulfilled" ? "shipped" : "processing";
  const shipping = o.shipping_lines.map((s) => `${s.title ?? ""} ${s.code ?? ""}`.toLowerCase()).join(" ");
  const shipCountry = (country ?? "US").toUpperCase();
  const order = OrderInput.safeParse({
    id: shopifyOrderId(o),
    customerId: o.customer.id,
    email: email ?? undefined,
    placedAt: iso(o.processed_at) ?? iso(o.created_at),
    status,
    shippingMethod: shipCountry !== "US" ? "international" : /express|overnight|priority/.test(shipping) ? "express" : /freight/.test(shipping) ? "freight" : "standard",
    shipCountry,
    items: [...lines.values()],
    discountCodes: o.discount_codes.map((d) => ({ code: d.code, amountCents: d.amount ?? 0 })),
    subtotalCents: o.subtotal_price ?? undefined,
    discountCents: o.total_discounts ?? undefined,
    shippingCents: o.total_shipping_price_set?.shop_money.amount ?? 0,
    totalCents: o.total_price ?? undefined,
    carrier: shipped?.tracking_company || null,
    trackingNumber: shipped?.tracking_number || null,
    shippedAt: shipped ? iso(shipped.created_at) : null,
    deliveredAt: delivered ? iso(delivered.updated_at) : null,
    returnedAt: status === "returned" ? iso(o.updated_at) : null,
    cancelledAt: iso(o.cancelled_at),
  });
  if (!order.success) return fail(order.error);
  return { ok: true, batch: { products: [], customers: [customer.data], orders: [order.data], statusChanges: [], events: [], placeholderProducts: placeholders } };
}
