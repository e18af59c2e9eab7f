import type { AnalyticsStore, DialogueStore } from "../storage/index.ts";
import { conversationCharts } from "./conversation-metrics.ts";
import { customerCharts } from "./customer-metrics.ts";
import { experimentsChart, listOfferExperiments, type ExperimentSource } from "./experiments.ts";
import { parseRange } from "./range.ts";
import type { Dashboard, DateRange } from "./types.ts";

/** Options of createDashboard. */
export interface DashboardOptions {
  analytics: AnalyticsStore;
  dialogue: DialogueStore;
  /** CONVERSION_WINDOW_DAYS. */
  conversionWindowDays: number;
  /** The FAQ topic of an entry id (the live knowledge). */
  topicOf?: (entryId: string) => string | undefined;
  /** More experiment sources (campaigns) listed with the offer experiments. */
  extraExperiments?: readonly ExperimentSource[];
  /** How long a computed dashboard is reused for the same range (default 30 s; 0 = never). */
  cacheMs?: number;
  clock?: () => Date;
}

/** The admin dashboard: every chart for a date range, computed from the database (docs/metrics.md). */
export interface DashboardService {
  /** The range for query strings `from`/`to` (YYYY-MM-DD, inclusive); defaults end on the newest conversation's day. */
  range(from: unknown, to: unknown): Promise<DateRange>;
  compute(range: DateRange): Promise<Dashboard>;
}

/**
 * Create the dashboard service.
 * @example const d = createDashboard({ analytics: storage.analytics, dialogue: storage.dialogue, conversionWindowDays: 14 });
 */
export function createDashboard(o: DashboardOptions): DashboardService {
  const clock = o.clock ?? (() => new Date());
  const cacheMs = o.cacheMs ?? 30_000;
  const cache = new Map<string, { at: number; value: Promise<Dashboard> }>();
  const build = async (range: DateRange): Promise<Dashboard> => {
    const t0 = performance.now();
    const timings: Record<string, number> = {};
    const timed = async <T>(name: string, p: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      const v = await p();
      timings[name] = Math.round(performance.now() - t);
      return v;
    };
    const [conversations, messages, handoffs, feedback, orders, firstActivity, experiments] = await Promise.all([
      timed("conversations", () => o.analytics.conversations(range.from, range.to)),
      timed("messages", () => o.analytics.messages(range.from, range.to)),
      timed("handoffs", () => o.analytics.handoffs(range.from, range.to)),
      timed("feedback", () => o.analytics.feedback(range.from, range.to)),
      timed("orders", () => o.analytics.orders(range.to)),
      timed("firstActivity", () => o.analytics.firstActivity(range.from, range.to)),
      timed("experiments", () => listOfferExperiments(o, range, o.conversionWindowDays)),
    ]);
    const t1 = performance.now();
    const extra = (await Promise.all((o.extraExperiments ?? []).map((source) => source(range, o.conversionWindowDays)))).flat();
    const conv = conversationCharts(range, { conversations, messages, handoffs, feedback }, { topicOf: o.topicOf });
    const cust = customerCharts(range, { conversations, orders, firstActivity }, o.conversionWindowDays);
    const exp = experimentsChart([...experiments, ...extra]);
    const offerCost = [...experiments, ...extra].reduce((s, r) => s + r.costCents, 0) / 100;
    timings.compute = Math.round(performance.now() - t1);
    return { range, summary: { ...conv.summary, ...cust.summary, offerCostUsd: offerCost }, charts: [...conv.charts, ...cust.charts, exp], ms: Math.round(performance.now() - t0), timings };
  };
  return {
    async range(from, to) {
      const latest = await o.analytics.latestConversationAt();
      const now = clock();
      return parseRange(from, to, latest && Date.parse(latest) < now.getTime() ? new Date(latest) : now);
    },
    compute(range) {
      const key = `${range.from}|${range.to}`;
      const hit = cache.get(key);
      if (hit && clock().getTime() - hit.at < cacheMs) return hit.value;
      const value = build(range);
      cache.set(key, { at: clock().getTime(), value });
      value.catch(() => cache.delete(key));
      if (cache.size > 20) cache.delete(cache.keys().next().value!);
      return value;
    },
  };
}
