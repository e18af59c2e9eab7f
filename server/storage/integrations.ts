import type { SqlExecutor } from "./driver.ts";

/** A shop platform that sends signed webhooks (its secret is only read to verify signatures). */
export interface IntegrationRecord {
  id: string;
  kind: "shopify";
  name: string;
  createdAt: string;
  disabledAt: string | null;
}

type Row = { id: string; kind: "shopify"; name: string; secret: string; created_at: string; disabled_at: string | null };
const toRecord = (r: Row): IntegrationRecord => ({ id: r.id, kind: r.kind, name: r.name, createdAt: r.created_at, disabledAt: r.disabled_at });

/** Persistence of platform integrations. */
export interface IntegrationStore {
  insert(i: IntegrationRecord & { secret: string }): Promise<IntegrationRecord>;
  list(): Promise<IntegrationRecord[]>;
  /** An enabled integration with its secret, or undefined. */
  getActive(id: string): Promise<(IntegrationRecord & { secret: string }) | undefined>;
  /** Disable an integration; false when unknown or already disabled. */
  disable(id: string, atIso: string): Promise<boolean>;
}

/** Create the integration store over a SQL driver. */
export function createIntegrationStore(db: SqlExecutor): IntegrationStore {
  return {
    async insert(i) {
      await db.run("INSERT INTO integrations (id, kind, name, secret, created_at) VALUES (?, ?, ?, ?, ?)", [i.id, i.kind, i.name, i.secret, i.createdAt]);
      return { id: i.id, kind: i.kind, name: i.name, createdAt: i.createdAt, disabledAt: null };
    },
    async list() {
      return (await db.all<Row>("SELECT * FROM integrations ORDER BY created_at, id")).map(toRecord);
    },
    async getActive(id) {
      const r = await db.get<Row>("SELECT * FROM integrations WHERE id = ? AND disabled_at IS NULL", [id]);
      return r && { ...toRecord(r), secret: r.secret };
    },
    async disable(id, atIso) {
      return (await db.run("UPDATE integrations SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL", [atIso, id])).changes === 1;
    },
  };
}
