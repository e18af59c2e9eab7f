/**
 * Drawing a dashboard chart with uPlot (bundled with the admin page; wrapped here once): time series over days or
 * months as lines, categories as bars. The chart's numbers come from the server as a table (columns + rows).
 */
import uPlot from "uplot";

/** One chart's data as the server sends it (server/analytics/types.ts). */
export interface ChartData {
  id: string;
  title: string;
  kind: "time" | "bar" | "table";
  columns: string[];
  rows: (string | number | null)[][];
  unit?: string;
  note?: string;
}

const COLOURS = ["#2f6b4f", "#b3261e", "#a86400", "#3558a8", "#7a3fa0", "#1e7b45"];

/** Columns (after the first) whose values are all numbers or empty: the series a chart can draw. */
export function numericColumns(chart: ChartData): number[] {
  return chart.columns.map((_, i) => i).filter((i) => i > 0 && chart.rows.length > 0 && chart.rows.every((r) => r[i] === null || typeof r[i] === "number"));
}

/** Seconds since the epoch of "YYYY-MM-DD" or "YYYY-MM". */
const timeOf = (x: string) => Date.parse(x.length === 7 ? `${x}-01T00:00:00Z` : `${x}T00:00:00Z`) / 1000;

/**
 * Draw `chart` into `target` (width in CSS pixels); returns the uPlot instance, or null for a table-only chart or no data.
 * @example drawChart(div, chart, 520);
 */
export function drawChart(target: HTMLElement, chart: ChartData, width: number): uPlot | null {
  const series = numericColumns(chart);
  if (chart.kind === "table" || series.length === 0) return null;
  const bar = chart.kind === "bar";
  const shown = bar ? series.slice(0, 2) : series;
  const x = chart.rows.map((r, i) => (bar ? i : timeOf(String(r[0]))));
  const data: uPlot.AlignedData = [x, ...shown.map((c) => chart.rows.map((r) => (r[c] === null ? null : Number(r[c]))))];
  const labels = chart.rows.map((r) => String(r[0]));
  const opts: uPlot.Options = {
    width,
    height: 220,
    scales: { x: { time: !bar, ...(bar ? { range: [-0.6, labels.length - 0.4] as [number, number] } : {}) } },
    axes: [
      bar ? { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? (labels[s] ?? "").slice(0, 18) : "")), space: 30, rotate: labels.length > 5 ? -30 : 0, size: labels.length > 5 ? 70 : 40 } as uPlot.Axis : {},
      {},
    ],
    series: [
      { label: chart.columns[0] },
      ...shown.map((c, k) => ({
        label: chart.columns[c],
        stroke: COLOURS[k % COLOURS.length],
        width: 2,
        ...(bar ? { fill: COLOURS[k % COLOURS.length] + "cc", paths: uPlot.paths.bars!({ size: [0.7 / shown.length, 60], align: (k === 0 ? -1 : 1) as 1 | -1 }) , points: { show: false } } : {}),
      })),
    ],
  };
  return new uPlot(opts, data, target);
}
