import type { SqlExecutor, SqlParam } from "./driver.ts";

/** One entry of the audit log: who read or changed which customer's data. */
export interface AuditEntry {
  id: number;
  at: string;
  /** `admin-token`, `agent:<id>`, `apikey:<id>`, `cli:<user>` or `system:<job>`. */
  actor: string;
  /** What was done: `profile.read`, `sidebar.read`, `note.add`, `customer.export`, `customer.erase`, `retention.purge`. */
  action: string;
  /** The customer whose data it was (their erasure pseudonym once erased), if any. */
  subject: string | null;
  conversationId: string | null;
  /** Extra facts (counts, receipt ids); never names, e-mails or message text. */
  detail: Record<string, unknown>;
}

/** An entry to append (id and time are set by the store). */
export type NewAuditEntry = Pick<AuditEntry, "actor" | "action"> & Partial<Pick<AuditEntry, "subject" | "conversationId" | "detail">>;

/** Which entries to list (all optional, combined with AND), newest first. */
export interface AuditFilter {
  subject?: string;
  actor?: string;
  action?: string;
  /** ISO time: entries at or after it. */
  since?: string;
  /** Entries with an id below this (paging backwards). */
  beforeId?: number;
  limit?: number;
}

/** Append-only audit log persistence. */
export interface AuditStore {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  list(filter?: AuditFilter): Promise<AuditEntry[]>;
  /** Replace a subject by its pseudonym in every entry (on erasure); returns the entries changed. */
  pseudonymise(subject: string, pseudonym: string): Promise<number>;
}

type AuditRow = { id: number; at: string; actor: string; action: string; subject: string | null; conversation_id: string | null; detail: string };

const toEntry = (r: AuditRow): AuditEntry => ({
  id: Number(r.id), at: r.at, actor: r.actor, action: r.action, subject: r.subject, conversationId: r.conversation_id, detail: JSON.parse(r.detail) as Record<string, unknown>,
});

/** Create the audit store over a SQL driver (SQLite or PostgreSQL). */
export function createAuditStore(db: SqlExecutor, now: () => Date = () => new Date()): AuditStore {
  return {
    async append(e) {
      const at = now().toISOString();
      const detail = JSON.stringify(e.detail ?? {});
      const r = await db.get<{ id: number }>(
        "INSERT INTO audit_log (at, actor, action, subject, conversation_id, detail) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        [at, e.actor, e.action, e.subject ?? null, e.conversationId ?? null, detail],
      );
      return { id: Number(r!.id), at, actor: e.actor, action: e.action, subject: e.subject ?? null, conversationId: e.conversationId ?? null, detail: e.detail ?? {} };
    },
    async list(f = {}) {
      const where: string[] = [];
      const params: SqlParam[] = [];
      const add = (sql: string, v: SqlParam | undefined) => {
        if (v === undefined) return;
        where.push(sql);
        params.push(v);
      };
      add("subject = ?", f.subject);
      add("actor = ?", f.actor);
      add("action = ?", f.action);
      add("at >= ?", f.since);
      add("id < ?", f.beforeId);
      const rows = await db.all<AuditRow>(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`,
        [...params, Math.min(Math.max(f.limit ?? 100, 1), 1000)],
      );
      return rows.map(toEntry);
    },
    async pseudonymise(subject, pseudonym) {
      return (await db.run("UPDATE audit_log SET subject = ? WHERE subject = ?", [pseudonym, subject])).changes;
    },
  };
}
