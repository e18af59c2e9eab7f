import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError, ERROR_CATALOGUE, isAppError } from "./errors.ts";

describe("error catalogue", () => {
  it("documents every code in docs/errors.md with its status", () => {
    const doc = fs.readFileSync(new URL("../docs/errors.md", import.meta.url), "utf8");
    for (const [code, { status }] of Object.entries(ERROR_CATALOGUE)) {
      expect(doc, `${code} missing from docs/errors.md`).toMatch(new RegExp("`" + code + "` \\| " + status + " \\|"));
    }
  });

  it("uses CHAT_ERR_ names and HTTP error statuses only", () => {
    for (const [code, { status }] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^CHAT_ERR_[A-Z_]+$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });

  it("gives an AppError the status of its code and keeps the cause", () => {
    const cause = new Error("disk");
    const err = new AppError("CHAT_ERR_NOT_FOUND", "nope", { cause });
    expect(err.status).toBe(404);
    expect(err.cause).toBe(cause);
    expect(isAppError(err, "CHAT_ERR_NOT_FOUND")).toBe(true);
    expect(isAppError(err, "CHAT_ERR_INTERNAL")).toBe(false);
    expect(isAppError(new Error("x"))).toBe(false);
  });
});
