/**
 * The customer charts of the dashboard as pure functions of orders, conversations and browsing (docs/metrics.md):
 * conversion of chatting vs non-chatting customers, repeat-purchase retention by monthly cohort, the distribution of
 * customer value to date, and lifecycle-stage sizes per month.
 */
import type { ConversationFact, OrderFact } from "../storage/index.ts";
import { monthDiff, monthOfIso, ratio } from "./stats.ts";
import type { Chart, DateRange } from "./types.ts";

const DAY_MS = 86_400_000;

/** Lifecycle bars in days since the last order (docs/metrics.md). */
export const LIFECYCLE_ACTIVE_DAYS = 90;
export const LIFECYCLE_AT_RISK_DAYS = 180;

/** Customer-value buckets in dollars (lower bounds). */
const VALUE_BUCKETS = [0, 50, 100, 250, 500, 1000, 2500];

/** Order times per customer, ascending (epoch ms), with their totals. */
function ordersByCustomer(orders: readonly OrderFact[]): Map<string, { t: number[]; months: string[]; cents: number }> {
  const m = new Map<string, { t: number[]; months: string[]; cents: number }>();
  // Sorted by time (AnalyticsStore.orders already is), so each customer's list is too.
  const inOrder = orders.every((o, i) => i === 0 || orders[i - 1].placedAt <= o.placedAt) ? orders : [...orders].sort((a, b) => (a.placedAt < b.placedAt ? -1 : 1));
  for (const o of inOrder) {
    const e = m.get(o.customerId) ?? { t: [], months: [], cents: 0 };
    e.t.push(Date.parse(o.placedAt));
    e.months.push(monthOfIso(o.placedAt));
    e.cents += o.totalCents;
    m.set(o.customerId, e);
  }
  return m;
}

/** True when one of the ascending times lies in (start, start + days]. */
function orderWithin(times: readonly number[] | undefined, start: number, days: number): boolean {
  return (times ?? []).some((t) => t > start && t <= start + days * DAY_MS);
}

/** The last "YYYY-MM" months ending with the month of `toIso`, oldest first. */
function lastMonths(toIso: string, n: number): string[] {
  const end = new Date(Date.parse(toIso) - 1);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (n - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** First instant after the month "YYYY-MM". */
const monthEnd = (month: string) => Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);

/** Inputs of the customer charts. */
export interface CustomerFacts {
  conversations: readonly ConversationFact[];
  orders: readonly OrderFact[];
  firstActivity: readonly { customerId: string; at: string }[];
}

/** Every customer chart for the range; `windowDays` is the conversion window (CONVERSION_WINDOW_DAYS). */
export function customerCharts(range: DateRange, facts: CustomerFacts, windowDays: number): { charts: Chart[]; summary: Record<string, number | null> } {
  const byCustomer = ordersByCustomer(facts.orders);

  // Conversion: an order within N days of the first conversation (chatting) or of the first browsing event (not chatting).
  const firstChat = new Map<string, number>();
  for (const c of facts.conversations) {
    if (!c.customerId) continue;
    const t = Date.parse(c.createdAt);
    if (!firstChat.has(c.customerId) || t < firstChat.get(c.customerId)!) firstChat.set(c.customerId, t);
  }
  const groups = { chatting: { n: 0, converted: 0 }, "not chatting": { n: 0, converted: 0 } };
  for (const [id, t] of firstChat) {
    groups.chatting.n++;
    if (orderWithin(byCustomer.get(id)?.t, t, windowDays)) groups.chatting.converted++;
  }
  for (const a of facts.firstActivity) {
    if (firstChat.has(a.customerId)) continue;
    groups["not chatting"].n++;
    if (orderWithin(byCustomer.get(a.customerId)?.t, Date.parse(a.at), windowDays)) groups["not chatting"].converted++;
  }
  const conversion: Chart = {
    id: "conversion", title: `Conversion within ${windowDays} days: chatting vs not chatting`, kind: "bar", unit: "share 0–1",
    note: "Observational: customers who chat differ from those who do not; the experiments below measure causal uplift.",
    columns: ["group", "conversion_rate", "customers", "converted"],
    rows: Object.entries(groups).map(([g, v]) => [g, ratio(v.converted, v.n), v.n, v.converted]),
  };

  // Repeat-purchase retention by cohort (month of first order), over the 12 months ending with the range.
  const months = lastMonths(range.to, 12);
  const toMonth = monthOfIso(new Date(Date.parse(range.to) - 1).toISOString());
  const offsets = [1, 2, 3, 6];
  const cohorts = new Map(months.map((m) => [m, { n: 0, back: offsets.map(() => 0) }]));
  for (const { months: om } of byCustomer.values()) {
    const cohortMonth = om[0];
    const c = cohorts.get(cohortMonth);
    if (!c) continue;
    c.n++;
    const active = new Set(om.slice(1).map((x) => monthDiff(cohortMonth, x)));
    offsets.forEach((k, i) => {
      if (active.has(k)) c.back[i]++;
    });
  }
  const retention: Chart = {
    id: "retention", title: "Repeat-purchase retention by monthly cohort", kind: "time", unit: "share of the cohort ordering again in month k",
    columns: ["cohort", "customers", ...offsets.map((k) => `month_${k}`)],
    rows: months.map((m) => {
      const c = cohorts.get(m)!;
      return [m, c.n, ...offsets.map((k, i) => (monthDiff(m, toMonth) < k ? null : ratio(c.back[i], c.n)))];
    }),
  };

  // Customer value to date (every order before the range's end), bucketed.
  const buckets = VALUE_BUCKETS.map(() => 0);
  for (const { cents } of byCustomer.values()) {
    let b = VALUE_BUCKETS.length - 1;
    while (b > 0 && cents < VALUE_BUCKETS[b] * 100) b--;
    buckets[b]++;
  }
  const value: Chart = {
    id: "customer-value", title: "Customer value to date", kind: "bar", unit: "customers", note: "Revenue to date per customer (realised value), not the model's forecast.",
    columns: ["value_usd", "customers"],
    rows: VALUE_BUCKETS.map((lo, i) => [i + 1 < VALUE_BUCKETS.length ? `${lo}–${VALUE_BUCKETS[i + 1]}` : `${lo}+`, buckets[i]]),
  };

  // Lifecycle stages at the end of each month: new (first order that month), active, at risk, lapsed (by days since the last order).
  const stageRows = months.map((m) => {
    const end = monthEnd(m);
    const counts = { new: 0, active: 0, at_risk: 0, lapsed: 0 };
    for (const { t, months: om } of byCustomer.values()) {
      if (t[0] >= end) continue;
      let lo = 0;
      let hi = t.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (t[mid] < end) lo = mid;
        else hi = mid - 1;
      }
      const days = (end - t[lo]) / DAY_MS;
      if (om[0] === m) counts.new++;
      else if (days <= LIFECYCLE_ACTIVE_DAYS) counts.active++;
      else if (days <= LIFECYCLE_AT_RISK_DAYS) counts.at_risk++;
      else counts.lapsed++;
    }
    return [m, counts.new, counts.active, counts.at_risk, counts.lapsed];
  });
  const lifecycle: Chart = { id: "lifecycle", title: "Lifecycle stages at each month's end", kind: "time", unit: "customers", columns: ["month", "new", "active", "at_risk", "lapsed"], rows: stageRows };

  return {
    charts: [conversion, retention, value, lifecycle],
    summary: { conversionChatting: ratio(groups.chatting.converted, groups.chatting.n), conversionNotChatting: ratio(groups["not chatting"].converted, groups["not chatting"].n) },
  };
}
