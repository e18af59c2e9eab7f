import pg from "pg";
import { numberPlaceholders, type SqlDriver, type SqlExecutor, type SqlParam } from "./driver.ts";

/** Options of the PostgreSQL driver. */
export interface PostgresDriverOptions {
  /** A schema to create (if missing) and use instead of `public` (tests give each run its own). */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
}

// 64-bit integers (COUNT, SUM, BIGINT ids) and NUMERIC come back as strings by default; every value we store fits a double.
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20 || oid === 1700) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format as "text");
  },
};

const MIGRATION_LOCK = 734_214_001;

/**
 * Connect to PostgreSQL (`postgres://user@host:5432/db`) behind the async driver interface.
 * @example const driver = await createPostgresDriver("postgres://postgres@127.0.0.1:5432/test");
 */
export async function createPostgresDriver(url: string, options: PostgresDriverOptions = {}): Promise<SqlDriver> {
  const schema = options.schema;
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection emits 'error' on the pool; the next query reconnects.
  pool.on("error", () => undefined);
  const sqlCache = new Map<string, string>();
  const numbered = (sql: string) => {
    let s = sqlCache.get(sql);
    if (s === undefined) {
      s = numberPlaceholders(sql);
      if (sqlCache.size > 2000) sqlCache.clear();
      sqlCache.set(sql, s);
    }
    return s;
  };
  const over = (q: (text: string, values: SqlParam[]) => Promise<pg.QueryResult>): SqlExecutor => {
    const ex: SqlExecutor = {
      dialect: "postgres",
      all: async <T>(sql: string, params: readonly SqlParam[] = []) => (await q(numbered(sql), [...params])).rows as T[],
      get: async <T>(sql: string, params: readonly SqlParam[] = []) => (await q(numbered(sql), [...params])).rows[0] as T | undefined,
      run: async (sql, params = []) => ({ changes: (await q(numbered(sql), [...params])).rowCount ?? 0 }),
      transaction: (fn) => fn(ex),
    };
    return ex;
  };
  const base = over((text, values) => pool.query(text, values));
  return {
    ...base,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(over((text, values) => client.query(text, values)));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async withMigrationLock(fn) {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
        try {
          return await fn();
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
