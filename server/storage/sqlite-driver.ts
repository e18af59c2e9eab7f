import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import type { SqlDriver, SqlExecutor, SqlParam } from "./driver.ts";
import { openSqliteDatabase } from "./sqlite-cipher.ts";

/** Options of the SQLite driver. */
export interface SqliteDriverOptions {
  /** Prepared statements kept per connection (default 500). */
  statementCacheSize?: number;
  /** Encrypt the file at rest with this key (DATABASE_KEY; needs the optional better-sqlite3-multiple-ciphers, `sqlite-cipher.ts`). */
  key?: string;
}

/**
 * Open (creating if needed) a SQLite database file in WAL mode behind the async driver interface.
 * better-sqlite3 is synchronous, so one transaction runs at a time: statements issued outside it wait
 * until it ends (they would otherwise join it on the shared connection).
 * @example const driver = createSqliteDriver("./data/shop.db");
 * @example const encrypted = createSqliteDriver("./data/shop.db", { key: config.database.key });
 */
export function createSqliteDriver(file: string, options: SqliteDriverOptions = {}): SqlDriver {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = openSqliteDatabase(file, options.key);
  db.pragma("journal_mode = WAL");
  // Deleted rows are overwritten with zeros, so erased and purged data does not linger in free pages.
  db.pragma("secure_delete = ON");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  const cacheSize = options.statementCacheSize ?? 500;
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      if (statements.size >= cacheSize) statements.delete(statements.keys().next().value!);
      statements.set(sql, s);
    }
    return s;
  };
  // Callers re-check the lock synchronously after every wait (no extra await between the check and the statement).
  let txLock: Promise<void> | null = null;

  const direct = {
    all: <T>(sql: string, params: readonly SqlParam[] = []) => prepare(sql).all(...params) as T[],
    get: <T>(sql: string, params: readonly SqlParam[] = []) => prepare(sql).get(...params) as T | undefined,
    run: (sql: string, params: readonly SqlParam[] = []) => {
      const s = prepare(sql);
      if (s.reader) {
        const rows = s.all(...params);
        return { changes: rows.length };
      }
      return { changes: s.run(...params).changes };
    },
  };

  const inTx: SqlExecutor = {
    dialect: "sqlite",
    all: async (sql, params) => direct.all(sql, params),
    get: async (sql, params) => direct.get(sql, params),
    run: async (sql, params) => direct.run(sql, params),
    transaction: (fn) => fn(inTx),
  };

  const driver: SqlDriver = {
    dialect: "sqlite",
    async all(sql, params) {
      while (txLock) await txLock;
      return direct.all(sql, params);
    },
    async get(sql, params) {
      while (txLock) await txLock;
      return direct.get(sql, params);
    },
    async run(sql, params) {
      while (txLock) await txLock;
      return direct.run(sql, params);
    },
    async transaction(fn) {
      while (txLock) await txLock;
      let release!: () => void;
      txLock = new Promise((r) => (release = r));
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(inTx);
        db.exec("COMMIT");
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw err;
      } finally {
        txLock = null;
        release();
      }
    },
    async exec(sql) {
      while (txLock) await txLock;
      db.exec(sql);
    },
    withMigrationLock: (fn) => fn(),
    async close() {
      while (txLock) await txLock;
      statements.clear();
      if (db.open) db.close();
    },
  };
  return driver;
}
