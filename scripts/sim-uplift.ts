/**
 * `npm run sim:uplift -- [--runs 1000] [--uplift 0.03] [--value-effect 0] [--holdout 0.2] [--seed 42]
 *   [--customers 5000] [--days 28] [--window 14] [--bootstrap-runs 200] [--resamples 1000] [--json]`
 * Monte Carlo check of the campaign statistics on the generated demo shop (in memory, no server):
 * coverage, width and power of the 95 % intervals for a known injected uplift, and the false-positive
 * rate of looking every day (naive fixed-sample interval vs the always-valid mSPRT) with no uplift.
 * The library code is models/experiments (simulateUplift); this file only builds the customers.
 */
import { simulateUplift, type SimulatedCustomer, type UpliftSimulationReport } from "../models/experiments/index.ts";
import { simulateAdminReports, type AdminReportSimulation } from "../server/campaigns/index.ts";
import { DEMO_NOW, generateDemoShop } from "../server/demo-shop/index.ts";
import type { ShopData } from "../server/storage/index.ts";
import { createProgress, flagBool, flagString, parseArgs } from "./lib/index.ts";

const HELP = `Usage: npm run sim:uplift -- [options]

Simulates randomised campaigns with a holdout on the demo shop's customers and checks the statistics
in models/experiments against a known true uplift.

Each customer's baseline probability of ordering within the window comes from their own simulated
history: a gamma-Poisson posterior mean of their daily order rate over the last year (prior 0.5
orders/year), p = 1 − exp(−rate × window). Treated customers get +uplift on that probability and
order values × (1 + value-effect); a converter's revenue is one of their own past order totals.

Options:
  --runs N             simulated campaigns (default 1000)
  --uplift X           true absolute conversion uplift for treated customers (default 0.03)
  --value-effect X     true relative change of a treated converter's order value (default 0)
  --holdout X          holdout share (default 0.2)
  --seed N             seed of the demo shop and of the simulation (default 42)
  --customers N        demo-shop customers (default 5000)
  --days N             daily enrolment cohorts = daily looks (default 28)
  --window N           conversion window in days (default 14)
  --warm-up N          units per arm before the mSPRT may stop (default 100)
  --conversion-null-variance pooled|unpooled   variance behind the conversion mSPRT's p-value (default unpooled)
  --revenue-null-variance pooled|unpooled      same for revenue (default pooled: heavy tails and a small
                       holdout make the unpooled p-value anti-conservative)
  --conversion-interval-variance unpooled|conservative   variance behind the conversion confidence
                       sequence (default unpooled; conservative = larger of pooled and unpooled)
  --revenue-interval-variance unpooled|conservative      same for revenue (default conservative)
  --bootstrap-runs N   runs that also get a percentile bootstrap of the revenue uplift (default 200)
  --admin-runs N       campaigns also run through the admin's results code (server/campaigns: stored arms and
                       orders → computeCampaignReport, the GET /admin/api/campaigns/:id/results figures and
                       its daily-look early stop); 0 skips (default 1000)
  --resamples N        bootstrap resamples (default 1000)
  --json               print the report as one JSON object
  --help               this text`;

const DAY_MS = 86_400_000;
// Weak gamma prior on a customer's order rate: 0.5 orders per 365 days.
const PRIOR_ORDERS = 0.5;
const PRIOR_DAYS = 365;

/** Customers with a baseline window-purchase probability and order values from their own demo-shop history. */
function simulatedCustomers(shop: ShopData, windowDays: number): SimulatedCustomer[] {
  const now = Date.parse(DEMO_NOW);
  const yearAgo = now - 365 * DAY_MS;
  const byCustomer = new Map<string, { recent: number; values: number[] }>();
  const allValues: number[] = [];
  for (const o of shop.orders) {
    if (o.status === "cancelled") continue;
    const h = byCustomer.get(o.customerId) ?? { recent: 0, values: [] };
    if (Date.parse(o.placedAt) >= yearAgo) h.recent++;
    h.values.push(o.totalCents);
    allValues.push(o.totalCents);
    byCustomer.set(o.customerId, h);
  }
  return shop.customers.map((c) => {
    const h = byCustomer.get(c.id) ?? { recent: 0, values: [] };
    const exposureDays = Math.max(0, Math.min(365, (now - Date.parse(c.createdAt)) / DAY_MS));
    const dailyRate = (PRIOR_ORDERS + h.recent) / (PRIOR_DAYS + exposureDays);
    return { id: c.id, baselineProbability: 1 - Math.exp(-dailyRate * windowDays), orderValuesCents: h.values.length ? h.values : allValues };
  });
}

function numberFlag(args: ReturnType<typeof parseArgs>, name: string, fallback: number, check: (x: number) => boolean, what: string): number {
  const raw = flagString(args, name);
  const x = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(x) || !check(x)) throw new Error(`--${name} must be ${what}, got ${raw}`);
  return x;
}

function choiceFlag<T extends string>(args: ReturnType<typeof parseArgs>, name: string, choices: readonly T[], fallback: T): T {
  const v = flagString(args, name, fallback);
  if (!(choices as readonly string[]).includes(v)) throw new Error(`--${name} must be one of ${choices.join(", ")}, got ${v}`);
  return v as T;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const rateText = (r: { rate: number; se: number }) => `${pct(r.rate)} (± ${pct(r.se)} MC s.e.)`;
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

function printReport(r: UpliftSimulationReport, s: Record<string, number>, nulls: { conversion: string; revenue: string; conversionSequence: string; revenueSequence: string }, seconds: number): void {
  const f = r.fixedHorizon;
  console.log(`Demo shop: seed ${s.seed}, ${r.customers} customers, mean baseline ${s.window}-day purchase probability ${pct(r.meanBaselineProbability)}`);
  console.log(`Campaign: holdout ${pct(s.holdout)}, ${s.days} daily cohorts, ${s.runs} runs; true uplift: conversion ${(100 * r.truth.conversionUplift).toFixed(3)} points, revenue ${dollars(r.truth.revenueUpliftCents)} per customer`);
  console.log("");
  console.log("Fixed horizon (95 % intervals at the end of the campaign)");
  const row = (name: string, p: { coverage: { rate: number; se: number }; meanWidth: number; power: { rate: number; se: number; runs: number } }, width: string) =>
    console.log(`  ${name.padEnd(34)} coverage ${rateText(p.coverage).padEnd(26)} mean width ${width.padEnd(12)} power ${pct(p.power.rate)}  [${p.power.runs} runs]`);
  row("conversion, Newcombe hybrid score", f.conversion.newcombe, `${(100 * f.conversion.newcombe.meanWidth).toFixed(2)} pts`);
  row("conversion, Wald (naive baseline)", f.conversion.wald, `${(100 * f.conversion.wald.meanWidth).toFixed(2)} pts`);
  row("revenue/customer, Welch", f.revenue.welch, dollars(f.revenue.welch.meanWidth));
  if (f.revenue.bootstrap) row("revenue/customer, bootstrap", f.revenue.bootstrap, dollars(f.revenue.bootstrap.meanWidth));
  console.log("");
  console.log(`Daily looks (${s.days} looks; α = 5 %; mSPRT warm-up ${s.warmUp} per arm; null variance: conversion ${nulls.conversion}, revenue ${nulls.revenue}; sequence variance: conversion ${nulls.conversionSequence}, revenue ${nulls.revenueSequence})`);
  for (const metric of ["conversion", "revenue"] as const) {
    const q = r.sequential[metric];
    console.log(`  ${metric}`);
    console.log(`    false positives, uplift 0, fixed interval checked daily (naive): ${rateText(q.naiveDailyFalsePositive)}`);
    console.log(`    false positives, uplift 0, always-valid mSPRT checked daily:     ${rateText(q.alwaysValidFalsePositive)}`);
    console.log(`    power of the mSPRT under the injected uplift: ${rateText(q.alwaysValidPower)}, mean stopping day ${q.meanStopDay === null ? "–" : q.meanStopDay.toFixed(1)}`);
    const width = metric === "conversion" ? `${(100 * q.meanFinalSequenceWidth).toFixed(2)} pts` : dollars(q.meanFinalSequenceWidth);
    console.log(`    confidence sequence missed the true uplift on some day: ${rateText(q.confidenceSequenceMiss)}; mean width after the last day ${width}`);
  }
  console.log("");
  console.log(`${seconds.toFixed(1)} s`);
}

function printAdmin(a: AdminReportSimulation, runs: number): void {
  console.log("");
  console.log(`The admin's results (server/campaigns computeCampaignReport, ${runs} campaigns written as stored arms and orders)`);
  console.log(`  conversion uplift, Newcombe 95 %: coverage ${pct(a.conversion.coverage)}, mean width ${(100 * a.conversion.meanWidth).toFixed(2)} pts`);
  console.log(`  revenue/customer uplift, Welch 95 %: coverage ${pct(a.revenue.coverage)}, mean width ${dollars(a.revenue.meanWidth)}`);
  console.log(`  early stop (mSPRT, daily looks): false stops with no uplift ${pct(a.earlyStop.falsePositiveRate)}, stops with the uplift ${pct(a.earlyStop.power)}, final sequence missed the truth ${pct(a.earlyStop.intervalMissRate)}`);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2), {
    valued: ["runs", "uplift", "value-effect", "holdout", "seed", "customers", "days", "window", "warm-up", "conversion-null-variance", "revenue-null-variance", "conversion-interval-variance", "revenue-interval-variance", "bootstrap-runs", "resamples", "admin-runs"],
    boolean: ["json", "help"],
  });
  if (flagBool(args, "help")) {
    console.log(HELP);
    return;
  }
  const int = (x: number) => Number.isInteger(x) && x >= 0;
  const s = {
    runs: numberFlag(args, "runs", 1000, (x) => int(x) && x > 0, "a positive integer"),
    uplift: numberFlag(args, "uplift", 0.03, (x) => x >= -1 && x <= 1, "a number in [−1, 1]"),
    valueEffect: numberFlag(args, "value-effect", 0, (x) => x > -1, "a number > −1"),
    holdout: numberFlag(args, "holdout", 0.2, (x) => x > 0 && x < 1, "a number in (0, 1)"),
    seed: numberFlag(args, "seed", 42, int, "a non-negative integer"),
    customers: numberFlag(args, "customers", 5000, (x) => int(x) && x >= 2, "an integer ≥ 2"),
    days: numberFlag(args, "days", 28, (x) => int(x) && x > 0, "a positive integer"),
    window: numberFlag(args, "window", 14, (x) => x > 0, "a positive number"),
    warmUp: numberFlag(args, "warm-up", 100, (x) => int(x) && x >= 2, "an integer ≥ 2"),
    bootstrapRuns: numberFlag(args, "bootstrap-runs", 200, int, "a non-negative integer"),
    resamples: numberFlag(args, "resamples", 1000, (x) => int(x) && x >= 100, "an integer ≥ 100"),
    adminRuns: numberFlag(args, "admin-runs", 1000, int, "a non-negative integer"),
  };
  const conversionNull = choiceFlag(args, "conversion-null-variance", ["pooled", "unpooled"] as const, "unpooled");
  const revenueNull = choiceFlag(args, "revenue-null-variance", ["pooled", "unpooled"] as const, "pooled");
  const conversionSequence = choiceFlag(args, "conversion-interval-variance", ["unpooled", "conservative"] as const, "unpooled");
  const revenueSequence = choiceFlag(args, "revenue-interval-variance", ["unpooled", "conservative"] as const, "conservative");
  const json = flagBool(args, "json");
  const started = performance.now();

  const gen = createProgress({ label: "generating demo shop", total: s.customers });
  let done = 0;
  const shop = generateDemoShop({ seed: s.seed, customers: s.customers, onProgress: (d) => { gen.increment(d - done); done = d; } });
  gen.stop();
  const customers = simulatedCustomers(shop, s.window);

  const progress = createProgress({ label: "simulating campaigns", total: s.runs });
  const report = simulateUplift(customers, {
    runs: s.runs, seed: s.seed, holdoutShare: s.holdout, conversionUplift: s.uplift, orderValueEffect: s.valueEffect, days: s.days,
    warmUpUnitsPerArm: s.warmUp,
    nullVariance: { conversion: conversionNull, revenue: revenueNull },
    intervalVariance: { conversion: conversionSequence, revenue: revenueSequence },
    bootstrap: { runs: Math.min(s.bootstrapRuns, s.runs), resamples: s.resamples }, onRun: () => progress.increment(),
  });
  progress.stop();
  let admin: AdminReportSimulation | null = null;
  if (s.adminRuns > 0) {
    const bar = createProgress({ label: "admin results code", total: s.adminRuns });
    admin = simulateAdminReports(customers, {
      runs: s.adminRuns, seed: s.seed, holdoutShare: s.holdout, conversionUplift: s.uplift, days: s.days, windowDays: s.window, onRun: () => bar.increment(),
    });
    bar.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  if (json) console.log(JSON.stringify({ settings: { ...s, conversionNullVariance: conversionNull, revenueNullVariance: revenueNull, conversionIntervalVariance: conversionSequence, revenueIntervalVariance: revenueSequence }, ...report, admin, seconds: Math.round(seconds * 10) / 10 }));
  else {
    printReport(report, s, { conversion: conversionNull, revenue: revenueNull, conversionSequence, revenueSequence }, seconds);
    if (admin) printAdmin(admin, s.adminRuns);
  }
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
