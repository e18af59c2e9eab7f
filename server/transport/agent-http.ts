import type { IncomingMessage, ServerResponse } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import type { AuthService } from "../auth/index.ts";
import { AppError } from "../errors.ts";
import type { Handoff } from "../handoff/index.ts";
import type { AgentRecord } from "../storage/index.ts";
import type { RateLimiter } from "../cluster/index.ts";
import { AGENT_COOKIE, agentToken } from "./agent-auth.ts";
import type { ClientInfo } from "./web-security.ts";
import { jsonErrorHandler, jsonHandler as wrap, parseBody as body, passThrough } from "./json-api.ts";

/** What the agent routes need from the rest of the server. */
export interface AgentRoutesOptions {
  logger: Logger;
  auth: AuthService;
  handoff: Handoff;
  /** The console page's HTML. */
  consolePage: string;
  /** The bundled console script served at /console.js. */
  consoleScript: string;
  /** The client's address and whether it came over TLS (session cookies are `Secure` then). */
  client: ClientInfo;
  /** Login attempts per client address (shared by every instance through the cluster's store). */
  loginsPerIp: RateLimiter;
}

const Team = z.enum(["orders", "returns", "equipment", "general"]);
const Login = z.object({ email: z.string().min(3).max(200), password: z.string().min(1).max(200) });
const NewAgent = z.object({
  email: z.string().max(200),
  name: z.string().max(100),
  password: z.string().max(200),
  role: z.enum(["agent", "admin"]).optional(),
  skills: z.array(Team).min(1).optional(),
  capacity: z.number().int().optional(),
});
const AgentPatch = NewAgent.partial().omit({ email: true }).extend({ disabled: z.boolean().optional() });
const Canned = z.object({ title: z.string().max(200), text: z.string().max(5000) });
const Message = z.object({ id: z.string().min(1).max(100), text: z.string().min(1).max(4000), productIds: z.array(z.string().min(1).max(50)).max(6).optional() });
const Transfer = z.object({ toAgentId: z.string().min(1).max(100).optional(), team: Team.optional() });
const Close = z.object({ resolution: z.string().min(1).max(500) });
const Note = z.object({ text: z.string().min(1).max(4000) });

/** The console session cookie; `Secure` when the browser reached us over TLS. */
const sessionCookie = (value: string, maxAge: number, secure: boolean) =>
  `${AGENT_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;

const publicAgent = (a: AgentRecord) => ({ id: a.id, email: a.email, name: a.name, role: a.role, skills: a.skills, capacity: a.capacity, disabled: a.disabled, lockedUntil: a.lockedUntil });

/**
 * The agent console's HTTP side as an express app that passes every other request on: the page at
 * /console, its script, and the JSON API under /agent/api (login/logout, queue, conversation
 * detail, tickets, canned responses, agents, and the same actions as the socket). Every API call
 * but login needs a valid session.
 * @example const agents = createAgentApp(opts); http.createServer((req, res) => agents(req, res, () => app(req, res)));
 */
export function createAgentApp(options: AgentRoutesOptions): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const router = express.Router();
  const { auth, handoff } = options;

  router.get("/console", (_req, res) => {
    res.type("html").set("cache-control", "no-cache").send(options.consolePage);
  });
  router.get("/console.js", (_req, res) => {
    res.type("application/javascript").set("cache-control", "no-cache").send(options.consoleScript);
  });

  const api = express.Router();
  api.use(express.json({ limit: "64kb" }));
  api.use((_req, res, next) => {
    res.set("cache-control", "no-store");
    next();
  });

  api.post("/login", async (req, res, next) => {
    try {
      const { email, password } = body(Login, req);
      // Per address before the password check: one client cannot try many passwords, nor lock many accounts.
      const budget = await options.loginsPerIp.consume(options.client.ip(req));
      if (!budget.ok) {
        res.set("retry-after", String(Math.ceil(budget.retryMs / 1000)));
        throw new AppError("CHAT_ERR_RATE_LIMITED", "Too many login attempts from your address; try again later.");
      }
      const result = await auth.login(email, password);
      const maxAge = Math.max(0, Math.floor((Date.parse(result.expiresAt) - Date.now()) / 1000));
      res.set("set-cookie", sessionCookie(encodeURIComponent(result.token), maxAge, options.client.secure(req)));
      res.json({ token: result.token, expiresAt: result.expiresAt, agent: publicAgent(result.agent) });
    } catch (err) {
      next(err);
    }
  });

  // Everything below needs a session.
  api.use(async (req, res, next) => {
    try {
      const token = agentToken(req);
      const agent = await auth.authenticate(token);
      if (!agent) throw new AppError("CHAT_ERR_UNAUTHORIZED", "Log in first (session missing, expired or ended).");
      res.locals.agent = agent;
      res.locals.token = token;
      next();
    } catch (err) {
      next(err);
    }
  });
  const me = (res: Response) => res.locals.agent as AgentRecord;
  const adminOnly = (_req: Request, res: Response, next: NextFunction) =>
    next(me(res).role === "admin" ? undefined : new AppError("CHAT_ERR_FORBIDDEN", "Only an admin can do this."));

  api.post("/logout", wrap(async (req, res) => {
    await auth.logout(res.locals.token as string);
    res.set("set-cookie", sessionCookie("", 0, options.client.secure(req)));
    return { ok: true };
  }));
  api.get("/me", wrap((_req, res) => ({ agent: publicAgent(me(res)), support: handoff.supportStatus() })));
  api.get("/queue", wrap((_req, res) => handoff.views.snapshot(me(res).id)));
  api.get("/conversations/:id", wrap((req, res) => handoff.console.detail(String(req.params.id), me(res).id)));
  api.post("/conversations/:id/accept", wrap((req, res) => handoff.queue.accept(me(res).id, String(req.params.id))));
  api.post("/conversations/:id/messages", wrap((req, res) => handoff.queue.sendMessage(me(res).id, String(req.params.id), body(Message, req))));
  api.post("/conversations/:id/notes", wrap((req, res) => handoff.notes.add(me(res).id, String(req.params.id), body(Note, req).text)));
  api.post("/conversations/:id/transfer", wrap((req, res) => handoff.queue.transfer(me(res).id, String(req.params.id), body(Transfer, req))));
  api.post("/conversations/:id/handback", wrap((req, res) => handoff.queue.handBack(me(res).id, String(req.params.id))));
  api.post("/conversations/:id/close", wrap((req, res) => handoff.queue.close(me(res).id, String(req.params.id), body(Close, req).resolution)));
  api.get("/tickets", wrap(async (req) => {
    const status = req.query.status;
    if (status !== undefined && status !== "open" && status !== "closed" && status !== "collecting") throw new AppError("CHAT_ERR_VALIDATION", "`status` must be open, closed or collecting.");
    return { tickets: await handoff.tickets.list(status) };
  }));
  api.post("/tickets/:id/close", wrap((req, res) => handoff.tickets.close(me(res).id, Number(req.params.id))));
  api.get("/canned", wrap(async () => ({ canned: await handoff.canned.list() })));
  api.post("/canned", wrap((req, res) => handoff.canned.save(me(res).id, body(Canned, req))));
  api.put("/canned/:id", wrap((req, res) => handoff.canned.save(me(res).id, { ...body(Canned, req), id: Number(req.params.id) })));
  api.delete("/canned/:id", wrap((req) => handoff.canned.delete(Number(req.params.id))));
  api.get("/agents", wrap(async (_req, res) => ({ agents: (await auth.listAgents()).map((a) => (me(res).role === "admin" ? publicAgent(a) : { id: a.id, name: a.name, skills: a.skills })) })));
  api.post("/agents", adminOnly, wrap(async (req, res) => {
    res.status(201);
    return publicAgent(await auth.createAgent(body(NewAgent, req)));
  }));
  api.patch("/agents/:id", adminOnly, wrap(async (req) => publicAgent(await auth.updateAgent(String(req.params.id), body(AgentPatch, req)))));
  api.use((_req, _res, next) => next(new AppError("CHAT_ERR_NOT_FOUND", "No such agent API endpoint.")));

  router.use("/agent/api", api);
  // Errors of these routes, in the same shape as the rest of the HTTP API.
  router.use(jsonErrorHandler({ logger: options.logger, prefixes: ["/agent/api", "/console"], what: "agent" }));
  return passThrough(router);
}
