import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import { AppError } from "../errors.ts";
import type { AuditLog, CustomerDataService, RetentionJob } from "../privacy/index.ts";

/** What the privacy API needs. */
export interface PrivacyRoutesOptions {
  /**
   * The admin authentication middleware, applied to every route (today `requireToken(config.adminToken)`).
   * It may set `res.locals.actor` (`apikey:<id>`, `admin:<email>`) to name who is asking; otherwise the
   * actor is `admin-token`.
   */
  authenticate: RequestHandler;
  data: CustomerDataService;
  audit: AuditLog;
  retention: RetentionJob;
}

const CustomerId = z.string().min(1).max(64);
const Erase = z.object({
  /** The customer id again, so that a mistyped URL erases nobody. */
  confirm: z.string().min(1).max(64),
  reason: z.string().max(200).optional(),
});
const Verify = z.object({ receipt: z.record(z.string(), z.unknown()), customerId: CustomerId.optional() });
const AuditQuery = z.object({
  customerId: CustomerId.optional(),
  actor: z.string().max(120).optional(),
  action: z.string().max(60).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  beforeId: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const ReceiptsQuery = z.object({ customerId: CustomerId.optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new AppError("CHAT_ERR_VALIDATION", r.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  return r.data;
}

const actorOf = (res: Response): string => (res.locals.actor as string | undefined) ?? "admin-token";

const wrap = (fn: (req: Request, res: Response) => Promise<unknown>) => async (req: Request, res: Response, next: NextFunction) => {
  try {
    const out = await fn(req, res);
    if (!res.headersSent) res.json(out);
  } catch (err) {
    next(err);
  }
};

/**
 * The privacy API (docs/privacy.md), for the admin UI and scripts: a customer's export and erasure with
 * signed receipts, receipt verification, the audit log, and the transcript retention job.
 * @example api.use("/privacy", createPrivacyRouter({ authenticate: requireToken(config.adminToken), data, audit, retention }));
 */
export function createPrivacyRouter(o: PrivacyRoutesOptions): express.Router {
  const r = express.Router();
  r.use(o.authenticate);
  r.use(express.json({ limit: "256kb" }));
  r.use((_req, res, next) => {
    res.set("cache-control", "no-store");
    next();
  });

  r.get("/customers/:id/export", wrap(async (req, res) => {
    const id = parse(CustomerId, req.params.id);
    const doc = await o.data.exportCustomer(id, actorOf(res));
    res.set("content-disposition", `attachment; filename="customer-${id.replace(/[^A-Za-z0-9_-]/g, "_")}.json"`);
    return doc;
  }));

  r.post("/customers/:id/erase", wrap(async (req, res) => {
    const id = parse(CustomerId, req.params.id);
    const body = parse(Erase, req.body);
    if (body.confirm !== id) throw new AppError("CHAT_ERR_VALIDATION", `confirm: must repeat the customer id (${id}) to erase them.`);
    return o.data.eraseCustomer(id, actorOf(res), { reason: body.reason });
  }));

  r.get("/receipts", wrap(async (req) => {
    const q = parse(ReceiptsQuery, req.query);
    return { receipts: await o.data.listReceipts(q) };
  }));
  r.get("/receipts/:id", wrap(async (req) => {
    const receipt = await o.data.getReceipt(String(req.params.id));
    if (!receipt) throw new AppError("CHAT_ERR_NOT_FOUND", `No erasure receipt ${String(req.params.id)}.`);
    return receipt;
  }));
  r.post("/receipts/verify", wrap(async (req) => {
    const body = parse(Verify, req.body);
    return o.data.verify(body.receipt, body.customerId);
  }));

  r.get("/audit", wrap(async (req) => {
    const q = parse(AuditQuery, req.query);
    return { entries: await o.audit.list({ subject: q.customerId, actor: q.actor, action: q.action, since: q.since, beforeId: q.beforeId, limit: q.limit }) };
  }));

  r.get("/retention", wrap(async () => ({ lastRun: o.retention.lastRun() ?? null })));
  r.post("/retention/run", wrap(async () => o.retention.runNow()));
  return r;
}
