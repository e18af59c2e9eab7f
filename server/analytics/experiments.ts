/**
 * Offers and experiments for the dashboard: offers issued and their cost per experiment and arm (offers table), and the
 * measured uplift of each experiment (conversion within the window, treatment vs holdout, Newcombe's interval).
 *
 * Extension point: campaigns (another source of experiments) plug in as an `ExperimentSource` passed to
 * createAnalytics (`extraExperiments`); each returns rows of the same shape, so the chart and its CSV list them too.
 */
import { computeUplift } from "../dialogue/experiments.ts";
import type { AnalyticsStore, DialogueStore } from "../storage/index.ts";
import type { Chart, DateRange } from "./types.ts";

/** One experiment's offers and measured uplift in a range. */
export interface ExperimentRow {
  /** Where it comes from: "dialogue" (upsell, retention offers) or another source such as "campaign". */
  source: string;
  experiment: string;
  offersShown: number;
  offersWithheld: number;
  costCents: number;
  treatmentUnits: number;
  holdoutUnits: number;
  treatmentRate: number;
  holdoutRate: number;
  uplift: number;
  ci95: [number, number];
}

/** A further source of experiments (campaigns): lists its experiments with their outcomes for a range. */
export type ExperimentSource = (range: DateRange, windowDays: number) => Promise<ExperimentRow[]>;

/**
 * The experiments recorded in the offers table (upsell, retention) with offers, cost and uplift.
 * @example const rows = await listOfferExperiments({ analytics, dialogue }, range, 14);
 */
export async function listOfferExperiments(stores: { analytics: AnalyticsStore; dialogue: DialogueStore }, range: DateRange, windowDays: number): Promise<ExperimentRow[]> {
  const summary = await stores.analytics.offerSummary(range.from, range.to);
  const names = [...new Set(summary.map((s) => s.experiment))].sort();
  const rows: ExperimentRow[] = [];
  for (const experiment of names) {
    const mine = summary.filter((s) => s.experiment === experiment);
    const u = computeUplift(experiment, await stores.dialogue.outcomes(experiment, range.from, range.to, windowDays), { ...range, windowDays });
    rows.push({
      source: "dialogue", experiment,
      offersShown: mine.reduce((n, s) => n + s.shown, 0),
      offersWithheld: mine.filter((s) => s.arm === "holdout").reduce((n, s) => n + s.due, 0),
      costCents: mine.reduce((n, s) => n + s.costCents, 0),
      treatmentUnits: u.treatment.units, holdoutUnits: u.holdout.units, treatmentRate: u.treatment.rate, holdoutRate: u.holdout.rate, uplift: u.uplift, ci95: u.ci95,
    });
  }
  return rows;
}

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The experiments table as a chart. */
export function experimentsChart(rows: readonly ExperimentRow[]): Chart {
  return {
    id: "experiments", title: "Offers and experiments", kind: "table", unit: "cost in dollars; rates 0–1",
    note: "Uplift: conversion within the window, treatment minus holdout, with Newcombe's 95 % interval (docs/experiment-statistics.md).",
    columns: ["experiment", "source", "offers_shown", "offers_withheld", "cost_usd", "treatment_customers", "holdout_customers", "treatment_rate", "holdout_rate", "uplift", "uplift_ci_low", "uplift_ci_high"],
    rows: rows.map((r) => [r.experiment, r.source, r.offersShown, r.offersWithheld, r.costCents / 100, r.treatmentUnits, r.holdoutUnits, r4(r.treatmentRate), r4(r.holdoutRate), r4(r.uplift), r4(r.ci95[0]), r4(r.ci95[1])]),
  };
}
