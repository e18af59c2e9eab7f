import fs from "node:fs";
import path from "node:path";
import type { Embedder } from "../../models/embedder.ts";
import {
  buildProfile, churnFeatures, churnReasons, createProfileContext, createRecommenderRuntime, explainChurn, frequentlyBoughtTogether,
  lifecycleStage, loadCustomerArtifact, predictLifetimeValue, recommend, rfmSegment, saveCustomerArtifact, scoreRfm,
  summarizeForLifetimeValue,
  type CatalogueItem, type ChurnReason, type CustomerHistory, type CustomerModelArtifact, type CustomerProfile,
  type LifecycleStage, type LifetimeValuePrediction, type ProfileContext, type Recommendation, type RecommenderRuntime,
  type RfmScores, type RfmSegment,
} from "../../models/customers/index.ts";
import { AppError } from "../errors.ts";
import { getActivitySnapshot, getCustomerActivity, getLatestActivityAt, listCustomerActivity } from "../storage/customer-queries.ts";
import { listProducts, type SqlExecutor } from "../storage/index.ts";
import { trainCustomerModels } from "./training.ts";

/** The artifact file name inside the artifacts folder. */
export const CUSTOMER_ARTIFACT_FILE = "customer-models.json";

/** A minimal logger (pino-compatible). */
export interface InsightsLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Options for {@link createCustomerInsights}. */
export interface CustomerInsightsOptions {
  db: SqlExecutor;
  /** Folder for trained artifacts, e.g. `<DATA_DIR>/artifacts`. */
  artifactsDir: string;
  /** Embeds product texts (training) and shopper questions (recommend with `query`). */
  embedder: Embedder;
  logger?: InsightsLogger;
  /** The "now" insights are computed at; default: the latest order or event in the shop. */
  clock?: () => Date;
  /** How long the live catalogue (stock, prices) is cached, ms (default 30 s). */
  catalogueTtlMs?: number;
}

/** Everything the models say about one customer. Personal parts are null without profiling consent. */
export interface CustomerInsights {
  customerId: string;
  asOf: string;
  profilingConsent: boolean;
  profile: CustomerProfile | null;
  segment: { name: RfmSegment; scores: RfmScores } | null;
  stage: LifecycleStage | null;
  clv: LifetimeValuePrediction | null;
  churn: { risk: number; reasons: ChurnReason[] } | null;
  recommendations: Recommendation[];
  model: { trainedAt: string; snapshotAsOf: string };
}

/** Options of a recommendation query. */
export interface RecommendQuery {
  /** A shopper question to rank by fit (embedded with the embedder). */
  query?: string;
  /** Or a ready unit vector. */
  queryVector?: Float32Array;
  category?: string;
  k?: number;
  minPriceCents?: number;
  maxPriceCents?: number;
  exclude?: readonly string[];
}

/** What the campaign audiences need of every customer at once (server/campaigns); null parts mean unknown or no consent. */
export interface CustomerScore {
  customerId: string;
  profilingConsent: boolean;
  segment: RfmSegment | null;
  stage: LifecycleStage | null;
  clvCents: number | null;
  churnRisk: number | null;
  orders: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  /** Product categories by the customer's interest, strongest first. */
  categories: string[];
}

/** The customer-insights service. */
export interface CustomerInsightsService {
  /** Every customer's segment, stage, CLV, churn risk and purchase dates in one pass (campaign audiences). */
  scoreAll(): Promise<{ asOf: string; scores: CustomerScore[] }>;
  /** Train when no artifact exists yet (first start); otherwise load it. Returns whether it trained. */
  ensureTrained(): Promise<{ trained: boolean }>;
  /** Train from the database now, save the artifact and switch to it. */
  train(options?: { onProgress?: (stage: string, fraction: number) => void }): Promise<CustomerModelArtifact>;
  /** Load the artifact again if its file changed (e.g. after `npm run train`); returns whether it reloaded. */
  reload(): boolean;
  /** Profile, segment, stage, CLV, churn risk with reasons and recommendations for one customer. */
  getInsights(customerId: string, options?: { k?: number }): Promise<CustomerInsights>;
  /** Recommendations for a customer or an anonymous shopper (null), optionally for a question. */
  recommend(customerId: string | null, query?: RecommendQuery): Promise<Recommendation[]>;
  /** Upsell: products frequently bought together with these. */
  frequentlyBoughtTogether(productIds: readonly string[], options?: { k?: number }): Promise<Recommendation[]>;
  /** Metadata of the loaded artifact (with `mode` and, in cold start, a `note` on what runs instead), or null before training. */
  status(): {
    trainedAt: string; snapshot: CustomerModelArtifact["snapshot"]; metrics: CustomerModelArtifact["metrics"];
    mode: "full" | "cold-start"; note: string | null; missing: string[];
  } | null;
  /** Forget the cached catalogue (products changed), so the next query reads prices and stock again. */
  catalogueChanged(): void;
}

/**
 * Create the customer-insights service over the shop database.
 * @example const insights = createCustomerInsights({ db, artifactsDir: path.join(config.dataDir, "artifacts"), embedder });
 *          await insights.ensureTrained(); await insights.getInsights("C00001");
 */
export function createCustomerInsights(options: CustomerInsightsOptions): CustomerInsightsService {
  const { db, embedder, logger } = options;
  const file = path.join(options.artifactsDir, CUSTOMER_ARTIFACT_FILE);
  const ttl = options.catalogueTtlMs ?? 30_000;
  let artifact: CustomerModelArtifact | null = null;
  let loadedMtime = 0;
  let catalogue: { at: number; byId: Map<string, CatalogueItem>; profile: ProfileContext; rt: RecommenderRuntime } | null = null;
  let training: Promise<CustomerModelArtifact> | null = null;

  const mtime = () => {
    try {
      return fs.statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  };

  const load = (): boolean => {
    const m = mtime();
    if (m === 0 || m === loadedMtime) return false;
    const next = loadCustomerArtifact(file);
    artifact = next;
    loadedMtime = m;
    catalogue = null;
    logger?.info({ trainedAt: next.trainedAt, snapshot: next.snapshot }, "customer models loaded");
    return true;
  };

  const ready = (): CustomerModelArtifact => {
    try {
      load();
    } catch (err) {
      if (!artifact) throw new AppError("CHAT_ERR_MODEL_UNAVAILABLE", `customer models could not be loaded: ${(err as Error).message}`, { cause: err });
      logger?.warn({ err }, "customer model artifact changed but could not be loaded; keeping the previous one");
    }
    if (!artifact) throw new AppError("CHAT_ERR_NOT_READY", "customer models are not trained yet");
    return artifact;
  };

  const runtime = async () => {
    const a = ready();
    if (!catalogue || Date.now() - catalogue.at > ttl) {
      const byId = new Map((await listProducts(db)).map((p) => [p.id, p as CatalogueItem]));
      catalogue = { at: Date.now(), byId, profile: createProfileContext(byId), rt: createRecommenderRuntime(a.recommender, byId) };
    }
    return { a, ...catalogue };
  };

  const asOf = async (): Promise<Date> => {
    if (options.clock) return options.clock();
    const latest = await getLatestActivityAt(db);
    return latest ? new Date(Date.parse(latest) + 1) : new Date();
  };

  const history = async (customerId: string): Promise<CustomerHistory & { profilingConsent: boolean }> => {
    const h = await getCustomerActivity(db, customerId);
    if (!h) throw new AppError("CHAT_ERR_NOT_FOUND", `no customer with id ${customerId}`);
    return h;
  };

  const signalsOf = (h: CustomerHistory, at: Date) => ({
    purchases: h.orders.filter((o) => o.status !== "cancelled" && Date.parse(o.placedAt) < at.getTime())
      .flatMap((o) => o.items.map((i) => ({ productId: i.productId, at: o.placedAt }))),
    browsing: h.events.filter((e) => (e.type === "view" || e.type === "cart_add") && e.productId && Date.parse(e.at) < at.getTime())
      .map((e) => ({ productId: e.productId!, at: e.at, type: e.type as "view" | "cart_add" })),
  });

  // The model outputs for one customer's history (profiling consent given).
  const outputsOf = (a: CustomerModelArtifact, pctx: ProfileContext, h: CustomerHistory, at: Date) => {
      const profile = buildProfile(h, pctx, at);
    const summary = summarizeForLifetimeValue(h, at);
    // Cold start: no CLV without a lifetime-value model, no churn risk without a churn model.
    const clv = summary && a.lifetimeValue ? predictLifetimeValue(a.lifetimeValue, summary) : null;
    const features = summary && clv && a.churn ? churnFeatures(h, at, { probabilityAlive: clv.probabilityAlive, expectedPurchases90d: clv.expectedPurchases90d }) : null;
    const explanation = features && a.churn ? explainChurn(a.churn, features) : null;
    const churn = explanation ? { risk: explanation.risk, reasons: churnReasons(explanation) } : null;
    const scores = profile.orders > 0 && a.rfm ? scoreRfm(a.rfm, { recencyDays: profile.recencyDays ?? 0, frequency: profile.orders, monetaryCents: profile.monetaryCents }) : null;
    const stage = lifecycleStage({
      orders: profile.orders, daysSinceSignup: profile.tenureDays,
      daysSinceFirstOrder: profile.firstOrderAt ? (at.getTime() - Date.parse(profile.firstOrderAt)) / 86_400_000 : null,
      recencyDays: profile.recencyDays, medianGapDays: profile.medianGapDays,
      spendLast180Cents: profile.spendLast180Cents, spendPrior180Cents: profile.spendPrior180Cents, churnRisk: churn?.risk,
    });
    const segment = scores ? { name: rfmSegment(scores, profile.orders), scores } : { name: "prospect" as RfmSegment, scores: { recency: 0, frequency: 0, monetary: 0 } };
    return { profile, segment, stage, clv, churn };
  };

  const service: CustomerInsightsService = {
    async ensureTrained() {
      if (mtime() > 0) {
        try {
          load();
          return { trained: false };
        } catch (err) {
          logger?.warn({ err }, "customer model artifact unusable; retraining");
        }
      }
      await service.train();
      return { trained: true };
    },

    async train(trainOptions = {}) {
      if (training) return training;
      training = (async () => {
        const snap = await getActivitySnapshot(db);
        const started = Date.now();
        const histories = await listCustomerActivity(db, (s) => trainOptions.onProgress?.(`loading ${s}`, 0));
        const products = await listProducts(db);
        // A shop without any activity yet trains (cold start) as of now.
        const asOf = snap.latestActivityAt ? new Date(Date.parse(snap.latestActivityAt) + 1) : new Date();
        const trained = await trainCustomerModels(histories, products, { asOf, embedder, onProgress: trainOptions.onProgress });
        saveCustomerArtifact(file, trained);
        load();
        if (trained.coldStart) logger?.warn({ ms: Date.now() - started, missing: trained.coldStart.missing }, `customer models in cold start: ${trained.coldStart.reason}`);
        else logger?.info({ ms: Date.now() - started, metrics: trained.metrics }, "customer models trained");
        return trained;
      })();
      try {
        return await training;
      } finally {
        training = null;
      }
    },

    reload() {
      return load();
    },

    async getInsights(customerId, insightOptions = {}) {
      const { a, profile: pctx, rt } = await runtime();
      const h = await history(customerId);
      const at = await asOf();
      const model = { trainedAt: a.trainedAt, snapshotAsOf: a.snapshot.asOf };
      if (!h.profilingConsent) {
        const recommendations = recommend(rt, { purchases: [], browsing: [] }, { k: insightOptions.k ?? 5, asOf: at });
        return { customerId, asOf: at.toISOString(), profilingConsent: false, profile: null, segment: null, stage: null, clv: null, churn: null, recommendations, model };
      }
      const { profile, segment, stage, clv, churn } = outputsOf(a, pctx, h, at);
      // The profile panel shows at most half restocks so new products stay visible.
      const k = insightOptions.k ?? 5;
      const recommendations = recommend(rt, signalsOf(h, at), { k, asOf: at, maxRestock: Math.ceil(k / 2) });
      return {
        customerId, asOf: at.toISOString(), profilingConsent: true, profile,
        segment, stage, clv, churn, recommendations, model,
      };
    },

    async scoreAll() {
      const { a, profile: pctx } = await runtime();
      const at = await asOf();
      const out: CustomerScore[] = [];
      for (const h of await listCustomerActivity(db)) {
        if (!h.profilingConsent) {
          out.push({ customerId: h.customerId, profilingConsent: false, segment: null, stage: null, clvCents: null, churnRisk: null, orders: 0, firstOrderAt: null, lastOrderAt: null, categories: [] });
          continue;
        }
        const { profile, segment, stage, clv, churn } = outputsOf(a, pctx, h, at);
        out.push({
          customerId: h.customerId, profilingConsent: true, segment: segment.name, stage, clvCents: clv?.clvCents ?? null, churnRisk: churn?.risk ?? null,
          orders: profile.orders, firstOrderAt: profile.firstOrderAt, lastOrderAt: profile.lastOrderAt, categories: profile.categories.map((c) => c.category),
        });
      }
      return { asOf: at.toISOString(), scores: out };
    },

    async recommend(customerId, query = {}) {
      const { rt } = await runtime();
      const at = await asOf();
      let signals = { purchases: [] as { productId: string; at: string }[], browsing: [] as { productId: string; at: string; type: "view" | "cart_add" }[] };
      if (customerId !== null) {
        const h = await history(customerId);
        if (h.profilingConsent) signals = signalsOf(h, at);
      }
      let queryVector = query.queryVector;
      if (!queryVector && query.query && query.query.trim()) [queryVector] = await embedder.embed([query.query]);
      if (queryVector && rt.model.embeddings && rt.model.embeddings.embedder !== embedder.name) {
        throw new AppError("CHAT_ERR_MODEL_UNAVAILABLE", `product embeddings were made with ${rt.model.embeddings.embedder}, not ${embedder.name}; retrain`);
      }
      return recommend(rt, signals, { ...query, queryVector, k: query.k ?? 5, asOf: at });
    },

    async frequentlyBoughtTogether(productIds, fbtOptions = {}) {
      const { rt } = await runtime();
      return frequentlyBoughtTogether(rt, productIds, { k: fbtOptions.k ?? 5 });
    },

    status() {
      try {
        const a = ready();
        return {
          trainedAt: a.trainedAt, snapshot: a.snapshot, metrics: a.metrics,
          mode: a.coldStart ? "cold-start" : "full", note: a.coldStart?.reason ?? null, missing: a.coldStart?.missing ?? [],
        };
      } catch {
        return null;
      }
    },

    catalogueChanged() {
      catalogue = null;
    },
  };
  return service;
}
