import { createAnalyticsStore, type AnalyticsStore } from "./analytics.ts";
import { createAuditStore, type AuditStore } from "./audit.ts";
import { createApiKeyStore, type ApiKeyStore } from "./api-keys.ts";
import { createAuthStore, type AuthStore } from "./auth.ts";
import { createCampaignStore, type CampaignStore } from "./campaigns.ts";
import { createConversationStore, type ConversationStore } from "./conversations.ts";
import { createDialogueStore, type DialogueStore } from "./dialogue.ts";
import type { SqlDriver } from "./driver.ts";
import { createHandoffStore, type HandoffStore } from "./handoff.ts";
import { createIntegrationStore, type IntegrationStore } from "./integrations.ts";
import { createKnowledgeVersionStore, type KnowledgeVersionStore } from "./knowledge-versions.ts";
import { migrate } from "./migrate.ts";
import { createPostgresDriver } from "./postgres-driver.ts";
import { createPrivacyStore, type PrivacyStore } from "./privacy.ts";
import { createShopRepository, type ShopRepository } from "./shop.ts";
import { createSqliteDriver } from "./sqlite-driver.ts";
import { createWebhookStore, type WebhookStore } from "./webhooks.ts";

/** Where the data lives: a SQLite file (the embedded default) or a PostgreSQL URL. */
export type StorageOptions =
  | { sqlitePath: string; /** Encrypt the SQLite file with this key (DATABASE_KEY). */ sqliteKey?: string }
  | { databaseUrl: string; /** Use (and create) this schema instead of `public`. */ schema?: string; poolSize?: number };

/** The database setting as configured (server/config.ts `database`). */
export type DatabaseSetting = { readonly kind: "sqlite"; readonly path: string; readonly key?: string } | { readonly kind: "postgres"; readonly url: string; readonly schema?: string; readonly poolSize: number };

/** Storage options for a configured database. */
export function storageOptionsFor(db: DatabaseSetting): StorageOptions {
  return db.kind === "postgres" ? { databaseUrl: db.url, schema: db.schema, poolSize: db.poolSize } : { sqlitePath: db.path, sqliteKey: db.key };
}

/** The database in words for messages, without credentials ("SQLite ./data/shop.db", "PostgreSQL 127.0.0.1:5432/test"). */
export function describeDatabase(db: DatabaseSetting): string {
  if (db.kind === "sqlite") return `SQLite ${db.path}`;
  const u = new URL(db.url);
  return `PostgreSQL ${u.host}${u.pathname}${db.schema ? ` (schema ${db.schema})` : ""}`;
}

/** Every repository over one database. */
export interface Storage {
  readonly driver: SqlDriver;
  readonly shop: ShopRepository;
  readonly conversations: ConversationStore;
  readonly dialogue: DialogueStore;
  readonly auth: AuthStore;
  readonly handoff: HandoffStore;
  /** Export, erasure, transcript retention and erasure receipts (docs/privacy.md). */
  readonly privacy: PrivacyStore;
  /** Who read or changed which customer's data. */
  readonly audit: AuditStore;
  readonly apiKeys: ApiKeyStore;
  readonly integrations: IntegrationStore;
  readonly webhooks: WebhookStore;
  /** Versions of the knowledge files saved through the admin area. */
  readonly knowledgeVersions: KnowledgeVersionStore;
  /** Dashboard facts and dismissed unanswered-question clusters (docs/metrics.md). */
  readonly analytics: AnalyticsStore;
  /** Campaigns, their stored arms and deliveries (docs/campaigns.md). */
  readonly campaigns: CampaignStore;
  close(): Promise<void>;
}

/** Open the driver for the options (no migrations). */
export async function openDriver(options: StorageOptions): Promise<SqlDriver> {
  return "databaseUrl" in options
    ? createPostgresDriver(options.databaseUrl, { schema: options.schema, max: options.poolSize })
    : createSqliteDriver(options.sqlitePath, { key: options.sqliteKey });
}

/** Build every repository over an open driver. */
export function createStorage(driver: SqlDriver): Storage {
  return {
    driver,
    shop: createShopRepository(driver),
    conversations: createConversationStore(driver),
    dialogue: createDialogueStore(driver),
    auth: createAuthStore(driver),
    handoff: createHandoffStore(driver),
    privacy: createPrivacyStore(driver),
    audit: createAuditStore(driver),
    apiKeys: createApiKeyStore(driver),
    integrations: createIntegrationStore(driver),
    webhooks: createWebhookStore(driver),
    knowledgeVersions: createKnowledgeVersionStore(driver),
    analytics: createAnalyticsStore(driver),
    campaigns: createCampaignStore(driver),
    close: () => driver.close(),
  };
}

/**
 * Open the database, run pending migrations and build the repositories.
 * @example const storage = await openStorage({ sqlitePath: "./data/shop.db" });
 * @example const storage = await openStorage({ databaseUrl: "postgres://postgres@127.0.0.1:5432/test" });
 */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const driver = await openDriver(options);
  try {
    await migrate(driver);
  } catch (err) {
    await driver.close();
    throw err;
  }
  return createStorage(driver);
}
