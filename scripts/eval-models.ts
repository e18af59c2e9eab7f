/**
 * `npm run eval:models [-- --json] [--only=cdnow,demo,groceries] [--seed=42] [--datasets-dir=<folder>]`: evaluate the
 * customer models. CDNOW and Groceries are read from DATASETS_DIR (default ../shared/datasets); `--only=demo` needs none.
 * - cdnow: BG/NBD and Gamma-Gamma parameters vs published, holdout repeat purchases (total and by
 *   calibration frequency), churn AUC of the churn model vs P(alive) alone.
 * - demo: the generated Fjell & Field shop on a temporal holdout (last 90 days): churn AUC, PR-AUC,
 *   Brier; recommendations P@10, R@10, NDCG@10, coverage vs a popularity baseline.
 * - groceries: leave-one-out basket completion hit rate@10 vs popularity.
 * With --json, one JSON object per dataset, one per line.
 */
import fs from "node:fs";
import path from "node:path";
import cliProgress from "cli-progress";
import {
  averagePrecision, bgNbdLogLikelihood, brierScore, conditionalExpectedPurchases, createRandom, createRecommenderRuntime, explainChurn,
  fitBgNbd, fitGammaGamma, gammaGammaLogLikelihood, ndcgAtK, precisionAtK, predictLifetimeValue, probabilityAlive, recallAtK, recommend,
  rocAuc, shuffled, trainChurn, trainRecommender, mean,
  type CatalogueItem, type CustomerHistory, type Recommendation, type RecommenderRuntime,
} from "../models/customers/index.ts";
import { readCdnowSummary } from "../models/customers/cdnow-fixture.ts";
import { DAY_MS, purchasesBefore } from "../models/customers/types.ts";
import { createUseLiteEmbedder } from "../models/embedders/use-lite.ts";
import type { Embedder } from "../models/embedder.ts";
import { churnedAfter, churnRowsAt, fitLifetimeValueAt, trainCustomerModels } from "../server/customers/index.ts";
import { seedDemoShop } from "../server/demo-shop/index.ts";
import { getLatestActivityAt, listCustomerActivity } from "../server/storage/customer-queries.ts";
import { listProducts, openStorage } from "../server/storage/index.ts";
import { DEFAULT_DATASETS_DIR, requireDataset } from "./lib/index.ts";

const args = process.argv.slice(2);
if (args.includes("--help")) {
  console.log("usage: eval-models [--json] [--only=cdnow,demo,groceries] [--seed=42] [--asymmetry=0.5] [--datasets-dir=<folder>]\n" +
    "  CDNOW and Groceries are public datasets outside the repository: set DATASETS_DIR or pass --datasets-dir (default ../shared/datasets).");
  process.exit(0);
}
const JSON_OUT = args.includes("--json");
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const ONLY = new Set((arg("only") ?? "cdnow,demo,groceries").split(","));
const SEED = Number(arg("seed") ?? 42);
/** The public datasets (CDNOW, Groceries) are not in the repository: DATASETS_DIR or --datasets-dir=<folder>. */
const DATASETS_DIR = arg("datasets-dir") ?? DEFAULT_DATASETS_DIR;
const K = 10;

const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10000) / 10000 : null);
const log = (msg: string) => {
  if (!JSON_OUT) console.log(msg);
};
function bar(label: string, total: number) {
  const b = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  b.start(total, 0);
  return b;
}

// ---------------------------------------------------------------- CDNOW
function cdnowHistories(): { histories: CustomerHistory[]; sampleId: Map<string, number> } {
  const text = fs.readFileSync(path.join(requireDataset(DATASETS_DIR, "cdnow", "CDNOW_sample.txt"), "CDNOW_sample.txt"), "utf8");
  const by = new Map<string, CustomerHistory>();
  const sampleId = new Map<string, number>();
  let n = 0;
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const [, sid, date, , dollars] = f;
    const at = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T12:00:00.000Z`;
    const id = `S${sid}`;
    sampleId.set(id, Number(sid));
    const h = by.get(id) ?? { customerId: id, createdAt: at, orders: [], events: [], supportContacts: 0 };
    if (at < h.createdAt) h.createdAt = at;
    h.orders.push({ orderId: `T${n++}`, placedAt: at, status: "delivered", totalCents: Math.round(Number(dollars) * 100), discountCents: 0, items: [] });
    by.set(id, h);
  }
  return { histories: [...by.values()], sampleId };
}

function evalCdnow() {
  const PUB_BG = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };
  const PUB_GG = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
  const rows = readCdnowSummary(requireDataset(DATASETS_DIR, "cdnow", "cdnow_customers_summary_with_transactions.csv"));
  const cal = rows.map((r) => ({ x: r.x, tx: r.tx, T: r.T }));
  const bg = fitBgNbd(cal);
  const gg = fitGammaGamma(rows.filter((r) => r.x > 0).map((r) => ({ x: r.x, m: r.zbar })));
  const relErr = (fit: Record<string, number>, pub: Record<string, number>) =>
    Object.fromEntries(Object.keys(pub).map((k) => [k, r4(Math.abs(fit[k] / pub[k] - 1))]));

  // Holdout: purchase-days in 1997-10-01..1998-06-30 per sample customer.
  const { histories, sampleId } = cdnowHistories();
  const calEnd = new Date("1997-10-01T00:00:00Z");
  const holdEnd = new Date("1998-07-01T00:00:00Z");
  const actual = new Map<number, number>();
  for (const h of histories) {
    const days = new Set(h.orders.filter((o) => o.placedAt >= calEnd.toISOString() && o.placedAt < holdEnd.toISOString()).map((o) => o.placedAt.slice(0, 10)));
    actual.set(sampleId.get(h.customerId)!, days.size);
  }
  const predicted = rows.map((r) => conditionalExpectedPurchases(bg.params, r, 39));
  const act = rows.map((r) => actual.get(r.id) ?? 0);
  const buckets: { x: string; n: number; actual: number; predicted: number }[] = [];
  for (const b of ["0", "1", "2", "3", "4", "5", "6", "7+"]) {
    const idx = rows.map((r, i) => i).filter((i) => (b === "7+" ? rows[i].x >= 7 : rows[i].x === Number(b)));
    buckets.push({ x: b, n: idx.length, actual: r4(mean(idx.map((i) => act[i])))!, predicted: r4(mean(idx.map((i) => predicted[i])))! });
  }

  // Churn = no purchase in the holdout. The churn model is trained strictly before the calibration end:
  // features at week 20 (1997-05-21), label = no purchase in weeks 20–39; BG/NBD features from a model fitted at week 20.
  const trainCut = new Date("1997-05-21T00:00:00Z");
  const lvTrain = fitLifetimeValueAt(histories, trainCut);
  const byId = new Map(histories.map((h) => [h.customerId, h]));
  const windowTrain = (calEnd.getTime() - trainCut.getTime()) / DAY_MS;
  const trainRows = churnRowsAt(histories, lvTrain, trainCut).map((r) => ({ ...r, churned: churnedAfter(byId.get(r.customerId)!, trainCut, windowTrain) }));
  const churn = trainChurn(trainRows, { seed: SEED });
  const lvCal = fitLifetimeValueAt(histories, calEnd);
  const testRows = churnRowsAt(histories, lvCal, calEnd);
  const labels = testRows.map((r) => churnedAfter(byId.get(r.customerId)!, calEnd, (holdEnd.getTime() - calEnd.getTime()) / DAY_MS));
  const risk = testRows.map((r) => explainChurn(churn, r.features).risk);
  const pAliveChurn = testRows.map((r) => 1 - r.features.p_alive);
  const expChurn = testRows.map((r) => -r.features.log_expected_purchases_90d);
  const pAliveSummary = rows.map((r) => 1 - probabilityAlive(bg.params, r));
  const labelsSummary = rows.map((r) => (actual.get(r.id) ?? 0) === 0);
  return {
    dataset: "cdnow",
    customers: rows.length,
    bgNbd: {
      fitted: bg.params, published: PUB_BG, relativeError: relErr(bg.params as unknown as Record<string, number>, PUB_BG),
      logLikelihood: r4(bg.logLikelihood), logLikelihoodAtPublished: r4(bgNbdLogLikelihood(PUB_BG, cal)), target: "each within 1%",
    },
    gammaGamma: {
      fitted: gg.params, published: PUB_GG, relativeError: relErr(gg.params as unknown as Record<string, number>, PUB_GG),
      logLikelihood: r4(gg.logLikelihood), logLikelihoodAtPublished: r4(gammaGammaLogLikelihood(PUB_GG, rows.filter((r) => r.x > 0).map((r) => ({ x: r.x, m: r.zbar })))),
    },
    holdout: {
      weeks: 39,
      actualRepeatPurchaseDays: act.reduce((a, b) => a + b, 0),
      predictedRepeatPurchaseDays: r4(predicted.reduce((a, b) => a + b, 0)),
      mae: r4(mean(act.map((a, i) => Math.abs(a - predicted[i])))),
      byCalibrationFrequency: buckets,
    },
    churn: {
      label: "no purchase in the 39-week holdout",
      churnRate: r4(labels.filter(Boolean).length / labels.length),
      churnModelAuc: r4(rocAuc(risk, labels)),
      pAliveAuc: r4(rocAuc(pAliveChurn, labels)),
      pAliveAucOnPublishedSummary: r4(rocAuc(pAliveSummary, labelsSummary)),
      bgNbdExpectedPurchasesAuc: r4(rocAuc(expChurn, labels)),
      churnModelBrier: r4(brierScore(risk, labels)),
      trainCutoff: trainCut.toISOString().slice(0, 10),
    },
  };
}

// ---------------------------------------------------------------- Demo shop
function popularityRecs(pop: [string, number][], owned: Set<string>, catalogue: Map<string, CatalogueItem>, k: number): string[] {
  const out: string[] = [];
  for (const [id] of pop) {
    const p = catalogue.get(id);
    if (!p || (owned.has(id) && !p.consumable)) continue;
    out.push(id);
    if (out.length >= k) break;
  }
  return out;
}

async function evalDemo(embedder: Embedder) {
  const dbFile = path.resolve("data", "eval", `demo-shop-${SEED}.db`);
  fs.rmSync(dbFile, { force: true });
  fs.rmSync(`${dbFile}-wal`, { force: true });
  fs.rmSync(`${dbFile}-shm`, { force: true });
  const storage = await openStorage({ sqlitePath: dbFile });
  const db = storage.driver;
  const b = bar("generating demo shop", 100);
  await seedDemoShop(db, { seed: SEED, onProgress: (p) => b.update(Math.round((p.done / p.total) * (p.phase === "generate" ? 50 : 100))) });
  b.stop();
  const histories = await listCustomerActivity(db);
  const products = await listProducts(db);
  const end = new Date(Date.parse((await getLatestActivityAt(db))!) + 1);
  await storage.close();
  const W = 90;
  const cutoff = new Date(end.getTime() - W * DAY_MS);
  const t0 = Date.now();
  const artifact = await trainCustomerModels(histories, products, { asOf: cutoff, churnWindowDays: W, seed: SEED, embedder });
  const trainSeconds = (Date.now() - t0) / 1000;
  if (!artifact.lifetimeValue || !artifact.churn) throw new Error(`the demo shop trained in cold start: ${artifact.coldStart?.reason}`);
  const { lifetimeValue, churn } = artifact;

  // Churn on the holdout: features at the cut-off, label = no purchase in the last 90 days.
  const byId = new Map(histories.map((h) => [h.customerId, h]));
  const cutHist = histories.map((h) => ({ ...h, orders: h.orders.filter((o) => Date.parse(o.placedAt) < cutoff.getTime()), events: h.events.filter((e) => Date.parse(e.at) < cutoff.getTime()) }));
  const rows = churnRowsAt(cutHist, lifetimeValue, cutoff);
  const labels = rows.map((r) => churnedAfter(byId.get(r.customerId)!, cutoff, W));
  const risk = rows.map((r) => explainChurn(churn, r.features).risk);
  const pAlive = rows.map((r) => 1 - r.features.p_alive);

  // Recommendations: signals before the cut-off; relevant = products bought in the holdout that the customer did not own (or consumables).
  const catalogue = new Map(products.map((p) => [p.id, p as CatalogueItem]));
  const rt = createRecommenderRuntime(artifact.recommender, catalogue);
  // Baseline: the same recency-smoothed popularity the model uses as its prior (a stronger baseline than all-time counts).
  const pop = [...rt.popularityShare.entries()].sort((a, c) => c[1] - a[1] || a[0].localeCompare(c[0]));
  const res = { model: { p: [] as number[], r: [] as number[], n: [] as number[] }, popularity: { p: [] as number[], r: [] as number[], n: [] as number[] } };
  const covered = { model: new Set<string>(), popularity: new Set<string>() };
  const targets = histories.filter((h) => purchasesBefore(h, cutoff).length > 0);
  const pb = bar("recommendations", targets.length);
  let evaluated = 0;
  for (const h of targets) {
    pb.increment();
    const before = purchasesBefore(h, cutoff);
    const owned = new Set(before.flatMap((o) => o.items.map((i) => i.productId)));
    const relevant = new Set(
      h.orders.filter((o) => o.status !== "cancelled" && Date.parse(o.placedAt) >= cutoff.getTime() && Date.parse(o.placedAt) < end.getTime())
        .flatMap((o) => o.items.map((i) => i.productId))
        .filter((id) => !owned.has(id) || catalogue.get(id)?.consumable),
    );
    if (relevant.size === 0) continue;
    evaluated++;
    const signals = {
      purchases: before.flatMap((o) => o.items.map((i) => ({ productId: i.productId, at: o.placedAt }))),
      browsing: h.events.filter((e) => (e.type === "view" || e.type === "cart_add") && e.productId && Date.parse(e.at) < cutoff.getTime())
        .map((e) => ({ productId: e.productId!, at: e.at, type: e.type as "view" | "cart_add" })),
    };
    const recs = recommend(rt, signals, { k: K, asOf: cutoff, includeOutOfStock: true }).map((r: Recommendation) => r.productId);
    const base = popularityRecs(pop, owned, catalogue, K);
    for (const [name, list] of [["model", recs], ["popularity", base]] as const) {
      res[name].p.push(precisionAtK(list, relevant, K));
      res[name].r.push(recallAtK(list, relevant, K));
      res[name].n.push(ndcgAtK(list, relevant, K));
      for (const id of list) covered[name].add(id);
    }
  }
  pb.stop();
  const summary = (name: "model" | "popularity") => ({
    precisionAt10: r4(mean(res[name].p)), recallAt10: r4(mean(res[name].r)), ndcgAt10: r4(mean(res[name].n)),
    coverage: r4(covered[name].size / products.length),
  });
  const model = summary("model");
  const popularity = summary("popularity");
  return {
    dataset: "demo-shop",
    seed: SEED,
    snapshot: { end: end.toISOString(), cutoff: cutoff.toISOString(), customers: histories.length, products: products.length, trainSeconds: r4(trainSeconds) },
    churn: {
      label: `no purchase in the ${W} days after the cut-off`,
      customers: rows.length,
      churnRate: r4(labels.filter(Boolean).length / labels.length),
      auc: r4(rocAuc(risk, labels)),
      prAuc: r4(averagePrecision(risk, labels)),
      brier: r4(brierScore(risk, labels)),
      meanPredictedRisk: r4(mean(risk)),
      pAliveAuc: r4(rocAuc(pAlive, labels)),
      target: "AUC >= 0.85",
    },
    recommendations: {
      customersEvaluated: evaluated,
      k: K,
      model,
      popularity,
      ndcgRatio: r4((model.ndcgAt10 ?? 0) / (popularity.ndcgAt10 ?? 1)),
      target: "NDCG@10 >= 1.5x popularity",
    },
  };
}

// ---------------------------------------------------------------- Groceries
async function evalGroceries() {
  const text = fs.readFileSync(path.join(requireDataset(DATASETS_DIR, "groceries", "groceries.csv"), "groceries.csv"), "utf8");
  const baskets = text.split(/\r?\n/).filter((l) => l.trim()).map((l) => [...new Set(l.split(",").map((s) => s.trim()).filter(Boolean))]);
  const rnd = createRandom(SEED);
  const order = shuffled(baskets.map((_, i) => i), rnd);
  const nTest = Math.round(baskets.length * 0.2);
  const test = order.slice(0, nTest).map((i) => baskets[i]);
  const train = order.slice(nTest).map((i) => baskets[i]);
  const items = [...new Set(baskets.flat())].sort();
  const catalogue: CatalogueItem[] = items.map((id) => ({ id, name: id, category: "groceries", subcategory: "groceries", brand: "", description: id, priceCents: 100, stock: 1, consumable: true, tags: [] }));
  const at = "2020-01-01T00:00:00.000Z";
  const model = await trainRecommender({ baskets: train.map((items) => ({ customerId: null, at, items })), browsing: [] }, catalogue, { asymmetry: Number(arg("asymmetry") ?? 0.5) });
  const rt: RecommenderRuntime = createRecommenderRuntime(model, new Map(catalogue.map((p) => [p.id, p])));
  const pop = Object.entries(model.popularity).sort((a, c) => c[1] - a[1] || a[0].localeCompare(c[0])).map(([id]) => id);
  let n = 0;
  let hitModel = 0;
  let hitPop = 0;
  let rrModel = 0;
  const pb = bar("groceries leave-one-out", test.length);
  for (const basket of test) {
    pb.increment();
    if (basket.length < 2) continue;
    const hidden = basket[Math.floor(rnd() * basket.length)];
    const rest = basket.filter((x) => x !== hidden);
    const recs = recommend(rt, { purchases: rest.map((productId) => ({ productId, at })), browsing: [] }, { k: K, exclude: rest, asOf: new Date(at) }).map((r) => r.productId);
    const base = pop.filter((id) => !rest.includes(id)).slice(0, K);
    n++;
    if (recs.includes(hidden)) {
      hitModel++;
      rrModel += 1 / (recs.indexOf(hidden) + 1);
    }
    if (base.includes(hidden)) hitPop++;
  }
  pb.stop();
  return {
    dataset: "groceries",
    seed: SEED,
    split: "80/20 random baskets; one random item hidden per test basket with >= 2 items",
    trainBaskets: train.length,
    testBaskets: n,
    hitRateAt10: { itemToItem: r4(hitModel / n), popularity: r4(hitPop / n) },
    mrrAt10ItemToItem: r4(rrModel / n),
  };
}

async function main(): Promise<void> {
  const results: object[] = [];
  const emit = (r: object) => {
    results.push(r);
    if (JSON_OUT) console.log(JSON.stringify(r));
    else console.log(JSON.stringify(r, null, 2));
  };
  if (ONLY.has("cdnow")) {
    log("== CDNOW");
    emit(evalCdnow());
  }
  if (ONLY.has("demo")) {
    log("== Demo shop");
    emit(await evalDemo(await createUseLiteEmbedder()));
  }
  if (ONLY.has("groceries")) {
    log("== Groceries");
    emit(await evalGroceries());
  }
}

main().catch((err: unknown) => {
  // A missing dataset is the user's to fix: its message says how; anything else shows the stack.
  const missing = err instanceof Error && err.message.startsWith("dataset ");
  console.error(`eval failed: ${err instanceof Error ? (missing ? err.message : err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
