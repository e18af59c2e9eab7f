import type { Db } from "./database.ts";

/** A support team / skill an agent can have and a queued conversation can need. */
export type Team = "orders" | "returns" | "equipment" | "general";

/** Every team, in display order. */
export const TEAMS: readonly Team[] = ["orders", "returns", "equipment", "general"];

/** A console user's role. */
export type AgentRole = "agent" | "admin";

/** A stored agent or admin (without the password hash). */
export interface AgentRecord {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  skills: Team[];
  capacity: number;
  failedLogins: number;
  lockedUntil: string | null;
  disabled: boolean;
  createdAt: string;
}

/** A new agent to store. */
export interface NewAgent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  passwordHash: string;
  skills: Team[];
  capacity: number;
  createdAt: string;
}

/** A stored console session. */
export interface AgentSessionRecord {
  tokenHash: string;
  agentId: string;
  createdAt: string;
  expiresAt: string;
}

type AgentRow = {
  id: string; email: string; name: string; role: AgentRole; password_hash: string; skills: string; capacity: number;
  failed_logins: number; locked_until: string | null; disabled: number; created_at: string;
};

const toAgent = (r: AgentRow): AgentRecord => ({
  id: r.id, email: r.email, name: r.name, role: r.role, skills: JSON.parse(r.skills) as Team[], capacity: r.capacity,
  failedLogins: r.failed_logins, lockedUntil: r.locked_until, disabled: r.disabled === 1, createdAt: r.created_at,
});

/** Persistence of agents, their password hashes, failed-login counters and sessions. */
export interface AuthStore {
  insertAgent(agent: NewAgent): AgentRecord;
  getAgent(id: string): AgentRecord | undefined;
  findAgentByEmail(email: string): (AgentRecord & { passwordHash: string }) | undefined;
  listAgents(): AgentRecord[];
  countAgents(role?: AgentRole): number;
  updateAgent(id: string, patch: Partial<Pick<AgentRecord, "name" | "role" | "skills" | "capacity" | "disabled">> & { passwordHash?: string }): AgentRecord | undefined;
  /** Record a failed login; returns the new count. */
  recordFailedLogin(id: string, lockedUntil: string | null): number;
  resetFailedLogins(id: string): void;
  insertSession(session: AgentSessionRecord): void;
  getSession(tokenHash: string): AgentSessionRecord | undefined;
  deleteSession(tokenHash: string): void;
  deleteAgentSessions(agentId: string): void;
  deleteExpiredSessions(nowIso: string): number;
}

/** Create the SQLite-backed auth store. */
export function createAuthStore(db: Db): AuthStore {
  const q = {
    insert: db.prepare(
      "INSERT INTO agents (id, email, name, role, password_hash, skills, capacity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    byId: db.prepare("SELECT * FROM agents WHERE id = ?"),
    byEmail: db.prepare("SELECT * FROM agents WHERE email = ?"),
    all: db.prepare("SELECT * FROM agents ORDER BY role DESC, name"),
    count: db.prepare("SELECT COUNT(*) FROM agents").pluck(),
    countRole: db.prepare("SELECT COUNT(*) FROM agents WHERE role = ?").pluck(),
    fail: db.prepare("UPDATE agents SET failed_logins = failed_logins + 1, locked_until = COALESCE(?, locked_until) WHERE id = ? RETURNING failed_logins"),
    reset: db.prepare("UPDATE agents SET failed_logins = 0, locked_until = NULL WHERE id = ?"),
    insertSession: db.prepare("INSERT INTO agent_sessions (token_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)"),
    getSession: db.prepare("SELECT token_hash, agent_id, created_at, expires_at FROM agent_sessions WHERE token_hash = ?"),
    deleteSession: db.prepare("DELETE FROM agent_sessions WHERE token_hash = ?"),
    deleteAgentSessions: db.prepare("DELETE FROM agent_sessions WHERE agent_id = ?"),
    deleteExpired: db.prepare("DELETE FROM agent_sessions WHERE expires_at <= ?"),
  };
  const store: AuthStore = {
    insertAgent(a) {
      q.insert.run(a.id, a.email, a.name, a.role, a.passwordHash, JSON.stringify(a.skills), a.capacity, a.createdAt);
      return store.getAgent(a.id)!;
    },
    getAgent(id) {
      const r = q.byId.get(id) as AgentRow | undefined;
      return r && toAgent(r);
    },
    findAgentByEmail(email) {
      const r = q.byEmail.get(email) as AgentRow | undefined;
      return r && { ...toAgent(r), passwordHash: r.password_hash };
    },
    listAgents() {
      return (q.all.all() as AgentRow[]).map(toAgent);
    },
    countAgents(role) {
      return (role ? q.countRole.get(role) : q.count.get()) as number;
    },
    updateAgent(id, patch) {
      const sets: string[] = [];
      const args: unknown[] = [];
      if (patch.name !== undefined) (sets.push("name = ?"), args.push(patch.name));
      if (patch.role !== undefined) (sets.push("role = ?"), args.push(patch.role));
      if (patch.skills !== undefined) (sets.push("skills = ?"), args.push(JSON.stringify(patch.skills)));
      if (patch.capacity !== undefined) (sets.push("capacity = ?"), args.push(patch.capacity));
      if (patch.disabled !== undefined) (sets.push("disabled = ?"), args.push(patch.disabled ? 1 : 0));
      if (patch.passwordHash !== undefined) (sets.push("password_hash = ?"), args.push(patch.passwordHash));
      if (sets.length) db.prepare(`UPDATE agents SET ${sets.join(", ")} WHERE id = ?`).run(...args, id);
      return store.getAgent(id);
    },
    recordFailedLogin(id, lockedUntil) {
      return (q.fail.get(lockedUntil, id) as { failed_logins: number }).failed_logins;
    },
    resetFailedLogins(id) {
      q.reset.run(id);
    },
    insertSession(s) {
      q.insertSession.run(s.tokenHash, s.agentId, s.createdAt, s.expiresAt);
    },
    getSession(tokenHash) {
      const r = q.getSession.get(tokenHash) as { token_hash: string; agent_id: string; created_at: string; expires_at: string } | undefined;
      return r && { tokenHash: r.token_hash, agentId: r.agent_id, createdAt: r.created_at, expiresAt: r.expires_at };
    },
    deleteSession(tokenHash) {
      q.deleteSession.run(tokenHash);
    },
    deleteAgentSessions(agentId) {
      q.deleteAgentSessions.run(agentId);
    },
    deleteExpiredSessions(nowIso) {
      return q.deleteExpired.run(nowIso).changes;
    },
  };
  return store;
}
