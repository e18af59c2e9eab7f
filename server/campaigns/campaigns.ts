/**
 * The campaign service: define campaigns, preview their audience, deliver the proactive widget message on a
 * customer's visit (arm drawn once and stored, holdout shown nothing, shown once, a frequency cap across campaigns),
 * export the e-mail channel, record openings and dismissals, and stop a campaign whose budget is spent.
 */
import { randomBytes } from "node:crypto";
import { assignArm, mixingSdForHorizon } from "../../models/experiments/index.ts";
import type { CatalogueService } from "../catalogue/index.ts";
import type { EventBus } from "../cluster/index.ts";
import type { CustomerInsightsService } from "../customers/index.ts";
import { AppError } from "../errors.ts";
import type { ProductCard } from "../protocol.ts";
import type { CampaignAssignmentRecord, CampaignChannel, CampaignRecord, CampaignStore, ShopRepository } from "../storage/index.ts";
import { inAudience, triggerHolds } from "./audience.ts";
import { createAudienceSnapshot, type AudienceSnapshot } from "./audience-snapshot.ts";
import { couponValueCents } from "./coupon.ts";
import { computeCampaignReport, type CampaignReport } from "./results.ts";
import { CampaignInputSchema, type Audience, type CampaignInput, type CampaignMessage, type CampaignPatchInput, type CampaignTrigger } from "./definition.ts";

const DAY_MS = 86_400_000;

/** A campaign as the admin API shows it (the JSON parts typed). */
export type Campaign = Omit<CampaignRecord, "audience" | "message" | "trigger"> & { audience: Audience; message: CampaignMessage; trigger: CampaignTrigger };

/** The proactive message a treated customer gets in the widget (protocol frame `campaign`, docs/protocol.md). */
export interface ProactiveMessage {
  campaignId: string;
  text: string;
  coupon?: { code: string; valueCents: number };
  products?: ProductCard[];
}

/** An audience's size now and a few of its members. */
export interface AudiencePreview {
  asOf: string;
  /** Customers in the audience (marketing consent, every rule, the trigger). */
  count: number;
  /** Customers with the model scores the rules look at but no marketing consent (left out). */
  withoutConsent: number;
  sample: { id: string; name: string; segment: string | null; stage: string | null; churnRisk: number | null; clvCents: number | null; lastOrderAt: string | null }[];
}

/** One row of the e-mail export (treated customers only). */
export interface EmailExportRow {
  customerId: string;
  email: string;
  name: string;
  text: string;
  couponCode: string | null;
  couponValueCents: number | null;
  productIds: string[];
  assignedAt: string;
}

/** Options of createCampaigns. */
export interface CampaignsOptions {
  store: CampaignStore;
  shop: ShopRepository;
  insights: () => CustomerInsightsService;
  catalogue: Pick<CatalogueService, "cards">;
  bus?: EventBus;
  /** At most one proactive widget message per customer in this many days, across campaigns (default 7). */
  frequencyCapDays?: number;
  /** How long audience scores are reused (default 60 s; shop changes invalidate them sooner). */
  snapshotTtlMs?: number;
  clock?: () => Date;
}

/** The campaign service. */
export interface Campaigns {
  create(input: unknown, createdBy: string): Promise<Campaign>;
  list(): Promise<Campaign[]>;
  get(id: string): Promise<Campaign>;
  update(id: string, patch: CampaignPatchInput): Promise<Campaign>;
  /** The audience of a stored campaign, or of a draft definition (validated like a new campaign). */
  preview(what: { id: string } | { draft: unknown }, sampleSize?: number): Promise<AudiencePreview>;
  /** The message to show a verified customer opening the widget now, or null (and the arm is stored either way). */
  proactiveFor(customerId: string): Promise<ProactiveMessage | null>;
  /** The customer opened or dismissed the proactive message (the first time counts); CHAT_ERR_NOT_FOUND when it was not shown to them. */
  record(customerId: string, campaignId: string, event: "opened" | "dismissed"): Promise<{ recorded: boolean }>;
  /** Assign the e-mail channel's audience (holdout included) and list the treated customers' messages. */
  exportEmail(id: string): Promise<{ campaign: Campaign; rows: EmailExportRow[]; newlyAssigned: number }>;
  /** The campaign's results now; applies the early-stop rule (when turned on) and the budget (docs/campaigns.md). */
  results(id: string): Promise<{ campaign: Campaign; report: CampaignReport }>;
  /** Stop a campaign (early stop, budget spent, an admin) unless stopped already. */
  stop(id: string, reason: string): Promise<void>;
  /** Forget cached audience scores (the shop's data or the models changed). */
  invalidate(): void;
}

const typed = (r: CampaignRecord): Campaign => r as Campaign;
const live = (c: Campaign, now: Date) => c.status === "active" && Date.parse(c.startsAt) <= now.getTime() && (!c.endsAt || Date.parse(c.endsAt) > now.getTime());
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? "";

/**
 * The mSPRT mixing sd for a campaign, fixed before any data: the conversion uplift's standard error at the planned
 * reach (the audience at creation, at least 400) with a 5 % base rate (docs/campaigns.md).
 */
export function planMixingSd(audienceCount: number, holdoutShare: number): number {
  const n = Math.max(400, audienceCount);
  const p = 0.05;
  return mixingSdForHorizon(Math.sqrt(p * (1 - p) * (1 / (n * (1 - holdoutShare)) + 1 / (n * holdoutShare))));
}

/** Create the campaign service. */
export function createCampaigns(options: CampaignsOptions): Campaigns {
  const { store, shop } = options;
  const clock = options.clock ?? (() => new Date());
  const capMs = (options.frequencyCapDays ?? 7) * DAY_MS;
  const snapshot: AudienceSnapshot = createAudienceSnapshot({ insights: options.insights, shop, store, ttlMs: options.snapshotTtlMs, clock });

  const get = async (id: string): Promise<Campaign> => {
    const r = await store.get(id);
    if (!r) throw new AppError("CHAT_ERR_NOT_FOUND", `No campaign ${id}.`);
    return typed(r);
  };

  const members = async (audience: Audience, trigger: CampaignTrigger, startsAt: string) => {
    const snap = await snapshot.current();
    const asOf = new Date(snap.asOf);
    const now = clock();
    const inside: string[] = [];
    let withoutConsent = 0;
    for (const [id, f] of snap.facts) {
      // Purchase-date rules are measured at the models' "now"; the stage-change trigger at the clock's.
      if (!triggerHolds(f, trigger, trigger.kind === "became_at_risk" ? now : asOf, startsAt)) continue;
      if (inAudience(f, audience, asOf)) inside.push(id);
      else if (!f.marketingConsent && inAudience({ ...f, marketingConsent: true }, audience, asOf)) withoutConsent++;
    }
    return { snap, inside, withoutConsent };
  };

  const previewOf = async (audience: Audience, trigger: CampaignTrigger, startsAt: string, sampleSize: number): Promise<AudiencePreview> => {
    const { snap, inside, withoutConsent } = await members(audience, trigger, startsAt);
    const sample = inside.slice(0, sampleSize).map((id) => {
      const f = snap.facts.get(id)!;
      return { id, name: f.name, segment: f.score.segment, stage: f.score.stage, churnRisk: f.score.churnRisk, clvCents: f.score.clvCents, lastOrderAt: f.score.lastOrderAt };
    });
    return { asOf: snap.asOf, count: inside.length, withoutConsent, sample };
  };

  const couponSpent = async (c: Campaign) => (await store.redemptions(c.id)).reduce((sum, r) => sum + r.amountCents, 0);

  const assignOnce = async (c: Campaign, customerId: string, channel: CampaignChannel, clvCents: number | null, at: string) => {
    const arm = assignArm(c.id, customerId, c.holdoutShare);
    const value = c.message.coupon ? couponValueCents(c.message.coupon, clvCents) : null;
    // Holdout customers get no code; treated ones a code of their own (attributed when an order uses it).
    const code = arm === "treatment" && value !== null ? `CMP-${randomBytes(4).toString("hex").toUpperCase()}` : null;
    return store.assign({ campaignId: c.id, customerId, arm, channel, couponCode: code, couponCents: code ? value! : 0, assignedAt: at });
  };

  const delivered = async (a: CampaignAssignmentRecord, at: string) => {
    await options.bus?.publish("campaign.message.delivered", {
      campaignId: a.campaignId, messageId: `${a.campaignId}:${a.customerId}:${a.channel}`, customerId: a.customerId, channel: a.channel, deliveredAt: at,
    });
  };

  const productIdsFor = async (c: Campaign, customerId: string): Promise<string[]> => {
    if (!c.message.productCards) return [];
    const recs = await options.insights().recommend(customerId, { k: c.message.productCards });
    return recs.map((r) => r.productId);
  };

  const service: Campaigns = {
    async create(raw, createdBy) {
      const parsed = CampaignInputSchema.safeParse(raw);
      if (!parsed.success) throw new AppError("CHAT_ERR_VALIDATION", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
      const input: CampaignInput = parsed.data;
      const now = clock().toISOString();
      const startsAt = input.startsAt ?? now;
      const { count } = await previewOf(input.audience, input.trigger, startsAt, 0);
      const id = `cmp_${randomBytes(6).toString("hex")}`;
      const rec = await store.insert({
        id, name: input.name, status: input.status, stopReason: null, audience: input.audience, message: input.message, channels: input.channels, trigger: input.trigger,
        startsAt, endsAt: input.endsAt ?? null, budgetCents: input.budgetCents, holdoutShare: input.holdoutShare, conversionWindowDays: input.conversionWindowDays,
        earlyStop: input.earlyStop, mixingSd: planMixingSd(count, input.holdoutShare), createdBy, createdAt: now, updatedAt: now,
      });
      return typed(rec);
    },

    async list() {
      return (await store.list()).map(typed);
    },

    get,

    async update(id, patch) {
      const c = await get(id);
      if (c.status === "stopped" && patch.status && patch.status !== "stopped") throw new AppError("CHAT_ERR_VALIDATION", "A stopped campaign cannot be restarted; create a new one.");
      if (patch.endsAt && Date.parse(patch.endsAt) <= Date.parse(c.startsAt)) throw new AppError("CHAT_ERR_VALIDATION", "endsAt must be after the campaign's start.");
      const stopReason = patch.status === "stopped" && c.status !== "stopped" ? "stopped by an admin" : undefined;
      await store.update(id, { ...patch, ...(stopReason ? { stopReason } : {}), updatedAt: clock().toISOString() });
      return get(id);
    },

    async preview(what, sampleSize = 10) {
      if ("id" in what) {
        const c = await get(what.id);
        return previewOf(c.audience, c.trigger, c.startsAt, sampleSize);
      }
      const parsed = CampaignInputSchema.safeParse(what.draft);
      if (!parsed.success) throw new AppError("CHAT_ERR_VALIDATION", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
      return previewOf(parsed.data.audience, parsed.data.trigger, parsed.data.startsAt ?? clock().toISOString(), sampleSize);
    },

    async proactiveFor(customerId) {
      const now = clock();
      const last = await store.lastAssignedAt(customerId, "widget");
      if (last && now.getTime() - Date.parse(last) < capMs) return null;
      const campaigns = (await store.list()).map(typed).filter((c) => live(c, now) && c.channels.includes("widget")).reverse();
      if (!campaigns.length) return null;
      const snap = await snapshot.current();
      const f = snap.facts.get(customerId);
      if (!f) return null;
      const asOf = new Date(snap.asOf);
      for (const c of campaigns) {
        if (await store.getAssignment(c.id, customerId)) continue;
        if (!triggerHolds(f, c.trigger, c.trigger.kind === "became_at_risk" ? now : asOf, c.startsAt) || !inAudience(f, c.audience, asOf)) continue;
        if (c.budgetCents > 0 && (await couponSpent(c)) >= c.budgetCents) {
          await service.stop(c.id, "budget spent");
          continue;
        }
        const at = now.toISOString();
        const { assignment, created } = await assignOnce(c, customerId, "widget", f.score.clvCents, at);
        if (!created) continue;
        // The holdout uses the visit's slot too (the cap counts it), so both arms face the same later campaigns.
        if (assignment.arm === "holdout") return null;
        await store.recordShown({ campaignId: c.id, customerId, channel: "widget", at });
        await delivered(assignment, at);
        const productIds = await productIdsFor(c, customerId);
        const msg: ProactiveMessage = { campaignId: c.id, text: c.message.text.replaceAll("{firstName}", firstName(f.name)) };
        if (assignment.couponCode) msg.coupon = { code: assignment.couponCode, valueCents: assignment.couponCents };
        if (productIds.length) msg.products = options.catalogue.cards(productIds);
        return msg;
      }
      return null;
    },

    async record(customerId, campaignId, event) {
      if (!(await store.getDelivery(campaignId, customerId, "widget"))) throw new AppError("CHAT_ERR_NOT_FOUND", "No campaign message was shown to you with that id.");
      return { recorded: await store.mark(campaignId, customerId, event, clock().toISOString()) };
    },

    async exportEmail(id) {
      const c = await get(id);
      if (!c.channels.includes("email")) throw new AppError("CHAT_ERR_VALIDATION", "This campaign does not use the e-mail channel.");
      const now = clock();
      let newlyAssigned = 0;
      if (live(c, now)) {
        const { snap, inside } = await members(c.audience, c.trigger, c.startsAt);
        const at = now.toISOString();
        for (const customerId of inside) {
          if (await store.getAssignment(c.id, customerId)) continue;
          const { assignment, created } = await assignOnce(c, customerId, "email", snap.facts.get(customerId)!.score.clvCents, at);
          if (!created) continue;
          newlyAssigned++;
          if (assignment.arm === "treatment") {
            await store.recordShown({ campaignId: c.id, customerId, channel: "email", at });
            await delivered(assignment, at);
          }
        }
      }
      const rows: EmailExportRow[] = [];
      for (const a of await store.listAssignments(c.id)) {
        if (a.arm !== "treatment" || a.channel !== "email") continue;
        const customer = await shop.getCustomer(a.customerId);
        if (!customer) continue;
        rows.push({
          customerId: a.customerId, email: customer.email, name: customer.name, text: c.message.text.replaceAll("{firstName}", firstName(customer.name)),
          couponCode: a.couponCode, couponValueCents: a.couponCode ? a.couponCents : null, productIds: await productIdsFor(c, a.customerId), assignedAt: a.assignedAt,
        });
      }
      return { campaign: c, rows, newlyAssigned };
    },

    async results(id) {
      let c = await get(id);
      const [assignments, deliveries, orders, redemptions] = await Promise.all([
        store.listAssignments(id), store.listDeliveries(id), store.ordersAfterAssignment(id), store.redemptions(id),
      ]);
      const report = computeCampaignReport(c, { assignments, deliveries, orders, redemptions }, clock());
      if (c.status !== "stopped") {
        if (c.earlyStop && report.sequential.effectDetected) {
          await service.stop(id, `early stop: the always-valid test found an effect on conversion on ${report.sequential.detectedOn} (p = ${report.sequential.pValue.toPrecision(2)})`);
        } else if (report.coupons.budgetSpent) await service.stop(id, "budget spent");
        c = await get(id);
      }
      return { campaign: c, report };
    },

    async stop(id, reason) {
      const c = await get(id);
      if (c.status === "stopped") return;
      await store.update(id, { status: "stopped", stopReason: reason, updatedAt: clock().toISOString() });
    },

    invalidate: () => snapshot.invalidate(),
  };
  return service;
}
