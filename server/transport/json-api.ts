/**
 * What the JSON APIs of the agent console and the admin area share: body validation, handlers that answer with JSON,
 * error mapping in the shape of the rest of the HTTP API, and mounting a router as a pass-through handler.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import type { z } from "zod";
import { AppError, isAppError } from "../errors.ts";

/** Validate a JSON body with a zod schema; throws CHAT_ERR_VALIDATION naming each bad field. */
export function parseBody<T>(schema: z.ZodType<T>, req: Request): T {
  const r = schema.safeParse(req.body ?? {});
  if (!r.success) throw new AppError("CHAT_ERR_VALIDATION", r.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  return r.data;
}

/** An express handler that answers with the function's result as JSON (`{ ok: true }` for none) and passes errors on. */
export function jsonHandler(fn: (req: Request, res: Response) => unknown) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const out = await fn(req, res);
      if (!res.headersSent) res.json(out ?? { ok: true });
    } catch (err) {
      next(err);
    }
  };
}

/**
 * An error handler for requests whose path starts with one of `prefixes`: AppErrors with their status and code,
 * express's 4xx (bad JSON, too large) as CHAT_ERR_INVALID_JSON / CHAT_ERR_VALIDATION, anything else logged and a 500.
 */
export function jsonErrorHandler(options: { logger: Logger; prefixes: readonly string[]; what: string }) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!options.prefixes.some((p) => req.path.startsWith(p))) return next(err);
    const requestId = (res.locals.requestId as string | undefined) ?? req.get("x-request-id") ?? randomUUID();
    if (isAppError(err)) {
      res.status(err.status).json({ type: "error", code: err.code, message: err.message, requestId });
      return;
    }
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      const code = (err as { type?: string }).type === "entity.parse.failed" ? "CHAT_ERR_INVALID_JSON" : "CHAT_ERR_VALIDATION";
      res.status(status).json({ type: "error", code, message: (err as Error).message, requestId });
      return;
    }
    options.logger.error({ err, requestId, path: req.path }, `${options.what} request failed`);
    res.status(500).json({ type: "error", code: "CHAT_ERR_INTERNAL", message: `Unexpected error (request ${requestId}).`, requestId });
  };
}

/** A router as a handler that hands every request it does not match to `next`. */
export function passThrough(router: express.Router): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const app = express();
  app.disable("x-powered-by");
  app.use(router);
  // An express app called with a callback hands unmatched requests to it (express 5 app.handle).
  const handle = app as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  return (req, res, next) => handle(req, res, next);
}
