/**
 * Seed the Fjell & Field demo shop into <data-dir>/shop.db.
 *
 *   npm run seed [-- --data-dir ./data --seed 42 --customers 5000 --force --json]
 *
 * Refuses to touch a shop that already has data unless --force, which deletes the database file
 * (and its WAL/SHM files) and creates it again. Defaults come from the server configuration
 * (DATA_DIR, SEED). Prints row counts and breakdowns per status and persona; --json prints them as JSON.
 */
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../server/config.ts";
import { isAppError } from "../server/errors.ts";
import { seedDemoHistory, seedDemoShop, type SeedProgress } from "../server/demo-shop/index.ts";
import { loadKnowledgeFiles, readKnowledgeFiles } from "../server/retrieval/knowledge.ts";
import { openStorage } from "../server/storage/index.ts";
import { createProgress, flagBool, flagString, parseArgs, type Progress } from "./lib/index.ts";

function parseInteger(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { valued: ["data-dir", "seed", "customers"], boolean: ["force", "json"] });
  const config = loadConfig(process.env);
  const dataDir = path.resolve(flagString(args, "data-dir") ?? config.dataDir);
  const seed = parseInteger("seed", flagString(args, "seed", String(config.seed)));
  const customers = parseInteger("customers", flagString(args, "customers", "5000"));
  const force = flagBool(args, "force");
  const json = flagBool(args, "json");
  const dbPath = path.join(dataDir, "shop.db");

  let storage = await openStorage({ sqlitePath: dbPath });
  if (!(await storage.shop.isEmpty())) {
    await storage.close();
    if (!force) throw new Error(`${dbPath} already holds a shop; run with --force to delete it and seed again`);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
    storage = await openStorage({ sqlitePath: dbPath });
  }

  const bars: Partial<Record<SeedProgress["phase"], { bar: Progress; done: number }>> = {};
  const onProgress = ({ phase, done, total }: SeedProgress) => {
    let state = bars[phase];
    if (!state) {
      if (phase === "insert") bars.generate?.bar.stop();
      state = bars[phase] = { bar: createProgress({ label: phase === "generate" ? "generating customers" : "inserting rows", total }), done: 0 };
    }
    state.bar.increment(done - state.done);
    state.done = done;
  };
  const t0 = performance.now();
  const result = await seedDemoShop(storage.driver, { seed, customers, onProgress });
  bars.generate?.bar.stop();
  bars.insert?.bar.stop();
  // The past chats (closed), asking the knowledge's own questions, as a first `npm start` seeds them.
  const kb = loadKnowledgeFiles(readKnowledgeFiles(config.knowledgeDir), config.knowledgeDir);
  const entries = kb.faq.map((e) => ({ id: e.id, title: e.title, topic: path.basename(path.dirname(e.file)), questions: e.questions }));
  const history = await seedDemoHistory(storage.driver, { seed, entries, agents: [] });
  if (!json) process.stderr.write(`chat history: ${history.conversations} conversations, ${history.messages} messages, ${history.handoffs} handoffs (${history.ms} ms)\n`);
  await storage.driver.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  await storage.close();
  const totalMs = Math.round(performance.now() - t0);
  const dbBytes = fs.statSync(dbPath).size;
  const report = { dbPath, seed, customers, totalMs, generateMs: result.generateMs, insertMs: result.insertMs, dbBytes, history, ...result.summary };

  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const s = result.summary;
  const lines = [
    `Seeded ${dbPath} (seed ${seed}) in ${(totalMs / 1000).toFixed(1)} s (generate ${result.generateMs} ms, insert ${result.insertMs} ms); ${(dbBytes / 1e6).toFixed(1)} MB`,
    "",
    "rows:      " + Object.entries(s.rows).map(([k, v]) => `${k} ${v}`).join(", "),
    "statuses:  " + Object.entries(s.ordersByStatus).map(([k, v]) => `${k} ${v}`).join(", "),
    "shipping:  " + Object.entries(s.ordersByShippingMethod).map(([k, v]) => `${k} ${v}`).join(", "),
    "events:    " + Object.entries(s.eventsByType).map(([k, v]) => `${k} ${v}`).join(", "),
    "products:  " + Object.entries(s.productsByCategory).map(([k, v]) => `${k} ${v}`).join(", ") + ` (${s.outOfStockProducts} out of stock)`,
    `promo codes on ${(s.promoOrderShare * 100).toFixed(1)}% of orders`,
    "",
    "persona     customers  orders  orders/customer  mean recency (days)  revenue ($)",
    ...Object.entries(s.personas).map(([k, p]) =>
      `${k.padEnd(11)} ${String(p.customers).padStart(9)} ${String(p.orders).padStart(7)} ${p.ordersPerCustomer.toFixed(2).padStart(16)} ${String(p.meanRecencyDays).padStart(20)} ${(p.revenueCents / 100).toFixed(0).padStart(12)}`),
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((err) => {
  process.stderr.write(`seed failed: ${isAppError(err) ? `${err.code}: ` : ""}${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
