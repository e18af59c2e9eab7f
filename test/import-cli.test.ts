import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("npm run import", () => {
  it("a failed import into a new data folder leaves no empty database behind", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-import-"));
    const csv = path.join(dir, "orders.csv");
    // No column the default mapping (UCI Online Retail) needs.
    fs.writeFileSync(csv, "foo,bar\n1,2\n");
    const dataDir = path.join(dir, "data");
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--orders", csv], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/import failed/);
    expect(fs.existsSync(path.join(dataDir, "shop.db"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
