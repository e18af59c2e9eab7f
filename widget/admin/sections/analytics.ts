/**
 * The analytics section: a date range, headline numbers, and every chart of the dashboard (uPlot), each with its
 * table and a CSV download. The numbers are the server's (GET /admin/api/analytics); docs/metrics.md defines them.
 */
import { api, el, toast, type AdminSection } from "../shell.ts";
import { drawChart, type ChartData } from "./charts.ts";

interface DashboardResult {
  range: { from: string; to: string };
  summary: Record<string, number | null>;
  charts: ChartData[];
  ms: number;
}

const SUMMARY: [string, string, "share" | "count" | "seconds" | "usd"][] = [
  ["conversations", "Conversations", "count"], ["containmentRate", "Containment", "share"], ["handoffRate", "Handoff rate", "share"],
  ["csatBot", "CSAT bot", "share"], ["csatPeople", "CSAT people", "share"], ["fallbacks", "Fallbacks", "count"], ["wrongAnswerFlags", "Wrong-answer flags", "count"],
  ["medianBotFirstResponseS", "Bot first response (median)", "seconds"], ["medianPersonFirstResponseS", "Person first response (median)", "seconds"],
  ["conversionChatting", "Conversion, chatting", "share"], ["conversionNotChatting", "Conversion, not chatting", "share"], ["offerCostUsd", "Offer cost", "usd"],
];

function format(v: number | null | undefined, kind: string): string {
  if (v === null || v === undefined) return "–";
  if (kind === "share") return `${(v * 100).toFixed(1)} %`;
  if (kind === "seconds") return v < 120 ? `${v.toFixed(1)} s` : `${(v / 60).toFixed(1)} min`;
  if (kind === "usd") return `$${v.toFixed(2)}`;
  return String(v);
}

const day = (iso: string) => iso.slice(0, 10);
const lastDay = (iso: string) => new Date(Date.parse(iso) - 1).toISOString().slice(0, 10);

/** The analytics section of the admin area. */
export const analyticsSection: AdminSection = {
  id: "analytics",
  title: "Analytics",
  async mount(root) {
    root.classList.add("dash");
    const bar = el("form", "dash-range");
    const from = el("input");
    from.type = "date";
    from.setAttribute("aria-label", "From");
    const to = el("input");
    to.type = "date";
    to.setAttribute("aria-label", "To");
    const apply = el("button", "primary", "Apply");
    apply.type = "submit";
    const timing = el("span", "muted");
    bar.append(el("strong", "", "Range"), from, el("span", "", "to"), to, apply, timing);
    const cards = el("div", "dash-cards");
    const grid = el("div", "dash-grid");
    root.append(bar, cards, grid);

    const load = async (query: string) => {
      grid.setAttribute("aria-busy", "true");
      const t0 = performance.now();
      const d = await api<DashboardResult>(`/admin/api/analytics${query}`);
      from.value = day(d.range.from);
      to.value = lastDay(d.range.to);
      timing.textContent = `loaded in ${Math.round(performance.now() - t0)} ms (server ${d.ms} ms)`;
      cards.replaceChildren(...SUMMARY.map(([key, label, kind]) => {
        const c = el("div", "dash-card");
        c.dataset.metric = key;
        c.append(el("div", "muted", label), el("div", "value", format(d.summary[key], kind)));
        return c;
      }));
      const qs = `?from=${from.value}&to=${to.value}`;
      grid.replaceChildren();
      for (const chart of d.charts) grid.append(chartCard(chart, qs));
      grid.setAttribute("aria-busy", "false");
    };
    bar.addEventListener("submit", (ev) => {
      ev.preventDefault();
      load(`?from=${from.value}&to=${to.value}`).catch((err: Error) => toast(err.message, "error"));
    });
    await load("");
  },
};

function chartCard(chart: ChartData, qs: string): HTMLElement {
  const card = el("section", "dash-chart");
  card.dataset.chart = chart.id;
  card.dataset.rows = String(chart.rows.length);
  card.setAttribute("aria-label", chart.title);
  const head = el("div", "dash-chart-head");
  const csv = el("a", "", "CSV");
  csv.href = `/admin/api/analytics/${encodeURIComponent(chart.id)}.csv${qs}`;
  csv.setAttribute("download", "");
  csv.setAttribute("aria-label", `Download ${chart.title} as CSV`);
  head.append(el("h3", "", chart.title), el("span", "grow"), csv);
  card.append(head);
  if (chart.unit) card.append(el("div", "muted small", chart.unit));
  const plot = el("div", "plot");
  card.append(plot);
  const details = el("details");
  details.append(el("summary", "", `Table (${chart.rows.length} rows)`), table(chart));
  card.append(details);
  if (chart.note) card.append(el("div", "muted small", chart.note));
  // Drawn once the card is in the page, at its width.
  requestAnimationFrame(() => {
    const u = drawChart(plot, chart, Math.max(280, plot.clientWidth || 480));
    if (!u) details.open = true;
  });
  return card;
}

function table(chart: ChartData): HTMLTableElement {
  const t = el("table", "report");
  const head = el("tr");
  for (const c of chart.columns) head.append(el("th", "", c));
  t.append(head);
  for (const r of chart.rows) {
    const tr = el("tr");
    for (const v of r) tr.append(el("td", "", v === null ? "–" : String(v)));
    t.append(tr);
  }
  return t;
}
