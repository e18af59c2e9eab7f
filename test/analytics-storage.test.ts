import { afterAll } from "vitest";
import { openStorage } from "../server/storage/index.ts";
import { analyticsContract } from "./contracts/analytics.contract.ts";
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from "./helpers/services.ts";

analyticsContract("SQLite", () => openStorage({ sqlitePath: ":memory:" }));

const schemas: string[] = [];
if (await postgresAvailable()) {
  analyticsContract("PostgreSQL", async () => {
    const schema = freshSchema();
    schemas.push(schema);
    return openStorage({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 4 });
  });
  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
  });
}
