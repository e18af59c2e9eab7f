import type { SqlExecutor } from "./driver.ts";

/** A stored API key (never the key itself: only its SHA-256 and its first characters). */
export interface ApiKeyRecord {
  id: string;
  name: string;
  /** The key's first characters (`ffk_ab12cd34`), to recognise it in lists and logs. */
  prefix: string;
  scopes: string[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A new API key to store. */
export interface NewApiKey {
  id: string;
  name: string;
  prefix: string;
  keyHash: string;
  scopes: string[];
  createdBy: string | null;
  createdAt: string;
}

type ApiKeyRow = {
  id: string; name: string; prefix: string; key_hash: string; scopes: string; created_by: string | null;
  created_at: string; last_used_at: string | null; revoked_at: string | null;
};

const toApiKey = (r: ApiKeyRow): ApiKeyRecord => ({
  id: r.id, name: r.name, prefix: r.prefix, scopes: JSON.parse(r.scopes) as string[], createdBy: r.created_by,
  createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
});

/** Persistence of API keys: insert, look up by hash, list, revoke, and record their last use. */
export interface ApiKeyStore {
  insert(key: NewApiKey): Promise<ApiKeyRecord>;
  /** The key with this SHA-256 (revoked ones too; the caller decides). */
  findByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  get(id: string): Promise<ApiKeyRecord | undefined>;
  /** Every key, newest first. */
  list(): Promise<ApiKeyRecord[]>;
  /** Mark a key revoked; false when it does not exist or was already revoked. */
  revoke(id: string, atIso: string): Promise<boolean>;
  /** Set the last-used time (only forward). */
  touch(id: string, atIso: string): Promise<void>;
}

/** Create the API key store over a SQL driver (SQLite or PostgreSQL). */
export function createApiKeyStore(db: SqlExecutor): ApiKeyStore {
  const store: ApiKeyStore = {
    async insert(k) {
      await db.run("INSERT INTO api_keys (id, name, prefix, key_hash, scopes, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", [
        k.id, k.name, k.prefix, k.keyHash, JSON.stringify(k.scopes), k.createdBy, k.createdAt,
      ]);
      return (await store.get(k.id))!;
    },
    async findByHash(keyHash) {
      const r = await db.get<ApiKeyRow>("SELECT * FROM api_keys WHERE key_hash = ?", [keyHash]);
      return r && toApiKey(r);
    },
    async get(id) {
      const r = await db.get<ApiKeyRow>("SELECT * FROM api_keys WHERE id = ?", [id]);
      return r && toApiKey(r);
    },
    async list() {
      return (await db.all<ApiKeyRow>("SELECT * FROM api_keys ORDER BY created_at DESC, id")).map(toApiKey);
    },
    async revoke(id, atIso) {
      return (await db.run("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [atIso, id])).changes === 1;
    },
    async touch(id, atIso) {
      await db.run("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)", [atIso, id, atIso]);
    },
  };
  return store;
}
