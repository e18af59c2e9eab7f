import { describe, expect, it } from "vitest";
import { migrationFiles } from "../server/storage/index.ts";
import { storageContract } from "./contracts/storage.contract.ts";
import { onEveryDatabase } from "./helpers/databases.ts";

describe("migrations", () => {
  it("exist for both dialects with the same numbers and names", () => {
    const names = (d: "sqlite" | "postgres") => migrationFiles(d).map((m) => m.name);
    expect(names("postgres")).toEqual(names("sqlite"));
    expect(names("sqlite").length).toBeGreaterThanOrEqual(5);
  });
});

await onEveryDatabase(storageContract);
