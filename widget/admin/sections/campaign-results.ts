/**
 * A campaign's results in the admin area: reach and opens, conversion and revenue per customer per arm, the uplift
 * with its 95 % interval, coupons redeemed, incremental revenue and ROI, the always-valid test, and a chart of the
 * conversion uplift over time with its confidence sequence (uPlot). The server computes every figure.
 */
import uPlot from "uplot";
import { el } from "../shell.ts";

type Interval = [number, number];
/** The part of GET /admin/api/campaigns/:id/results this view draws (server/campaigns/results.ts). */
export interface ResultsView {
  campaign: { id: string; name: string; status: string; stopReason: string | null };
  report: {
    reach: { treated: number; holdout: number; shown: number; opened: number; dismissed: number; openRate: number };
    results: {
      treatment: { n: number; conversions: number; conversionRate: number; revenuePerCustomer: { mean: number } };
      holdout: { n: number; conversions: number; conversionRate: number; revenuePerCustomer: { mean: number } };
      conversionUplift: { value: number; interval: Interval };
      revenueUplift: { value: number; interval: Interval };
      incrementalRevenueCents: { value: number; interval: Interval };
      roi: { value: number; interval: Interval } | null;
    };
    coupons: { redeemed: number; costCents: number; budgetCents: number; budgetSpent: boolean };
    sequential: { pValue: number; interval: Interval | null; effectDetected: boolean; detectedOn: string | null; looks: number; minUnitsPerArm: number };
    series: { day: string; uplift: number; interval: Interval | null }[];
  };
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : "–");
const pp = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} pts` : "–");
const money = (cents: number) => (Number.isFinite(cents) ? `$${(cents / 100).toFixed(2)}` : "–");
const range = (iv: Interval | null, f: (x: number) => string) => (iv ? `${f(iv[0])} to ${f(iv[1])}` : "not yet (warming up)");

function table(rows: [string, string, string?][]): HTMLTableElement {
  const t = el("table", "report");
  for (const [k, a, b] of rows) {
    const tr = el("tr");
    tr.append(el("th", undefined, k), el("td", undefined, a));
    if (b !== undefined) tr.append(el("td", undefined, b));
    t.append(tr);
  }
  return t;
}

/** Draw a campaign's results into `root` (replacing what was there). */
export function renderResults(root: HTMLElement, view: ResultsView): void {
  const { report: r, campaign: c } = view;
  const res = r.results;
  root.replaceChildren(
    el("h3", undefined, `${c.name} — ${c.status}${c.stopReason ? ` (${c.stopReason})` : ""}`),
    el("h2", undefined, "Reach"),
    table([
      ["Treated / holdout", `${r.reach.treated} / ${r.reach.holdout}`],
      ["Shown (widget + e-mail)", String(r.reach.shown)],
      ["Opened (widget)", `${r.reach.opened} (${pct(r.reach.openRate)})`],
      ["Dismissed", String(r.reach.dismissed)],
    ]),
    el("h2", undefined, "Outcome"),
    table([
      ["", "Treated", "Holdout"],
      ["Conversion", `${res.treatment.conversions} / ${res.treatment.n} (${pct(res.treatment.conversionRate)})`, `${res.holdout.conversions} / ${res.holdout.n} (${pct(res.holdout.conversionRate)})`],
      ["Revenue per customer", money(res.treatment.revenuePerCustomer.mean), money(res.holdout.revenuePerCustomer.mean)],
    ]),
    table([
      ["Conversion uplift (95 %)", `${pp(res.conversionUplift.value)} (${range(res.conversionUplift.interval, pp)})`],
      ["Revenue per customer uplift (95 %)", `${money(res.revenueUplift.value)} (${range(res.revenueUplift.interval, money)})`],
      ["Incremental revenue (95 %)", `${money(res.incrementalRevenueCents.value)} (${range(res.incrementalRevenueCents.interval, money)})`],
      ["Coupons redeemed", `${r.coupons.redeemed}, cost ${money(r.coupons.costCents)} of ${r.coupons.budgetCents ? money(r.coupons.budgetCents) : "no budget"}${r.coupons.budgetSpent ? " — spent" : ""}`],
      ["ROI (95 %)", res.roi ? `${pct(res.roi.value)} (${range(res.roi.interval, pct)})` : "no coupon cost yet"],
      ["Always-valid test (daily looks)", `p = ${r.sequential.pValue.toPrecision(2)}, interval ${range(r.sequential.interval, pp)}${r.sequential.effectDetected ? `, effect found on ${r.sequential.detectedOn}` : ""}`],
    ]),
  );
  const chart = el("div", "chart");
  chart.setAttribute("aria-label", "Conversion uplift over time with its always-valid 95 % interval");
  root.append(el("h2", undefined, "Conversion uplift over time"), chart);
  const xs = r.series.map((d) => Date.parse(d.day) / 1000);
  const nullable = (f: (d: ResultsView["report"]["series"][number]) => number | null) => r.series.map(f) as (number | null)[];
  const data: uPlot.AlignedData = [
    xs,
    nullable((d) => d.uplift * 100),
    nullable((d) => (d.interval ? Math.max(-100, d.interval[0] * 100) : null)),
    nullable((d) => (d.interval ? Math.min(100, d.interval[1] * 100) : null)),
  ];
  new uPlot({
    width: Math.min(720, root.clientWidth || 720), height: 240,
    series: [{}, { label: "uplift (pts)", stroke: "#2f6b4f", width: 2 }, { label: "lower", stroke: "#9bb8a9", dash: [4, 4] }, { label: "upper", stroke: "#9bb8a9", dash: [4, 4] }],
    axes: [{}, { label: "points" }],
  }, data, chart);
}
