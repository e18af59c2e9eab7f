import { createAnalyticsStore, insertConversationHistory, listCustomers, type SqlExecutor } from "../storage/index.ts";
import { generateConversationHistory, type ConversationHistoryOptions } from "./conversation-history.ts";
import { DEMO_NOW } from "./generate.ts";

/** What seedDemoHistory stored. */
export interface HistorySeedResult {
  conversations: number;
  messages: number;
  handoffs: number;
  ms: number;
}

/**
 * Store the demo shop's past chats (generateConversationHistory) for its stored customers and orders: closed
 * conversations with answers, fallbacks, handoffs, ratings and offers, so the admin dashboard has a history on a
 * first start. Call it right after seedDemoShop, once.
 * @example await seedDemoHistory(storage.driver, { seed: 42, entries, agents: [] });
 */
export async function seedDemoHistory(db: SqlExecutor, options: Pick<ConversationHistoryOptions, "seed" | "entries" | "agents" | "days" | "perDay"> & { now?: string }): Promise<HistorySeedResult> {
  const t0 = performance.now();
  const now = options.now ?? DEMO_NOW;
  const customers = await listCustomers(db);
  const orders = await createAnalyticsStore(db).orders(now);
  const history = generateConversationHistory({ ...options, now, customers: customers.map((c) => ({ id: c.id, createdAt: c.createdAt })), orders });
  await insertConversationHistory(db, history);
  return {
    conversations: history.length,
    messages: history.reduce((n, c) => n + c.messages.length, 0),
    handoffs: history.filter((c) => c.handoff).length,
    ms: Math.round(performance.now() - t0),
  };
}
