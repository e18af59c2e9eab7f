/**
 * The admin API routes of the analytics and unanswered-questions sections, mounted under /admin/api after the admin
 * check (server/transport/admin-http.ts): thin parse → call → serialise; the work is in server/analytics.
 */
import type express from "express";
import type { Request, Response } from "express";
import { z } from "zod";
import { chartCsv, MAX_RANGE_DAYS, type DashboardService, type UnansweredService } from "../analytics/index.ts";
import { AppError } from "../errors.ts";
import type { AgentRecord } from "../storage/index.ts";
import { jsonHandler as wrap, parseBody as body } from "./json-api.ts";

/** What the analytics routes need. */
export interface AnalyticsRoutesOptions {
  dashboard: DashboardService;
  unanswered: UnansweredService;
}

const Key = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, "must be a cluster key from the list") }).strict();
/** The range of `?from=&to=` (days, inclusive), or of `?days=N` ending on `to` or the default end. */
async function queryRange(d: DashboardService, req: Request) {
  if (req.query.days === undefined) return d.range(req.query.from, req.query.to);
  const n = Number(req.query.days);
  if (!Number.isInteger(n) || n < 1 || n > MAX_RANGE_DAYS) throw new AppError("CHAT_ERR_VALIDATION", `\`days\` must be a whole number from 1 to ${MAX_RANGE_DAYS}.`);
  const r = await d.range(undefined, req.query.to);
  return { from: new Date(Date.parse(r.to) - n * 86_400_000).toISOString(), to: r.to };
}

/**
 * Mount GET /analytics, GET /analytics/:chart.csv, GET /unanswered, POST /unanswered/draft, POST /unanswered/dismiss,
 * GET /unanswered/dismissed, DELETE /unanswered/dismissed/:id on the admin API router.
 */
export function mountAnalyticsRoutes(api: express.Router, o: AnalyticsRoutesOptions): void {
  api.get("/analytics", wrap(async (req) => o.dashboard.compute(await queryRange(o.dashboard, req))));
  api.get("/analytics/:chart.csv", async (req: Request, res: Response, next) => {
    try {
      const range = await queryRange(o.dashboard, req);
      const chart = (await o.dashboard.compute(range)).charts.find((c) => c.id === req.params.chart);
      if (!chart) throw new AppError("CHAT_ERR_NOT_FOUND", `No chart "${req.params.chart}".`);
      const name = `${chart.id}_${range.from.slice(0, 10)}_${new Date(Date.parse(range.to) - 1).toISOString().slice(0, 10)}.csv`;
      res.type("text/csv; charset=utf-8").set("content-disposition", `attachment; filename="${name}"`).send(chartCsv(chart));
    } catch (err) {
      next(err);
    }
  });
  api.get("/unanswered", wrap(async (req) => o.unanswered.list(await queryRange(o.dashboard, req))));
  api.post("/unanswered/draft", wrap(async (req) => ({ draft: await o.unanswered.draft(await queryRange(o.dashboard, req), body(Key, req).key) })));
  api.post("/unanswered/dismiss", wrap(async (req, res) => {
    const agent = res.locals.agent as AgentRecord | undefined;
    const d = await o.unanswered.dismiss(await queryRange(o.dashboard, req), body(Key, req).key, agent?.id ?? null);
    return { dismissed: { id: d.id, clusterKey: d.clusterKey, title: d.title, dismissedAt: d.dismissedAt } };
  }));
  api.get("/unanswered/dismissed", wrap(async () => ({ dismissed: (await o.unanswered.listDismissed()).map(({ centroid: _c, members, ...d }) => ({ ...d, members: members.length })) })));
  api.delete("/unanswered/dismissed/:id", wrap(async (req) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id < 1) throw new AppError("CHAT_ERR_VALIDATION", "The dismissal id must be a positive whole number.");
    await o.unanswered.undismiss(id);
    return { ok: true };
  }));
}
