import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { isAppError } from "./errors.ts";

describe("loadConfig", () => {
  it("applies defaults and freezes the result", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.embedder).toBe("use-lite");
    expect(c.database).toMatchObject({ kind: "sqlite", path: expect.stringMatching(/shop\.db$/) });
    expect(c.redisUrl).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.limits)).toBe(true);
  });

  it("uses PostgreSQL and Redis when their URLs are given, and rejects malformed ones precisely", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test", DATABASE_SCHEMA: "shop_a", REDIS_URL: "redis://127.0.0.1:6379" });
    expect(c.database).toEqual({ kind: "postgres", url: "postgres://postgres@127.0.0.1:5432/test", schema: "shop_a", poolSize: 10 });
    expect(c.redisUrl).toBe("redis://127.0.0.1:6379");
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL="mysql:\/\/x": must be a PostgreSQL URL/);
    expect(() => loadConfig({ REDIS_URL: "localhost:6379" })).toThrow(/REDIS_URL="localhost:6379": must be a Redis URL/);
  });

  it("reads environment values and lets --flags override them", () => {
    const c = loadConfig({ PORT: "8080", HOST: "0.0.0.0", SHOP_SECRET: "a-real-shop-secret-1234", SEED_DEMO: "false" }, ["--port=9090"]);
    expect(c.port).toBe(9090);
    expect(c.host).toBe("0.0.0.0");
  });

  it("names every invalid setting and its value in one error", () => {
    try {
      loadConfig({ PORT: "70000", EMBEDDER: "gpt", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err, "CHAT_ERR_CONFIG")).toBe(true);
      const msg = (err as Error).message;
      expect(msg).toContain('PORT="70000"');
      expect(msg).toContain('EMBEDDER="gpt"');
      expect(msg).toContain('LOG_LEVEL="loud"');
    }
  });

  it("accepts a transformers embedder spec", () => {
    expect(loadConfig({ EMBEDDER: "transformers:all-MiniLM-L6-v2" }).embedder).toBe("transformers:all-MiniLM-L6-v2");
  });
});

describe("privacy settings", () => {
  it("keep transcripts 365 days by default and derive the receipt key from SHOP_SECRET unless RECEIPT_SECRET is set", () => {
    const c = loadConfig({ SHOP_SECRET: "shop-secret-123" });
    expect(c.privacy.transcriptRetentionDays).toBe(365);
    expect(c.privacy.receiptSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(c.privacy.receiptSecret).not.toBe(loadConfig({ SHOP_SECRET: "shop-secret-456" }).privacy.receiptSecret);
    expect(loadConfig({ RECEIPT_SECRET: "receipt-secret-0123" }).privacy.receiptSecret).toBe("receipt-secret-0123");
    expect(loadConfig({ TRANSCRIPT_RETENTION_DAYS: "0" }).privacy.transcriptRetentionDays).toBe(0);
    expect(loadConfig({ DATABASE_KEY: "a-long-enough-key" }).database).toMatchObject({ kind: "sqlite", key: "a-long-enough-key" });
  });

  it("never echo a secret in a configuration error, and refuse DATABASE_KEY with PostgreSQL", () => {
    const err = (() => {
      try {
        loadConfig({ DATABASE_KEY: "short-key" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toMatch(/DATABASE_KEY=\(hidden\): must be at least 12 characters/);
    expect(err?.message).not.toContain("short-key");
    expect(() => loadConfig({ DATABASE_KEY: "a-long-enough-key", DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test" })).toThrow(/DATABASE_KEY encrypts the SQLite file/);
  });

  it("refuse demo secrets on an address other machines can reach, and list them on loopback", () => {
    const real = { SHOP_SECRET: "0f3c1a9e7d5b4c2a8e6f0d1b3a5c7e9f", ADMIN_TOKEN: "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d" };
    for (const host of ["0.0.0.0", "::", "192.168.1.20"]) {
      expect(() => loadConfig({ HOST: host })).toThrow(/SHOP_SECRET, ADMIN_TOKEN still have their demo values/);
      expect(() => loadConfig({ HOST: host, ...real, ADMIN_PASSWORD: "change-me-please" })).toThrow(/ADMIN_PASSWORD still has its demo value/);
      expect(loadConfig({ HOST: host, ...real }).demoSecrets).toEqual([]);
    }
    // The placeholders of docs/deploy/env.example count as demo values.
    expect(() => loadConfig({ HOST: "0.0.0.0", SHOP_SECRET: "change-me-to-a-long-random-secret", ADMIN_TOKEN: real.ADMIN_TOKEN })).toThrow(/SHOP_SECRET still has its demo value/);
    expect(loadConfig({ HOST: "127.0.0.1" }).demoSecrets).toEqual(["SHOP_SECRET", "ADMIN_TOKEN"]);
    expect(loadConfig({ HOST: "0.0.0.0", ALLOW_DEMO_SECRETS: "true" }).demoSecrets).toEqual(["SHOP_SECRET", "ADMIN_TOKEN"]);
  });

  it("say a non-number is not a number", () => {
    expect(() => loadConfig({ HOLDOUT_SHARE: "abc" })).toThrow(/HOLDOUT_SHARE="abc": must be a number/);
    expect(() => loadConfig({ PORT: "80.5" })).toThrow(/PORT="80.5": must be a whole number/);
    // Out of range is still said as such.
    expect(() => loadConfig({ RATE_LIMIT_MESSAGES: "100000" })).toThrow(/RATE_LIMIT_MESSAGES="100000": Too big/);
  });

  it("read the origins allowed to open the widget socket", () => {
    expect(loadConfig({ SHOP_ORIGINS: "https://shop.example, https://www.shop.example" }).web.shopOrigins).toEqual(["https://shop.example", "https://www.shop.example"]);
    expect(loadConfig({ SEED_DEMO: "false" }).web.shopOrigins).toEqual([]);
    expect(loadConfig({}).web.shopOrigins).toBe("*");
    expect(() => loadConfig({ SHOP_ORIGINS: "shop.example" })).toThrow(/SHOP_ORIGINS/);
  });
});
