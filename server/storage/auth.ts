import type { SqlExecutor } from "./driver.ts";

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
  /** Languages the agent chats in (ISO 639-1). */
  languages: string[];
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
  languages?: string[];
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
  id: string; email: string; name: string; role: AgentRole; password_hash: string; skills: string; languages: string; capacity: number;
  failed_logins: number; locked_until: string | null; disabled: number; created_at: string;
};

const toAgent = (r: AgentRow): AgentRecord => ({
  id: r.id, email: r.email, name: r.name, role: r.role, skills: JSON.parse(r.skills) as Team[], languages: JSON.parse(r.languages ?? '["en"]') as string[], capacity: Number(r.capacity),
  failedLogins: Number(r.failed_logins), lockedUntil: r.locked_until, disabled: Number(r.disabled) === 1, createdAt: r.created_at,
});

/** Persistence of agents, their password hashes, failed-login counters and sessions. */
export interface AuthStore {
  insertAgent(agent: NewAgent): Promise<AgentRecord>;
  getAgent(id: string): Promise<AgentRecord | undefined>;
  /** Case-insensitive. */
  findAgentByEmail(email: string): Promise<(AgentRecord & { passwordHash: string }) | undefined>;
  listAgents(): Promise<AgentRecord[]>;
  countAgents(role?: AgentRole): Promise<number>;
  updateAgent(id: string, patch: Partial<Pick<AgentRecord, "name" | "role" | "skills" | "languages" | "capacity" | "disabled">> & { passwordHash?: string }): Promise<AgentRecord | undefined>;
  /**
   * Atomically count a failed login (a lock that ran out by `nowIso` starts a fresh count) and lock the
   * account until `lockUntil` when the count reaches `maxFailures`. Returns the new state.
   */
  recordFailedLogin(id: string, maxFailures: number, lockUntil: string, nowIso: string): Promise<{ failedLogins: number; lockedUntil: string | null }>;
  /** Clear the failure count after a good password, unless the account is locked at `nowIso`; false when locked. */
  clearFailedLogins(id: string, nowIso: string): Promise<boolean>;
  resetFailedLogins(id: string): Promise<void>;
  insertSession(session: AgentSessionRecord): Promise<void>;
  getSession(tokenHash: string): Promise<AgentSessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteAgentSessions(agentId: string): Promise<void>;
  deleteExpiredSessions(nowIso: string): Promise<number>;
}

/** Create the auth store over a SQL driver (SQLite or PostgreSQL). */
export function createAuthStore(db: SqlExecutor): AuthStore {
  const store: AuthStore = {
    async insertAgent(a) {
      await db.run("INSERT INTO agents (id, email, name, role, password_hash, skills, languages, capacity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        a.id, a.email, a.name, a.role, a.passwordHash, JSON.stringify(a.skills), JSON.stringify(a.languages ?? ["en"]), a.capacity, a.createdAt,
      ]);
      return (await store.getAgent(a.id))!;
    },
    async getAgent(id) {
      const r = await db.get<AgentRow>("SELECT * FROM agents WHERE id = ?", [id]);
      return r && toAgent(r);
    },
    async findAgentByEmail(email) {
      const r = await db.get<AgentRow>("SELECT * FROM agents WHERE lower(email) = lower(?)", [email]);
      return r && { ...toAgent(r), passwordHash: r.password_hash };
    },
    async listAgents() {
      return (await db.all<AgentRow>("SELECT * FROM agents ORDER BY role DESC, name")).map(toAgent);
    },
    async countAgents(role) {
      const r = role ? await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM agents WHERE role = ?", [role]) : await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM agents");
      return Number(r?.n ?? 0);
    },
    async updateAgent(id, patch) {
      const sets: string[] = [];
      const args: (string | number)[] = [];
      if (patch.name !== undefined) (sets.push("name = ?"), args.push(patch.name));
      if (patch.role !== undefined) (sets.push("role = ?"), args.push(patch.role));
      if (patch.skills !== undefined) (sets.push("skills = ?"), args.push(JSON.stringify(patch.skills)));
      if (patch.languages !== undefined) (sets.push("languages = ?"), args.push(JSON.stringify(patch.languages)));
      if (patch.capacity !== undefined) (sets.push("capacity = ?"), args.push(patch.capacity));
      if (patch.disabled !== undefined) (sets.push("disabled = ?"), args.push(patch.disabled ? 1 : 0));
      if (patch.passwordHash !== undefined) (sets.push("password_hash = ?"), args.push(patch.passwordHash));
      if (sets.length) await db.run(`UPDATE agents SET ${sets.join(", ")} WHERE id = ?`, [...args, id]);
      return store.getAgent(id);
    },
    async recordFailedLogin(id, maxFailures, lockUntil, nowIso) {
      // One statement, so concurrent failures each count once and the one that reaches the limit sets the lock
      // (issue 12: the count was read before the awaited password check and a stale value written back).
      const expired = "(locked_until IS NOT NULL AND locked_until <= ?)";
      const count = `CASE WHEN ${expired} THEN 1 ELSE failed_logins + 1 END`;
      const r = await db.get<{ failed_logins: number; locked_until: string | null }>(
        `UPDATE agents SET locked_until = CASE WHEN ${count} >= ? THEN ? WHEN ${expired} THEN NULL ELSE locked_until END, failed_logins = ${count}
         WHERE id = ? RETURNING failed_logins, locked_until`,
        [nowIso, maxFailures, lockUntil, nowIso, nowIso, id],
      );
      return { failedLogins: Number(r?.failed_logins ?? 0), lockedUntil: r?.locked_until ?? null };
    },
    async clearFailedLogins(id, nowIso) {
      const { changes } = await db.run("UPDATE agents SET failed_logins = 0, locked_until = NULL WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)", [id, nowIso]);
      return changes === 1;
    },
    async resetFailedLogins(id) {
      await db.run("UPDATE agents SET failed_logins = 0, locked_until = NULL WHERE id = ?", [id]);
    },
    async insertSession(s) {
      await db.run("INSERT INTO agent_sessions (token_hash, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)", [s.tokenHash, s.agentId, s.createdAt, s.expiresAt]);
    },
    async getSession(tokenHash) {
      const r = await db.get<{ token_hash: string; agent_id: string; created_at: string; expires_at: string }>(
        "SELECT token_hash, agent_id, created_at, expires_at FROM agent_sessions WHERE token_hash = ?",
        [tokenHash],
      );
      return r && { tokenHash: r.token_hash, agentId: r.agent_id, createdAt: r.created_at, expiresAt: r.expires_at };
    },
    async deleteSession(tokenHash) {
      await db.run("DELETE FROM agent_sessions WHERE token_hash = ?", [tokenHash]);
    },
    async deleteAgentSessions(agentId) {
      await db.run("DELETE FROM agent_sessions WHERE agent_id = ?", [agentId]);
    },
    async deleteExpiredSessions(nowIso) {
      return (await db.run("DELETE FROM agent_sessions WHERE expires_at <= ?", [nowIso])).changes;
    },
  };
  return store;
}
