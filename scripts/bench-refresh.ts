/**
 * `npm run bench:refresh -- [--customers 1000] [--json]`: how long a customer-model refresh stalls the server's event
 * loop (the worst wait a chat message would see), training on the main thread (the naive baseline) vs on a worker
 * thread (what the server does), on a freshly generated demo shop.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createUseLiteEmbedder } from "../models/embedders/use-lite.ts";
import { createCustomerInsights, trainInWorker } from "../server/customers/index.ts";
import { measureEventLoopStalls } from "../server/customers/event-loop-stalls.ts";
import { seedDemoShop } from "../server/demo-shop/index.ts";
import { openStorage } from "../server/storage/index.ts";
import { flagBool, flagString, parseArgs } from "./lib/index.ts";

const args = parseArgs(process.argv.slice(2), { valued: ["customers"], boolean: ["json", "help"] });
if (flagBool(args, "help")) {
  console.log("usage: npm run bench:refresh -- [--customers 1000] [--json]\nTrains the customer models of a generated demo shop on the main thread and on a worker thread, reporting event-loop stalls.");
  process.exit(0);
}
const json = flagBool(args, "json");
const customers = Number(flagString(args, "customers", "1000"));
const log = (s: string) => !json && console.error(s);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-bench-refresh-"));
try {
  const sqlitePath = path.join(dir, "shop.db");
  const storage = await openStorage({ sqlitePath });
  log(`generating a demo shop with ${customers} customers…`);
  await seedDemoShop(storage.driver, { seed: 42, customers });
  const embedder = await createUseLiteEmbedder();
  log("training on the main thread (baseline)…");
  const main = await measureEventLoopStalls(() => createCustomerInsights({ db: storage.driver, artifactsDir: path.join(dir, "a-main"), embedder }).train());
  log("training on a worker thread…");
  const worker = await measureEventLoopStalls(() => trainInWorker({ storage: { sqlitePath }, artifactsDir: path.join(dir, "a-worker"), embedder: { spec: "use-lite", modelsDir: "models/hub", allowRemote: false } }));
  await storage.close();
  const out = {
    customers, buyers: main.result.snapshot.buyers, mode: main.result.coldStart ? "cold-start" : "full",
    mainThread: main.stalls, workerThread: worker.stalls, workerMode: worker.result.coldStart ? "cold-start" : "full",
  };
  if (json) console.log(JSON.stringify(out));
  else {
    console.log(`demo shop: ${customers} customers, ${out.buyers} buyers, models ${out.mode}`);
    for (const [name, s] of [["main thread (baseline)", main.stalls], ["worker thread", worker.stalls]] as const) {
      console.log(`${name.padEnd(24)} train ${(s.ms / 1000).toFixed(1)} s   event loop: longest stall ${s.maxStallMs} ms, p99 ${s.p99StallMs} ms, ${s.ticks} ticks`);
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
