import type { Logger } from "pino";
import { createAuthService, type AuthService } from "../auth/index.ts";
import type { Config } from "../config.ts";
import type { ConversationService } from "../dialogue/index.ts";
import { createAuthStore, createHandoffStore, getCustomer, getProduct, listCustomerOrders, type ConversationStore, type Db } from "../storage/index.ts";
import { createHandoffService, type HandoffService, type InsightsSource } from "./handoff-service.ts";
import { parseSupportHours } from "./support-hours.ts";

/** What startHandoff needs. */
export interface StartHandoffOptions {
  db: Db;
  config: Config;
  logger: Logger;
  conversations: ConversationService;
  conversationStore: ConversationStore;
  insights?: () => InsightsSource | undefined;
}

/**
 * Build the auth and handoff services over the database, create the first admin (ADMIN_EMAIL) and
 * demo agents on a database without accounts (their generated passwords are logged once), restore
 * the queue and start it.
 * @example const { auth, handoff } = await startHandoff({ db, config, logger, conversations, conversationStore });
 */
export async function startHandoff(options: StartHandoffOptions): Promise<{ auth: AuthService; handoff: HandoffService }> {
  const { db, config, logger } = options;
  const h = config.handoff;
  const auth = createAuthService({ store: createAuthStore(db), sessionTtlMs: h.sessionTtlMs, maxFailedLogins: h.maxFailedLogins, lockoutMs: h.lockoutMs });
  const created = await auth.bootstrap({ adminEmail: h.adminEmail, adminPassword: h.adminPassword, demoAgents: h.demoAgents });
  if (created.length) {
    const lines = created.map((c) => `  ${c.role.padEnd(5)} ${c.email}  password: ${c.password}  skills: ${c.skills.join(", ")}`);
    logger.warn({ accounts: created.map((c) => c.email) }, `agent console accounts created (shown once; log in at /console):\n${lines.join("\n")}`);
  }
  const handoff = createHandoffService({
    store: createHandoffStore(db),
    conversations: options.conversations,
    conversationStore: options.conversationStore,
    agents: auth,
    shop: {
      getCustomer: (id) => getCustomer(db, id),
      listCustomerOrders: (id, limit) => listCustomerOrders(db, id, limit),
      getProduct: (id) => getProduct(db, id),
    },
    insights: options.insights,
    supportHours: parseSupportHours(h.supportHours),
    priority: h.priority,
    offerTimeoutMs: h.offerTimeoutMs,
    logger,
  });
  handoff.start();
  return { auth, handoff };
}
