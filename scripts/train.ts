/**
 * `npm run train [-- --json]`: train every customer model from the shop database
 * (DATA_DIR/shop.db, default ./data/shop.db, or DATABASE_URL) and write DATA_DIR/artifacts/customer-models.json.
 * A running server picks the new artifact up on its next query (it watches the file's mtime).
 */
import path from "node:path";
import cliProgress from "cli-progress";
import { loadConfig } from "../server/config.ts";
import { createCustomerInsights, CUSTOMER_ARTIFACT_FILE } from "../server/customers/index.ts";
import { openStorage, storageOptionsFor } from "../server/storage/index.ts";
import { createUseLiteEmbedder } from "../models/embedders/use-lite.ts";

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const config = loadConfig(process.env, process.argv.slice(2));
  const storage = await openStorage(storageOptionsFor(config.database));
  const artifactsDir = path.join(config.dataDir, "artifacts");
  const embedder = await createUseLiteEmbedder();
  const insights = createCustomerInsights({ db: storage.driver, artifactsDir, embedder });
  const bar = new cliProgress.SingleBar({ format: "training [{bar}] {percentage}% | {stage}", stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(100, 0, { stage: "loading" });
  const started = Date.now();
  try {
    const a = await insights.train({ onProgress: (stage, fraction) => bar.update(Math.round(fraction * 100), { stage }) });
    bar.stop();
    const out = { artifact: path.join(artifactsDir, CUSTOMER_ARTIFACT_FILE), seconds: (Date.now() - started) / 1000, snapshot: a.snapshot, metrics: a.metrics, bgNbd: a.lifetimeValue?.bgNbd ?? null, gammaGamma: a.lifetimeValue?.gammaGamma ?? null, coldStart: a.coldStart ?? null };
    if (json) console.log(JSON.stringify(out));
    else {
      console.log(`customer models written to ${out.artifact} in ${out.seconds.toFixed(1)} s`);
      console.log(`snapshot: ${a.snapshot.customers} customers (${a.snapshot.buyers} buyers), ${a.snapshot.orders} orders, ${a.snapshot.events} events, ${a.snapshot.products} products, as of ${a.snapshot.asOf}`);
      if (a.coldStart) console.log(`note: ${a.coldStart.reason}`);
      for (const [k, v] of Object.entries(a.metrics)) console.log(`  ${k}: ${typeof v === "number" ? +v.toFixed(4) : v}`);
    }
  } finally {
    bar.stop();
    await storage.close();
  }
}

main().catch((err: unknown) => {
  console.error(`train failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
