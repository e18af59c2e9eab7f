import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { isAppError } from "./errors.ts";

describe("loadConfig", () => {
  it("applies defaults and freezes the result", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.embedder).toBe("use-lite");
    expect(c.dbPath.endsWith("shop.db")).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.limits)).toBe(true);
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
