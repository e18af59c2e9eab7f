/**
 * Monte Carlo check of the results the admin area shows: simulated campaigns are written as the stored records the
 * results read (arms with their assignment times, orders placed in the conversion window) and run through
 * computeCampaignReport, the function behind GET /admin/api/campaigns/:id/results, with the campaign's mixing sd
 * from planMixingSd as at creation. Used by `npm run sim:uplift` (docs/campaigns.md).
 */
import { assignArm, type Interval, type SimulatedCustomer } from "../../models/experiments/index.ts";
import { createRandom, shuffleInPlace } from "../../models/random.ts";
import type { AssignedOrderRow, CampaignAssignmentRecord } from "../storage/index.ts";
import { planMixingSd } from "./campaigns.ts";
import { computeCampaignReport, type ResultsData } from "./results.ts";

const DAY_MS = 86_400_000;
const START = Date.parse("2026-01-05T00:00:00.000Z");

/** Options of simulateAdminReports. */
export interface AdminReportSimulationOptions {
  runs: number;
  seed: number;
  holdoutShare: number;
  /** True absolute uplift of the window-purchase probability for treated customers. */
  conversionUplift: number;
  /** Daily enrolment cohorts (customers are assigned over this many days). */
  days: number;
  windowDays: number;
  onRun?: () => void;
}

/** How often an interval held the truth, and how wide it was. */
export interface CoverageTally {
  runs: number;
  coverage: number;
  meanWidth: number;
}

/** What the admin's results got right over the simulated campaigns. */
export interface AdminReportSimulation {
  truth: { conversionUplift: number; revenueUpliftCents: number };
  /** The 95 % Newcombe interval of the conversion uplift shown by the admin. */
  conversion: CoverageTally;
  /** The 95 % Welch interval of the revenue-per-customer uplift shown by the admin. */
  revenue: CoverageTally;
  /** Daily looks of the admin's early-stop rule: false stops with no uplift, stops with the uplift. */
  earlyStop: { falsePositiveRate: number; power: number; intervalMissRate: number };
}

const covers = (iv: Interval, x: number) => iv[0] <= x && x <= iv[1];

/** Run simulated campaigns through the admin's results code. */
export function simulateAdminReports(customers: readonly SimulatedCustomer[], o: AdminReportSimulationOptions): AdminReportSimulation {
  const n = customers.length;
  const mean = (f: (c: SimulatedCustomer) => number) => customers.reduce((s, c) => s + f(c), 0) / n;
  const meanValue = (c: SimulatedCustomer) => c.orderValuesCents.reduce((s, v) => s + v, 0) / c.orderValuesCents.length;
  const pT = (c: SimulatedCustomer) => Math.min(1, Math.max(0, c.baselineProbability + o.conversionUplift));
  const truth = {
    conversionUplift: mean((c) => pT(c) - c.baselineProbability),
    revenueUpliftCents: mean((c) => (pT(c) - c.baselineProbability) * meanValue(c)),
  };
  const campaign = { startsAt: new Date(START).toISOString(), conversionWindowDays: o.windowDays, mixingSd: planMixingSd(n, o.holdoutShare), budgetCents: 0 };
  const now = new Date(START + (o.days + o.windowDays) * DAY_MS);
  const order = customers.map((_, i) => i);
  const tally = { conv: 0, convWidth: 0, rev: 0, revWidth: 0, falseStops: 0, stops: 0, seqMiss: 0 };

  const simulate = (run: number, uplift: boolean, rand: () => number): ResultsData => {
    const id = `cmp_sim${o.seed}x${run}`;
    shuffleInPlace(order, rand);
    const perDay = Math.ceil(n / o.days);
    const assignments: CampaignAssignmentRecord[] = [];
    const orders: AssignedOrderRow[] = [];
    order.forEach((ci, k) => {
      const c = customers[ci];
      const at = START + Math.floor(k / perDay) * DAY_MS + rand() * DAY_MS;
      const arm = assignArm(id, c.id, o.holdoutShare);
      assignments.push({ campaignId: id, customerId: c.id, arm, channel: "widget", couponCode: null, couponCents: 0, assignedAt: new Date(at).toISOString() });
      const p = arm === "treatment" && uplift ? pT(c) : c.baselineProbability;
      if (rand() < p) {
        const value = c.orderValuesCents[Math.floor(rand() * c.orderValuesCents.length)];
        orders.push({ customerId: c.id, orderId: `${id}-${c.id}`, placedAt: new Date(at + rand() * o.windowDays * DAY_MS).toISOString(), totalCents: value });
      }
    });
    return { assignments, deliveries: [], orders, redemptions: [] };
  };

  for (let run = 0; run < o.runs; run++) {
    const rand = createRandom((o.seed * 2_000_003 + run * 104_729) >>> 0);
    const r = computeCampaignReport(campaign, simulate(run, true, rand), now);
    const conv = r.results.conversionUplift.interval;
    const rev = r.results.revenueUplift.interval;
    if (covers(conv, truth.conversionUplift)) tally.conv++;
    tally.convWidth += conv[1] - conv[0];
    if (covers(rev, truth.revenueUpliftCents)) tally.rev++;
    tally.revWidth += rev[1] - rev[0];
    if (r.sequential.effectDetected) tally.stops++;
    if (r.sequential.interval && !covers(r.sequential.interval, truth.conversionUplift)) tally.seqMiss++;
    const none = computeCampaignReport(campaign, simulate(run, false, rand), now);
    if (none.sequential.effectDetected) tally.falseStops++;
    o.onRun?.();
  }
  const runs = o.runs;
  return {
    truth,
    conversion: { runs, coverage: tally.conv / runs, meanWidth: tally.convWidth / runs },
    revenue: { runs, coverage: tally.rev / runs, meanWidth: tally.revWidth / runs },
    earlyStop: { falsePositiveRate: tally.falseStops / runs, power: tally.stops / runs, intervalMissRate: tally.seqMiss / runs },
  };
}
