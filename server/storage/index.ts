/** Storage: the only place SQL lives. */
export { openDatabase, migrate, type Db } from "./database.ts";
export * from "./shop.ts";
export * from "./conversations.ts";
export * from "./dialogue.ts";
export * from "./auth.ts";
export * from "./handoff.ts";
export * from "./customer-queries.ts";
