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
    const c = loadConfig({ PORT: "8080", HOST: "0.0.0.0" }, ["--port=9090"]);
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
