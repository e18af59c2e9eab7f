import { createHash, randomBytes, randomUUID } from "node:crypto";
import { AppError } from "../errors.ts";
import type { AgentRecord, AgentRole, AuthStore, Team } from "../storage/index.ts";
import { TEAMS } from "../storage/index.ts";
import { generatePassword, hashPassword, verifyPassword } from "./passwords.ts";

/** Options of the auth service (validated in config). */
export interface AuthServiceOptions {
  store: AuthStore;
  /** Session lifetime, ms. */
  sessionTtlMs: number;
  /** Failed logins in a row before the account is locked. */
  maxFailedLogins: number;
  /** How long a locked account stays locked, ms. */
  lockoutMs: number;
  clock?: () => Date;
}

/** A new console user. */
export interface AgentInput {
  email: string;
  name: string;
  role?: AgentRole;
  password: string;
  skills?: Team[];
  /** Languages the agent chats in (ISO 639-1; default English). */
  languages?: string[];
  capacity?: number;
}

/** A successful login. */
export interface LoginResult {
  token: string;
  expiresAt: string;
  agent: AgentRecord;
}

/** Console users: accounts, password logins with lockout, and expiring sessions. */
export interface AuthService {
  createAgent(input: AgentInput): Promise<AgentRecord>;
  updateAgent(id: string, patch: Partial<Pick<AgentRecord, "name" | "role" | "skills" | "languages" | "capacity" | "disabled">> & { password?: string }): Promise<AgentRecord>;
  listAgents(): Promise<AgentRecord[]>;
  getAgent(id: string): Promise<AgentRecord | undefined>;
  countAgents(role?: AgentRole): Promise<number>;
  /**
   * Check email and password; locks the account after repeated failures. Unknown e-mails, wrong passwords
   * and locked accounts get the same answer, so the response does not tell which e-mails are accounts.
   */
  login(email: string, password: string): Promise<LoginResult>;
  /** The agent behind a session token, or undefined for an unknown, expired or disabled one. */
  authenticate(token: string | undefined): Promise<AgentRecord | undefined>;
  logout(token: string): Promise<void>;
  /**
   * Create the first admin and demo agents when there are no accounts yet; returns the generated
   * credentials (to print once) — empty when accounts already exist.
   */
  bootstrap(options: { adminEmail?: string; adminPassword?: string; demoAgents: boolean }): Promise<{ email: string; password: string; role: AgentRole; skills: Team[] }[]>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Check an agent input's fields; throws CHAT_ERR_VALIDATION with the reason. */
function validate(input: Partial<AgentInput>): void {
  if (input.email !== undefined && !EMAIL.test(input.email)) throw new AppError("CHAT_ERR_VALIDATION", "`email` must be an email address.");
  if (input.name !== undefined && (input.name.trim().length === 0 || input.name.length > 100)) throw new AppError("CHAT_ERR_VALIDATION", "`name` must be 1–100 characters.");
  if (input.password !== undefined && (input.password.length < 8 || input.password.length > 200)) throw new AppError("CHAT_ERR_VALIDATION", "`password` must be 8–200 characters.");
  if (input.role !== undefined && input.role !== "agent" && input.role !== "admin") throw new AppError("CHAT_ERR_VALIDATION", "`role` must be `agent` or `admin`.");
  if (input.skills !== undefined && (input.skills.length === 0 || input.skills.some((s) => !TEAMS.includes(s)))) {
    throw new AppError("CHAT_ERR_VALIDATION", `\`skills\` must be a non-empty list of ${TEAMS.join(", ")}.`);
  }
  if (input.languages !== undefined && (input.languages.length === 0 || input.languages.some((l) => !/^[a-z]{2}$/.test(l)))) {
    throw new AppError("CHAT_ERR_VALIDATION", "`languages` must be a non-empty list of two-letter language codes (ISO 639-1), e.g. [\"en\", \"es\"].");
  }
  if (input.capacity !== undefined && (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 50)) {
    throw new AppError("CHAT_ERR_VALIDATION", "`capacity` must be an integer from 1 to 50.");
  }
}

/**
 * Create the auth service. Passwords are hashed with scrypt; session tokens are random 256-bit
 * values of which only the SHA-256 is stored.
 * @example const auth = createAuthService({ store: createAuthStore(db), sessionTtlMs: 8 * 3600e3, maxFailedLogins: 5, lockoutMs: 900e3 });
 */
export function createAuthService(options: AuthServiceOptions): AuthService {
  const { store } = options;
  const now = options.clock ?? (() => new Date());
  // A fixed hash so an unknown email costs the same scrypt work as a wrong password.
  const dummyHash = hashPassword(generatePassword());

  const refused = () => new AppError("CHAT_ERR_UNAUTHORIZED", "Wrong email or password, or too many attempts; try again later.");

  const service: AuthService = {
    async createAgent(input) {
      validate(input);
      const email = input.email.trim().toLowerCase();
      if (await store.findAgentByEmail(email)) throw new AppError("CHAT_ERR_HANDOFF_CONFLICT", `An account for ${email} already exists.`);
      return store.insertAgent({
        id: randomUUID(),
        email,
        name: input.name.trim(),
        role: input.role ?? "agent",
        passwordHash: await hashPassword(input.password),
        skills: input.skills ?? ["general"],
        languages: input.languages ?? ["en"],
        capacity: input.capacity ?? 3,
        createdAt: now().toISOString(),
      });
    },
    async updateAgent(id, patch) {
      validate(patch);
      if (!(await store.getAgent(id))) throw new AppError("CHAT_ERR_NOT_FOUND", "No such agent.");
      const { password, ...rest } = patch;
      const updated = (await store.updateAgent(id, { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) }))!;
      if (password || patch.disabled) await store.deleteAgentSessions(id);
      return updated;
    },
    listAgents: () => store.listAgents(),
    getAgent: (id) => store.getAgent(id),
    countAgents: (role) => store.countAgents(role),
    async login(email, password) {
      const found = await store.findAgentByEmail(String(email).trim().toLowerCase());
      if (!found) {
        await verifyPassword(password, await dummyHash);
        throw refused();
      }
      const ok = await verifyPassword(password, found.passwordHash);
      // Decided after the (slow) password check, against the database's current count: parallel attempts cannot
      // slip a right password past a lock that the wrong ones set meanwhile.
      const at = now();
      if (!ok || found.disabled) {
        await store.recordFailedLogin(found.id, options.maxFailedLogins, new Date(at.getTime() + options.lockoutMs).toISOString(), at.toISOString());
        throw refused();
      }
      if (!(await store.clearFailedLogins(found.id, at.toISOString()))) throw refused();
      await store.deleteExpiredSessions(at.toISOString());
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(at.getTime() + options.sessionTtlMs).toISOString();
      await store.insertSession({ tokenHash: tokenHash(token), agentId: found.id, createdAt: at.toISOString(), expiresAt });
      const { passwordHash: _omit, ...agent } = found;
      return { token, expiresAt, agent: { ...agent, failedLogins: 0, lockedUntil: null } };
    },
    async authenticate(token) {
      if (!token || token.length > 200) return undefined;
      const session = await store.getSession(tokenHash(token));
      if (!session) return undefined;
      if (new Date(session.expiresAt) <= now()) {
        await store.deleteSession(session.tokenHash);
        return undefined;
      }
      const agent = await store.getAgent(session.agentId);
      return agent && !agent.disabled ? agent : undefined;
    },
    async logout(token) {
      await store.deleteSession(tokenHash(token));
    },
    async bootstrap({ adminEmail, adminPassword, demoAgents }) {
      const created: { email: string; password: string; role: AgentRole; skills: Team[] }[] = [];
      if (adminEmail && !(await store.findAgentByEmail(adminEmail.toLowerCase()))) {
        const password = adminPassword ?? generatePassword();
        await service.createAgent({ email: adminEmail, name: "Admin", role: "admin", password, skills: [...TEAMS], capacity: 5 });
        created.push({ email: adminEmail.toLowerCase(), password: adminPassword ? "(from ADMIN_PASSWORD)" : password, role: "admin", skills: [...TEAMS] });
      }
      if (demoAgents && (await store.countAgents()) === created.length) {
        const demo: { email: string; name: string; role: AgentRole; skills: Team[]; languages: string[]; capacity: number }[] = [
          ...(adminEmail ? [] : [{ email: "admin@fjell-field.example", name: "Ingrid (admin)", role: "admin" as const, skills: [...TEAMS], languages: ["en", "de"], capacity: 5 }]),
          { email: "sam@fjell-field.example", name: "Sam", role: "agent", skills: ["orders", "returns", "general"], languages: ["en", "es"], capacity: 3 },
          { email: "alex@fjell-field.example", name: "Alex", role: "agent", skills: ["equipment", "general"], languages: ["en", "fr"], capacity: 3 },
        ];
        for (const d of demo) {
          const password = generatePassword();
          await service.createAgent({ ...d, password });
          created.push({ email: d.email, password, role: d.role, skills: d.skills });
        }
      }
      return created;
    },
  };
  return service;
}
