import { timingSafeEqual, createHash } from "node:crypto";
import type { AgentRecord } from "../storage/index.ts";
import { API_SCOPES, type ApiKeys, type ApiScope } from "./api-keys.ts";

/** Who is calling the HTTP API, and what they may do. */
export interface Principal {
  kind: "api-key" | "admin-session" | "bootstrap-token";
  /** The key id, the admin's agent id, or "bootstrap-token". */
  id: string;
  name: string;
  scopes: readonly ApiScope[];
}

/** What a logged-in admin (console session) may do: everything but pushing shop data. */
export const ADMIN_SESSION_SCOPES: readonly ApiScope[] = API_SCOPES.filter((s) => s !== "ingest:write");

/** Options of {@link createPrincipalResolver}. */
export interface PrincipalResolverOptions {
  keys: ApiKeys;
  /** The agent behind a console session token (server/auth). */
  sessions: { authenticate(token: string | undefined): Promise<AgentRecord | undefined> };
  /** The deprecated shared ADMIN_TOKEN, if still configured. */
  bootstrapToken?: string;
  /** Called the first time the bootstrap token is used (to log the deprecation once). */
  onBootstrapUse?: () => void;
}

/** Resolves the credentials of a request to a principal. */
export interface PrincipalResolver {
  /**
   * `bearer` is the `Authorization: Bearer` value, `session` the console cookie; returns undefined when neither
   * is valid. A non-admin agent's session resolves to a principal without scopes (403, not 401).
   */
  resolve(credentials: { bearer?: string; session?: string }): Promise<Principal | undefined>;
}

const sha = (s: string) => createHash("sha256").update(s).digest();

/**
 * Resolve API credentials in order: an API key (`ffk_…`), the deprecated bootstrap token, then an agent
 * console session (bearer or cookie). The bootstrap token is compared in constant time.
 * @example const who = await resolver.resolve({ bearer: "ffk_…" }); who?.scopes.includes("ingest:write")
 */
export function createPrincipalResolver(options: PrincipalResolverOptions): PrincipalResolver {
  const bootstrap = options.bootstrapToken ? sha(options.bootstrapToken) : undefined;
  let warned = false;
  const fromSession = async (token: string | undefined): Promise<Principal | undefined> => {
    const agent = await options.sessions.authenticate(token);
    if (!agent) return undefined;
    return { kind: "admin-session", id: agent.id, name: agent.email, scopes: agent.role === "admin" ? ADMIN_SESSION_SCOPES : [] };
  };
  return {
    async resolve({ bearer, session }) {
      if (bearer) {
        if (bearer.startsWith("ffk_")) {
          const key = await options.keys.verify(bearer);
          return key && { kind: "api-key", id: key.id, name: key.name, scopes: key.scopes as ApiScope[] };
        }
        // Hashing both sides gives equal lengths, so the comparison is constant-time whatever was sent.
        if (bootstrap && timingSafeEqual(sha(bearer), bootstrap)) {
          if (!warned) {
            warned = true;
            options.onBootstrapUse?.();
          }
          return { kind: "bootstrap-token", id: "bootstrap-token", name: "ADMIN_TOKEN", scopes: ADMIN_SESSION_SCOPES };
        }
        return fromSession(bearer);
      }
      return session ? fromSession(session) : undefined;
    },
  };
}
