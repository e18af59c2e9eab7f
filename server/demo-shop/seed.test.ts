import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { getCustomer, getOrder, isShopEmpty, listProducts, openStorage, type Storage } from "../storage/index.ts";
import { generateDemoShop, seedDemoShop, type SeedProgress } from "./index.ts";

let dir: string | null = null;
let storage: Storage | null = null;

afterEach(async () => {
  await storage?.close();
  storage = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

async function tempDb() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-seed-"));
  storage = await openStorage({ sqlitePath: path.join(dir, "shop.db") });
  return storage.driver;
}

describe("seedDemoShop", () => {
  it("fills an empty SQLite database with data that reads back exactly as generated", async () => {
    const database = await tempDb();
    expect(await isShopEmpty(database)).toBe(true);
    const phases = new Set<SeedProgress["phase"]>();
    const result = await seedDemoShop(database, { seed: 7, customers: 120, onProgress: (p) => phases.add(p.phase) });
    expect(await isShopEmpty(database)).toBe(false);
    expect([...phases]).toEqual(["generate", "insert"]);
    const data = generateDemoShop({ seed: 7, customers: 120 });
    expect(result.summary.rows).toEqual({
      products: data.products.length,
      customers: 120,
      orders: data.orders.length,
      orderItems: data.orders.reduce((n, o) => n + o.items.length, 0),
      events: data.events.length,
    });
    expect(await listProducts(database)).toEqual(data.products);
    expect(await getCustomer(database, data.customers[17].id)).toEqual(data.customers[17]);
    for (const o of [data.orders[0], data.orders[data.orders.length - 1], data.orders[Math.floor(data.orders.length / 2)]]) {
      expect(await getOrder(database, o.id)).toEqual(o);
    }
  });

  it("refuses to seed a shop that already has data", async () => {
    const database = await tempDb();
    await seedDemoShop(database, { seed: 1, customers: 10 });
    let err: unknown;
    try {
      await seedDemoShop(database, { seed: 2, customers: 10 });
    } catch (e) {
      err = e;
    }
    expect(isAppError(err, "CHAT_ERR_VALIDATION")).toBe(true);
  });
});
