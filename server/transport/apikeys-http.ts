import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import { API_SCOPES, type ApiKeys, type ApiScope, type Principal, type PrincipalResolver } from "../apikeys/index.ts";
import { AppError } from "../errors.ts";
import { fieldError } from "../ingest/index.ts";
import type { ApiKeyRecord } from "../storage/index.ts";
import { agentToken, AGENT_COOKIE } from "./agent-auth.ts";

/** The principal of an authenticated API request (set by {@link authenticateApi}). */
export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/**
 * Express middleware: resolve `Authorization: Bearer <API key | console session | deprecated ADMIN_TOKEN>` or the
 * console cookie to a principal, or answer 401.
 */
export function authenticateApi(resolver: PrincipalResolver): RequestHandler {
  return async (req, res, next) => {
    try {
      const header = req.get("authorization");
      const bearer = header ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
      const cookie = bearer ? undefined : agentToken({ headers: { cookie: req.headers.cookie } });
      const principal = header && !bearer ? undefined : await resolver.resolve({ bearer, session: cookie });
      if (!principal) {
        return next(new AppError("CHAT_ERR_UNAUTHORIZED", `Send \`Authorization: Bearer <API key>\` (an ffk_… key from an admin) or log in to the console (${AGENT_COOKIE} cookie).`));
      }
      res.locals.principal = principal;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Express middleware: the authenticated principal must hold `scope` (403 otherwise). */
export function requireScope(scope: ApiScope | ((req: Request) => ApiScope)): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const needed = typeof scope === "function" ? scope(req) : scope;
    const p = principalOf(res);
    if (!p?.scopes.includes(needed)) return next(new AppError("CHAT_ERR_FORBIDDEN", `This call needs the \`${needed}\` scope; this ${p?.kind ?? "caller"} has ${p?.scopes.length ? p.scopes.join(", ") : "none"}.`));
    next();
  };
}

/** GET and HEAD need `admin:read`, every other method `admin:write`: the default for the admin API. */
export const adminScopeFor = (req: Request): ApiScope => (req.method === "GET" || req.method === "HEAD" ? "admin:read" : "admin:write");

/** Check a request body (or query) against a zod schema; the CHAT_ERR_VALIDATION lists every field at fault (`fields`). */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw fieldError(r.error.issues.map((i) => ({ path: i.path.join(".") || "body", message: i.message })));
  return r.data;
}

const NewKey = z.strictObject({ name: z.string().min(1).max(100), scopes: z.array(z.enum(API_SCOPES)).min(1) });

const publicKey = (k: ApiKeyRecord) => ({
  id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, createdBy: k.createdBy, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt,
});

/** Admin routes for API keys, mounted under /api/admin: list, create (the key is in this response only), revoke. */
export function createApiKeyRoutes(keys: ApiKeys): express.Router {
  const r = express.Router();
  r.get("/api-keys", requireScope("admin:read"), async (_req, res) => {
    res.json({ keys: (await keys.list()).map(publicKey) });
  });
  r.post("/api-keys", requireScope("admin:write"), async (req, res) => {
    const input = parseBody(NewKey, req.body);
    const { key, record } = await keys.create({ ...input, createdBy: principalOf(res).id });
    res.status(201).set("cache-control", "no-store").json({ key, ...publicKey(record), note: "Store this key now: it is shown once and cannot be recovered." });
  });
  r.delete("/api-keys/:id", requireScope("admin:write"), async (req, res) => {
    res.json(publicKey(await keys.revoke(req.params.id as string)));
  });
  return r;
}
