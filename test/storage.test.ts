import { afterAll } from "vitest";
import { openStorage } from "../server/storage/index.ts";
import { migrationFiles } from "../server/storage/index.ts";
import { describe, expect, it } from "vitest";
import { storageContract } from "./contracts/storage.contract.ts";
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from "./helpers/services.ts";

describe("migrations", () => {
  it("exist for both dialects with the same numbers and names", () => {
    const names = (d: "sqlite" | "postgres") => migrationFiles(d).map((m) => m.name);
    expect(names("postgres")).toEqual(names("sqlite"));
    expect(names("sqlite").length).toBeGreaterThanOrEqual(5);
  });
});

storageContract("SQLite", () => openStorage({ sqlitePath: ":memory:" }));

const schemas: string[] = [];
if (await postgresAvailable()) {
  storageContract("PostgreSQL", async () => {
    const schema = freshSchema();
    schemas.push(schema);
    return openStorage({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 4 });
  });
  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
  });
}
