/**
 * `npm run import -- --orders file.csv [--products file.csv] [--customers file.csv] [--map col=field,...] [--json]`
 * Import a shop's own data into DATA_DIR/shop.db. The default mapping reads UCI Online Retail
 * (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country).
 * Bad rows are skipped and listed (line + reason); a bad mapping stops before any change.
 */
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../server/config.ts";
import { isAppError } from "../server/errors.ts";
import { importShopCsv, parseColumnMapping, type CsvSource } from "../server/storage/import.ts";
import { describeDatabase, openStorage, storageOptionsFor } from "../server/storage/index.ts";

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function source(file: string | undefined, what: string): CsvSource | undefined {
  if (file === undefined) return undefined;
  if (!fs.existsSync(file)) throw new Error(`--${what} ${file}: no such file`);
  return { name: file, text: fs.readFileSync(file, "utf8") };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const json = argv.includes("--json");
  const orders = source(flag(argv, "orders"), "orders");
  if (!orders) throw new Error("usage: npm run import -- --orders file.csv [--products file.csv] [--customers file.csv] [--map col=field,...] [--json]");
  const map = flag(argv, "map");
  // Everything that can be checked without the database is checked first.
  const mapping = map ? parseColumnMapping(map) : undefined;
  const products = source(flag(argv, "products"), "products");
  const customers = source(flag(argv, "customers"), "customers");
  const config = loadConfig(process.env, []);
  // A failed import into a new SQLite file leaves no empty database behind (a server would take it for a shop).
  const newFile = config.database.kind === "sqlite" && !fs.existsSync(config.database.path) ? config.database.path : undefined;
  if (config.database.kind === "sqlite") fs.mkdirSync(path.dirname(config.database.path), { recursive: true });
  const storage = await openStorage(storageOptionsFor(config.database));
  let ok = false;
  try {
    const started = Date.now();
    const report = await importShopCsv(storage.driver, { orders, products, customers, mapping });
    ok = true;
    if (json) {
      console.log(JSON.stringify({ database: describeDatabase(config.database), seconds: (Date.now() - started) / 1000, ...report }));
      return;
    }
    for (const e of report.errors.slice(0, 50)) console.error(`${e.file}:${e.line}: skipped: ${e.reason}`);
    const more = report.errors.length - Math.min(50, report.errors.length) + report.errorsOmitted;
    if (more > 0) console.error(`… and ${more} more skipped rows (use --json for the full list)`);
    const i = report.imported;
    console.log(`imported into ${describeDatabase(config.database)}: ${i.orders} orders (${i.orderLines} lines), ${i.customers} new customers, ${i.products} new products`);
    console.log(`skipped: ${report.skipped.rows} bad rows, ${report.skipped.existingOrders} orders already present`);
    if (i.orders > 0) console.log("next: npm run train");
  } finally {
    await storage.close();
    if (!ok && newFile) for (const f of [newFile, `${newFile}-wal`, `${newFile}-shm`, `${newFile}-journal`]) fs.rmSync(f, { force: true });
  }
}

main().catch((err) => {
  console.error(`import failed${isAppError(err) ? ` (${err.code})` : ""}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
