import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlDriver } from "./driver.ts";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** The numbered migration files (`NNN-name.sql`) of a dialect, in order. */
export function migrationFiles(dialect: SqlDriver["dialect"]): { version: number; name: string; file: string }[] {
  const dir = path.join(MIGRATIONS_DIR, dialect);
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, file: path.join(dir, f) }));
}

/**
 * Apply every numbered migration of the driver's dialect not yet recorded, each in its own
 * transaction, holding the database's migration lock so instances starting together take turns.
 * @returns the versions applied now
 */
export async function migrate(driver: SqlDriver): Promise<number[]> {
  return driver.withMigrationLock(async () => {
    await driver.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    const applied = new Set((await driver.all<{ version: number }>("SELECT version FROM schema_migrations")).map((r) => Number(r.version)));
    const ran: number[] = [];
    for (const m of migrationFiles(driver.dialect)) {
      if (applied.has(m.version)) continue;
      const sql = fs.readFileSync(m.file, "utf8");
      await driver.transaction(async (tx) => {
        // Scripts run statement by statement so both drivers apply them inside the same transaction.
        for (const statement of splitSql(sql)) await tx.run(statement);
        await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [m.version, m.name, new Date().toISOString()]);
      });
      ran.push(m.version);
    }
    return ran;
  });
}

/** Split a migration script into statements (on `;` at line ends, outside comments). */
export function splitSql(sql: string): string[] {
  const noComments = sql
    .split("\n")
    .map((line) => line.replace(/--.*$/, ""))
    .join("\n");
  return noComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
