import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../errors.ts";
import type { ApiKeyRecord, ApiKeyStore } from "../storage/index.ts";

/** What a key may do. `ingest:write` pushes shop data; `admin:*` reads and changes the admin API; `privacy` exports and erases personal data. */
export const API_SCOPES = ["ingest:write", "admin:read", "admin:write", "privacy"] as const;

/** One API scope. */
export type ApiScope = (typeof API_SCOPES)[number];

/** Every key starts with this, so it is recognisable in code, logs and secret scanners. */
export const API_KEY_PREFIX = "ffk_";

/** A key as created: the secret is returned this once and never again. */
export interface CreatedApiKey {
  key: string;
  record: ApiKeyRecord;
}

/** Options of {@link createApiKeys}. */
export interface ApiKeysOptions {
  store: ApiKeyStore;
  clock?: () => Date;
  /** Last-used times are written at most this often per key (default 60 s), so a busy key does not write on every request. */
  touchEveryMs?: number;
}

/** API keys: created and revoked by an admin, stored as SHA-256, scoped, with their last-used time. */
export interface ApiKeys {
  /** Create a key; the returned `key` is the only time the secret is seen. */
  create(input: { name: string; scopes: readonly string[]; createdBy?: string | null }): Promise<CreatedApiKey>;
  list(): Promise<ApiKeyRecord[]>;
  /** Revoke a key (it stops working at once); throws CHAT_ERR_NOT_FOUND for an unknown or already revoked key. */
  revoke(id: string): Promise<ApiKeyRecord>;
  /** The live key behind a presented secret (and its last use recorded), or undefined for an unknown or revoked one. */
  verify(key: string): Promise<ApiKeyRecord | undefined>;
}

/** SHA-256 hex of a key: what is stored and looked up. A 256-bit random key needs no slow hash. */
export const hashApiKey = (key: string): string => createHash("sha256").update(key, "utf8").digest("hex");

/** True when `s` has the shape of one of our keys (cheap check before a database look-up). */
export const looksLikeApiKey = (s: string): boolean => /^ffk_[A-Za-z0-9_-]{43}$/.test(s);

/** Check a list of scopes; throws CHAT_ERR_VALIDATION naming the unknown ones. */
export function parseScopes(scopes: readonly string[]): ApiScope[] {
  const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new AppError("CHAT_ERR_VALIDATION", `scopes: unknown scope ${unknown.map((s) => JSON.stringify(s)).join(", ")}; use ${API_SCOPES.join(", ")}.`);
  if (!scopes.length) throw new AppError("CHAT_ERR_VALIDATION", `scopes: give at least one of ${API_SCOPES.join(", ")}.`);
  return [...new Set(scopes)] as ApiScope[];
}

/**
 * Create the API key service. A key is `ffk_` + 32 random bytes in base64url (256 bits); only its SHA-256
 * is stored, with the first 12 characters as a recognisable prefix.
 * @example const keys = createApiKeys({ store: storage.apiKeys }); const { key } = await keys.create({ name: "shopify", scopes: ["ingest:write"] });
 */
export function createApiKeys(options: ApiKeysOptions): ApiKeys {
  const { store } = options;
  const now = options.clock ?? (() => new Date());
  const touchEvery = options.touchEveryMs ?? 60_000;
  const lastTouch = new Map<string, number>();
  return {
    async create(input) {
      const name = input.name.trim();
      if (!name || name.length > 100) throw new AppError("CHAT_ERR_VALIDATION", "name: must be 1–100 characters.");
      const scopes = parseScopes(input.scopes);
      const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
      const record = await store.insert({
        id: `key_${randomBytes(8).toString("hex")}`, name, prefix: key.slice(0, 12), keyHash: hashApiKey(key), scopes,
        createdBy: input.createdBy ?? null, createdAt: now().toISOString(),
      });
      return { key, record };
    },
    list: () => store.list(),
    async revoke(id) {
      if (!(await store.revoke(id, now().toISOString()))) throw new AppError("CHAT_ERR_NOT_FOUND", `No active API key ${id}.`);
      lastTouch.delete(id);
      return (await store.get(id))!;
    },
    async verify(key) {
      if (!looksLikeApiKey(key)) return undefined;
      const record = await store.findByHash(hashApiKey(key));
      if (!record || record.revokedAt) return undefined;
      const t = now();
      if (t.getTime() - (lastTouch.get(record.id) ?? 0) >= touchEvery) {
        lastTouch.set(record.id, t.getTime());
        await store.touch(record.id, t.toISOString());
        record.lastUsedAt = t.toISOString();
      }
      return record;
    },
  };
}
