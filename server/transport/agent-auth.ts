import type { IncomingMessage } from "node:http";

/** The cookie that carries an agent console session. */
export const AGENT_COOKIE = "ff_agent";

/** The session token of a request: `Authorization: Bearer <token>` or the console cookie. */
export function agentToken(req: Pick<IncomingMessage, "headers">): string | undefined {
  const auth = req.headers.authorization;
  const m = typeof auth === "string" ? /^Bearer (\S+)$/.exec(auth) : null;
  if (m) return m[1];
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === AGENT_COOKIE && v.length) return decodeURIComponent(v.join("="));
  }
  return undefined;
}
