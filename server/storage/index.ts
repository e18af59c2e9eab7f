/** Storage: the only place SQL lives. */
export { openDatabase, migrate, type Db } from "./database.ts";
export * from "./shop.ts";
export * from "./conversations.ts";
