import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pino, type Logger } from "pino";
import type { Embedder } from "../models/embedder.ts";
import { createEmbedder } from "../models/embedders/index.ts";
import { trainIntentClassifier, type IntentClassifier } from "../models/intents/index.ts";
import { buildWidget, WIDGET_PUBLIC_DIR } from "../widget/index.ts";
import { loadConfig, type Config } from "./config.ts";
import { seedDemoShop } from "./demo-shop/index.ts";
import { createConversationService, createDialogueEngine, type ConversationService, type DialogueEngine, type IntentModel } from "./dialogue/index.ts";
import { createKnowledgeService, type KnowledgeBase, type KnowledgeService } from "./retrieval/index.ts";
import { createCustomerInsights, type CustomerInsightsService } from "./customers/index.ts";
import { createExperiments } from "./dialogue/experiments.ts";
import { signCustomerId } from "./dialogue/identity.ts";
import {
  createConversationStore,
  createDialogueStore,
  getCustomer,
  getOrder,
  getProduct,
  isShopEmpty,
  listCustomerOrders,
  listProductCategories,
  openDatabase,
  pickDemoCustomer,
  type Db,
} from "./storage/index.ts";
import { mountApiRoutes, type ApiDependencies } from "./transport/api-routes.ts";
import { renderDemoPage } from "./transport/demo-page.ts";
import { createHttpApp, type Readiness } from "./transport/http.ts";
import { createChatSocketServer } from "./transport/ws-chat.ts";
import { buildConsole } from "../widget/console/index.ts";
import type { AuthService } from "./auth/index.ts";
import { startHandoff, type HandoffService } from "./handoff/index.ts";
import { createAgentApp } from "./transport/agent-http.ts";
import { createAgentSocketServer } from "./transport/agent-ws.ts";

/** A started server. */
export interface RunningServer {
  readonly url: string;
  readonly config: Config;
  /** Resolves when the server is ready to chat; rejects if start-up failed. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Options of startServer beyond configuration. */
export interface StartOptions {
  argv?: readonly string[];
  /** Resolve only once ready (default true); the CLI starts listening first so /healthz can answer 503. */
  waitUntilReady?: boolean;
  logger?: Logger;
}

/** Train the intent model from the knowledge intents (all but `faq`, which retrieval answers). */
async function trainIntents(base: KnowledgeBase, embedder: Embedder, seed: number): Promise<IntentClassifier> {
  const examples = base.intents.flatMap((d) => d.examples.map((text) => ({ text, label: d.intent })));
  return trainIntentClassifier(examples, embedder, { seed, oosLabel: "out_of_scope" });
}

/**
 * Build every concrete piece from configuration and wire them: storage, demo data, embedder,
 * knowledge index, intent model, dialogue, HTTP and WebSocket transport.
 * @example const server = await startServer({ PORT: "0", DATA_DIR: tmp }); await server.close();
 */
export async function startServer(env: Record<string, string | undefined> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig(env, options.argv ?? []);
  const logger = options.logger ?? pino({ level: config.logLevel });
  const readiness: Readiness = { database: false, knowledge: false, models: false };
  let widgetJs: string | undefined;
  let conversations: ConversationService | undefined;
  let db: Db | undefined;
  let knowledge: KnowledgeService | undefined;
  let embedder: Embedder | undefined;
  let insights: CustomerInsightsService | undefined;
  let apiDeps: ApiDependencies | undefined;
  let demoPage: string | undefined;
  let auth: AuthService | undefined;
  let handoff: HandoffService | undefined;
  let consoleUi: { js: string; html: string } | undefined;

  const app = createHttpApp({
    logger,
    readiness: () => ({ ...readiness }),
    publicDir: WIDGET_PUBLIC_DIR,
    widgetScript: () => widgetJs,
    adminToken: config.adminToken,
    demoPage: () => demoPage,
    api: (router) => mountApiRoutes(router, () => apiDeps),
  });
  const chat = createChatSocketServer({ limits: config.limits, logger, conversations: () => conversations });
  const agentApp = createAgentApp({ logger, auth: () => auth, handoff: () => handoff, consolePage: () => consoleUi?.html, consoleScript: () => consoleUi?.js });
  const agentWs = createAgentSocketServer({ limits: config.limits, logger, auth: () => auth, handoff: () => handoff });
  const server = http.createServer((req, res) => agentApp(req, res, () => app(req, res)));
  server.on("upgrade", (req, socket, head) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    if (pathname === "/ws") chat.handleUpgrade(req, socket, head);
    else if (pathname === "/agent/ws") agentWs.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host}:${port}`;

  const ready = (async () => {
    const t0 = performance.now();
    widgetJs = await buildWidget();
    consoleUi = await buildConsole();
    fs.mkdirSync(config.dataDir, { recursive: true });
    db = openDatabase(config.dbPath);
    if (config.seedDemo && isShopEmpty(db)) {
      logger.info("empty data folder: loading the Fjell & Field demo shop");
      seedDemoShop(db, { seed: config.seed, customers: config.demoCustomers });
    }
    readiness.database = true;
    embedder = await createEmbedder(config.embedder, {
      modelsDir: config.modelsDir,
      allowRemote: config.allowRemoteModels,
      workers: config.embedderWorkers,
      cache: { maxEntries: config.embeddingCacheSize },
    });
    knowledge = await createKnowledgeService({ dir: config.knowledgeDir, embedder, logger, watch: config.knowledgeWatch, cacheDir: config.cacheDir });
    let intents: IntentModel = await trainIntents(knowledge.current().base, embedder, config.seed);
    const emb = embedder;
    knowledge.onReload(async (base) => {
      intents = await trainIntents(base, emb, config.seed);
    });
    readiness.knowledge = true;
    const database = db;
    if (!isShopEmpty(database)) {
      const service = createCustomerInsights({ db: database, artifactsDir: path.join(config.dataDir, "artifacts"), embedder, logger });
      const { trained } = await service.ensureTrained();
      logger.info({ trained }, trained ? "customer models trained (first start)" : "customer models loaded");
      insights = service;
    }
    const kb = knowledge;
    const dialogueStore = createDialogueStore(database);
    const x = config.experiments;
    const engine: DialogueEngine = createDialogueEngine({
      knowledge: () => kb.current().index,
      intents: () => intents,
      shop: {
        getOrder: (id) => getOrder(database, id),
        customerOrders: (id, limit) => listCustomerOrders(database, id, limit),
        getProduct: (id) => getProduct(database, id),
        getCustomer: (id) => getCustomer(database, id),
        productCategories: () => listProductCategories(database),
      },
      customers: () => insights,
      store: dialogueStore,
      experiments: createExperiments(dialogueStore, { holdoutShare: x.holdoutShare }),
      policy: {
        answerMinConfidence: config.answerMinConfidence,
        highValueClvCents: x.highValueClvCents,
        retentionMinChurnRisk: x.retentionMinChurnRisk,
        retentionMinClvCents: x.retentionMinClvCents,
        retentionCouponMaxCents: x.retentionCouponMaxCents,
        retentionBudgetCentsPerMonth: x.retentionBudgetCentsPerMonth,
      },
    });
    const store = createConversationStore(db);
    apiDeps = { db: database, conversations: store, dialogue: dialogueStore, insights: () => insights, conversionWindowDays: x.conversionWindowDays };
    const demoCustomer = pickDemoCustomer(database);
    demoPage = renderDemoPage(WIDGET_PUBLIC_DIR, demoCustomer && { id: demoCustomer.id, name: demoCustomer.name, signature: signCustomerId(demoCustomer.id, config.shopSecret) });
    conversations = createConversationService({
      store,
      engine: () => engine,
      shopSecret: config.shopSecret,
      logger,
      customerExists: (id) => getCustomer(database, id) !== undefined,
      afterBotReply: (id, stored, reply) => handoff?.afterBotReply(id, stored, reply),
      interceptShopperMessage: (id, message) => handoff?.interceptShopperMessage(id, message) ?? false,
      onSubscribe: (id, listener) => handoff?.onSubscribe(id, listener),
    });
    ({ auth, handoff } = await startHandoff({ db: database, config, logger, conversations, conversationStore: store, insights: () => insights }));
    readiness.models = true;
    logger.info({ url, ms: Math.round(performance.now() - t0) }, `ready: open ${url} in a browser`);
  })();
  ready.catch((err) => logger.fatal({ err }, "start-up failed"));

  const running: RunningServer = {
    url,
    config,
    ready,
    async close() {
      await chat.close();
      handoff?.stop();
      await agentWs.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ready.catch(() => undefined);
      await conversations?.drain();
      await knowledge?.close();
      await embedder?.dispose?.();
      db?.close();
    },
  };
  if (options.waitUntilReady !== false) {
    try {
      await ready;
    } catch (err) {
      await running.close();
      throw err;
    }
  }
  return running;
}

/** The command-line entry: configuration from the environment and flags, graceful shutdown on signals. */
async function main(): Promise<void> {
  let running: RunningServer;
  try {
    running = await startServer(process.env, { argv: process.argv.slice(2), waitUntilReady: false });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  console.log(`Fjell & Field assistant starting at ${running.url} (health: ${running.url}/healthz)`);
  running.ready.catch(() => process.exit(1));
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
