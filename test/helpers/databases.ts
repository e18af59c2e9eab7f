/**
 * Run a storage contract on every database the project supports: SQLite in memory always, and PostgreSQL (a fresh
 * schema per storage, dropped after the file) when it is reachable — or required, see ./services.ts.
 */
import { afterAll } from "vitest";
import { openStorage, type Storage } from "../../server/storage/index.ts";
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from "./services.ts";

/** A contract suite: registers its tests under `name`, opening a fresh storage with `open` for each. */
export type StorageContract = (name: string, open: () => Promise<Storage>) => void;

/** Register `contract` for SQLite and, where PostgreSQL answers, for PostgreSQL. Await it at the top of a test file. */
export async function onEveryDatabase(contract: StorageContract): Promise<void> {
  contract("SQLite", () => openStorage({ sqlitePath: ":memory:" }));
  if (!(await postgresAvailable())) return;
  const schemas: string[] = [];
  contract("PostgreSQL", async () => {
    const schema = freshSchema();
    schemas.push(schema);
    return openStorage({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 4 });
  });
  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
  });
}
