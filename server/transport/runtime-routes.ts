import type express from "express";
import type { RuntimeStats } from "../cluster/index.ts";

/**
 * Mount the operator's view of this instance under the authenticated API: `GET /runtime` (event-loop
 * delay since the last reset, memory, open sockets; `?gc=1` collects garbage first when the process runs
 * with --expose-gc) and `POST /runtime/reset` (start a new event-loop window, e.g. per benchmark phase).
 */
export function mountRuntimeRoutes(router: express.Router, stats: RuntimeStats): void {
  router.get("/runtime", (req, res) => {
    res.json(stats.snapshot({ gc: req.query.gc === "1" }));
  });
  router.post("/runtime/reset", (_req, res) => {
    stats.reset();
    res.json({ ok: true });
  });
}
