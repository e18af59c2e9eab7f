import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import helmet from "helmet";
import { AGENT_COOKIE } from "./agent-auth.ts";

/** Where a request came from, as far as the server can tell (TRUST_PROXY decides whether forwarded headers count). */
export interface ClientInfo {
  /** The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
  ip(req: IncomingMessage): string;
  /** True when the browser reached us over TLS (directly, or X-Forwarded-Proto: https behind a trusted proxy). */
  secure(req: IncomingMessage): boolean;
  /** This server's origin as the browser sees it, e.g. `https://chat.shop.example`. */
  ownOrigin(req: IncomingMessage): string | undefined;
}

const first = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h)?.split(",")[0]?.trim() || undefined;

/**
 * Read the client's address and scheme, trusting X-Forwarded-* only when told to (TRUST_PROXY).
 * @example const info = createClientInfo(config.web.trustProxy); info.ip(req)
 */
export function createClientInfo(trustProxy: boolean): ClientInfo {
  const secure = (req: IncomingMessage) =>
    Boolean((req.socket as TLSSocket).encrypted) || (trustProxy && first(req.headers["x-forwarded-proto"])?.toLowerCase() === "https");
  return {
    ip: (req) => (trustProxy ? first(req.headers["x-forwarded-for"]) : undefined) ?? req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "unknown",
    secure,
    ownOrigin(req) {
      const host = (trustProxy ? first(req.headers["x-forwarded-host"]) : undefined) ?? req.headers.host;
      return host ? `${secure(req) ? "https" : "http"}://${host.toLowerCase()}` : undefined;
    },
  };
}

/** A connect-style middleware. */
type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** Paths a shop's page loads from another origin: the widget script and the product images and pages it links. */
const CROSS_ORIGIN_PATHS = /^\/(widget\.js|img\/products\/)/;

/**
 * Response headers of every page and API answer (helmet): a Content-Security-Policy that allows only this
 * server's own scripts, no framing by any site (frame-ancestors 'none', X-Frame-Options DENY), nosniff,
 * no referrer. The widget script and product images may be loaded by other origins (the shop's pages embed
 * the widget as a script, never in a frame); everything else is same-origin only.
 */
export function securityHeaders(): Middleware {
  const base = {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        // The pages and the widget set inline styles (style attributes and one <style> each).
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https:"],
        // 'self' covers ws:/wss: to this host in CSP 3 browsers.
        "connect-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
    frameguard: { action: "deny" as const },
    referrerPolicy: { policy: "no-referrer" as const },
    // HSTS belongs to the TLS terminator (docs/deploy/Caddyfile); a plain-http laptop demo must not pin https.
    strictTransportSecurity: false,
  };
  const sameOrigin = helmet({ ...base, crossOriginResourcePolicy: { policy: "same-origin" } });
  const crossOrigin = helmet({ ...base, crossOriginResourcePolicy: { policy: "cross-origin" } });
  return (req, res, next) => (CROSS_ORIGIN_PATHS.test(req.url ?? "/") ? crossOrigin : sameOrigin)(req as never, res as never, next);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** The routes a console or admin session acts on. */
const SESSION_ROUTES = /^\/(agent\/api|admin\/api|api)(\/|$)/;

/**
 * Refuse cross-site state changes made with the console cookie (CSRF): a POST, PUT, PATCH or DELETE to the
 * console, admin or API routes that carries the session cookie must come from this server's own pages
 * (`Sec-Fetch-Site: same-origin`, or an `Origin` equal to our own). Calls with an `Authorization` header
 * (API keys, bearer sessions) cannot be forged by another site and pass; so do clients that send neither header.
 * Answers 403 CHAT_ERR_FORBIDDEN.
 */
export function crossSiteGuard(info: ClientInfo): Middleware {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method ?? "GET") || !SESSION_ROUTES.test(req.url ?? "/")) return next();
    if (req.headers.authorization) return next();
    const cookie = req.headers.cookie ?? "";
    // The login sets the cookie: a forged login (logging the victim into the attacker's account) is refused too.
    const login = (req.url ?? "").startsWith("/agent/api/login");
    if (!login && !cookie.split(";").some((c) => c.trim().startsWith(`${AGENT_COOKIE}=`))) return next();
    const site = first(req.headers["sec-fetch-site"]);
    const origin = first(req.headers.origin);
    const crossSite = (site !== undefined && site !== "same-origin" && site !== "none") || (origin !== undefined && origin.toLowerCase() !== info.ownOrigin(req));
    if (!crossSite) return next();
    res.writeHead(403, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify({ type: "error", code: "CHAT_ERR_FORBIDDEN", message: "Changes must come from this server's own pages (cross-site request refused)." }));
  };
}

/**
 * Whether a socket upgrade's `Origin` may connect: `allowed` is "*", "self" (this server's own origin) or a list
 * of origins. Clients that send no Origin (not browsers: servers, scripts) pass; browsers always send it.
 */
export function originAllowed(req: IncomingMessage, allowed: "*" | "self" | readonly string[], info: ClientInfo): boolean {
  const origin = first(req.headers.origin)?.toLowerCase();
  if (origin === undefined || allowed === "*") return true;
  if (origin === info.ownOrigin(req)) return true;
  return allowed !== "self" && allowed.includes(origin);
}
