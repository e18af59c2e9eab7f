/** Audience rules and triggers over the customer models' scores; pure functions. */
import type { CustomerScore } from "../customers/index.ts";
import type { Audience, CampaignTrigger } from "./definition.ts";

const DAY_MS = 86_400_000;

/** What an audience check needs about one customer besides the model scores. */
export interface AudienceFacts {
  score: CustomerScore;
  marketingConsent: boolean;
  /** When the customer entered their current lifecycle stage (customer_stages), if recorded. */
  stageSince?: string;
}

const within = (x: number | null, r: { min?: number; max?: number } | undefined) =>
  r === undefined || (x !== null && (r.min === undefined || x >= r.min) && (r.max === undefined || x <= r.max));

/**
 * Whether a customer belongs to the audience now: marketing consent, then every rule given.
 * @example inAudience({ score, marketingConsent: true }, { stages: ["at_risk"] }, new Date())
 */
export function inAudience(f: AudienceFacts, audience: Audience, now: Date): boolean {
  const s = f.score;
  if (!f.marketingConsent) return false;
  if (audience.segments?.length && !(s.segment && audience.segments.includes(s.segment))) return false;
  if (audience.stages?.length && !(s.stage && audience.stages.includes(s.stage))) return false;
  if (!within(s.churnRisk, audience.churnRisk)) return false;
  if (!within(s.clvCents, audience.clvCents)) return false;
  const lastDays = s.lastOrderAt ? (now.getTime() - Date.parse(s.lastOrderAt)) / DAY_MS : null;
  if (!within(lastDays, audience.lastPurchaseDays)) return false;
  if (audience.categories?.length && !s.categories.slice(0, 3).some((c) => audience.categories!.includes(c))) return false;
  return true;
}

/**
 * Whether the trigger holds for a customer now. `became_at_risk` needs the recorded stage change to be after the
 * campaign started and within `withinDays`; `first_purchase` needs the first order `daysAgo` to `daysAgo + graceDays` days ago.
 */
export function triggerHolds(f: AudienceFacts, trigger: CampaignTrigger, now: Date, campaignStart: string): boolean {
  switch (trigger.kind) {
    case "none":
      return true;
    case "became_at_risk": {
      if (f.score.stage !== "at_risk" || !f.stageSince) return false;
      const since = Date.parse(f.stageSince);
      return since >= Date.parse(campaignStart) && now.getTime() - since <= trigger.withinDays * DAY_MS;
    }
    case "first_purchase": {
      if (!f.score.firstOrderAt) return false;
      const days = (now.getTime() - Date.parse(f.score.firstOrderAt)) / DAY_MS;
      return days >= trigger.daysAgo && days <= trigger.daysAgo + trigger.graceDays;
    }
  }
}
