import { describe, expect, it } from "vitest";
import type { CustomerInsightsService, CustomerScore } from "../customers/index.ts";
import type { CampaignStore, ShopRepository } from "../storage/index.ts";
import { createAudienceSnapshot } from "./audience-snapshot.ts";

const score: CustomerScore = { customerId: "C1", profilingConsent: true, segment: "loyal", stage: "active", clvCents: 1000, churnRisk: 0.1, orders: 2, firstOrderAt: null, lastOrderAt: null, categories: [] };

function setup(minAgeMs: number) {
  let scored = 0;
  const stages: { customerId: string; stage: string }[][] = [];
  const insights = { scoreAll: async () => (scored++, { asOf: "2026-01-01T00:00:00.000Z", scores: [score] }) } as unknown as CustomerInsightsService;
  const shop = { listCustomers: async () => [{ id: "C1", name: "Ann Lee", email: "a@x", marketingConsent: true }] } as unknown as ShopRepository;
  const store = { recordStages: async (s: { customerId: string; stage: string }[]) => (stages.push(s), { changed: 0 }), stages: async () => new Map([["C1", { stage: "active", since: "2025-12-01T00:00:00.000Z" }]]) } as unknown as CampaignStore;
  return { snap: createAudienceSnapshot({ insights: () => insights, shop, store, minAgeMs }), scored: () => scored, stages };
}

describe("audience snapshot", () => {
  it("scores once for concurrent readers, records stages, and re-scores a stale snapshot only past its minimum age", async () => {
    const { snap, scored, stages } = setup(0);
    const [a, b] = await Promise.all([snap.current(), snap.current()]);
    expect(a).toBe(b);
    expect(scored()).toBe(1);
    expect(stages).toEqual([[{ customerId: "C1", stage: "active" }]]);
    expect(a.facts.get("C1")).toMatchObject({ marketingConsent: true, name: "Ann Lee", stageSince: "2025-12-01T00:00:00.000Z" });
    await snap.current();
    expect(scored()).toBe(1);
    snap.invalidate();
    await snap.current();
    expect(scored()).toBe(2);
    const slow = setup(60_000);
    await slow.snap.current();
    slow.snap.invalidate();
    await slow.snap.current();
    expect(slow.scored()).toBe(1);
  });
});
