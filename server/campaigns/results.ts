/**
 * A campaign's results from what is stored: the arms, the deliveries, the orders placed in each customer's
 * conversion window after their assignment, and the coupons redeemed. The fixed-horizon figures come from
 * computeCampaignResults and the early-stop rule from the always-valid mSPRT (models/experiments), looked at once
 * per day since the start, so repeated looks by the admin do not inflate false positives (docs/campaigns.md).
 */
import {
  addObservation, computeCampaignResults, createSequentialTest, EMPTY_SAMPLE,
  type CampaignResults, type CustomerOutcome, type Interval, type SampleSummary,
} from "../../models/experiments/index.ts";
import type { AssignedOrderRow, CampaignAssignmentRecord, CampaignDeliveryRecord, CampaignRedemptionRow } from "../storage/index.ts";

const DAY_MS = 86_400_000;

/** What the results need about a campaign. */
export interface ResultsCampaign {
  startsAt: string;
  conversionWindowDays: number;
  mixingSd: number;
  budgetCents: number;
}

/** The stored facts of one campaign. */
export interface ResultsData {
  assignments: readonly CampaignAssignmentRecord[];
  deliveries: readonly CampaignDeliveryRecord[];
  orders: readonly AssignedOrderRow[];
  redemptions: readonly CampaignRedemptionRow[];
}

/** One day of the chart: customers whose conversion window had ended by the end of the day, and the always-valid interval at that look. */
export interface ResultsDay {
  day: string;
  treated: number;
  holdout: number;
  treatedConversionRate: number;
  holdoutConversionRate: number;
  uplift: number;
  /** The mSPRT confidence sequence for the conversion uplift (null while warming up). */
  interval: Interval | null;
  pValue: number;
}

/** Everything the admin's results view shows. */
export interface CampaignReport {
  asOf: string;
  /** Treated customers reached (shown the widget message or sent in the e-mail export), and how many opened it. */
  reach: { treated: number; holdout: number; shown: number; opened: number; dismissed: number; openRate: number };
  /** Conversion, revenue per customer, uplift with 95 % intervals, incremental revenue and ROI (margin 1: on revenue). */
  results: CampaignResults;
  coupons: { redeemed: number; costCents: number; budgetCents: number; budgetSpent: boolean };
  /** The always-valid test on the conversion uplift, looked at daily. */
  sequential: { pValue: number; interval: Interval | null; effectDetected: boolean; detectedOn: string | null; looks: number; minUnitsPerArm: number };
  series: ResultsDay[];
}

/** Units per arm before the sequential test may stop (its variance estimate needs some data). */
export const MIN_UNITS_PER_ARM = 100;

interface Outcome extends CustomerOutcome {
  assignedAt: number;
}

/** Per-customer outcomes: converted when an order was placed in [assigned, assigned + window) up to `now`. */
export function customerOutcomes(campaign: ResultsCampaign, data: ResultsData, now: Date): Outcome[] {
  const windowMs = campaign.conversionWindowDays * DAY_MS;
  const byCustomer = new Map<string, AssignedOrderRow[]>();
  for (const o of data.orders) byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o]);
  return data.assignments.map((a) => {
    const from = Date.parse(a.assignedAt);
    const inWindow = (byCustomer.get(a.customerId) ?? []).filter((o) => {
      const t = Date.parse(o.placedAt);
      return t >= from && t < from + windowMs && t <= now.getTime();
    });
    const revenueCents = inWindow.reduce((s, o) => s + o.totalCents, 0);
    return { arm: a.arm, converted: inWindow.length > 0, revenueCents, assignedAt: from };
  });
}

/**
 * Compute the report. Customers assigned recently have had less time to convert; randomisation makes that the same
 * in both arms, so the uplift so far is unbiased for "within the time seen so far".
 * @example computeCampaignReport(campaign, await loadResultsData(store, id), new Date())
 */
export function computeCampaignReport(campaign: ResultsCampaign, data: ResultsData, now: Date): CampaignReport {
  const outcomes = customerOutcomes(campaign, data, now);
  const costCents = data.redemptions.reduce((s, r) => s + r.amountCents, 0);
  const results = computeCampaignResults({ outcomes, couponCostCents: costCents, margin: 1 });

  // One look per day since the start, at the customers whose conversion window had ended by then: their outcome is
  // final, so every look estimates the same uplift (the mSPRT assumes a fixed effect; partial windows would drift).
  const test = createSequentialTest({ mixingSd: campaign.mixingSd, minUnitsPerArm: MIN_UNITS_PER_ARM, nullVariance: "unpooled" });
  const series: ResultsDay[] = [];
  const start = Date.parse(campaign.startsAt);
  const windowMs = campaign.conversionWindowDays * DAY_MS;
  const days = Math.max(1, Math.ceil((now.getTime() - start) / DAY_MS));
  let detectedOn: string | null = null;
  let last: ReturnType<typeof test.look> | null = null;
  for (let d = 1; d <= days; d++) {
    const end = Math.min(start + d * DAY_MS, now.getTime());
    const totals: Record<"treatment" | "holdout", SampleSummary> = { treatment: EMPTY_SAMPLE, holdout: EMPTY_SAMPLE };
    for (const o of outcomes) {
      if (o.assignedAt + windowMs > end) continue;
      totals[o.arm] = addObservation(totals[o.arm], o.converted ? 1 : 0);
    }
    const look = totals.treatment.n >= 2 && totals.holdout.n >= 2 ? test.look(totals) : null;
    if (look) last = look;
    if (look?.reason === "effect-detected" && !detectedOn) detectedOn = new Date(end).toISOString().slice(0, 10);
    series.push({
      day: new Date(end).toISOString().slice(0, 10),
      treated: totals.treatment.n,
      holdout: totals.holdout.n,
      treatedConversionRate: totals.treatment.mean,
      holdoutConversionRate: totals.holdout.mean,
      uplift: totals.treatment.mean - totals.holdout.mean,
      interval: look && look.reason !== "warming-up" ? look.interval : null,
      pValue: look?.pValue ?? 1,
    });
  }

  const treatedIds = new Set(data.assignments.filter((a) => a.arm === "treatment").map((a) => a.customerId));
  const shown = data.deliveries.filter((d) => treatedIds.has(d.customerId));
  const opened = shown.filter((d) => d.openedAt).length;
  return {
    asOf: now.toISOString(),
    reach: {
      treated: results.treatment.n, holdout: results.holdout.n, shown: shown.length, opened, dismissed: shown.filter((d) => d.dismissedAt).length,
      openRate: shown.filter((d) => d.channel === "widget").length ? opened / shown.filter((d) => d.channel === "widget").length : 0,
    },
    results,
    coupons: { redeemed: data.redemptions.length, costCents, budgetCents: campaign.budgetCents, budgetSpent: campaign.budgetCents > 0 && costCents >= campaign.budgetCents },
    sequential: {
      pValue: last?.pValue ?? 1, interval: last && last.reason !== "warming-up" ? last.interval : null, effectDetected: detectedOn !== null, detectedOn,
      looks: series.length, minUnitsPerArm: MIN_UNITS_PER_ARM,
    },
    series,
  };
}
