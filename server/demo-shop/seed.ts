import { AppError } from "../errors.ts";
import { insertShopData, isShopEmpty, type SqlExecutor } from "../storage/index.ts";
import { generateCatalogueDetails } from "./catalogue-details.ts";
import { DEMO_NOW, generateDemoShop } from "./generate.ts";
import { summarizeShopData, type ShopSummary } from "./summary.ts";

/** Where seeding is: generating data in memory, or inserting it into the database. */
export interface SeedProgress {
  phase: "generate" | "insert";
  done: number;
  total: number;
}

/** Options of seedDemoShop. */
export interface SeedDemoShopOptions {
  seed: number;
  /** Number of customers; default 5,000. */
  customers?: number;
  /** End of the history; default DEMO_NOW. */
  now?: string | Date;
  onProgress?: (progress: SeedProgress) => void;
}

/** What seedDemoShop did: the summary of the inserted data and how long each phase took. */
export interface SeedResult {
  summary: ShopSummary;
  generateMs: number;
  insertMs: number;
}

/**
 * Generate the demo shop and insert it into an empty database in one transaction.
 * Throws CHAT_ERR_VALIDATION if the shop already has products or customers.
 * @example await seedDemoShop(storage.driver, { seed: 42 });
 */
export async function seedDemoShop(db: SqlExecutor, options: SeedDemoShopOptions): Promise<SeedResult> {
  if (!(await isShopEmpty(db))) {
    throw new AppError("CHAT_ERR_VALIDATION", "the shop database already has products or customers; seed only an empty database");
  }
  const { onProgress } = options;
  const t0 = performance.now();
  const data = generateDemoShop({
    seed: options.seed,
    customers: options.customers,
    now: options.now,
    onProgress: onProgress && ((done, total) => onProgress({ phase: "generate", done, total })),
  });
  // Sizes, colours and measurements, from the same seed (their stock adds up to each product's).
  const catalogue = generateCatalogueDetails(options.seed, data.products);
  data.details = {
    variants: catalogue.flatMap((p) => p.variants),
    dimensions: Object.fromEntries(catalogue.flatMap((p) => (p.dimensions ? [[p.id, p.dimensions]] : []))),
  };
  const t1 = performance.now();
  await insertShopData(db, data, onProgress && ((done, total) => onProgress({ phase: "insert", done, total })));
  const t2 = performance.now();
  const now = options.now === undefined ? DEMO_NOW : new Date(options.now).toISOString();
  return { summary: summarizeShopData(data, now), generateMs: Math.round(t1 - t0), insertMs: Math.round(t2 - t1) };
}
