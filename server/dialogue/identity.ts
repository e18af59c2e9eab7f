import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The signature a shop backend puts in `hello.customer.signature`: hex HMAC-SHA256 of the customer id
 * with the shop secret (docs/identity.md shows how a backend computes it in several languages).
 * @example signCustomerId("C00042", secret) // "9f2c…"
 */
export function signCustomerId(customerId: string, secret: string): string {
  return createHmac("sha256", secret).update(customerId, "utf8").digest("hex");
}

/** Constant-time check of a customer signature. */
export function verifyCustomerSignature(customerId: string, signature: string, secret: string): boolean {
  const expected = Buffer.from(signCustomerId(customerId, secret), "hex");
  const given = /^[0-9a-f]+$/i.test(signature) ? Buffer.from(signature, "hex") : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
