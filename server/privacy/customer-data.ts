import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { AppError } from "../errors.ts";
import type { CustomerRows, CustomerSubject, Storage } from "../storage/index.ts";
import { AUDIT_ACTIONS, createAuditLog } from "./audit-log.ts";
import { newPseudonym, signReceipt, subjectHash, verifyReceipt, type ErasureReceipt, type ReceiptVerdict, type ResourceAction } from "./receipts.ts";

/** An in-memory cache that may hold a customer's data, and how to make it forget them. */
export interface ErasableCache {
  name: string;
  /** Drop what the cache holds about the customer; returns how many entries went. */
  forget(subject: CustomerSubject): Promise<number> | number;
}

/** Everything held about one customer, as one JSON document. */
export interface CustomerExport {
  format: "fjell-customer-export/v1";
  exportedAt: string;
  customerId: string;
  /** Every row about the customer, by table (the erasure's scope); JSON columns parsed. */
  tables: CustomerRows;
  /** What the customer models say about them now (profile, segment, CLV, churn), or why not. */
  insights: unknown;
  /** How to read the document. */
  notes: string[];
}

/** The result of an erasure: the customer id (kept by the requester, not by the shop) and the signed receipt. */
export interface ErasureResult {
  customerId: string;
  receipt: ErasureReceipt;
}

/** What the export and erasure service needs. */
export interface CustomerDataOptions {
  storage: Pick<Storage, "privacy" | "audit">;
  /** The receipt HMAC secret (config.privacy.receiptSecret). */
  receiptSecret: string;
  /** DATA_DIR: its files are scanned for traces after an erasure (and the database's WAL flushed). */
  dataDir?: string;
  /** In-memory caches to clear of the customer (the embedding cache, the masker's name list). */
  caches?: readonly ErasableCache[];
  /** The customer models, for the export's `insights`. */
  insights?: () => { getInsights(id: string, options?: { k?: number }): Promise<unknown> } | undefined;
  clock?: () => Date;
}

/** Export and erasure of one customer everywhere, with signed receipts. */
export interface CustomerDataService {
  exportCustomer(customerId: string, actor: string): Promise<CustomerExport>;
  /** Erase the customer (storage/privacy.ts says what happens to each table), clear caches, scan files, sign a receipt. */
  eraseCustomer(customerId: string, actor: string, options?: { reason?: string }): Promise<ErasureResult>;
  verify(receipt: unknown, customerId?: string): ReceiptVerdict;
  getReceipt(id: string): Promise<ErasureReceipt | undefined>;
  /** Stored receipts, newest first; with a customer id, only that customer's (found by its keyed hash). */
  listReceipts(options?: { customerId?: string; limit?: number }): Promise<ErasureReceipt[]>;
}

/**
 * Which of the needles occur in the raw bytes of each file under `dir` (as given and lower-cased):
 * the file part of a no-trace check (a database file, its WAL, artifacts, caches).
 * @example findFileTraces(config.dataDir, ["C00042", "ann@example.com"]) // [] when no file holds them
 */
export function findFileTraces(dir: string, needles: readonly string[]): { file: string; needle: string }[] {
  if (!fs.existsSync(dir)) return [];
  const out: { file: string; needle: string }[] = [];
  const files = fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const n of needles) if (n && [n, n.toLowerCase()].some((form) => bytes.includes(Buffer.from(form, "utf8")))) out.push({ file: path.relative(dir, file), needle: n });
  }
  return out;
}

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

/**
 * Create the export and erasure service.
 * @example const data = createCustomerDataService({ storage, receiptSecret: config.privacy.receiptSecret, dataDir: config.dataDir });
 *          const { receipt } = await data.eraseCustomer("C00042", "admin-token", { reason: "ticket 1234" });
 */
export function createCustomerDataService(o: CustomerDataOptions): CustomerDataService {
  const { privacy } = o.storage;
  const audit = createAuditLog(o.storage.audit);
  const clock = o.clock ?? (() => new Date());
  const secret = o.receiptSecret;

  const subjectOrThrow = async (customerId: string): Promise<CustomerSubject> => {
    const s = await privacy.subject(customerId);
    if (s) return s;
    const [erased] = (await privacy.listReceipts({ subjectHash: subjectHash(secret, customerId), limit: 1 })) as ErasureReceipt[];
    throw new AppError("CHAT_ERR_NOT_FOUND", erased ? `Customer ${customerId} was erased at ${erased.at} (receipt ${erased.id}).` : `No customer ${customerId}.`);
  };

  const scanFiles = (s: CustomerSubject): ResourceAction[] => {
    if (!o.dataDir) return [];
    const traces = findFileTraces(o.dataDir, [s.customerId, s.email]);
    return listFiles(o.dataDir).map((name) => {
      const count = traces.filter((t) => t.file === name).length;
      return { name, action: count ? "scanned: TRACES FOUND (id or e-mail)" : "scanned: no trace of the id or e-mail", count };
    });
  };

  return {
    async exportCustomer(customerId, actor) {
      const s = await subjectOrThrow(customerId);
      const tables = await privacy.collect(s);
      let insights: unknown = "customer models not loaded";
      const models = o.insights?.();
      if (models) {
        try {
          insights = await models.getInsights(customerId, { k: 5 });
        } catch (err) {
          insights = `customer models unavailable: ${(err as Error).message}`;
        }
      }
      await audit.record({ actor, action: AUDIT_ACTIONS.customerExport, subject: customerId, detail: { rows: Object.values(tables).reduce((n, rows) => n + rows.length, 0) } });
      return {
        format: "fjell-customer-export/v1",
        exportedAt: clock().toISOString(),
        customerId,
        tables,
        insights,
        notes: [
          "tables: every stored row about the customer, by database table; an erasure removes or anonymises exactly these rows.",
          "messages.payload.decision is the assistant's decision record for a reply; messages.text is stored with personal data masked.",
          "audit_log lists who read or changed this customer's data; insights are computed on request and only with profiling consent.",
          "agent_notes are the support team's internal notes: review them before sending this export to the customer.",
        ],
      };
    },

    async eraseCustomer(customerId, actor, options = {}) {
      const s = await subjectOrThrow(customerId);
      const open = await privacy.openHandoffs(s);
      if (open.length) throw new AppError("CHAT_ERR_ERASURE_BLOCKED", `Customer ${customerId} has ${open.length} conversation(s) queued or with an agent (${open.join(", ")}); close them first.`);
      const t0 = performance.now();
      const pseudonym = newPseudonym();
      const tables = await privacy.erase(s, pseudonym);
      const caches: ResourceAction[] = [];
      for (const c of o.caches ?? []) caches.push({ name: c.name, action: "forgot the customer", count: await c.forget(s) });
      const flushed = await privacy.flush();
      const files: ResourceAction[] = [...(flushed ? [{ name: "database", action: flushed }] : []), ...scanFiles(s)];
      const receipt = signReceipt(secret, {
        version: 1,
        id: randomUUID(),
        subjectHash: subjectHash(secret, customerId),
        pseudonym,
        requestedBy: actor,
        reason: options.reason ?? null,
        at: clock().toISOString(),
        durationMs: Math.round(performance.now() - t0),
        tables,
        files,
        caches,
      });
      await privacy.saveReceipt({ id: receipt.id, subjectHash: receipt.subjectHash, pseudonym, requestedBy: actor, at: receipt.at, receipt });
      await audit.record({ actor, action: AUDIT_ACTIONS.customerErase, subject: pseudonym, detail: { receipt: receipt.id } });
      return { customerId, receipt };
    },

    verify: (receipt, customerId) => verifyReceipt(secret, receipt, customerId),
    getReceipt: async (id) => (await privacy.getReceipt(id)) as ErasureReceipt | undefined,
    async listReceipts(options = {}) {
      const hash = options.customerId ? subjectHash(secret, options.customerId) : undefined;
      return (await privacy.listReceipts({ subjectHash: hash, limit: options.limit })) as ErasureReceipt[];
    },
  };
}
