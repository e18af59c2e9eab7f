import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { TableCount } from "../storage/index.ts";

/** What an erasure did to a file or an in-memory cache. */
export interface ResourceAction {
  /** A file path relative to DATA_DIR, or a cache's name. */
  name: string;
  action: string;
  /** Entries removed or traces found, where that applies. */
  count?: number;
}

/** The signed record of one erasure. It names the customer only by a keyed hash (`subjectHash`). */
export interface ErasureReceipt {
  version: 1;
  id: string;
  /** HMAC-SHA256(subject key, customer id), hex: proves which customer without storing the id. */
  subjectHash: string;
  /** The id the customer's kept orders now carry. */
  pseudonym: string;
  /** Who asked: `admin-token`, `apikey:<id>`, `cli:<user>`, … */
  requestedBy: string;
  /** Why (a ticket number or a request reference); never personal data. */
  reason: string | null;
  at: string;
  durationMs: number;
  tables: TableCount[];
  files: ResourceAction[];
  caches: ResourceAction[];
  /** HMAC-SHA256(signature key, canonical JSON of every other field), hex. */
  signature: string;
}

/** The verdict on a receipt. */
export interface ReceiptVerdict {
  valid: boolean;
  /** Why it is not valid, or (with a customer id to check) whether it is that customer's. */
  reason?: string;
  /** With a customer id: whether the receipt is about that customer. */
  subjectMatches?: boolean;
}

/** The two keys a receipt secret yields: one signs receipts, one hashes customer ids (separate purposes). */
function keys(secret: string): { sign: Buffer; subject: Buffer } {
  const derive = (purpose: string) => createHmac("sha256", secret).update(purpose, "utf8").digest();
  return { sign: derive("receipt-signature"), subject: derive("receipt-subject") };
}

/** JSON with object keys sorted at every level, so the signature does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The keyed hash under which receipts name a customer. */
export function subjectHash(secret: string, customerId: string): string {
  return createHmac("sha256", keys(secret).subject).update(customerId, "utf8").digest("hex");
}

/** A fresh pseudonym for an erased customer's kept orders, e.g. `ERASED-3f9a1c2b7d0e`. */
export function newPseudonym(): string {
  return `ERASED-${randomUUID().replace(/-/g, "").slice(0, 12)}`;
}

/**
 * Sign an erasure receipt (everything but the signature) with the receipt secret.
 * @example const receipt = signReceipt(config.privacy.receiptSecret, { version: 1, id, subjectHash: subjectHash(secret, "C00042"), … });
 */
export function signReceipt(secret: string, body: Omit<ErasureReceipt, "signature">): ErasureReceipt {
  const { signature: _ignored, ...unsigned } = body as ErasureReceipt;
  const signature = createHmac("sha256", keys(secret).sign).update(canonicalJson(unsigned), "utf8").digest("hex");
  return { ...unsigned, signature };
}

/**
 * Check a receipt's signature (and, given a customer id, that it is about that customer). Any change to
 * any field, or another secret, makes it invalid.
 * @example verifyReceipt(secret, receipt, "C00042") // { valid: true, subjectMatches: true }
 */
export function verifyReceipt(secret: string, receipt: unknown, customerId?: string): ReceiptVerdict {
  if (!receipt || typeof receipt !== "object") return { valid: false, reason: "not a receipt object" };
  const r = receipt as Partial<ErasureReceipt>;
  if (r.version !== 1) return { valid: false, reason: `unknown receipt version ${JSON.stringify(r.version)}` };
  if (typeof r.signature !== "string" || !/^[0-9a-f]{64}$/.test(r.signature)) return { valid: false, reason: "missing or malformed signature" };
  const expected = signReceipt(secret, r as ErasureReceipt).signature;
  if (!timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(r.signature, "hex"))) {
    return { valid: false, reason: "signature does not match: the receipt was changed, or signed with another secret" };
  }
  if (customerId === undefined) return { valid: true };
  const matches = subjectHash(secret, customerId) === r.subjectHash;
  return { valid: true, subjectMatches: matches, ...(matches ? {} : { reason: `the receipt is about another customer than ${customerId}` }) };
}
