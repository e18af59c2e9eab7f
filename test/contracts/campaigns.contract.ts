/**
 * The campaign storage cases (arms drawn once and stored, deliveries shown once, the frequency-cap look-up,
 * orders and coupon redemptions after an assignment, lifecycle-stage changes) against every storage implementation.
 */
import { describe, expect, it } from "vitest";
import type { CampaignRecord, Storage } from "../../server/storage/index.ts";

const T0 = "2026-03-01T10:00:00.000Z";

const campaign = (id: string, extra: Partial<CampaignRecord> = {}): CampaignRecord => ({
  id, name: `Campaign ${id}`, status: "active", stopReason: null, audience: { stages: ["at_risk"] }, message: { text: "Hello" }, channels: ["widget"],
  trigger: { kind: "none" }, startsAt: T0, endsAt: null, budgetCents: 10_000, holdoutShare: 0.2, conversionWindowDays: 14, earlyStop: false, mixingSd: 0.02,
  createdBy: "A1", createdAt: T0, updatedAt: T0, ...extra,
});

async function seed(s: Storage): Promise<void> {
  for (const id of ["C1", "C2"]) {
    await s.driver.run("INSERT INTO customers (id, email, name, country, created_at, marketing_consent) VALUES (?, ?, ?, 'NO', ?, 1)", [id, `${id}@example.com`, id, T0]);
  }
  const order = async (id: string, customerId: string, at: string, total: number, status = "processing") =>
    s.driver.run(
      "INSERT INTO orders (id, customer_id, email, placed_at, status, shipping_method, ship_country, subtotal_cents, total_cents) VALUES (?, ?, 'x@example.com', ?, ?, 'standard', 'NO', ?, ?)",
      [id, customerId, at, status, total, total],
    );
  await order("O-before", "C1", "2026-02-01T00:00:00.000Z", 5000);
  await order("O-after", "C1", "2026-03-03T00:00:00.000Z", 7000);
  await order("O-cancelled", "C1", "2026-03-04T00:00:00.000Z", 9000, "cancelled");
  await order("O-holdout", "C2", "2026-03-05T00:00:00.000Z", 3000);
  await s.driver.run("INSERT INTO order_discount_codes (order_id, code, amount_cents) VALUES ('O-after', 'CMP-ABC', 1500)");
}

/** Run the campaign storage contract against one implementation; `open` gives a fresh, migrated, empty storage. */
export function campaignsContract(name: string, open: () => Promise<Storage>): void {
  describe(`campaign storage contract: ${name}`, () => {
    it("stores, lists and updates a campaign with its JSON parts", async () => {
      const s = await open();
      const c = await s.campaigns.insert(campaign("cmp_1"));
      expect(c).toEqual(campaign("cmp_1"));
      expect(await s.campaigns.update("cmp_1", { status: "stopped", stopReason: "budget spent", earlyStop: true, updatedAt: "2026-03-02T00:00:00.000Z" })).toBe(true);
      expect(await s.campaigns.get("cmp_1")).toMatchObject({ status: "stopped", stopReason: "budget spent", earlyStop: true, updatedAt: "2026-03-02T00:00:00.000Z", audience: { stages: ["at_risk"] } });
      expect(await s.campaigns.update("cmp_nope", { status: "paused", updatedAt: T0 })).toBe(false);
      expect((await s.campaigns.list()).map((x) => x.id)).toEqual(["cmp_1"]);
      await s.close();
    });

    it("draws a customer's arm once: a second assignment returns the stored one unchanged", async () => {
      const s = await open();
      await seed(s);
      await s.campaigns.insert(campaign("cmp_1"));
      const first = await s.campaigns.assign({ campaignId: "cmp_1", customerId: "C1", arm: "treatment", channel: "widget", couponCode: "cmp-abc", couponCents: 1500, assignedAt: T0 });
      expect(first.created).toBe(true);
      expect(first.assignment.couponCode).toBe("CMP-ABC");
      const again = await s.campaigns.assign({ campaignId: "cmp_1", customerId: "C1", arm: "holdout", channel: "email", couponCode: null, couponCents: 0, assignedAt: "2026-03-09T00:00:00.000Z" });
      expect(again).toEqual({ created: false, assignment: first.assignment });
      const concurrent = await Promise.all([0, 1, 2].map((i) =>
        s.campaigns.assign({ campaignId: "cmp_1", customerId: "C2", arm: i === 1 ? "treatment" : "holdout", channel: "widget", couponCode: null, couponCents: 0, assignedAt: T0 })));
      expect(concurrent.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(concurrent.map((r) => r.assignment.arm)).size).toBe(1);
      expect((await s.campaigns.listAssignments("cmp_1")).map((a) => a.customerId)).toEqual(["C1", "C2"]);
      expect(await s.campaigns.lastAssignedAt("C1", "widget")).toBe(T0);
      expect(await s.campaigns.lastAssignedAt("C1", "email")).toBeNull();
      await s.close();
    });

    it("shows a message once, records the first opening and dismissal, and knows when a customer last saw one", async () => {
      const s = await open();
      await seed(s);
      await s.campaigns.insert(campaign("cmp_1"));
      await s.campaigns.insert(campaign("cmp_2"));
      expect(await s.campaigns.lastShownAt("C1", "widget")).toBeNull();
      expect(await s.campaigns.mark("cmp_1", "C1", "opened", T0)).toBe(false);
      expect(await s.campaigns.recordShown({ campaignId: "cmp_1", customerId: "C1", channel: "widget", at: T0 })).toBe(true);
      expect(await s.campaigns.recordShown({ campaignId: "cmp_1", customerId: "C1", channel: "widget", at: "2026-03-02T00:00:00.000Z" })).toBe(false);
      await s.campaigns.recordShown({ campaignId: "cmp_2", customerId: "C1", channel: "widget", at: "2026-03-05T00:00:00.000Z" });
      expect(await s.campaigns.lastShownAt("C1", "widget")).toBe("2026-03-05T00:00:00.000Z");
      expect(await s.campaigns.lastShownAt("C1", "email")).toBeNull();
      expect(await s.campaigns.mark("cmp_1", "C1", "opened", "2026-03-01T11:00:00.000Z")).toBe(true);
      expect(await s.campaigns.mark("cmp_1", "C1", "opened", "2026-03-01T12:00:00.000Z")).toBe(false);
      expect(await s.campaigns.mark("cmp_1", "C1", "dismissed", "2026-03-01T13:00:00.000Z")).toBe(true);
      expect(await s.campaigns.getDelivery("cmp_1", "C1", "widget")).toEqual({
        campaignId: "cmp_1", customerId: "C1", channel: "widget", shownAt: T0, openedAt: "2026-03-01T11:00:00.000Z", dismissedAt: "2026-03-01T13:00:00.000Z",
      });
      expect(await s.campaigns.listDeliveries("cmp_1")).toHaveLength(1);
      await s.close();
    });

    it("finds the orders placed after an assignment (not cancelled) and the coupon redemptions", async () => {
      const s = await open();
      await seed(s);
      await s.campaigns.insert(campaign("cmp_1"));
      await s.campaigns.assign({ campaignId: "cmp_1", customerId: "C1", arm: "treatment", channel: "widget", couponCode: "CMP-ABC", couponCents: 1500, assignedAt: T0 });
      await s.campaigns.assign({ campaignId: "cmp_1", customerId: "C2", arm: "holdout", channel: "widget", couponCode: null, couponCents: 0, assignedAt: T0 });
      expect((await s.campaigns.ordersAfterAssignment("cmp_1")).map((o) => [o.customerId, o.orderId, o.totalCents])).toEqual([["C1", "O-after", 7000], ["C2", "O-holdout", 3000]]);
      expect(await s.campaigns.redemptions("cmp_1")).toEqual([{ customerId: "C1", orderId: "O-after", code: "CMP-ABC", amountCents: 1500, placedAt: "2026-03-03T00:00:00.000Z" }]);
      await s.close();
    });

    it("moves a customer's stage date only when the stage changes", async () => {
      const s = await open();
      await seed(s);
      expect(await s.campaigns.recordStages([{ customerId: "C1", stage: "active" }, { customerId: "C2", stage: "new" }], T0)).toEqual({ changed: 2 });
      expect(await s.campaigns.recordStages([{ customerId: "C1", stage: "at_risk" }, { customerId: "C2", stage: "new" }], "2026-03-05T00:00:00.000Z")).toEqual({ changed: 1 });
      const stages = await s.campaigns.stages();
      expect(stages.get("C1")).toEqual({ stage: "at_risk", since: "2026-03-05T00:00:00.000Z" });
      expect(stages.get("C2")).toEqual({ stage: "new", since: T0 });
      await s.close();
    });
  });
}
