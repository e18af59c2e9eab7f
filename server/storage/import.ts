import { parse } from "csv-parse/sync";
import { AppError } from "../errors.ts";
import type { SqlExecutor } from "./driver.ts";

/**
 * Import a shop's own order history (and optionally products and customers) from CSV with a column
 * mapping. The default mapping reads the UCI Online Retail columns. Bad rows are skipped and reported
 * with their line number and reason; a bad mapping is fatal and changes nothing. All writes happen in
 * one transaction.
 */

/** The order-line fields an import understands. */
export const ORDER_FIELDS = ["orderId", "productId", "productName", "quantity", "placedAt", "unitPrice", "customerId", "country", "email", "category"] as const;
/** An order-line field. */
export type OrderField = (typeof ORDER_FIELDS)[number];
const REQUIRED_ORDER_FIELDS: OrderField[] = ["orderId", "productId", "quantity", "placedAt", "unitPrice", "customerId"];

/** Product-file fields. */
export const PRODUCT_FIELDS = ["productId", "productName", "category", "subcategory", "brand", "description", "unitPrice", "stock", "consumable"] as const;
/** Customer-file fields. */
export const CUSTOMER_FIELDS = ["customerId", "email", "name", "country", "createdAt"] as const;

/** Default column → field mapping: the UCI Online Retail dataset, plus our own field names. */
export const DEFAULT_COLUMN_MAPPING: Readonly<Record<string, string>> = Object.freeze({
  InvoiceNo: "orderId", Invoice: "orderId", StockCode: "productId", Description: "productName", Quantity: "quantity",
  InvoiceDate: "placedAt", UnitPrice: "unitPrice", Price: "unitPrice", CustomerID: "customerId", "Customer ID": "customerId", Country: "country",
  ...Object.fromEntries([...ORDER_FIELDS, ...PRODUCT_FIELDS, ...CUSTOMER_FIELDS].map((f) => [f, f])),
});

/** One CSV file to import: its text and a name for messages. */
export interface CsvSource {
  name: string;
  text: string;
}

/** Options for {@link importShopCsv}. */
export interface ImportOptions {
  orders: CsvSource;
  products?: CsvSource;
  customers?: CsvSource;
  /** Extra or overriding column → field pairs (e.g. from `--map Invoice=orderId,Amount=unitPrice`). */
  mapping?: Record<string, string>;
  /** Currency units per price unit: prices are multiplied by 100 to get cents (default). */
  centsPerUnit?: number;
  /** Keep at most this many bad-row messages (default 1000); counts stay exact. */
  maxErrors?: number;
}

/** A skipped row. */
export interface ImportRowError {
  file: string;
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  reason: string;
}

/** What an import did. */
export interface ImportReport {
  imported: { products: number; customers: number; orders: number; orderLines: number };
  skipped: { rows: number; existingOrders: number };
  errors: ImportRowError[];
  /** How many errors were not kept in `errors` (beyond maxErrors). */
  errorsOmitted: number;
}

/** Parse `col=field,col2=field2` into a mapping; throws CHAT_ERR_IMPORT on a malformed pair. */
export function parseColumnMapping(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const eq = part.lastIndexOf("=");
    if (eq <= 0 || eq === part.length - 1) throw new AppError("CHAT_ERR_IMPORT", `bad --map entry "${part}": expected column=field`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

type Row = { line: number; values: Record<string, string> };

function readCsv(src: CsvSource): { header: string[]; rows: Row[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(src.text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, relax_quotes: true }) as never;
  } catch (err) {
    throw new AppError("CHAT_ERR_IMPORT", `${src.name}: not readable as CSV: ${(err as Error).message}`, { cause: err });
  }
  if (records.length === 0) throw new AppError("CHAT_ERR_IMPORT", `${src.name}: the file is empty`);
  const header = records[0].record.map((h) => h.trim());
  const rows = records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(header.map((h, i) => [h, (record[i] ?? "").trim()])),
  }));
  return { header, rows };
}

/** Resolve which column feeds each field; fatal when a required field has no column or a field is unknown. */
function resolveColumns(src: CsvSource, header: string[], mapping: Record<string, string>, known: readonly string[], required: readonly string[], userMapping: Record<string, string>): Record<string, string> {
  for (const [col, field] of Object.entries(userMapping)) {
    if (!known.includes(field)) throw new AppError("CHAT_ERR_IMPORT", `${src.name}: --map ${col}=${field}: unknown field "${field}"; fields are ${known.join(", ")}`);
    if (!header.includes(col)) throw new AppError("CHAT_ERR_IMPORT", `${src.name}: --map ${col}=${field}: no column "${col}"; columns are ${header.join(", ")}`);
  }
  const byField: Record<string, string> = {};
  // User mapping first, then defaults, so an explicit choice wins.
  for (const [col, field] of [...Object.entries(userMapping), ...Object.entries(mapping)]) {
    if (header.includes(col) && known.includes(field) && byField[field] === undefined) byField[field] = col;
  }
  const missing = required.filter((f) => byField[f] === undefined);
  if (missing.length) {
    throw new AppError("CHAT_ERR_IMPORT", `${src.name}: no column for required field(s) ${missing.join(", ")}; columns are ${header.join(", ")}; map them with --map column=field`);
  }
  return byField;
}

/** Parse a date: ISO 8601, or M/D/YYYY H:MM[:SS] as in UCI Online Retail (taken as UTC). */
export function parseImportDate(s: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) || s.length <= 10 ? s : `${s.replace(" ", "T")}Z`);
    return Number.isFinite(t) ? new Date(t).toISOString() : null;
  }
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const [, mo, d, y, h = "0", mi = "0", se = "0"] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const back = new Date(t);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) return null;
  return back.toISOString();
}

const COUNTRY_CODES: Record<string, string> = {
  "united kingdom": "GB", uk: "GB", "united states": "US", usa: "US", germany: "DE", france: "FR", eire: "IE", ireland: "IE",
  spain: "ES", netherlands: "NL", belgium: "BE", switzerland: "CH", portugal: "PT", australia: "AU", norway: "NO", italy: "IT",
  "channel islands": "JE", finland: "FI", cyprus: "CY", sweden: "SE", austria: "AT", denmark: "DK", japan: "JP", poland: "PL",
  israel: "IL", singapore: "SG", iceland: "IS", canada: "CA", greece: "GR", malta: "MT", "united arab emirates": "AE",
  "european community": "EU", rsa: "ZA", "south africa": "ZA", lebanon: "LB", lithuania: "LT", brazil: "BR", "czech republic": "CZ",
  bahrain: "BH", "saudi arabia": "SA",
};

/** ISO 3166 alpha-2 for a country name or code; "ZZ" (unknown) when not recognised. */
export function countryCode(s: string): string {
  if (/^[A-Za-z]{2}$/.test(s)) return s.toUpperCase();
  return COUNTRY_CODES[s.toLowerCase()] ?? "ZZ";
}

/**
 * Import CSV data into the shop database.
 * @example (await importShopCsv(db, { orders: { name: "Online Retail.csv", text } })).imported.orders
 */
export async function importShopCsv(db: SqlExecutor, options: ImportOptions): Promise<ImportReport> {
  const userMapping = options.mapping ?? {};
  const mapping = { ...DEFAULT_COLUMN_MAPPING };
  const cents = options.centsPerUnit ?? 100;
  const maxErrors = options.maxErrors ?? 1000;
  const report: ImportReport = { imported: { products: 0, customers: 0, orders: 0, orderLines: 0 }, skipped: { rows: 0, existingOrders: 0 }, errors: [], errorsOmitted: 0 };
  const bad = (file: string, line: number, reason: string) => {
    report.skipped.rows++;
    if (report.errors.length < maxErrors) report.errors.push({ file, line, reason });
    else report.errorsOmitted++;
  };

  // Validate every file's mapping before touching the database.
  const orders = readCsv(options.orders);
  const products = options.products ? readCsv(options.products) : null;
  const customers = options.customers ? readCsv(options.customers) : null;
  const unused = Object.keys(userMapping).filter((c) => ![orders.header, products?.header ?? [], customers?.header ?? []].some((h) => h.includes(c)));
  if (unused.length) {
    throw new AppError("CHAT_ERR_IMPORT", `--map names column(s) ${unused.join(", ")} that no file has; ${options.orders.name} has ${orders.header.join(", ")}`);
  }
  const ocols = resolveColumns(options.orders, orders.header, mapping, ORDER_FIELDS, REQUIRED_ORDER_FIELDS, pick(userMapping, orders.header));
  const pcols = products ? resolveColumns(options.products!, products.header, mapping, PRODUCT_FIELDS, ["productId"], pick(userMapping, products.header)) : null;
  const ccols = customers ? resolveColumns(options.customers!, customers.header, mapping, CUSTOMER_FIELDS, ["customerId"], pick(userMapping, customers.header)) : null;

  const get = (r: Row, cols: Record<string, string>, f: string) => (cols[f] === undefined ? "" : r.values[cols[f]] ?? "");

  // Products file (optional).
  const productInfo = new Map<string, { name: string; category: string; subcategory: string; brand: string; description: string; priceCents: number; stock: number; consumable: boolean }>();
  if (products && pcols) {
    for (const r of products.rows) {
      const id = get(r, pcols, "productId");
      if (!id) { bad(options.products!.name, r.line, "missing product id"); continue; }
      const price = get(r, pcols, "unitPrice");
      const priceCents = price === "" ? 0 : Math.round(Number(price) * cents);
      if (!Number.isFinite(priceCents) || priceCents < 0) { bad(options.products!.name, r.line, `bad price "${price}"`); continue; }
      const stockRaw = get(r, pcols, "stock");
      const stock = stockRaw === "" ? 1 : Number(stockRaw);
      if (!Number.isInteger(stock) || stock < 0) { bad(options.products!.name, r.line, `bad stock "${stockRaw}"`); continue; }
      const name = get(r, pcols, "productName") || id;
      productInfo.set(id, {
        name, category: get(r, pcols, "category") || "uncategorised", subcategory: get(r, pcols, "subcategory") || get(r, pcols, "category") || "uncategorised",
        brand: get(r, pcols, "brand"), description: get(r, pcols, "description") || name, priceCents, stock,
        consumable: /^(1|true|yes)$/i.test(get(r, pcols, "consumable")),
      });
    }
  }

  // Customers file (optional).
  const customerInfo = new Map<string, { email: string; name: string; country: string; createdAt: string | null }>();
  if (customers && ccols) {
    for (const r of customers.rows) {
      const id = get(r, ccols, "customerId");
      if (!id) { bad(options.customers!.name, r.line, "missing customer id"); continue; }
      const created = get(r, ccols, "createdAt");
      const createdAt = created ? parseImportDate(created) : null;
      if (created && !createdAt) { bad(options.customers!.name, r.line, `unreadable date "${created}"`); continue; }
      customerInfo.set(id, { email: get(r, ccols, "email"), name: get(r, ccols, "name") || id, country: countryCode(get(r, ccols, "country") || "ZZ"), createdAt });
    }
  }

  // Order lines, grouped into orders.
  type Line = { productId: string; name: string; quantity: number; unitPriceCents: number; category: string };
  const grouped = new Map<string, { customerId: string; placedAt: string; country: string; email: string; lines: Map<string, Line> }>();
  for (const r of orders.rows) {
    const f = (x: OrderField) => get(r, ocols, x);
    const orderId = f("orderId");
    const productId = f("productId");
    const customerId = f("customerId").replace(/\.0$/, "");
    const qtyRaw = f("quantity");
    const priceRaw = f("unitPrice");
    const dateRaw = f("placedAt");
    if (!orderId) { bad(options.orders.name, r.line, "missing order id"); continue; }
    if (/^C/i.test(orderId)) { bad(options.orders.name, r.line, `order ${orderId} is a cancellation (not imported)`); continue; }
    if (!productId) { bad(options.orders.name, r.line, "missing product id"); continue; }
    if (!customerId) { bad(options.orders.name, r.line, "missing customer id"); continue; }
    const quantity = Number(qtyRaw);
    if (!Number.isInteger(quantity) || quantity <= 0) { bad(options.orders.name, r.line, `quantity "${qtyRaw}" is not a positive integer`); continue; }
    const price = Number(priceRaw);
    if (priceRaw === "" || !Number.isFinite(price) || price <= 0) { bad(options.orders.name, r.line, `unit price "${priceRaw}" is not a positive number`); continue; }
    const placedAt = parseImportDate(dateRaw);
    if (!placedAt) { bad(options.orders.name, r.line, `unreadable date "${dateRaw}" (use ISO 8601 or M/D/YYYY H:MM)`); continue; }
    const g = grouped.get(orderId) ?? { customerId, placedAt, country: countryCode(f("country") || "ZZ"), email: f("email"), lines: new Map() };
    if (g.customerId !== customerId) { bad(options.orders.name, r.line, `order ${orderId} already belongs to customer ${g.customerId}`); continue; }
    if (placedAt < g.placedAt) g.placedAt = placedAt;
    const l = g.lines.get(productId);
    if (l) l.quantity += quantity;
    else g.lines.set(productId, { productId, name: f("productName") || productId, quantity, unitPriceCents: Math.round(price * cents), category: f("category") });
    grouped.set(orderId, g);
  }

  await db.transaction(async (tx) => {
    const exists = async (sql: string, id: string) => (await tx.get(sql, [id])) !== undefined;
    const firstOrder = new Map<string, string>();
    for (const g of grouped.values()) if (!firstOrder.has(g.customerId) || g.placedAt < firstOrder.get(g.customerId)!) firstOrder.set(g.customerId, g.placedAt);
    const ensureProduct = async (id: string, fallback: Line | null, at: string) => {
      const info = productInfo.get(id);
      if (await exists("SELECT 1 FROM products WHERE id = ?", id)) {
        if (info) {
          await tx.run("UPDATE products SET name = ?, category = ?, subcategory = ?, brand = ?, description = ?, price_cents = ?, stock = ?, consumable = ? WHERE id = ?", [
            info.name, info.category, info.subcategory, info.brand, info.description, info.priceCents, info.stock, info.consumable ? 1 : 0, id,
          ]);
        }
        return;
      }
      // Unknown stock counts as available (1) so recommendations are not filtered out; set it with a products file.
      const p = info ?? { name: fallback?.name ?? id, category: fallback?.category || "uncategorised", subcategory: fallback?.category || "uncategorised", brand: "", description: fallback?.name ?? id, priceCents: fallback?.unitPriceCents ?? 0, stock: 1, consumable: false };
      await tx.run(
        `INSERT INTO products (id, name, category, subcategory, brand, description, price_cents, stock, weight_kg, consumable, tags, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '["imported"]', ?)`,
        [id, p.name, p.category, p.subcategory, p.brand, p.description, p.priceCents, p.stock, p.consumable ? 1 : 0, at],
      );
      report.imported.products++;
    };
    for (const id of productInfo.keys()) await ensureProduct(id, null, new Date(0).toISOString());
    const emailOf = async (id: string, given: string) => {
      const base = given || `${id.toLowerCase().replace(/[^a-z0-9]+/g, "-")}@imported.invalid`;
      return (await exists("SELECT 1 FROM customers WHERE email = ?", base)) ? `${id.toLowerCase().replace(/[^a-z0-9]+/g, "-")}+${Date.now()}@imported.invalid` : base;
    };
    const ensureCustomer = async (id: string, fromOrder: { country: string; email: string } | null) => {
      if (await exists("SELECT 1 FROM customers WHERE id = ?", id)) return;
      const info = customerInfo.get(id);
      await tx.run("INSERT INTO customers (id, email, name, country, created_at) VALUES (?, ?, ?, ?, ?)", [
        id, await emailOf(id, info?.email || fromOrder?.email || ""), info?.name ?? id, info?.country ?? fromOrder?.country ?? "ZZ", info?.createdAt ?? firstOrder.get(id) ?? new Date().toISOString(),
      ]);
      report.imported.customers++;
    };
    for (const id of customerInfo.keys()) await ensureCustomer(id, null);
    for (const [orderId, g] of grouped) {
      if (await exists("SELECT 1 FROM orders WHERE id = ?", orderId)) {
        report.skipped.existingOrders++;
        continue;
      }
      await ensureCustomer(g.customerId, g);
      const lines = [...g.lines.values()];
      for (const l of lines) await ensureProduct(l.productId, l, g.placedAt);
      const subtotal = lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0);
      const email = (await tx.get<{ email: string }>("SELECT email FROM customers WHERE id = ?", [g.customerId]))?.email ?? "";
      await tx.run(
        `INSERT INTO orders (id, customer_id, email, placed_at, status, shipping_method, ship_country, subtotal_cents, discount_cents, shipping_cents, total_cents)
         VALUES (?, ?, ?, ?, 'delivered', 'standard', ?, ?, 0, 0, ?)`,
        [orderId, g.customerId, email, g.placedAt, g.country, subtotal, subtotal],
      );
      for (const l of lines) await tx.run("INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)", [orderId, l.productId, l.quantity, l.unitPriceCents]);
      report.imported.orders++;
      report.imported.orderLines += lines.length;
    }
  });
  return report;
}

function pick(mapping: Record<string, string>, header: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter(([col]) => header.includes(col)));
}
