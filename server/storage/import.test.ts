import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { openStorage } from "./database.ts";
import type { SqlExecutor } from "./driver.ts";
import { importShopCsv, parseColumnMapping, parseImportDate } from "./import.ts";

const UCI = [
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
  "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom",
  "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom",
  "536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,17850.0,United Kingdom",
  "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom",
  "536370,22728,ALARM CLOCK BAKELIKE PINK,24,12/1/2010 8:45,3.75,,France",
  "536371,22086,PAPER CHAIN KIT,abc,12/1/2010 9:00,2.55,13047,United Kingdom",
  "536372,22632,HAND WARMER RED POLKA DOT,6,13/45/2010 9:01,1.85,17850,United Kingdom",
  "536373,21730,GLASS STAR FROSTED T-LIGHT HOLDER,6,12/1/2010 9:02,4.25,12583,France",
].join("\n");

const counts = (db: SqlExecutor) =>
  db.get("SELECT (SELECT count(*) FROM orders) o, (SELECT count(*) FROM order_items) i, (SELECT count(*) FROM customers) c, (SELECT count(*) FROM products) p");
const memoryDb = async () => (await openStorage({ sqlitePath: ":memory:" })).driver;

describe("CSV import", () => {
  it("imports UCI Online Retail rows with the default mapping and reports each bad row with its line and reason", async () => {
    const db = await memoryDb();
    const r = await importShopCsv(db, { orders: { name: "retail.csv", text: UCI } });
    expect(r.imported).toEqual({ products: 4, customers: 2, orders: 3, orderLines: 4 });
    expect(r.skipped.rows).toBe(4);
    expect(r.errors.map((e) => e.line)).toEqual([5, 6, 7, 8]);
    expect(r.errors[0].reason).toMatch(/cancellation/);
    expect(r.errors[1].reason).toMatch(/missing customer id/);
    expect(r.errors[2].reason).toMatch(/quantity "abc"/);
    expect(r.errors[3].reason).toMatch(/unreadable date/);
    const order = await db.get("SELECT customer_id, placed_at, total_cents, ship_country FROM orders WHERE id = '536365'");
    expect(order).toEqual({ customer_id: "17850", placed_at: "2010-12-01T08:26:00.000Z", total_cents: 6 * 255 + 6 * 339, ship_country: "GB" });
  });

  it("skips orders already imported, so a re-import changes nothing", async () => {
    const db = await memoryDb();
    await importShopCsv(db, { orders: { name: "retail.csv", text: UCI } });
    const before = await counts(db);
    const again = await importShopCsv(db, { orders: { name: "retail.csv", text: UCI } });
    expect(again.imported.orders).toBe(0);
    expect(again.skipped.existingOrders).toBe(3);
    expect(await counts(db)).toEqual(before);
  });

  it("rejects a mapping that leaves a required field without a column, and writes nothing", async () => {
    const db = await memoryDb();
    const text = "Invoice,Sku,Qty,When,Price,Buyer\n1,A,1,2024-01-01,2.5,C1\n";
    let err: unknown;
    try {
      await importShopCsv(db, { orders: { name: "shop.csv", text }, mapping: { Sku: "productId", Qty: "quantity" } });
    } catch (e) {
      err = e;
    }
    expect(isAppError(err, "CHAT_ERR_IMPORT")).toBe(true);
    expect((err as Error).message).toMatch(/required field\(s\) placedAt, customerId/);
    expect(await counts(db)).toEqual({ o: 0, i: 0, c: 0, p: 0 });
  });

  it("rejects a mapping to an unknown field or a missing column, and accepts a complete custom mapping", async () => {
    const db = await memoryDb();
    const text = "Invoice,Sku,Qty,When,Price,Buyer\n1,A,2,2024-01-01T10:00:00Z,2.5,C1\n";
    await expect(importShopCsv(db, { orders: { name: "s.csv", text }, mapping: { Sku: "sku" } })).rejects.toThrow(/unknown field "sku"/);
    await expect(importShopCsv(db, { orders: { name: "s.csv", text }, mapping: parseColumnMapping("Nope=productId") })).rejects.toThrow(/no file has|no column "Nope"/);
    expect(await counts(db)).toEqual({ o: 0, i: 0, c: 0, p: 0 });
    const r = await importShopCsv(db, { orders: { name: "s.csv", text }, mapping: parseColumnMapping("Sku=productId,Qty=quantity,When=placedAt,Buyer=customerId") });
    expect(r.imported.orders).toBe(1);
    expect(r.errors).toEqual([]);
  });

  it("parses ISO and UCI dates and refuses impossible ones", async () => {
    expect(parseImportDate("2010-12-01 08:26")).toBe("2010-12-01T08:26:00.000Z");
    expect(parseImportDate("12/1/2010 8:26")).toBe("2010-12-01T08:26:00.000Z");
    expect(parseImportDate("2/30/2010 8:26")).toBeNull();
    expect(() => parseColumnMapping("justacolumn")).toThrow(/expected column=field/);
  });
});
