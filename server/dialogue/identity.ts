import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed customer identities. A shop backend signs the logged-in customer's id with the shared secret and
 * a timestamp, `v1.<unixSeconds>.<hex>` where hex = HMAC-SHA256(secret, `v1.<customerId>.<unixSeconds>`),
 * and renders it into the widget's script tag; the server accepts it for `maxAgeS` seconds
 * (docs/identity.md). The older bare form, hex HMAC-SHA256(secret, customerId), never expires and is
 * accepted only when `allowLegacy` is set.
 */

/** Why a signature was refused. */
export type IdentityRefusal = "malformed" | "bad_signature" | "expired" | "from_future" | "legacy_refused";

/** The outcome of checking a signed identity. */
export type IdentityVerdict = { ok: true } | { ok: false; reason: IdentityRefusal };

/** Options of `signCustomerIdentity`. */
export interface SignIdentityOptions {
  /** The signing time in milliseconds since the epoch (default: now). */
  now?: number;
}

/** Options of `verifyCustomerIdentity`. */
export interface VerifyIdentityOptions {
  /** How old a signature may be, in seconds (default 86,400: a day). */
  maxAgeS?: number;
  /** Accept the bare, non-expiring signature of older integrations (default false). */
  allowLegacy?: boolean;
  /** How far in the future a timestamp may be, for clocks that disagree a little (default 300 s). */
  clockSkewS?: number;
  /** The verification time in milliseconds since the epoch (default: now). */
  now?: number;
}

/** Default maximum age of a signature: one day. */
export const DEFAULT_IDENTITY_MAX_AGE_S = 86_400;
/** Default allowed clock skew between the shop backend and this server: five minutes. */
export const DEFAULT_IDENTITY_CLOCK_SKEW_S = 300;

const TIMESTAMPED = /^v1\.(\d{1,12})\.([0-9a-f]{64})$/i;
const LEGACY = /^[0-9a-f]{64}$/i;

const hmacHex = (secret: string, message: string) => createHmac("sha256", secret).update(message, "utf8").digest("hex");

function requireSecret(secret: string): void {
  if (typeof secret !== "string" || secret.length === 0) throw new TypeError("the shop secret must be a non-empty string");
}

/**
 * Sign a customer id with a timestamp: `v1.<unixSeconds>.<hex>`.
 * @example signCustomerIdentity("C00042", "demo-secret", { now: Date.parse("2026-05-01T12:00:00Z") }) // "v1.1777636800.e31a1cc4…"
 */
export function signCustomerIdentity(customerId: string, secret: string, options: SignIdentityOptions = {}): string {
  requireSecret(secret);
  if (typeof customerId !== "string" || customerId.length === 0) throw new TypeError("the customer id must be a non-empty string");
  const ts = Math.floor((options.now ?? Date.now()) / 1000);
  return `v1.${ts}.${hmacHex(secret, `v1.${customerId}.${ts}`)}`;
}

/**
 * Check a signed identity in constant time: the timestamped form within `maxAgeS` (and at most `clockSkewS`
 * ahead), or the bare legacy form when `allowLegacy` is set.
 * @example verifyCustomerIdentity("C00042", signature, secret, { maxAgeS: 3600 }) // { ok: true } or { ok: false, reason: "expired" }
 */
export function verifyCustomerIdentity(customerId: string, signature: string, secret: string, options: VerifyIdentityOptions = {}): IdentityVerdict {
  requireSecret(secret);
  if (typeof customerId !== "string" || customerId.length === 0 || typeof signature !== "string") return { ok: false, reason: "malformed" };
  if (LEGACY.test(signature)) {
    if (!options.allowLegacy) return { ok: false, reason: "legacy_refused" };
    return equalHex(signature, hmacHex(secret, customerId)) ? { ok: true } : { ok: false, reason: "bad_signature" };
  }
  const m = TIMESTAMPED.exec(signature);
  if (!m) return { ok: false, reason: "malformed" };
  // The signature is checked before the clock, so that a forged or tampered one never learns more than "bad".
  // The timestamp is all digits, so `v1.<id>.<ts>` splits one way only even when the id holds dots.
  if (!equalHex(m[2]!, hmacHex(secret, `v1.${customerId}.${m[1]}`))) return { ok: false, reason: "bad_signature" };
  const ts = Number(m[1]);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (ts > now + (options.clockSkewS ?? DEFAULT_IDENTITY_CLOCK_SKEW_S)) return { ok: false, reason: "from_future" };
  if (now - ts > (options.maxAgeS ?? DEFAULT_IDENTITY_MAX_AGE_S)) return { ok: false, reason: "expired" };
  return { ok: true };
}

/** Constant-time comparison of two hex strings of 64 characters. */
function equalHex(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase(), "hex");
  const b = Buffer.from(expected, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
