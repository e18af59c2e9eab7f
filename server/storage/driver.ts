/**
 * The SQL driver every repository is written against. Two implementations: SQLite (better-sqlite3,
 * embedded default) and PostgreSQL (node-postgres, for several instances). Repositories write portable
 * SQL with `?` placeholders (the PostgreSQL driver numbers them); where the dialects differ a repository
 * picks by `dialect`.
 */

/** Which SQL dialect a driver speaks. */
export type SqlDialect = "sqlite" | "postgres";

/** A bound parameter: strings, numbers, null (booleans are stored as 0/1 by the repositories). */
export type SqlParam = string | number | null;

/** Runs statements: the driver itself, or an open transaction. */
export interface SqlExecutor {
  readonly dialect: SqlDialect;
  /** All rows of a query. */
  all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** The first row of a query, or undefined. */
  get<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined>;
  /** Run a statement; `changes` is the number of rows it inserted, updated or deleted. */
  run(sql: string, params?: readonly SqlParam[]): Promise<{ changes: number }>;
  /**
   * Run `fn` in a transaction: committed when it resolves, rolled back when it throws. Nested calls run
   * inside the outer transaction.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** A connection (pool) to one database. */
export interface SqlDriver extends SqlExecutor {
  /** Run a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** Run `fn` while holding a database-wide lock (several instances migrating at once); a no-op lock on SQLite. */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Replace `?` placeholders outside quoted strings with `$1`, `$2`, … (PostgreSQL's form).
 * @example numberPlaceholders("SELECT * FROM t WHERE a = ? AND b = '?'") // "... a = $1 AND b = '?'"
 */
export function numberPlaceholders(sql: string): string {
  let out = "";
  let n = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** `?, ?, ?` for `n` values (an IN list or a VALUES row). */
export const placeholders = (n: number): string => Array.from({ length: n }, () => "?").join(", ");

/** True when `err` is a unique-constraint violation from either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_UNIQUE" || e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
