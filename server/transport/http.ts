import { randomUUID } from "node:crypto";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import type { Logger } from "pino";
import { AppError, isAppError } from "../errors.ts";

/** What the HTTP layer needs from the rest of the server. */
export interface HttpAppOptions {
  logger: Logger;
  /** Static folder served at / (the demo shop page). */
  publicDir: string;
  /** The bundled widget script served at /widget.js. */
  widgetScript: string;
  /** HTML of the demo page, rendered per request (it signs a demo customer with a fresh timestamp); undefined serves the static index.html. */
  demoPage?: () => string | undefined;
  /** Authenticates every /api request (API keys, admin console sessions, the deprecated ADMIN_TOKEN; transport/apikeys-http.ts). */
  authenticate: RequestHandler;
  /** What /healthz reports besides `status: "ok"` (instance id, database and cluster kind). */
  health?: Record<string, string>;
  /** Public pages mounted before the static folder (product pages and images). */
  pages?: express.Router;
  /** Routes under /api that authenticate themselves (signed webhook receivers that need the raw body), mounted before authentication. */
  signedApi?: express.Router;
  /** Extra API routes mounted under /api after authentication. */
  api?: (router: express.Router) => void;
}

/** Build the express app: health, the demo page and widget, the authenticated API, and error mapping. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    res.locals.requestId = req.get("x-request-id") ?? randomUUID();
    res.set("x-request-id", res.locals.requestId as string);
    next();
  });

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", ...options.health });
  });

  app.get("/widget.js", (_req, res) => {
    res.type("application/javascript").set("cache-control", "no-cache").send(options.widgetScript);
  });

  app.get(["/", "/index.html"], (_req, res, next) => {
    const html = options.demoPage?.();
    if (html) return res.type("html").set("cache-control", "no-store").send(html);
    next();
  });
  if (options.pages) app.use(options.pages);
  app.use(express.static(options.publicDir, { index: "index.html", extensions: ["html"] }));

  if (options.signedApi) app.use("/api", options.signedApi);
  const api = express.Router();
  api.use(express.json({ limit: "1mb" }));
  api.use(options.authenticate);
  options.api?.(api);
  app.use("/api", api);

  app.use((_req, _res, next) => next(new AppError("CHAT_ERR_NOT_FOUND", "No such page or endpoint.")));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = res.locals.requestId as string;
    if (isAppError(err)) {
      // Validation errors may name their fields ({ path, message }[], e.g. from the ingest API).
      const fields = (err.cause as { fields?: unknown } | undefined)?.fields;
      res.status(err.status).json({ type: "error", code: err.code, message: err.message, ...(Array.isArray(fields) ? { fields } : {}), requestId });
      return;
    }
    const status = (err as { status?: number; type?: string }).status;
    if (status && status >= 400 && status < 500) {
      const code = (err as { type?: string }).type === "entity.parse.failed" ? "CHAT_ERR_INVALID_JSON" : "CHAT_ERR_VALIDATION";
      res.status(status).json({ type: "error", code, message: (err as Error).message, requestId });
      return;
    }
    options.logger.error({ err, requestId, path: req.path }, "request failed");
    res.status(500).json({ type: "error", code: "CHAT_ERR_INTERNAL", message: `Unexpected error (request ${requestId}).`, requestId });
  });
  return app;
}
