/** Storage: the only place SQL lives. Repositories over one driver interface, SQLite or PostgreSQL. */
export { openStorage, openDriver, createStorage, storageOptionsFor, describeDatabase, type DatabaseSetting, type Storage, type StorageOptions } from "./database.ts";
export { migrate, migrationFiles } from "./migrate.ts";
export { isUniqueViolation, type SqlDriver, type SqlExecutor, type SqlDialect, type SqlParam } from "./driver.ts";
export * from "./shop.ts";
export * from "./conversations.ts";
export * from "./dialogue.ts";
export * from "./auth.ts";
export * from "./handoff.ts";
export * from "./knowledge-versions.ts";
export * from "./customer-queries.ts";
export * from "./import.ts";
