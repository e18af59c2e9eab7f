import { describe, expect, it } from "vitest";
import type { CustomerScore } from "../customers/index.ts";
import type { CampaignAssignmentRecord } from "../storage/index.ts";
import { inAudience, triggerHolds } from "./audience.ts";
import { couponValueCents } from "./coupon.ts";
import { AudienceSchema } from "./definition.ts";
import { toCsv } from "./export.ts";
import { computeCampaignReport } from "./results.ts";

const NOW = new Date("2026-06-01T00:00:00.000Z");
const score = (extra: Partial<CustomerScore> = {}): CustomerScore => ({
  customerId: "C1", profilingConsent: true, segment: "at_risk", stage: "at_risk", clvCents: 40_000, churnRisk: 0.7, orders: 3,
  firstOrderAt: "2025-01-01T00:00:00.000Z", lastOrderAt: "2026-03-01T00:00:00.000Z", categories: ["running-shoes", "apparel"], ...extra,
});

describe("campaign audience rules", () => {
  it("requires marketing consent and every rule given", () => {
    const audience = AudienceSchema.parse({ stages: ["at_risk"], churnRisk: { min: 0.5 }, clvCents: { min: 10_000 }, lastPurchaseDays: { min: 60, max: 120 }, categories: ["apparel"] });
    expect(inAudience({ score: score(), marketingConsent: true }, audience, NOW)).toBe(true);
    expect(inAudience({ score: score(), marketingConsent: false }, audience, NOW)).toBe(false);
    expect(inAudience({ score: score({ churnRisk: 0.4 }), marketingConsent: true }, audience, NOW)).toBe(false);
    expect(inAudience({ score: score({ churnRisk: null }), marketingConsent: true }, audience, NOW)).toBe(false);
    expect(inAudience({ score: score({ lastOrderAt: "2026-05-20T00:00:00.000Z" }), marketingConsent: true }, audience, NOW)).toBe(false);
    expect(inAudience({ score: score({ categories: ["books"] }), marketingConsent: true }, audience, NOW)).toBe(false);
    expect(inAudience({ score: score({ stage: "active" }), marketingConsent: true }, audience, NOW)).toBe(false);
  });

  it("refuses a range whose min exceeds its max", () => {
    expect(AudienceSchema.safeParse({ churnRisk: { min: 0.8, max: 0.2 } }).success).toBe(false);
  });

  it("fires 'became at risk' only for a stage change after the start and within the window, 'first purchase' N days on", () => {
    const f = { score: score(), marketingConsent: true, stageSince: "2026-05-25T00:00:00.000Z" };
    expect(triggerHolds(f, { kind: "became_at_risk", withinDays: 30 }, NOW, "2026-05-01T00:00:00.000Z")).toBe(true);
    expect(triggerHolds(f, { kind: "became_at_risk", withinDays: 30 }, NOW, "2026-05-26T00:00:00.000Z")).toBe(false);
    expect(triggerHolds(f, { kind: "became_at_risk", withinDays: 3 }, NOW, "2026-05-01T00:00:00.000Z")).toBe(false);
    expect(triggerHolds({ ...f, stageSince: undefined }, { kind: "became_at_risk", withinDays: 30 }, NOW, "2026-05-01T00:00:00.000Z")).toBe(false);
    const first = { score: score({ firstOrderAt: "2026-05-01T00:00:00.000Z" }), marketingConsent: true };
    expect(triggerHolds(first, { kind: "first_purchase", daysAgo: 30, graceDays: 7 }, NOW, "2026-01-01T00:00:00.000Z")).toBe(true);
    expect(triggerHolds(first, { kind: "first_purchase", daysAgo: 45, graceDays: 7 }, NOW, "2026-01-01T00:00:00.000Z")).toBe(false);
  });
});

describe("campaign coupons", () => {
  it("are a share of CLV in whole dollars within [min, max], and none without a CLV", () => {
    const rule = { shareOfClv: 0.05, minCents: 500, maxCents: 2500 };
    expect(couponValueCents(rule, 31_000)).toBe(1600);
    expect(couponValueCents(rule, 2_000)).toBe(500);
    expect(couponValueCents(rule, 1_000_000)).toBe(2500);
    expect(couponValueCents(rule, null)).toBeNull();
  });
});

describe("campaign e-mail export", () => {
  it("quotes CSV fields and defuses spreadsheet formulas", () => {
    const csv = toCsv([{ customerId: "C1", email: "a@b.c", name: "=cmd", text: 'Hi, "you"', couponCode: "CMP-1", couponValueCents: 1500, productIds: ["P1", "P2"], assignedAt: "t" }]);
    expect(csv.split("\r\n")[1]).toBe(`C1,a@b.c,'=cmd,"Hi, ""you""",CMP-1,15.00,P1 P2,t`);
  });
});

describe("campaign results", () => {
  const campaign = { startsAt: "2026-05-01T00:00:00.000Z", conversionWindowDays: 14, mixingSd: 0.05, budgetCents: 1000 };
  const assign = (i: number, arm: "treatment" | "holdout", day: number): CampaignAssignmentRecord => ({
    campaignId: "cmp", customerId: `C${i}`, arm, channel: "widget", couponCode: arm === "treatment" ? `CODE${i}` : null, couponCents: 500, assignedAt: new Date(Date.parse(campaign.startsAt) + day * 86_400_000).toISOString(),
  });

  it("counts only orders inside each customer's window, costs redeemed coupons and flags a spent budget", () => {
    const assignments = [assign(1, "treatment", 0), assign(2, "treatment", 0), assign(3, "holdout", 0), assign(4, "holdout", 1)];
    const orders = [
      { customerId: "C1", orderId: "O1", placedAt: "2026-05-03T00:00:00.000Z", totalCents: 8000 },
      { customerId: "C2", orderId: "O2", placedAt: "2026-05-20T00:00:00.000Z", totalCents: 9000 }, // after the 14-day window
      { customerId: "C4", orderId: "O4", placedAt: "2026-05-02T00:00:00.000Z", totalCents: 100 }, // at the moment of its assignment: counts
    ];
    const redemptions = [{ customerId: "C1", orderId: "O1", code: "CODE1", amountCents: 1000, placedAt: "2026-05-03T00:00:00.000Z" }];
    const deliveries = [{ campaignId: "cmp", customerId: "C1", channel: "widget" as const, shownAt: "x", openedAt: "y", dismissedAt: null }, { campaignId: "cmp", customerId: "C2", channel: "widget" as const, shownAt: "x", openedAt: null, dismissedAt: "z" }];
    const r = computeCampaignReport(campaign, { assignments, deliveries, orders, redemptions }, new Date("2026-06-01T00:00:00.000Z"));
    expect(r.results.treatment).toMatchObject({ n: 2, conversions: 1, revenueCents: 8000 });
    expect(r.results.holdout).toMatchObject({ n: 2, conversions: 1, revenueCents: 100 });
    expect(r.results.conversionUplift.value).toBe(0);
    expect(r.reach).toMatchObject({ treated: 2, holdout: 2, shown: 2, opened: 1, dismissed: 1, openRate: 0.5 });
    expect(r.coupons).toEqual({ redeemed: 1, costCents: 1000, budgetCents: 1000, budgetSpent: true });
    expect(r.results.roi?.value).toBeCloseTo((r.results.incrementalRevenueCents.value - 1000) / 1000, 9);
    expect(r.series.length).toBe(31);
    expect(r.sequential.interval).toBeNull(); // fewer than 100 per arm: still warming up
  });

  it("stops early on a large effect with the always-valid test, and never on no effect in this sample", () => {
    const assignments: CampaignAssignmentRecord[] = [];
    const orders = [];
    for (let i = 0; i < 2000; i++) {
      const arm = i % 5 === 0 ? "holdout" : "treatment";
      const day = i % 20;
      assignments.push(assign(i, arm, day));
      const converts = arm === "treatment" ? i % 10 < 3 : i % 100 < 5; // 30 % vs 5 %
      if (converts) orders.push({ customerId: `C${i}`, orderId: `O${i}`, placedAt: new Date(Date.parse(campaign.startsAt) + (day + 1) * 86_400_000).toISOString(), totalCents: 5000 });
    }
    const r = computeCampaignReport(campaign, { assignments, deliveries: [], orders, redemptions: [] }, new Date("2026-06-01T00:00:00.000Z"));
    expect(r.sequential.effectDetected).toBe(true);
    expect(r.sequential.interval![0]).toBeGreaterThan(0);
    const none = computeCampaignReport(campaign, { assignments, deliveries: [], orders: [], redemptions: [] }, new Date("2026-06-01T00:00:00.000Z"));
    expect(none.sequential.effectDetected).toBe(false);
  });
});
