/**
 * Signatures of outbound webhooks, in Stripe's scheme (https://docs.stripe.com/webhooks#verify-manually): the header
 * `X-FF-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The timestamp is signed too, so
 * a receiver that rejects old timestamps is safe from replays.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The header that carries the signature. */
export const SIGNATURE_HEADER = "x-ff-signature";

/** The `X-FF-Signature` value for a body sent at `unixSeconds`. */
export function signWebhookPayload(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`, "utf8").digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/** Why a signature was refused. */
export type SignatureVerdict = { ok: true; timestamp: number } | { ok: false; reason: "missing" | "malformed" | "mismatch" | "too_old" };

/**
 * Check an `X-FF-Signature` header against the raw body (what a receiver does; any `v1` may match, so a secret can
 * be rolled). Timestamps further than `toleranceS` (default 300) from `nowS` are refused.
 * @example verifyWebhookSignature(req.headers["x-ff-signature"], rawBody, process.env.WEBHOOK_SECRET)
 */
export function verifyWebhookSignature(header: string | undefined, body: string, secret: string, options: { toleranceS?: number; nowS?: number } = {}): SignatureVerdict {
  if (!header) return { ok: false, reason: "missing" };
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  const candidates = parts.filter(([k, v]) => k === "v1" && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => Buffer.from(v, "hex"));
  if (!Number.isInteger(t) || !candidates.length) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(signWebhookPayload(secret, t, body).split("v1=")[1], "hex");
  if (!candidates.some((c) => timingSafeEqual(c, expected))) return { ok: false, reason: "mismatch" };
  const now = options.nowS ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (options.toleranceS ?? 300)) return { ok: false, reason: "too_old" };
  return { ok: true, timestamp: t };
}
