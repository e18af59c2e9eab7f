/**
 * Campaign routes: the admin area's JSON API under /admin/api/campaigns (an admin's console session), and the
 * e-mail export under /api/campaigns/:id/export for the shop's e-mail tool (an API key with admin:write).
 * Parse, validate, call the campaign service, serialise; no business logic here.
 */
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import { CampaignPatchSchema, toCsv, type Campaigns } from "../campaigns/index.ts";
import { AppError } from "../errors.ts";
import type { AgentRecord } from "../storage/index.ts";
import { jsonHandler as wrap, parseBody as body } from "./json-api.ts";

const ID = /^cmp_[0-9a-f]{12}$/;
const campaignId = (req: Request): string => {
  const id = String(req.params.id);
  if (!ID.test(id)) throw new AppError("CHAT_ERR_NOT_FOUND", `No campaign ${id.slice(0, 40)}.`);
  return id;
};
const Preview = z.object({ draft: z.unknown(), sample: z.number().int().min(0).max(50).optional() }).strict();

async function exportCampaign(campaigns: Campaigns, req: Request, res: Response) {
  const format = req.query.format ?? "json";
  if (format !== "json" && format !== "csv") throw new AppError("CHAT_ERR_VALIDATION", "`format` must be json or csv.");
  const out = await campaigns.exportEmail(campaignId(req));
  if (format === "csv") {
    res.type("text/csv").set("content-disposition", `attachment; filename="${out.campaign.id}.csv"`).send(toCsv(out.rows));
    return undefined;
  }
  return { campaignId: out.campaign.id, newlyAssigned: out.newlyAssigned, rows: out.rows };
}

/** Mount the admin area's campaign endpoints on the (already admin-checked) /admin/api router. */
export function mountAdminCampaignRoutes(api: Router, campaigns: Campaigns): void {
  const me = (res: Response) => res.locals.agent as AgentRecord;
  api.get("/campaigns", wrap(async () => ({ campaigns: await campaigns.list() })));
  api.post("/campaigns", wrap(async (req, res) => {
    const c = await campaigns.create(req.body ?? {}, me(res).id);
    res.status(201);
    return { campaign: c };
  }));
  api.post("/campaigns/preview", wrap(async (req) => {
    const b = body(Preview, req);
    return campaigns.preview({ draft: b.draft }, b.sample ?? 10);
  }));
  api.get("/campaigns/:id", wrap(async (req) => ({ campaign: await campaigns.get(campaignId(req)) })));
  api.patch("/campaigns/:id", wrap(async (req) => ({ campaign: await campaigns.update(campaignId(req), body(CampaignPatchSchema, req)) })));
  api.get("/campaigns/:id/audience", wrap(async (req) => {
    const sample = req.query.sample === undefined ? 10 : Number(req.query.sample);
    if (!Number.isInteger(sample) || sample < 0 || sample > 50) throw new AppError("CHAT_ERR_VALIDATION", "`sample` must be a whole number from 0 to 50.");
    return campaigns.preview({ id: campaignId(req) }, sample);
  }));
  api.get("/campaigns/:id/results", wrap(async (req) => campaigns.results(campaignId(req))));
  api.post("/campaigns/:id/export", wrap((req, res) => exportCampaign(campaigns, req, res)));
}

/** The e-mail tool's export, for the /api router after the admin-scope check. */
export function createCampaignExportRoutes(campaigns: Campaigns): Router {
  const r = express.Router();
  r.post("/campaigns/:id/export", wrap((req, res) => exportCampaign(campaigns, req, res)));
  r.get("/campaigns/:id/results", wrap(async (req) => campaigns.results(campaignId(req))));
  return r;
}
