/**
 * What an admin defines for a campaign, validated once: the audience rules, the message (text, coupon rule, product
 * cards), channels, schedule and trigger, budget, holdout share, conversion window and the early-stop rule.
 */
import { z } from "zod";

const SEGMENTS = ["champions", "loyal", "potential_loyalists", "new", "promising", "need_attention", "at_risk", "cant_lose", "hibernating", "lost", "prospect"] as const;
const STAGES = ["prospect", "new", "active", "growing", "at_risk", "churned"] as const;

const range = (max: number, what: string) =>
  z.object({ min: z.number().min(0).max(max).optional(), max: z.number().min(0).max(max).optional() }).strict()
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: `${what}: min must not exceed max` });

/** Who a campaign is for; every rule given must hold (marketing consent is always required). */
export const AudienceSchema = z.object({
  segments: z.array(z.enum(SEGMENTS)).max(SEGMENTS.length).optional(),
  stages: z.array(z.enum(STAGES)).max(STAGES.length).optional(),
  /** Churn risk between 0 and 1. */
  churnRisk: range(1, "churnRisk").optional(),
  /** Predicted lifetime value in cents. */
  clvCents: range(100_000_000, "clvCents").optional(),
  /** Days since the last purchase (customers without one never match a window). */
  lastPurchaseDays: range(36_500, "lastPurchaseDays").optional(),
  /** Product affinity: one of these among the customer's top three categories. */
  categories: z.array(z.string().min(1).max(60)).max(20).optional(),
}).strict();
/** The audience rules. */
export type Audience = z.infer<typeof AudienceSchema>;

/** A coupon worth a share of the customer's CLV, rounded to whole dollars and kept within [min, max] (like retention offers). */
export const CouponRuleSchema = z.object({
  shareOfClv: z.number().min(0).max(0.5),
  minCents: z.number().int().min(100).max(100_000),
  maxCents: z.number().int().min(100).max(100_000),
}).strict().refine((c) => c.minCents <= c.maxCents, { message: "coupon: minCents must not exceed maxCents" });
/** The coupon rule. */
export type CouponRule = z.infer<typeof CouponRuleSchema>;

/** What the customer is told. `{firstName}` in the text is replaced by the customer's first name. */
export const MessageSchema = z.object({
  text: z.string().trim().min(1).max(500),
  coupon: CouponRuleSchema.nullable().default(null),
  /** Product cards from the recommender for each customer (0 = none). */
  productCards: z.number().int().min(0).max(4).default(0),
}).strict();
/** The campaign message. */
export type CampaignMessage = z.infer<typeof MessageSchema>;

/** When a customer of the audience qualifies: any time, after becoming at risk, or N days after a first purchase. */
export const TriggerSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }).strict(),
  /** Entered the at-risk stage within the last `withinDays` days (and after the campaign started). */
  z.object({ kind: z.literal("became_at_risk"), withinDays: z.number().int().min(1).max(365).default(30) }).strict(),
  /** First purchase at least `daysAgo` days ago, and at most `daysAgo + graceDays`. */
  z.object({ kind: z.literal("first_purchase"), daysAgo: z.number().int().min(1).max(3650), graceDays: z.number().int().min(0).max(365).default(7) }).strict(),
]);
/** The trigger rule. */
export type CampaignTrigger = z.infer<typeof TriggerSchema>;

const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), { message: "must be an ISO-8601 time" }).transform((s) => new Date(s).toISOString());

/** A new campaign as the admin API accepts it. */
export const CampaignInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  audience: AudienceSchema.default({}),
  message: MessageSchema,
  channels: z.array(z.enum(["widget", "email"])).min(1).max(2).refine((c) => new Set(c).size === c.length, { message: "channels: each at most once" }),
  trigger: TriggerSchema.default({ kind: "none" }),
  startsAt: isoTime.optional(),
  endsAt: isoTime.nullable().optional(),
  /** The most the campaign's redeemed coupons may cost, in cents; the campaign stops when it is spent. */
  budgetCents: z.number().int().min(0).max(100_000_000),
  holdoutShare: z.number().gt(0).lt(1).default(0.2),
  conversionWindowDays: z.number().int().min(1).max(90).default(14),
  /** Stop early when the always-valid sequential test finds an effect on conversion. */
  earlyStop: z.boolean().default(false),
  /** Start delivering now (`active`) or keep as a draft. */
  status: z.enum(["draft", "active"]).default("draft"),
}).strict().refine((c) => !c.endsAt || !c.startsAt || c.endsAt > c.startsAt, { message: "endsAt must be after startsAt", path: ["endsAt"] });
/** The validated input of a new campaign. */
export type CampaignInput = z.infer<typeof CampaignInputSchema>;

/** What an update may change (draft fields, and the status). */
export const CampaignPatchSchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  status: z.enum(["draft", "active", "paused", "stopped"]).optional(),
  endsAt: isoTime.nullable().optional(),
  budgetCents: z.number().int().min(0).max(100_000_000).optional(),
  earlyStop: z.boolean().optional(),
}).strict();
/** The validated update. */
export type CampaignPatchInput = z.infer<typeof CampaignPatchSchema>;
