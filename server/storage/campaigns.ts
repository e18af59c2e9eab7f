import type { SqlExecutor, SqlParam } from "./driver.ts";

/** Where a campaign is in its life. */
export type CampaignStatus = "draft" | "active" | "paused" | "stopped";
/** How a campaign reaches a customer. */
export type CampaignChannel = "widget" | "email";
/** Treatment gets the message; the holdout is recorded and gets nothing. */
export type CampaignArmName = "treatment" | "holdout";

/** A stored campaign; the JSON parts (audience, message, trigger) are validated by server/campaigns. */
export interface CampaignRecord {
  id: string;
  name: string;
  status: CampaignStatus;
  stopReason: string | null;
  audience: unknown;
  message: unknown;
  channels: CampaignChannel[];
  trigger: unknown;
  startsAt: string;
  endsAt: string | null;
  budgetCents: number;
  holdoutShare: number;
  conversionWindowDays: number;
  earlyStop: boolean;
  /** The sequential test's mixing sd τ on the conversion uplift, fixed when the campaign is created (docs/campaigns.md). */
  mixingSd: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** One customer's stored arm in one campaign. */
export interface CampaignAssignmentRecord {
  campaignId: string;
  customerId: string;
  arm: CampaignArmName;
  channel: CampaignChannel;
  couponCode: string | null;
  couponCents: number;
  assignedAt: string;
}

/** The proactive message's (or an export's) life for one customer. */
export interface CampaignDeliveryRecord {
  campaignId: string;
  customerId: string;
  channel: CampaignChannel;
  shownAt: string;
  openedAt: string | null;
  dismissedAt: string | null;
}

/** An order an assigned customer placed after their assignment (not cancelled). */
export interface AssignedOrderRow {
  customerId: string;
  orderId: string;
  placedAt: string;
  totalCents: number;
}

/** A campaign coupon used in an order. */
export interface CampaignRedemptionRow {
  customerId: string;
  orderId: string;
  code: string;
  amountCents: number;
  placedAt: string;
}

type CampaignRow = {
  id: string; name: string; status: CampaignStatus; stop_reason: string | null; audience: string; message: string; channels: string; trigger_rule: string;
  starts_at: string; ends_at: string | null; budget_cents: number; holdout_share: number; conversion_window_days: number; early_stop: number; mixing_sd: number;
  created_by: string; created_at: string; updated_at: string;
};
type AssignmentRow = { campaign_id: string; customer_id: string; arm: CampaignArmName; channel: CampaignChannel; coupon_code: string | null; coupon_cents: number; assigned_at: string };
type DeliveryRow = { campaign_id: string; customer_id: string; channel: CampaignChannel; shown_at: string; opened_at: string | null; dismissed_at: string | null };

const toCampaign = (r: CampaignRow): CampaignRecord => ({
  id: r.id, name: r.name, status: r.status, stopReason: r.stop_reason, audience: JSON.parse(r.audience), message: JSON.parse(r.message),
  channels: JSON.parse(r.channels) as CampaignChannel[], trigger: JSON.parse(r.trigger_rule), startsAt: r.starts_at, endsAt: r.ends_at,
  budgetCents: Number(r.budget_cents), holdoutShare: Number(r.holdout_share), conversionWindowDays: Number(r.conversion_window_days),
  earlyStop: Number(r.early_stop) === 1, mixingSd: Number(r.mixing_sd), createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
});
const toAssignment = (r: AssignmentRow): CampaignAssignmentRecord => ({
  campaignId: r.campaign_id, customerId: r.customer_id, arm: r.arm, channel: r.channel, couponCode: r.coupon_code, couponCents: Number(r.coupon_cents), assignedAt: r.assigned_at,
});
const toDelivery = (r: DeliveryRow): CampaignDeliveryRecord => ({
  campaignId: r.campaign_id, customerId: r.customer_id, channel: r.channel, shownAt: r.shown_at, openedAt: r.opened_at, dismissedAt: r.dismissed_at,
});

/** The columns an update may change. */
export type CampaignPatch = Partial<Omit<CampaignRecord, "id" | "mixingSd" | "createdBy" | "createdAt" | "updatedAt">> & { updatedAt: string };

const PATCH_COLUMNS: Record<Exclude<keyof CampaignPatch, "updatedAt">, [string, (v: never) => SqlParam]> = {
  name: ["name", (v: string) => v],
  status: ["status", (v: string) => v],
  stopReason: ["stop_reason", (v: string | null) => v],
  audience: ["audience", (v: unknown) => JSON.stringify(v)],
  message: ["message", (v: unknown) => JSON.stringify(v)],
  channels: ["channels", (v: unknown) => JSON.stringify(v)],
  trigger: ["trigger_rule", (v: unknown) => JSON.stringify(v)],
  startsAt: ["starts_at", (v: string) => v],
  endsAt: ["ends_at", (v: string | null) => v],
  budgetCents: ["budget_cents", (v: number) => v],
  holdoutShare: ["holdout_share", (v: number) => v],
  conversionWindowDays: ["conversion_window_days", (v: number) => v],
  earlyStop: ["early_stop", (v: boolean) => (v ? 1 : 0)],
};

/** Persistence of campaigns, their stored arms, their deliveries and the customers' lifecycle-stage changes. */
export interface CampaignStore {
  insert(c: CampaignRecord): Promise<CampaignRecord>;
  get(id: string): Promise<CampaignRecord | undefined>;
  list(): Promise<CampaignRecord[]>;
  /** Change some columns; false when there is no such campaign. */
  update(id: string, patch: CampaignPatch): Promise<boolean>;
  /**
   * Store a customer's arm unless one is stored already, and return the stored one: the first call decides, so
   * an arm is drawn once per campaign and customer whatever happens later (also across instances).
   */
  assign(a: CampaignAssignmentRecord): Promise<{ assignment: CampaignAssignmentRecord; created: boolean }>;
  getAssignment(campaignId: string, customerId: string): Promise<CampaignAssignmentRecord | undefined>;
  listAssignments(campaignId: string): Promise<CampaignAssignmentRecord[]>;
  /** Record that a customer was shown (or sent) a campaign's message; false when it already was (shown once). */
  recordShown(d: { campaignId: string; customerId: string; channel: CampaignChannel; at: string }): Promise<boolean>;
  /** Mark the first opening or dismissal of a shown message; false when not shown or already marked. */
  mark(campaignId: string, customerId: string, event: "opened" | "dismissed", at: string): Promise<boolean>;
  getDelivery(campaignId: string, customerId: string, channel: CampaignChannel): Promise<CampaignDeliveryRecord | undefined>;
  listDeliveries(campaignId: string): Promise<CampaignDeliveryRecord[]>;
  /** When the customer was last shown any campaign's message in `channel` (the frequency cap), or null. */
  lastShownAt(customerId: string, channel: CampaignChannel): Promise<string | null>;
  /** When the customer was last assigned an arm of any campaign in `channel` (the frequency cap counts holdout slots too), or null. */
  lastAssignedAt(customerId: string, channel: CampaignChannel): Promise<string | null>;
  /** Orders (not cancelled) the campaign's assigned customers placed at or after their assignment. */
  ordersAfterAssignment(campaignId: string): Promise<AssignedOrderRow[]>;
  /** Orders that used one of the campaign's coupon codes. */
  redemptions(campaignId: string): Promise<CampaignRedemptionRow[]>;
  /** Record each customer's current lifecycle stage; `since` moves to `at` only when the stage changed. */
  recordStages(stages: readonly { customerId: string; stage: string }[], at: string): Promise<{ changed: number }>;
  /** When each customer entered their recorded stage. */
  stages(): Promise<Map<string, { stage: string; since: string }>>;
}

/** Create the campaign store over a SQL driver (SQLite or PostgreSQL). */
export function createCampaignStore(db: SqlExecutor): CampaignStore {
  const store: CampaignStore = {
    async insert(c) {
      await db.run(
        `INSERT INTO campaigns (id, name, status, stop_reason, audience, message, channels, trigger_rule, starts_at, ends_at, budget_cents, holdout_share,
          conversion_window_days, early_stop, mixing_sd, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          c.id, c.name, c.status, c.stopReason, JSON.stringify(c.audience), JSON.stringify(c.message), JSON.stringify(c.channels), JSON.stringify(c.trigger),
          c.startsAt, c.endsAt, c.budgetCents, c.holdoutShare, c.conversionWindowDays, c.earlyStop ? 1 : 0, c.mixingSd, c.createdBy, c.createdAt, c.updatedAt,
        ],
      );
      return (await store.get(c.id))!;
    },
    async get(id) {
      const r = await db.get<CampaignRow>("SELECT * FROM campaigns WHERE id = ?", [id]);
      return r && toCampaign(r);
    },
    async list() {
      return (await db.all<CampaignRow>("SELECT * FROM campaigns ORDER BY created_at DESC, id")).map(toCampaign);
    },
    async update(id, patch) {
      const sets = ["updated_at = ?"];
      const args: SqlParam[] = [patch.updatedAt];
      for (const [key, [column, encode]] of Object.entries(PATCH_COLUMNS)) {
        const v = (patch as Record<string, unknown>)[key];
        if (v === undefined) continue;
        sets.push(`${column} = ?`);
        args.push((encode as (x: unknown) => SqlParam)(v));
      }
      return (await db.run(`UPDATE campaigns SET ${sets.join(", ")} WHERE id = ?`, [...args, id])).changes === 1;
    },
    async assign(a) {
      const r = await db.run(
        `INSERT INTO campaign_assignments (campaign_id, customer_id, arm, channel, coupon_code, coupon_cents, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (campaign_id, customer_id) DO NOTHING`,
        [a.campaignId, a.customerId, a.arm, a.channel, a.couponCode?.toUpperCase() ?? null, a.couponCents, a.assignedAt],
      );
      return { assignment: (await store.getAssignment(a.campaignId, a.customerId))!, created: r.changes === 1 };
    },
    async getAssignment(campaignId, customerId) {
      const r = await db.get<AssignmentRow>("SELECT * FROM campaign_assignments WHERE campaign_id = ? AND customer_id = ?", [campaignId, customerId]);
      return r && toAssignment(r);
    },
    async listAssignments(campaignId) {
      return (await db.all<AssignmentRow>("SELECT * FROM campaign_assignments WHERE campaign_id = ? ORDER BY assigned_at, customer_id", [campaignId])).map(toAssignment);
    },
    async recordShown(d) {
      const r = await db.run(
        "INSERT INTO campaign_deliveries (campaign_id, customer_id, channel, shown_at) VALUES (?, ?, ?, ?) ON CONFLICT (campaign_id, customer_id, channel) DO NOTHING",
        [d.campaignId, d.customerId, d.channel, d.at],
      );
      return r.changes === 1;
    },
    async mark(campaignId, customerId, event, at) {
      const column = event === "opened" ? "opened_at" : "dismissed_at";
      const r = await db.run(`UPDATE campaign_deliveries SET ${column} = ? WHERE campaign_id = ? AND customer_id = ? AND channel = 'widget' AND ${column} IS NULL`, [at, campaignId, customerId]);
      return r.changes === 1;
    },
    async getDelivery(campaignId, customerId, channel) {
      const r = await db.get<DeliveryRow>("SELECT * FROM campaign_deliveries WHERE campaign_id = ? AND customer_id = ? AND channel = ?", [campaignId, customerId, channel]);
      return r && toDelivery(r);
    },
    async listDeliveries(campaignId) {
      return (await db.all<DeliveryRow>("SELECT * FROM campaign_deliveries WHERE campaign_id = ? ORDER BY shown_at, customer_id", [campaignId])).map(toDelivery);
    },
    async lastShownAt(customerId, channel) {
      const r = await db.get<{ at: string | null }>("SELECT max(shown_at) AS at FROM campaign_deliveries WHERE customer_id = ? AND channel = ?", [customerId, channel]);
      return r?.at ?? null;
    },
    async lastAssignedAt(customerId, channel) {
      const r = await db.get<{ at: string | null }>("SELECT max(assigned_at) AS at FROM campaign_assignments WHERE customer_id = ? AND channel = ?", [customerId, channel]);
      return r?.at ?? null;
    },
    async ordersAfterAssignment(campaignId) {
      const rows = await db.all<{ customer_id: string; id: string; placed_at: string; total_cents: number }>(
        `SELECT a.customer_id, o.id, o.placed_at, o.total_cents FROM campaign_assignments a
         JOIN orders o ON o.customer_id = a.customer_id AND o.placed_at >= a.assigned_at AND o.status <> 'cancelled'
         WHERE a.campaign_id = ? ORDER BY o.placed_at, o.id`,
        [campaignId],
      );
      return rows.map((r) => ({ customerId: r.customer_id, orderId: r.id, placedAt: r.placed_at, totalCents: Number(r.total_cents) }));
    },
    async redemptions(campaignId) {
      const rows = await db.all<{ customer_id: string; order_id: string; code: string; amount_cents: number; placed_at: string }>(
        `SELECT a.customer_id, d.order_id, d.code, d.amount_cents, o.placed_at FROM campaign_assignments a
         JOIN order_discount_codes d ON d.code = a.coupon_code JOIN orders o ON o.id = d.order_id
         WHERE a.campaign_id = ? AND o.status <> 'cancelled' ORDER BY o.placed_at, d.order_id`,
        [campaignId],
      );
      return rows.map((r) => ({ customerId: r.customer_id, orderId: r.order_id, code: r.code, amountCents: Number(r.amount_cents), placedAt: r.placed_at }));
    },
    async recordStages(stages, at) {
      return db.transaction(async (tx) => {
        const known = new Map((await tx.all<{ customer_id: string; stage: string }>("SELECT customer_id, stage FROM customer_stages")).map((r) => [r.customer_id, r.stage]));
        let changed = 0;
        for (const s of stages) {
          const before = known.get(s.customerId);
          if (before === s.stage) continue;
          changed++;
          if (before === undefined) await tx.run("INSERT INTO customer_stages (customer_id, stage, since) VALUES (?, ?, ?)", [s.customerId, s.stage, at]);
          else await tx.run("UPDATE customer_stages SET stage = ?, since = ? WHERE customer_id = ?", [s.stage, at, s.customerId]);
        }
        return { changed };
      });
    },
    async stages() {
      const rows = await db.all<{ customer_id: string; stage: string; since: string }>("SELECT customer_id, stage, since FROM customer_stages");
      return new Map(rows.map((r) => [r.customer_id, { stage: r.stage, since: r.since }]));
    },
  };
  return store;
}
