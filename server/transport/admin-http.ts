import type { IncomingMessage, ServerResponse } from "node:http";
import express, { type Request, type Response } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import type { KnowledgeAdmin, KnowledgeTarget } from "../admin/index.ts";
import type { AuthService } from "../auth/index.ts";
import { AppError } from "../errors.ts";
import type { AgentRecord } from "../storage/index.ts";
import { agentToken } from "./agent-auth.ts";
import { jsonErrorHandler, jsonHandler as wrap, parseBody as body, passThrough } from "./json-api.ts";

/** What the admin routes need from the rest of the server. */
export interface AdminRoutesOptions {
  logger: Logger;
  auth: AuthService;
  knowledge: KnowledgeAdmin;
  /** The admin page's HTML (served at /admin). */
  page: string;
  /** The bundled admin script (served at /admin.js). */
  script: string;
  /** More admin API routes (other sections), mounted under /admin/api after the admin check. */
  api?: (router: express.Router) => void;
}

/** The header every state-changing admin call must carry (a page on another site cannot send it without CORS). */
export const ADMIN_REQUEST_HEADER = "x-requested-with";

const Target = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("faq"), id: z.string().max(100), lang: z.string().max(20).optional(), topic: z.string().max(100).optional() }).strict(),
  z.object({ kind: z.literal("intent"), intent: z.string().max(100) }).strict(),
]);
const Content = z.string().max(200_000).nullable();
const Change = z.object({ target: Target, content: Content }).strict();
const Save = Change.extend({ baseHash: z.string().max(100).nullable().optional(), confirmRegression: z.boolean().optional(), note: z.string().max(500).optional() }).strict();
const Try = z.object({ target: Target.optional(), content: Content.optional(), question: z.string().min(1).max(1000), conversation: z.string().regex(/^[A-Za-z0-9-]{1,80}$/).optional() }).strict();
const Rollback = z.object({ confirmRegression: z.boolean().optional(), note: z.string().max(500).optional() }).strict();

const faqTarget = (req: Request): KnowledgeTarget => {
  const lang = req.query.lang;
  if (lang !== undefined && typeof lang !== "string") throw new AppError("CHAT_ERR_VALIDATION", "`lang` must be one language code.");
  return { kind: "faq", id: String(req.params.id), lang: lang || undefined };
};
const intentTarget = (req: Request): KnowledgeTarget => ({ kind: "intent", intent: String(req.params.intent) });

/**
 * The admin area's HTTP side as an express handler that passes every other request on: the page at /admin, its
 * script, and the JSON API under /admin/api. The API needs a console session (the agent console's login and cookie)
 * of an admin: no session 401, an agent 403; state-changing calls also need the `x-requested-with` header.
 * @example const admin = createAdminApp(opts); http.createServer((req, res) => admin(req, res, () => next(req, res)));
 */
export function createAdminApp(options: AdminRoutesOptions): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const router = express.Router();
  const { auth, knowledge } = options;

  router.get("/admin", (_req, res) => {
    res.type("html").set("cache-control", "no-cache").send(options.page);
  });
  router.get("/admin.js", (_req, res) => {
    res.type("application/javascript").set("cache-control", "no-cache").send(options.script);
  });

  const api = express.Router();
  api.use((_req, res, next) => {
    res.set("cache-control", "no-store");
    next();
  });
  api.use(async (req, res, next) => {
    try {
      const agent = await auth.authenticate(agentToken(req));
      if (!agent) throw new AppError("CHAT_ERR_UNAUTHORIZED", "Log in first (session missing, expired or ended).");
      if (agent.role !== "admin") throw new AppError("CHAT_ERR_FORBIDDEN", "Only an admin can use the admin area.");
      if (req.method !== "GET" && req.method !== "HEAD" && !req.get(ADMIN_REQUEST_HEADER)) {
        throw new AppError("CHAT_ERR_FORBIDDEN", `Send the \`${ADMIN_REQUEST_HEADER}\` header with every change (it keeps other sites from acting for you).`);
      }
      res.locals.agent = agent;
      next();
    } catch (err) {
      next(err);
    }
  });
  // Parsed after the session check, so anonymous callers cannot make the server read large bodies.
  api.use(express.json({ limit: "512kb" }));
  const me = (res: Response) => res.locals.agent as AgentRecord;
  const author = (res: Response) => ({ id: me(res).id, email: me(res).email });

  api.get("/me", wrap((_req, res) => ({ agent: { id: me(res).id, email: me(res).email, name: me(res).name, role: me(res).role } })));
  api.get("/activity", wrap(() => ({ activity: knowledge.activity() })));
  api.get("/knowledge", wrap(() => knowledge.list()));
  api.get("/faq/:id", wrap((req) => knowledge.get(faqTarget(req))));
  api.get("/faq/:id/history", wrap(async (req) => ({ versions: await knowledge.history(faqTarget(req)) })));
  api.get("/intents/:intent", wrap((req) => knowledge.get(intentTarget(req))));
  api.get("/intents/:intent/history", wrap(async (req) => ({ versions: await knowledge.history(intentTarget(req)) })));
  api.get("/versions", wrap(async (req) => {
    const limit = req.query.limit === undefined ? 30 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError("CHAT_ERR_VALIDATION", "`limit` must be a whole number from 1 to 200.");
    return { versions: await knowledge.recent(limit) };
  }));
  api.post("/preview", wrap((req) => knowledge.preview(body(Change, req))));
  api.post("/check", wrap((req) => knowledge.check(body(Change, req))));
  api.post("/try", wrap((req) => {
    const b = body(Try, req);
    if ((b.target === undefined) !== (b.content === undefined)) throw new AppError("CHAT_ERR_VALIDATION", "Give `target` and `content` together (the draft), or neither (the published knowledge).");
    return knowledge.ask({ change: b.target && b.content !== undefined ? { target: b.target, content: b.content } : undefined, question: b.question, conversation: b.conversation });
  }));
  api.post("/save", wrap(async (req, res) => {
    const out = await knowledge.save(body(Save, req), author(res));
    if (out.status === "needs_confirmation") res.status(409);
    return out;
  }));
  api.post("/versions/:id/rollback", wrap(async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id < 1) throw new AppError("CHAT_ERR_VALIDATION", "The version id must be a positive whole number.");
    const out = await knowledge.rollback(id, author(res), body(Rollback, req));
    if (out.status === "needs_confirmation") res.status(409);
    return out;
  }));
  options.api?.(api);
  api.use((_req, _res, next) => next(new AppError("CHAT_ERR_NOT_FOUND", "No such admin API endpoint.")));
  router.use("/admin/api", api);

  router.use(jsonErrorHandler({ logger: options.logger, prefixes: ["/admin"], what: "admin" }));
  return passThrough(router);
}
