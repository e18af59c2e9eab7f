import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../cluster/rate-limits.ts";
import { loadConfig } from "../config.ts";
import { createAbuseGuard } from "./abuse-guard.ts";

const guardWith = (env: Record<string, string>) => createAbuseGuard({ rateLimiter: (o) => createRateLimiter(o), budgets: loadConfig(env).abuse });

describe("abuse guard", () => {
  it("spends a global order-check budget whatever the address and e-mail", async () => {
    const guard = guardWith({ ORDER_CHECKS_GLOBAL: "5" });
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await guard.orderCheck({ client: `10.0.0.${i}`, emailHash: `e${i}` }));
    expect(results).toEqual([true, true, true, true, true, false]);
  });

  it("caps handoffs per anonymous conversation even without an address (after a restart), not per verified one", async () => {
    const guard = guardWith({ HANDOFFS_PER_IP: "100" });
    const anon = [];
    for (let i = 0; i < 4; i++) anon.push(await guard.handoff({ client: null, conversationId: "c1", anonymous: true }));
    expect(anon).toEqual([true, true, true, false]);
    const verified = [];
    for (let i = 0; i < 4; i++) verified.push(await guard.handoff({ client: null, conversationId: "c2", anonymous: false }));
    expect(verified).toEqual([true, true, true, true]);
  });
});
