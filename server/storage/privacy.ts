import { placeholders, type SqlExecutor, type SqlParam } from "./driver.ts";

/**
 * What one customer is, for finding their rows: the id, the e-mail (their out-of-hours tickets and
 * orders may carry it without the id), and their full name (redacted from free text elsewhere).
 */
export interface CustomerSubject {
  customerId: string;
  email: string;
  name: string;
}

/** What was done to one table's rows by an erasure or a purge. */
export interface TableCount {
  table: string;
  /** `deleted`, `anonymised` (personal columns replaced), `pseudonymised` (the id replaced) or `redacted` (identifiers cut out of free text). */
  action: "deleted" | "anonymised" | "pseudonymised" | "redacted";
  rows: number;
}

/** Every row held about one customer, by table (JSON columns parsed). */
export type CustomerRows = Record<string, Record<string, unknown>[]>;

/** A conversation-scoped table and its key column. */
const CONVERSATION_TABLES = ["messages", "dialogue_memory", "feedback", "conversation_transitions", "handoffs", "agent_notes"] as const;

/** Free-text columns where another row may quote a customer's id, e-mail or name. */
const FREE_TEXT: readonly [table: string, column: string][] = [
  ["messages", "text"], ["messages", "payload"], ["agent_notes", "text"], ["tickets", "message"], ["handoffs", "resolution"],
  ["conversation_transitions", "reason"], ["events", "query"], ["canned_responses", "text"], ["dialogue_memory", "data"],
];

/** Columns stored as JSON text, parsed in exports. */
const JSON_COLUMNS = new Set(["payload", "data", "detail", "customer_value", "product_ids", "tags", "skills"]);

/** The placeholder that replaces an identifier cut out of free text. */
export const REDACTED = "[erased]";

/** Export and erasure of one customer, transcript retention and the erasure-receipt register. */
export interface PrivacyStore {
  /** The customer's subject (id, e-mail, name), or undefined when there is no such customer. */
  subject(customerId: string): Promise<CustomerSubject | undefined>;
  /** Every row held about the customer, by table; the same scope the erasure removes. */
  collect(subject: CustomerSubject): Promise<CustomerRows>;
  /**
   * Erase the customer in one transaction: conversations and everything in them, tickets with their
   * e-mail, offers, experiment assignments and behaviour events deleted; orders kept for accounting
   * under `pseudonym` with the e-mail and tracking number replaced; the customer row anonymised under
   * `pseudonym` when orders still point at it, deleted otherwise; their id, e-mail and name cut out of
   * other rows' free text; audit entries moved to the pseudonym.
   */
  erase(subject: CustomerSubject, pseudonym: string): Promise<TableCount[]>;
  /** Conversations of the customer still with an agent or in the queue (erasure waits for them). */
  openHandoffs(subject: CustomerSubject): Promise<string[]>;
  /**
   * Delete the transcripts (messages with their decision records, dialogue memory, feedback, notes,
   * transitions, tickets) of conversations whose last activity is before `beforeIso` and that are not
   * with an agent or queued. Conversation rows, handoff episodes and offers stay (statistics).
   */
  purgeTranscripts(beforeIso: string): Promise<TableCount[]>;
  /**
   * After an erasure: on SQLite, write the WAL back into the database file and truncate it, so no old
   * page image of the erased rows stays in the -wal file. Returns what it did (undefined on PostgreSQL,
   * where dead row versions go at VACUUM; docs/privacy.md).
   */
  flush(): Promise<string | undefined>;
  saveReceipt(r: { id: string; subjectHash: string; pseudonym: string; requestedBy: string; at: string; receipt: unknown }): Promise<void>;
  getReceipt(id: string): Promise<unknown | undefined>;
  /** Stored receipts, newest first; with `subjectHash`, only that customer's. */
  listReceipts(options?: { subjectHash?: string; limit?: number }): Promise<unknown[]>;
}

const parseRow = (row: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === "string" && JSON_COLUMNS.has(k)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // not JSON after all: keep the text
      }
    }
    out[k] = typeof v === "bigint" ? Number(v) : v;
  }
  return out;
};

/** The conversation ids of a customer: verified conversations and those whose out-of-hours ticket carries their e-mail. */
async function conversationIds(db: SqlExecutor, s: CustomerSubject): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    "SELECT id FROM conversations WHERE customer_id = ? UNION SELECT conversation_id AS id FROM tickets WHERE lower(email) = lower(CAST(? AS TEXT))",
    [s.customerId, s.email],
  );
  return rows.map((r) => r.id).sort();
}

/** The experiment units of a customer (server/dialogue/experiments.ts: `customer:<id>`, `conversation:<id>` for anonymous turns). */
const experimentUnits = (s: CustomerSubject, convs: readonly string[]): string[] => [`customer:${s.customerId}`, ...convs.map((c) => `conversation:${c}`)];

/** Run `fn` over `ids` in chunks (bounded IN lists) and add up what it returns. */
async function chunked(ids: readonly string[], fn: (chunk: string[], marks: string) => Promise<number>, size = 400): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += size) {
    const chunk = ids.slice(i, i + size);
    n += await fn(chunk, placeholders(chunk.length));
  }
  return n;
}

/** A customer's campaign arms, deliveries and lifecycle-stage dates (docs/campaigns.md). */
const CAMPAIGN_TABLES = ["campaign_deliveries", "campaign_assignments", "customer_stages"] as const;

/** The row filters of the customer's scope, table by table (SQL with `?` and its parameters). */
function scope(s: CustomerSubject, convs: readonly string[]): { table: string; where: string; params: SqlParam[] }[] {
  const inConvs = convs.length ? `conversation_id IN (${placeholders(convs.length)})` : "1 = 0";
  const idsIn = convs.length ? `id IN (${placeholders(convs.length)})` : "1 = 0";
  const units = experimentUnits(s, convs);
  return [
    { table: "customers", where: "id = ?", params: [s.customerId] },
    { table: "orders", where: "customer_id = ? OR lower(email) = lower(CAST(? AS TEXT))", params: [s.customerId, s.email] },
    { table: "order_items", where: "order_id IN (SELECT id FROM orders WHERE customer_id = ? OR lower(email) = lower(CAST(? AS TEXT)))", params: [s.customerId, s.email] },
    { table: "events", where: "customer_id = ?", params: [s.customerId] },
    { table: "conversations", where: idsIn, params: [...convs] },
    ...CONVERSATION_TABLES.map((table) => ({ table, where: inConvs, params: [...convs] as SqlParam[] })),
    { table: "tickets", where: `${inConvs} OR lower(email) = lower(CAST(? AS TEXT))`, params: [...convs, s.email] },
    { table: "offers", where: `${inConvs} OR customer_id = ?`, params: [...convs, s.customerId] },
    { table: "experiment_assignments", where: `customer_id = ? OR unit IN (${placeholders(units.length)})`, params: [s.customerId, ...units] },
    ...CAMPAIGN_TABLES.map((table) => ({ table, where: "customer_id = ?", params: [s.customerId] as SqlParam[] })),
    { table: "audit_log", where: "subject = ?", params: [s.customerId] },
  ];
}

/** Create the privacy store over a SQL driver (SQLite or PostgreSQL). */
export function createPrivacyStore(db: SqlExecutor): PrivacyStore {
  return {
    async subject(customerId) {
      const r = await db.get<{ id: string; email: string; name: string }>("SELECT id, email, name FROM customers WHERE id = ?", [customerId]);
      return r && { customerId: r.id, email: r.email, name: r.name };
    },

    async collect(s) {
      const convs = await conversationIds(db, s);
      const out: CustomerRows = {};
      for (const { table, where, params } of scope(s, convs)) {
        const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ${table} WHERE ${where}`, params);
        out[table] = rows.map(parseRow);
      }
      return out;
    },

    async openHandoffs(s) {
      const convs = await conversationIds(db, s);
      const open: string[] = [];
      await chunked(convs, async (chunk, marks) => {
        const rows = await db.all<{ id: string }>(`SELECT id FROM conversations WHERE id IN (${marks}) AND state IN ('queued', 'agent')`, chunk);
        open.push(...rows.map((r) => r.id));
        return rows.length;
      });
      return open;
    },

    async erase(s, pseudonym) {
      return db.transaction(async (tx) => {
        const counts: TableCount[] = [];
        const note = (table: string, action: TableCount["action"], rows: number) => {
          if (rows > 0) counts.push({ table, action, rows });
        };
        const convs = await conversationIds(tx, s);
        const del = async (table: string, column: string) =>
          chunked(convs, async (chunk, marks) => (await tx.run(`DELETE FROM ${table} WHERE ${column} IN (${marks})`, chunk)).changes);
        // Children before parents (foreign keys).
        for (const table of CONVERSATION_TABLES) note(table, "deleted", await del(table, "conversation_id"));
        note("tickets", "deleted", (await del("tickets", "conversation_id")) + (await tx.run("DELETE FROM tickets WHERE lower(email) = lower(CAST(? AS TEXT))", [s.email])).changes);
        note("offers", "deleted", (await del("offers", "conversation_id")) + (await tx.run("DELETE FROM offers WHERE customer_id = ?", [s.customerId])).changes);
        const units = experimentUnits(s, convs);
        note(
          "experiment_assignments",
          "deleted",
          (await chunked(units, async (chunk, marks) => (await tx.run(`DELETE FROM experiment_assignments WHERE unit IN (${marks})`, chunk)).changes)) +
            (await tx.run("DELETE FROM experiment_assignments WHERE customer_id = ?", [s.customerId])).changes,
        );
        note("events", "deleted", (await tx.run("DELETE FROM events WHERE customer_id = ?", [s.customerId])).changes);
        for (const table of CAMPAIGN_TABLES) note(table, "deleted", (await tx.run(`DELETE FROM ${table} WHERE customer_id = ?`, [s.customerId])).changes);
        note("conversations", "deleted", await del("conversations", "id"));

        // Orders stay for accounting (amounts, items, dates, country) under the pseudonym.
        const erasedEmail = `${pseudonym.toLowerCase()}@erased.invalid`;
        const hasOrders = (await tx.get<{ n: number }>("SELECT COUNT(*) AS n FROM orders WHERE customer_id = ?", [s.customerId]))!;
        if (Number(hasOrders.n) > 0) {
          await tx.run(
            `INSERT INTO customers (id, email, name, country, region, created_at, summit_member, marketing_consent, profiling_consent, persona)
             SELECT ?, ?, 'Erased customer', country, NULL, created_at, 0, 0, 0, NULL FROM customers WHERE id = ?`,
            [pseudonym, erasedEmail, s.customerId],
          );
          note("orders", "pseudonymised", (await tx.run("UPDATE orders SET customer_id = ?, email = ?, tracking_number = NULL WHERE customer_id = ?", [pseudonym, erasedEmail, s.customerId])).changes);
          note("customers", "anonymised", (await tx.run("DELETE FROM customers WHERE id = ?", [s.customerId])).changes);
        } else {
          note("customers", "deleted", (await tx.run("DELETE FROM customers WHERE id = ?", [s.customerId])).changes);
        }
        note("orders", "anonymised", (await tx.run("UPDATE orders SET email = ?, tracking_number = NULL WHERE lower(email) = lower(CAST(? AS TEXT))", [erasedEmail, s.email])).changes);

        // Other rows that quote the customer (a note on another conversation, a search query).
        const needles = [...new Set([s.customerId, s.email, s.email.toLowerCase(), ...(s.name.trim().includes(" ") ? [s.name.trim()] : [])])];
        for (const [table, column] of FREE_TEXT) {
          // replace(replace(col, a, x), b, x)…: every identifier cut out in one pass, each row counted once.
          // A plain substring test picks the rows first (a full scan either way, but far cheaper than replace on every row).
          const replaced = needles.reduce((sql) => `replace(${sql}, ?, ?)`, column);
          const find = tx.dialect === "sqlite" ? "instr" : "strpos";
          const holds = needles.map(() => `${find}(${column}, ?) > 0`).join(" OR ");
          const args = needles.flatMap((n) => [n, REDACTED]);
          note(table, "redacted", (await tx.run(`UPDATE ${table} SET ${column} = ${replaced} WHERE ${holds}`, [...args, ...needles])).changes);
        }
        note("audit_log", "pseudonymised", (await tx.run("UPDATE audit_log SET subject = ? WHERE subject = ?", [pseudonym, s.customerId])).changes);
        return counts;
      });
    },

    async purgeTranscripts(beforeIso) {
      return db.transaction(async (tx) => {
        const convs = (
          await tx.all<{ id: string }>("SELECT id FROM conversations WHERE updated_at < ? AND state NOT IN ('queued', 'agent') ORDER BY id", [beforeIso])
        ).map((r) => r.id);
        const counts: TableCount[] = [];
        for (const table of ["messages", "dialogue_memory", "feedback", "agent_notes", "conversation_transitions", "tickets"]) {
          const rows = await chunked(convs, async (chunk, marks) => (await tx.run(`DELETE FROM ${table} WHERE conversation_id IN (${marks})`, chunk)).changes);
          counts.push({ table, action: "deleted", rows });
        }
        return counts;
      });
    },

    async flush() {
      if (db.dialect !== "sqlite") return undefined;
      const r = await db.all<{ busy: number; log: number; checkpointed: number }>("PRAGMA wal_checkpoint(TRUNCATE)");
      return Number(r[0]?.busy ?? 0) === 0 ? "WAL checkpointed and truncated" : "WAL checkpoint blocked by a reader; the WAL is overwritten as it is reused";
    },
    async saveReceipt(r) {
      await db.run("INSERT INTO erasure_receipts (id, subject_hash, pseudonym, requested_by, at, receipt) VALUES (?, ?, ?, ?, ?, ?)", [
        r.id, r.subjectHash, r.pseudonym, r.requestedBy, r.at, JSON.stringify(r.receipt),
      ]);
    },
    async getReceipt(id) {
      const r = await db.get<{ receipt: string }>("SELECT receipt FROM erasure_receipts WHERE id = ?", [id]);
      return r && JSON.parse(r.receipt);
    },
    async listReceipts(options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
      const rows = options.subjectHash
        ? await db.all<{ receipt: string }>("SELECT receipt FROM erasure_receipts WHERE subject_hash = ? ORDER BY at DESC LIMIT ?", [options.subjectHash, limit])
        : await db.all<{ receipt: string }>("SELECT receipt FROM erasure_receipts ORDER BY at DESC LIMIT ?", [limit]);
      return rows.map((r) => JSON.parse(r.receipt));
    },
  };
}
