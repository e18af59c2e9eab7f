import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import type { Embedder } from "../models/embedder.ts";
import { createEmbedder } from "../models/embedders/index.ts";
import { buildAdmin } from "../widget/admin/index.ts";
import { buildConsole } from "../widget/console/index.ts";
import { buildWidget, WIDGET_PUBLIC_DIR } from "../widget/index.ts";
import { createApiKeys, createPrincipalResolver, type ApiKeys } from "./apikeys/index.ts";
import { createDraftBuilder, createDraftTrainer, createKnowledgeAdmin, createRegressionGate, type KnowledgeAdmin } from "./admin/index.ts";
import { createAuthService, writeInitialCredentials, type AuthService } from "./auth/index.ts";
import { createCampaigns, type Campaigns } from "./campaigns/index.ts";
import { createCatalogueService, type CatalogueService } from "./catalogue/index.ts";
import { createCluster, createRuntimeStats, type Cluster } from "./cluster/index.ts";
import type { Config } from "./config.ts";
import { createCustomerInsights, createModelRefresher, trainInWorker, type CustomerInsightsService, type ModelRefresher } from "./customers/index.ts";
import { DEMO_PRODUCT_POLICY, seedDemoHistory, seedDemoShop } from "./demo-shop/index.ts";
import {
  agentRelay, createAbuseGuard, createBotResponder, createConversationLog, createConversationRouter, createDialogueEngine, createExperiments, signCustomerIdentity, verifyCustomerIdentity,
  type ConversationRouter, type DialoguePolicy, type IntentModel,
} from "./dialogue/index.ts";
import { createIntentService } from "./dialogue/intent-service.ts";
import { AppError } from "./errors.ts";
import { createHandoff, parseSupportHours, type Handoff } from "./handoff/index.ts";
import { createEldScorer, createLanguageDetector, type EldSize } from "./i18n/index.ts";
import { commonWords, createAuditLog, createCustomerDataService, createPiiMasker, createRetentionJob, describeRetention, type AuditLog, type CustomerDataService, type ErasableCache, type RetentionJob } from "./privacy/index.ts";
import { createIngestService, createIntegrations, type IngestService } from "./ingest/index.ts";
import { createKnowledgeService, type KnowledgeIndex, type KnowledgeService } from "./retrieval/index.ts";
import { openStorage, redemptionsByArm, storageOptionsFor, type Storage } from "./storage/index.ts";
import { createAdminApp } from "./transport/admin-http.ts";
import { mountAnalyticsRoutes } from "./transport/analytics-http.ts";
import { createAppMetrics, createMetricsHandler } from "./metrics/index.ts";
import { createDashboard, createUnanswered, type DashboardService, type UnansweredService } from "./analytics/index.ts";
import { createAgentApp } from "./transport/agent-http.ts";
import { createAgentSocketServer } from "./transport/agent-ws.ts";
import { adminScopeFor, authenticateApi, createApiKeyRoutes, principalOf, requireScope } from "./transport/apikeys-http.ts";
import { createCampaignExportRoutes, mountAdminCampaignRoutes } from "./transport/campaigns-http.ts";
import { createCatalogueRoutes } from "./transport/catalogue-routes.ts";
import { mountApiRoutes } from "./transport/api-routes.ts";
import { mountRuntimeRoutes } from "./transport/runtime-routes.ts";
import { renderDemoPage } from "./transport/demo-page.ts";
import { createHttpApp } from "./transport/http.ts";
import { createPrivacyRouter } from "./transport/privacy-http.ts";
import { createIngestRoutes, createLiveDataAdminRoutes, createShopifyReceiver } from "./transport/ingest-http.ts";
import { createChatSocketServer } from "./transport/ws-chat.ts";
import { createClientInfo, crossSiteGuard, securityHeaders } from "./transport/web-security.ts";
import { createWebhooks, forwardBusEventsToWebhooks, type Webhooks } from "./webhooks/index.ts";
import { createStartupPhases } from "./startup-phases.ts";

/** The built server: request and upgrade handlers over every service, built once. */
export interface App {
  readonly config: Config;
  readonly instanceId: string;
  handleRequest(req: IncomingMessage, res: ServerResponse): void;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** The services, for scripts and tests that reach below the protocol. */
  readonly services: {
    readonly storage: Storage;
    readonly cluster: Cluster;
    readonly router: ConversationRouter;
    readonly handoff: Handoff;
    readonly auth: AuthService;
    readonly knowledge: KnowledgeService;
    readonly embedder: Embedder;
    readonly insights: CustomerInsightsService;
    readonly catalogue: CatalogueService;
    /** Export and erasure, the audit log and transcript retention (docs/privacy.md). */
    readonly privacy: { readonly data: CustomerDataService; readonly audit: AuditLog; readonly retention: RetentionJob };
    readonly apiKeys: ApiKeys;
    readonly ingest: IngestService;
    readonly webhooks: Webhooks;
    readonly modelRefresh: ModelRefresher;
    readonly knowledgeAdmin: KnowledgeAdmin;
    readonly dashboard: DashboardService;
    readonly unanswered: UnansweredService;
    readonly campaigns: Campaigns;
  };
  /** Stop accepting work, finish messages in flight, and release everything. */
  close(): Promise<void>;
}

/** The dialogue policy from configuration (every threshold the rules use; the rest keep their defaults). */
export function dialoguePolicy(config: Config): Partial<DialoguePolicy> {
  const x = config.experiments;
  return {
    answerMinConfidence: config.answerMinConfidence,
    answerMinConfidenceTranslated: config.answerMinConfidenceTranslated,
    highValueClvCents: x.highValueClvCents,
    retentionMinChurnRisk: x.retentionMinChurnRisk,
    retentionMinClvCents: x.retentionMinClvCents,
    retentionCouponMaxCents: x.retentionCouponMaxCents,
    retentionBudgetCentsPerMonth: x.retentionBudgetCentsPerMonth,
  };
}

/**
 * The composition root: build every service once, in dependency order (storage, cluster, models,
 * knowledge, dialogue, handoff, transport), each handed its dependencies. Nothing is filled in later;
 * the server listens (answering 503) while this runs and switches to the app when it resolves.
 * @example const app = await buildApp(loadConfig(process.env), { logger });
 */
export async function buildApp(config: Config, options: { logger: Logger }): Promise<App> {
  const { logger } = options;
  const cleanup: (() => Promise<void> | void)[] = [];
  const closeAll = async () => {
    for (const c of cleanup.splice(0).reverse()) await Promise.resolve(c()).catch((err) => logger.error({ err }, "shutdown step failed"));
  };
  try {
    const t0 = performance.now();
    const phases = createStartupPhases(logger);
    const [widgetJs, consoleUi, adminUi] = await phases.run("bundles", () => Promise.all([buildWidget(), buildConsole(), buildAdmin()]));
    if (config.database.kind === "sqlite") fs.mkdirSync(config.dataDir, { recursive: true });
    const storage = await phases.run("storage", () => openStorage(storageOptionsFor(config.database)));
    cleanup.push(() => storage.close());
    // Instances starting together on one database seed it once.
    const seededNow = await phases.run("seed", () => storage.driver.withMigrationLock(async () => {
      if (!config.seedDemo || !(await storage.shop.isEmpty())) return false;
      logger.info("empty database: loading the Fjell & Field demo shop");
      await seedDemoShop(storage.driver, { seed: config.seed, customers: config.demoCustomers });
      return true;
    }));
    const cluster = await createCluster({ logger, redisUrl: config.redisUrl, instanceId: config.instanceId, keyPrefix: config.redisPrefix });
    cleanup.push(() => cluster.close());

    // Prometheus metrics (GET /metrics, docs/metrics.md): recorded from here on, gauges added once their sources exist.
    const metrics = createAppMetrics();
    const embedder = await phases.run("embedder", () => createEmbedder(config.embedder, {
      modelsDir: config.modelsDir,
      allowRemote: config.allowRemoteModels,
      workers: config.embedderWorkers,
      // EMBEDDING_CACHE_SIZE=0 and EMBEDDING_BATCH=false give the naive configuration (npm run bench compares against it).
      cache: config.embeddingCacheSize > 0 ? { maxEntries: config.embeddingCacheSize } : false,
      batch: config.embeddingBatch ? { onBatch: (n) => metrics.embedBatch(n) } : false,
    }));
    cleanup.push(() => embedder.dispose?.());
    // Loading the language detector's database takes a few seconds: started now, awaited when the router is built.
    const languages = config.languageDetection.enabled
      ? phases.run("language-detector", () => createEldScorer(config.languageDetection.detector.replace("eld-", "") as EldSize).then((scorer) => createLanguageDetector({ scorer, englishWords: commonWords() })))
      : undefined;
    // Answers that state a setting are filled from it (knowledge/README.md, placeholders).
    const days = config.privacy.transcriptRetentionDays;
    const variables = { transcript_retention: { en: describeRetention(days, "en"), es: describeRetention(days, "es") } };
    const knowledge = await phases.run("knowledge", () => createKnowledgeService({ dir: config.knowledgeDir, embedder, logger, watch: config.knowledgeWatch, cacheDir: config.cacheDir, variables }));
    cleanup.push(() => knowledge.close());
    const intents = await phases.run("intents", () => createIntentService({ knowledge, embedder, seed: config.seed, logger, cacheDir: config.cacheDir }));

    // The warranty and delivery facts of POLICIES.md that depend on the product.
    const catalogue = await phases.run("catalogue", () => createCatalogueService({ shop: storage.shop, policyFacts: DEMO_PRODUCT_POLICY, logger }));
    // A small or new shop starts too: too few buyers train a cold-start bundle (popular items, no CLV or churn rules).
    const insights = createCustomerInsights({ db: storage.driver, artifactsDir: path.join(config.dataDir, "artifacts"), embedder, logger });
    // Under the migration lock: instances starting together on a shared DATA_DIR train the customer models once.
    const { trained } = await phases.run("customer-models", () => storage.driver.withMigrationLock(() => insights.ensureTrained()));
    const modelStatus = insights.status();
    // (A fresh training logs its own cold-start note.)
    if (modelStatus?.mode === "cold-start" && !trained) logger.warn({ missing: modelStatus.missing }, `customer models in cold start: ${modelStatus.note}`);
    else logger.info({ trained }, trained ? "customer models trained (first start)" : "customer models loaded");
    // Refreshes train on a worker thread (training would stall every chat on this one) and switch when it is saved.
    const artifactsDir = path.join(config.dataDir, "artifacts");
    const trainOffThread = async (signal: AbortSignal) => {
      const embedderSpec = { spec: config.embedder, modelsDir: config.modelsDir, allowRemote: config.allowRemoteModels };
      const done = await trainInWorker({ storage: storageOptionsFor(config.database), artifactsDir, embedder: embedderSpec }, { signal });
      insights.reload();
      return done;
    };
    const modelRefresh = createModelRefresher({ train: trainOffThread, everyMinutes: config.modelRefreshMinutes, logger });
    modelRefresh.start();
    cleanup.push(() => modelRefresh.stop());

    // Live shop data (docs/ingest.md): upserts, platform webhooks in, signed webhooks out.
    const ingest = createIngestService({ db: storage.driver, bus: cluster.bus });
    const integrations = createIntegrations(storage.integrations);
    const webhooks = createWebhooks({ store: storage.webhooks, instanceId: cluster.instanceId, logger, delivery: config.webhooks });
    const stopForwarding = forwardBusEventsToWebhooks(cluster.bus, webhooks);
    cleanup.push(stopForwarding);
    cluster.bus.subscribe("shop.changed", async ({ products }) => {
      insights.catalogueChanged();
      if (products.length) await catalogue.refresh();
    });
    const apiKeys = createApiKeys({ store: storage.apiKeys });
    // Campaigns (docs/campaigns.md): audiences from the models' scores, re-scored when the shop's data changes.
    const campaigns = createCampaigns({
      store: storage.campaigns, shop: storage.shop, insights: () => insights, catalogue, bus: cluster.bus, frequencyCapDays: config.experiments.campaignFrequencyCapDays,
    });
    cluster.bus.subscribe("shop.changed", () => campaigns.invalidate());

    const h = config.handoff;
    const auth = createAuthService({ store: storage.auth, sessionTtlMs: h.sessionTtlMs, maxFailedLogins: h.maxFailedLogins, lockoutMs: h.lockoutMs });
    // Under the lock, so instances starting together do not both create the first accounts (one would fail on the unique e-mail).
    const created = await phases.run("accounts", () => storage.driver.withMigrationLock(() => auth.bootstrap({ adminEmail: h.adminEmail, adminPassword: h.adminPassword, demoAgents: h.demoAgents })));
    if (created.length) {
      // Generated passwords never enter the (structured, often shipped) log: they go to a file only the server's user can read.
      const file = writeInitialCredentials(config.dataDir, created);
      logger.warn({ accounts: created.map((c) => c.email), file }, `agent console accounts created: their passwords are in ${file} (readable by this user only; log in at /console, then delete the file)`);
    }
    if (config.demoSecrets.length) {
      logger.warn({ settings: config.demoSecrets }, `DEMO SECRETS IN USE (${config.demoSecrets.join(", ")}): fine on this loopback address, refused on a public one; set real values before going live (docs/security.md)`);
    }

    if (seededNow) {
      // The demo's past chats (all closed), asking the knowledge's own questions, so the dashboard has a history.
      const faq = knowledge.current().base.faq.map((e) => ({ id: e.id, title: e.title, topic: path.basename(path.dirname(e.file)), questions: e.questions }));
      const agents = (await storage.auth.listAgents()).filter((a) => a.role === "agent").map((a) => a.id);
      const history = await seedDemoHistory(storage.driver, { seed: config.seed, entries: faq, agents });
      logger.info(history, "demo chat history seeded");
    }
    // Customers' names are masked too (and only the shop's own; docs/privacy.md).
    const masker = await phases.run("pii-masker", async () => createPiiMasker({ knownNames: (await storage.shop.listCustomers()).map((c) => c.name) }));
    const mask = (text: string) => masker.mask(text).text;
    const audit = createAuditLog(storage.audit);
    // What an erasure clears besides the database: query texts in the embedding cache, the masker's name list.
    const caches: ErasableCache[] = [
      {
        name: "pii-masker known names",
        async forget() {
          masker.setKnownNames((await storage.shop.listCustomers()).filter((c) => !c.email.endsWith("@erased.invalid")).map((c) => c.name));
          return 1;
        },
      },
    ];
    if ("forget" in embedder && typeof embedder.forget === "function") {
      const cache = embedder as { forget(match: (text: string) => boolean): number };
      caches.push({
        name: "embedding cache",
        forget: (s) => {
          const needles = [s.customerId, s.email, s.name].map((n) => n.toLowerCase()).filter((n) => n.length >= 3);
          return cache.forget((text) => needles.some((n) => text.includes(n)));
        },
      });
    }
    const customerData = createCustomerDataService({ storage, receiptSecret: config.privacy.receiptSecret, dataDir: config.dataDir, caches, insights: () => insights });
    const retention = createRetentionJob({ storage, retentionDays: days, leader: cluster.leader, audit, logger });
    // Customers pushed through the ingest API are masked too: their names join the index (at most once a second).
    let namesDirty: NodeJS.Timeout | undefined;
    cluster.bus.subscribe("shop.changed", ({ customers }) => {
      if (!customers.length || namesDirty) return;
      namesDirty = setTimeout(() => {
        namesDirty = undefined;
        void storage.shop.listCustomers().then((all) => masker.setKnownNames(all.map((c) => c.name)), (err) => logger.error({ err }, "refreshing the masker's customer names failed"));
      }, 1000);
      namesDirty.unref();
    });
    cleanup.push(() => clearTimeout(namesDirty));
    const log = createConversationLog({ store: storage.conversations, bus: cluster.bus, mask });
    const engine = createDialogueEngine({
      knowledge: () => knowledge.current().knowledge,
      intents: () => intents,
      shop: storage.shop,
      customers: () => insights,
      catalogue,
      store: storage.dialogue,
      experiments: createExperiments(storage.dialogue, { holdoutShare: config.experiments.holdoutShare }),
      policy: dialoguePolicy(config),
      guard: createAbuseGuard({ rateLimiter: cluster.rateLimiter, budgets: config.abuse }),
    });
    // The admin area tries drafts on the same engine, with the live shop and catalogue but no memory store, experiments
    // or offers, so trying a question records nothing (docs/admin.md).
    const engineFor = (index: KnowledgeIndex, intentModel: IntentModel) =>
      createDialogueEngine({ knowledge: () => index, intents: () => intentModel, shop: storage.shop, catalogue, policy: dialoguePolicy(config) });
    const trainer = createDraftTrainer({ embedder: config.embedder, modelsDir: config.modelsDir, allowRemote: config.allowRemoteModels });
    cleanup.push(() => trainer.close());
    const knowledgeAdmin = createKnowledgeAdmin({
      dir: config.knowledgeDir,
      store: storage.knowledgeVersions,
      drafts: createDraftBuilder({
        dir: config.knowledgeDir, embedder, logger, cacheDir: config.cacheDir, seed: config.seed, trainer,
        liveIntents: () => ({ model: intents, intents: knowledge.current().base.intents }),
      }),
      gate: createRegressionGate({ knowledgeDir: config.knowledgeDir, policy: dialoguePolicy(config) }),
      live: knowledge,
      cacheDir: config.cacheDir,
      logger,
      engineFor,
      policy: dialoguePolicy(config),
    });
    const handoff = createHandoff({
      storage, cluster, log, agents: auth, insights: () => insights, supportHours: parseSupportHours(h.supportHours), priority: h.priority,
      offerTimeoutMs: h.offerTimeoutMs, productCard: (p) => catalogue.cards([p.id])[0] ?? { id: p.id, name: p.name, price: p.priceCents / 100 }, logger, audit,
    });
    const detector = await languages;
    const router = createConversationRouter({
      store: storage.conversations,
      log,
      bus: cluster.bus,
      locks: cluster.locks,
      logger,
      mask,
      responders: { bot: createBotResponder({ engine, store: storage.conversations }), ticket: handoff.tickets.responder, agent: agentRelay },
      ticketOpen: (id) => handoff.tickets.collecting(id),
      queueStatus: (id) => handoff.views.status(id),
      detectLanguage: detector && ((text, context) => detector.detect(text, context)),
      async identify(customer) {
        if (!customer) return { id: null };
        const verdict = verifyCustomerIdentity(customer.id, customer.signature, config.shopSecret, config.identity);
        const known = verdict.ok && (await storage.shop.getCustomer(customer.id)) !== undefined;
        if (known) return { id: customer.id };
        logger.info({ reason: verdict.ok ? "unknown_customer" : verdict.reason }, "customer identity refused");
        const why = !verdict.ok && verdict.reason === "expired" ? "has expired" : "is not valid";
        return { id: null, warning: new AppError("CHAT_ERR_BAD_SIGNATURE", `The customer signature ${why}; continuing as an anonymous shopper.`) };
      },
    });

    // Only a demo shop signs a visitor in as one of its customers (issue 12: a real shop's page never hands out identities).
    const demoCustomer = config.demoMode ? await storage.shop.pickDemoCustomer() : undefined;
    const demoPage = demoCustomer
      ? () => renderDemoPage(WIDGET_PUBLIC_DIR, { id: demoCustomer.id, name: demoCustomer.name, signature: signCustomerIdentity(demoCustomer.id, config.shopSecret) })
      : undefined;
    if (config.adminToken) logger.warn("ADMIN_TOKEN is deprecated: use it once to create an API key (POST /api/admin/api-keys or npm run apikey), then unset it (docs/ingest.md)");
    const principals = createPrincipalResolver({
      keys: apiKeys, sessions: auth, bootstrapToken: config.adminToken,
      onBootstrapUse: () => logger.warn("a request used the deprecated ADMIN_TOKEN; switch the caller to an API key"),
    });
    // Event-loop delay, memory and sockets for operators and `npm run bench` (GET /api/runtime).
    const runtime = createRuntimeStats({ instance: cluster.instanceId, sockets: () => ({ chat: chat.connections, agent: agentWs.connections }) });
    cleanup.push(() => runtime.close());
    const httpApp = createHttpApp({
      logger,
      publicDir: WIDGET_PUBLIC_DIR,
      widgetScript: widgetJs,
      authenticate: authenticateApi(principals),
      signedApi: createShopifyReceiver({ integrations, ingest, logger }),
      demoPage,
      pages: createCatalogueRoutes(catalogue),
      health: { instance: cluster.instanceId, database: config.database.kind, cluster: cluster.mode },
      api: (r) => {
        // Receipts and the audit log name the key or the admin who asked.
        r.use((_req, res, next) => {
          const p = principalOf(res);
          if (p) res.locals.actor = p.kind === "api-key" ? `apikey:${p.id}` : p.kind === "admin-session" ? `admin:${p.name}` : "admin-token";
          next();
        });
        r.use("/privacy", createPrivacyRouter({ authenticate: requireScope("privacy"), data: customerData, audit, retention }));
        r.use("/ingest", createIngestRoutes(ingest));
        r.use("/admin", createApiKeyRoutes(apiKeys));
        r.use("/admin", createLiveDataAdminRoutes({ integrations, webhooks, refreshModels: async () => modelRefresh.refresh() }));
        r.use(requireScope(adminScopeFor));
        r.use(createCampaignExportRoutes(campaigns));
        mountApiRoutes(r, {
          shop: storage.shop, conversations: storage.conversations, dialogue: storage.dialogue, conversionWindowDays: config.experiments.conversionWindowDays,
          redemptions: (experiment, from, to) => redemptionsByArm(storage.driver, experiment, from, to),
          audit,
          insights: { getInsights: (id, o) => insights.getInsights(id, o), status: () => ({ ...insights.status(), refresh: modelRefresh.state() }) },
        });
        mountRuntimeRoutes(r, runtime);
      },
    });
    const client = createClientInfo(config.web.trustProxy);
    const ab = config.abuse;
    const loginsPerIp = cluster.rateLimiter({ points: ab.loginPerIp, durationS: ab.loginWindowS, keyPrefix: "login-ip" });
    const agentApp = createAgentApp({ logger, auth, handoff, consolePage: consoleUi.html, consoleScript: consoleUi.js, client, loginsPerIp });
    const chat = createChatSocketServer({
      limits: config.limits, logger, router, rateLimiter: cluster.rateLimiter, client, origins: config.web.shopOrigins,
      onTurn: (ms) => runtime.recordTurn(ms), onError: (code) => metrics.error(code),
      campaigns: {
        async proactiveFor(customerId) {
          const m = await campaigns.proactiveFor(customerId);
          return m && { type: "campaign", campaignId: m.campaignId, text: m.text, coupon: m.coupon && { code: m.coupon.code, value: m.coupon.valueCents / 100, currency: "USD" }, products: m.products };
        },
        record: (customerId, campaignId, event) => campaigns.record(customerId, campaignId, event),
      },
    });
    const agentWs = createAgentSocketServer({ limits: config.limits, logger, auth, handoff, rateLimiter: cluster.rateLimiter, client });
    const headers = securityHeaders();
    const csrf = crossSiteGuard(client);
    // The dashboard and the unanswered questions (docs/metrics.md, docs/unanswered-questions.md).
    let topicsOf: { version: number; ids: Set<string>; topicOf: (id: string) => string | undefined; topics: string[] } | undefined;
    const topics = () => {
      const { base, version } = knowledge.current();
      if (topicsOf?.version !== version) {
        const topicById = new Map(base.faq.map((e) => [e.id, path.basename(path.dirname(e.file))]));
        topicsOf = { version, ids: new Set(topicById.keys()), topicOf: (id) => topicById.get(id), topics: [...new Set(topicById.values())].sort() };
      }
      return topicsOf;
    };
    const dashboard = createDashboard({ analytics: storage.analytics, dialogue: storage.dialogue, conversionWindowDays: config.experiments.conversionWindowDays, topicOf: (id) => topics().topicOf(id) });
    const unanswered = createUnanswered({ analytics: storage.analytics, embedder, knowledge: topics });
    const adminApp = createAdminApp({
      logger, auth, knowledge: knowledgeAdmin, page: adminUi.html, script: adminUi.js,
      api: (r) => {
        mountAnalyticsRoutes(r, { dashboard, unanswered });
        mountAdminCampaignRoutes(r, campaigns);
      },
    });
    cluster.bus.subscribe("turn.completed", ({ action, latencyMs }) => metrics.turn(action, latencyMs));
    cluster.bus.subscribe("handoff.requested", ({ reason }) => metrics.handoff(reason));
    metrics.gauges({
      sockets: () => ({ chat: chat.connections, agent: agentWs.connections }),
      async queue() {
        const queued = (await storage.handoff.listOpen()).filter((h) => h.status === "queued");
        const oldest = Math.min(Date.now(), ...queued.map((h) => Date.parse(h.queuedAt)));
        return { length: queued.length, oldestWaitSeconds: Math.max(0, (Date.now() - oldest) / 1000) };
      },
    });
    const metricsPage = createMetricsHandler(metrics, { token: config.metricsToken });

    await phases.run("handoff", () => handoff.start());
    cleanup.push(() => handoff.stop());
    retention.start();
    cleanup.push(() => retention.stop());
    webhooks.start();
    cleanup.push(() => webhooks.stop());
    cleanup.push(() => router.drain());
    cleanup.push(() => agentWs.close());
    cleanup.push(() => chat.close());
    if (config.recoverHours > 0) {
      const since = new Date(Date.now() - config.recoverHours * 3600_000).toISOString();
      void router.recover(since).catch((err) => logger.error({ err }, "answering messages left unanswered failed"));
    }
    logger.info({ ms: Math.round(performance.now() - t0), phases: phases.summary(), instance: cluster.instanceId, database: config.database.kind, cluster: cluster.mode }, "ready");
    return {
      config,
      instanceId: cluster.instanceId,
      handleRequest: (req, res) => {
        if (req.method === "GET" && (req.url === "/metrics" || req.url?.startsWith("/metrics?"))) return void metricsPage(req, res).catch((err) => {
          logger.error({ err }, "metrics scrape failed");
          if (!res.headersSent) res.writeHead(500).end();
        });
        const fail = (err?: unknown) => {
          if (!err) return false;
          logger.error({ err }, "security middleware failed");
          res.writeHead(500).end();
          return true;
        };
        headers(req, res, (e1) => fail(e1) || csrf(req, res, (e2) => fail(e2) || agentApp(req, res, () => adminApp(req, res, () => httpApp(req, res)))));
      },
      handleUpgrade(req, socket, head) {
        const pathname = new URL(req.url ?? "/", "http://x").pathname;
        if (pathname === "/ws") chat.handleUpgrade(req, socket, head);
        else if (pathname === "/agent/ws") agentWs.handleUpgrade(req, socket, head);
        else socket.destroy();
      },
      services: { storage, cluster, router, handoff, auth, knowledge, embedder, insights, catalogue, privacy: { data: customerData, audit, retention }, apiKeys, ingest, webhooks, modelRefresh, knowledgeAdmin, dashboard, unanswered, campaigns },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
