import type { EventBus } from "../cluster/index.ts";
import { AppError } from "../errors.ts";
import {
  changeOrderStatus, customerWithEmail, getCustomer, insertEvents, missingIds, redeemOfferCodes, upsertCustomer, upsertOrder, upsertProduct, variantsOfOtherProducts,
  type OfferRedemption, type Order, type SqlDriver, type SqlExecutor, type UpsertResult,
} from "../storage/index.ts";
import type { BatchInput, CustomerInput, EventInput, OrderInput, ProductInput, StatusChangeInput } from "./schemas.ts";

/** One field at fault, as `path` (dot-separated, e.g. `orders.0.items.1.productId`) and what is wrong. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A CHAT_ERR_VALIDATION naming the fields at fault (the transport returns them as `fields`). */
export function fieldError(issues: FieldIssue[]): AppError {
  return new AppError("CHAT_ERR_VALIDATION", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { cause: { fields: issues } });
}

/** What one ingest request changed. */
export interface IngestSummary {
  customers: { created: string[]; updated: string[] };
  products: { created: string[]; updated: string[] };
  orders: { created: string[]; updated: string[] };
  statusChanges: { orderId: string; from: string | null; to: string }[];
  events: { received: number; stored: number };
  /** Offers whose codes the ingested orders redeemed. */
  redemptions: OfferRedemption[];
}

/** A validated batch, plus placeholder products (created only where missing; a platform order names products the shop never sent). */
export type IngestBatch = BatchInput & { placeholderProducts?: ProductInput[] };

/** Options of {@link createIngestService}. */
export interface IngestServiceOptions {
  db: SqlDriver;
  bus: EventBus;
  clock?: () => Date;
}

/** Idempotent upserts of shop data, each request in one transaction (all or nothing). */
export interface IngestService {
  /** Apply a validated batch: products, customers, orders, status changes, events; `source` is `api` or the platform. */
  apply(batch: IngestBatch, source: string): Promise<IngestSummary>;
  upsertCustomer(c: CustomerInput, source?: string): Promise<IngestSummary>;
  upsertProduct(p: ProductInput, source?: string): Promise<IngestSummary>;
  upsertOrder(o: OrderInput, source?: string): Promise<IngestSummary>;
  changeStatus(orderId: string, change: StatusChangeInput, source?: string): Promise<IngestSummary>;
  addEvents(events: EventInput[], source?: string): Promise<IngestSummary>;
}

const EMPTY: BatchInput = { products: [], customers: [], orders: [], statusChanges: [], events: [] };

const bucket = (map: { created: string[]; updated: string[] }, id: string, r: UpsertResult) => map[r].push(id);

/**
 * Create the ingest service. A request's records are checked against the database inside its transaction
 * (unknown customers or products, an e-mail used by another customer, a SKU of another product): the first
 * problem rolls everything back and is reported with its field. After the commit a `shop.changed` event tells
 * every instance (catalogue refresh), and each redeemed offer code an `offer.redeemed` event.
 * @example const ingest = createIngestService({ db: storage.driver, bus: cluster.bus }); await ingest.upsertOrder(order);
 */
export function createIngestService(options: IngestServiceOptions): IngestService {
  const { db, bus } = options;
  const now = options.clock ?? (() => new Date());

  const checkRefs = async (tx: SqlExecutor, table: "customers" | "products" | "orders", refs: { path: string; id: string | null }[], hint: string) => {
    const wanted = refs.filter((r): r is { path: string; id: string } => r.id !== null);
    const missing = new Set(await missingIds(tx, table, wanted.map((r) => r.id)));
    const issues = wanted.filter((r) => missing.has(r.id)).map((r) => ({ path: r.path, message: `no ${table.slice(0, -1)} ${JSON.stringify(r.id)}; ${hint}` }));
    if (issues.length) throw fieldError(issues.slice(0, 20));
  };

  const orderRecord = async (tx: SqlExecutor, o: OrderInput): Promise<Order> => {
    const customer = (await getCustomer(tx, o.customerId))!;
    const subtotal = o.items.reduce((s, i) => s + i.quantity * i.unitPriceCents, 0);
    const codes = o.discountCodes.map((c) => (typeof c === "string" ? { code: c, amountCents: 0 } : c));
    const discount = o.discountCents ?? codes.reduce((s, c) => s + c.amountCents, 0);
    return {
      id: o.id, customerId: o.customerId, email: (o.email ?? customer.email).toLowerCase(), placedAt: o.placedAt, status: o.status, shippingMethod: o.shippingMethod,
      shipCountry: o.shipCountry ?? customer.country, subtotalCents: o.subtotalCents ?? subtotal, discountCents: discount, shippingCents: o.shippingCents,
      totalCents: o.totalCents ?? Math.max(0, (o.subtotalCents ?? subtotal) - discount + o.shippingCents), promoCode: codes[0]?.code.trim().toUpperCase() ?? null,
      carrier: o.carrier, trackingNumber: o.trackingNumber, shippedAt: o.shippedAt, deliveredAt: o.deliveredAt, returnedAt: o.returnedAt, cancelledAt: o.cancelledAt,
      items: o.items,
    };
  };

  const apply = async (batch: IngestBatch, source: string): Promise<IngestSummary> => {
    const summary: IngestSummary = {
      customers: { created: [], updated: [] }, products: { created: [], updated: [] }, orders: { created: [], updated: [] },
      statusChanges: [], events: { received: batch.events.length, stored: 0 }, redemptions: [],
    };
    await db.transaction(async (tx) => {
      if (batch.placeholderProducts?.length) {
        const missing = new Set(await missingIds(tx, "products", batch.placeholderProducts.map((p) => p.id)));
        for (const p of batch.placeholderProducts.filter((x) => missing.has(x.id))) {
          bucket(summary.products, p.id, await upsertProduct(tx, { ...p, stock: 0, variants: [], createdAt: p.createdAt ?? null, dimensions: undefined }));
        }
      }
      const skuOwner = new Map<string, string>();
      for (const [i, p] of batch.products.entries()) {
        const taken = await variantsOfOtherProducts(tx, p.id, p.variants.map((v) => v.id));
        for (const v of p.variants) if (skuOwner.has(v.id) && skuOwner.get(v.id) !== p.id) taken.push({ id: v.id, productId: skuOwner.get(v.id)! });
        if (taken.length) {
          const at = p.variants.findIndex((v) => v.id === taken[0].id);
          throw fieldError([{ path: `products.${i}.variants.${at}.id`, message: `SKU ${taken[0].id} belongs to product ${taken[0].productId}` }]);
        }
        for (const v of p.variants) skuOwner.set(v.id, p.id);
        const stock = p.variants.length ? p.variants.reduce((s, v) => s + v.stock, 0) : p.stock!;
        const variants = p.variants.map((v) => ({ ...v, productId: p.id }));
        bucket(summary.products, p.id, await upsertProduct(tx, { ...p, stock, variants, createdAt: p.createdAt ?? null }));
      }
      const emails = new Map<string, string>();
      for (const [i, c] of batch.customers.entries()) {
        const email = c.email.toLowerCase();
        const other = emails.get(email) ?? (await customerWithEmail(tx, email, c.id));
        if (other && other !== c.id) throw fieldError([{ path: `customers.${i}.email`, message: `already used by customer ${other}` }]);
        emails.set(email, c.id);
        bucket(summary.customers, c.id, await upsertCustomer(tx, { ...c, email, createdAt: c.createdAt ?? null, persona: null }));
      }
      const sendFirst = (kind: string) => `send it first (PUT /api/ingest/${kind}/{id}) or in the same batch`;
      await checkRefs(tx, "customers", batch.orders.map((o, i) => ({ path: `orders.${i}.customerId`, id: o.customerId })), sendFirst("customers"));
      await checkRefs(tx, "products", batch.orders.flatMap((o, i) => o.items.map((it, j) => ({ path: `orders.${i}.items.${j}.productId`, id: it.productId }))), sendFirst("products"));
      for (const o of batch.orders) {
        const order = await orderRecord(tx, o);
        const codes = [...new Map(o.discountCodes.map((c) => (typeof c === "string" ? { code: c, amountCents: 0 } : c)).map((c) => [c.code.trim().toUpperCase(), { code: c.code.trim().toUpperCase(), amountCents: c.amountCents }])).values()];
        const r = await upsertOrder(tx, order, codes, source);
        bucket(summary.orders, o.id, r.result);
        if (r.statusChanged && r.previousStatus) summary.statusChanges.push({ orderId: o.id, from: r.previousStatus, to: o.status });
        summary.redemptions.push(...(await redeemOfferCodes(tx, order, codes.map((c) => c.code))));
      }
      await checkRefs(tx, "orders", batch.statusChanges.map((s, i) => ({ path: `statusChanges.${i}.orderId`, id: s.orderId })), sendFirst("orders"));
      for (const s of batch.statusChanges) {
        const r = await changeOrderStatus(tx, { ...s, at: s.at ?? now().toISOString() }, source);
        summary.statusChanges.push({ orderId: s.orderId, from: r.previousStatus, to: s.status });
      }
      await checkRefs(tx, "customers", batch.events.map((e, i) => ({ path: `events.${i}.customerId`, id: e.customerId })), sendFirst("customers"));
      await checkRefs(tx, "products", batch.events.map((e, i) => ({ path: `events.${i}.productId`, id: e.productId })), sendFirst("products"));
      summary.events.stored = await insertEvents(tx, batch.events.map((e) => ({ customerId: e.customerId, type: e.type, productId: e.type === "search" ? null : e.productId, query: e.type === "search" ? e.query : null, at: e.at, externalId: e.id ?? null })));
    });
    const ids = (m: { created: string[]; updated: string[] }) => [...m.created, ...m.updated];
    bus.publish("shop.changed", { source, products: ids(summary.products), customers: ids(summary.customers), orders: [...new Set([...ids(summary.orders), ...summary.statusChanges.map((s) => s.orderId)])], events: summary.events.stored });
    for (const r of summary.redemptions) bus.publish("offer.redeemed", r);
    return summary;
  };

  return {
    apply,
    upsertCustomer: (c, source = "api") => apply({ ...EMPTY, customers: [c] }, source),
    upsertProduct: (p, source = "api") => apply({ ...EMPTY, products: [p] }, source),
    upsertOrder: (o, source = "api") => apply({ ...EMPTY, orders: [o] }, source),
    changeStatus: (orderId, change, source = "api") => apply({ ...EMPTY, statusChanges: [{ ...change, orderId }] }, source),
    addEvents: (events, source = "api") => apply({ ...EMPTY, events }, source),
  };
}
