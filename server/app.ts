import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import type { Embedder } from "../models/embedder.ts";
import { createEmbedder } from "../models/embedders/index.ts";
import { buildConsole } from "../widget/console/index.ts";
import { buildWidget, WIDGET_PUBLIC_DIR } from "../widget/index.ts";
import { createAuthService, type AuthService } from "./auth/index.ts";
import { createCatalogueService, type CatalogueService } from "./catalogue/index.ts";
import { createCluster, createRuntimeStats, type Cluster } from "./cluster/index.ts";
import type { Config } from "./config.ts";
import { createCustomerInsights, type CustomerInsightsService } from "./customers/index.ts";
import { DEMO_PRODUCT_POLICY, seedDemoShop } from "./demo-shop/index.ts";
import {
  agentRelay, createBotResponder, createConversationLog, createConversationRouter, createDialogueEngine, createExperiments, signCustomerIdentity, verifyCustomerIdentity,
  type ConversationRouter, type DialoguePolicy,
} from "./dialogue/index.ts";
import { createIntentService } from "./dialogue/intent-service.ts";
import { AppError } from "./errors.ts";
import { createHandoff, parseSupportHours, type Handoff } from "./handoff/index.ts";
import { createPiiMasker } from "./privacy/index.ts";
import { createKnowledgeService, type KnowledgeService } from "./retrieval/index.ts";
import { openStorage, storageOptionsFor, type Storage } from "./storage/index.ts";
import { createAgentApp } from "./transport/agent-http.ts";
import { createAgentSocketServer } from "./transport/agent-ws.ts";
import { createCatalogueRoutes } from "./transport/catalogue-routes.ts";
import { mountApiRoutes } from "./transport/api-routes.ts";
import { mountRuntimeRoutes } from "./transport/runtime-routes.ts";
import { renderDemoPage } from "./transport/demo-page.ts";
import { createHttpApp } from "./transport/http.ts";
import { createChatSocketServer } from "./transport/ws-chat.ts";

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
    readonly insights?: CustomerInsightsService;
    readonly catalogue: CatalogueService;
  };
  /** Stop accepting work, finish messages in flight, and release everything. */
  close(): Promise<void>;
}

/** The dialogue policy from configuration (every threshold the rules use; the rest keep their defaults). */
export function dialoguePolicy(config: Config): Partial<DialoguePolicy> {
  const x = config.experiments;
  return {
    answerMinConfidence: config.answerMinConfidence,
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
    const [widgetJs, consoleUi] = await Promise.all([buildWidget(), buildConsole()]);
    if (config.database.kind === "sqlite") fs.mkdirSync(config.dataDir, { recursive: true });
    const storage = await openStorage(storageOptionsFor(config.database));
    cleanup.push(() => storage.close());
    // Instances starting together on one database seed it once.
    await storage.driver.withMigrationLock(async () => {
      if (config.seedDemo && (await storage.shop.isEmpty())) {
        logger.info("empty database: loading the Fjell & Field demo shop");
        await seedDemoShop(storage.driver, { seed: config.seed, customers: config.demoCustomers });
      }
    });
    const cluster = await createCluster({ logger, redisUrl: config.redisUrl, instanceId: config.instanceId, keyPrefix: config.redisPrefix });
    cleanup.push(() => cluster.close());

    const embedder = await createEmbedder(config.embedder, {
      modelsDir: config.modelsDir,
      allowRemote: config.allowRemoteModels,
      workers: config.embedderWorkers,
      // EMBEDDING_CACHE_SIZE=0 and EMBEDDING_BATCH=false give the naive configuration (npm run bench compares against it).
      cache: config.embeddingCacheSize > 0 ? { maxEntries: config.embeddingCacheSize } : false,
      batch: config.embeddingBatch ? undefined : false,
    });
    cleanup.push(() => embedder.dispose?.());
    const knowledge = await createKnowledgeService({ dir: config.knowledgeDir, embedder, logger, watch: config.knowledgeWatch, cacheDir: config.cacheDir });
    cleanup.push(() => knowledge.close());
    const intents = await createIntentService({ knowledge, embedder, seed: config.seed, logger });

    // The warranty and delivery facts of POLICIES.md that depend on the product.
    const catalogue = await createCatalogueService({ shop: storage.shop, policyFacts: DEMO_PRODUCT_POLICY, logger });
    let insights: CustomerInsightsService | undefined;
    if (!(await storage.shop.isEmpty())) {
      const customerModels = createCustomerInsights({ db: storage.driver, artifactsDir: path.join(config.dataDir, "artifacts"), embedder, logger });
      insights = customerModels;
      // Under the same lock: instances starting together on a shared DATA_DIR train the customer models once.
      const { trained } = await storage.driver.withMigrationLock(() => customerModels.ensureTrained());
      logger.info({ trained }, trained ? "customer models trained (first start)" : "customer models loaded");
    }

    const h = config.handoff;
    const auth = createAuthService({ store: storage.auth, sessionTtlMs: h.sessionTtlMs, maxFailedLogins: h.maxFailedLogins, lockoutMs: h.lockoutMs });
    // Under the lock, so instances starting together do not both create the first accounts (one would fail on the unique e-mail).
    const created = await storage.driver.withMigrationLock(() => auth.bootstrap({ adminEmail: h.adminEmail, adminPassword: h.adminPassword, demoAgents: h.demoAgents }));
    if (created.length) {
      const lines = created.map((c) => `  ${c.role.padEnd(5)} ${c.email}  password: ${c.password}  skills: ${c.skills.join(", ")}`);
      logger.warn({ accounts: created.map((c) => c.email) }, `agent console accounts created (shown once; log in at /console):\n${lines.join("\n")}`);
    }

    // Customers' names are masked too (and only the shop's own; docs/privacy.md).
    const masker = createPiiMasker({ knownNames: (await storage.shop.listCustomers()).map((c) => c.name) });
    const mask = (text: string) => masker.mask(text).text;
    const log = createConversationLog({ store: storage.conversations, bus: cluster.bus, mask });
    const engine = createDialogueEngine({
      knowledge: () => knowledge.current().index,
      intents: () => intents,
      shop: storage.shop,
      customers: () => insights,
      catalogue,
      store: storage.dialogue,
      experiments: createExperiments(storage.dialogue, { holdoutShare: config.experiments.holdoutShare }),
      policy: dialoguePolicy(config),
    });
    const handoff = createHandoff({
      storage, cluster, log, agents: auth, insights: () => insights, supportHours: parseSupportHours(h.supportHours), priority: h.priority,
      offerTimeoutMs: h.offerTimeoutMs, productCard: (p) => catalogue.cards([p.id])[0] ?? { id: p.id, name: p.name, price: p.priceCents / 100 }, logger,
    });
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
    // Event-loop delay, memory and sockets for operators and `npm run bench` (GET /api/runtime).
    const runtime = createRuntimeStats({ instance: cluster.instanceId, sockets: () => ({ chat: chat.connections, agent: agentWs.connections }) });
    cleanup.push(() => runtime.close());
    const httpApp = createHttpApp({
      logger,
      publicDir: WIDGET_PUBLIC_DIR,
      widgetScript: widgetJs,
      adminToken: config.adminToken,
      demoPage,
      pages: createCatalogueRoutes(catalogue),
      health: { instance: cluster.instanceId, database: config.database.kind, cluster: cluster.mode },
      api: (r) => {
        mountApiRoutes(r, { shop: storage.shop, conversations: storage.conversations, dialogue: storage.dialogue, insights, conversionWindowDays: config.experiments.conversionWindowDays });
        mountRuntimeRoutes(r, runtime);
      },
    });
    const agentApp = createAgentApp({ logger, auth, handoff, consolePage: consoleUi.html, consoleScript: consoleUi.js });
    const chat = createChatSocketServer({ limits: config.limits, logger, router, rateLimiter: cluster.rateLimiter, onTurn: (ms) => runtime.recordTurn(ms) });
    const agentWs = createAgentSocketServer({ limits: config.limits, logger, auth, handoff, rateLimiter: cluster.rateLimiter });

    await handoff.start();
    cleanup.push(() => handoff.stop());
    cleanup.push(() => router.drain());
    cleanup.push(() => agentWs.close());
    cleanup.push(() => chat.close());
    if (config.recoverHours > 0) {
      const since = new Date(Date.now() - config.recoverHours * 3600_000).toISOString();
      void router.recover(since).catch((err) => logger.error({ err }, "answering messages left unanswered failed"));
    }
    logger.info({ ms: Math.round(performance.now() - t0), instance: cluster.instanceId, database: config.database.kind, cluster: cluster.mode }, "ready");
    return {
      config,
      instanceId: cluster.instanceId,
      handleRequest: (req, res) => agentApp(req, res, () => httpApp(req, res)),
      handleUpgrade(req, socket, head) {
        const pathname = new URL(req.url ?? "/", "http://x").pathname;
        if (pathname === "/ws") chat.handleUpgrade(req, socket, head);
        else if (pathname === "/agent/ws") agentWs.handleUpgrade(req, socket, head);
        else socket.destroy();
      },
      services: { storage, cluster, router, handoff, auth, knowledge, embedder, insights, catalogue },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
