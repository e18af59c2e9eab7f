import { describe, expect, it } from "vitest";
import { canonicalJson, newPseudonym, signReceipt, subjectHash, verifyReceipt, type ErasureReceipt } from "./receipts.ts";

const SECRET = "receipt-secret-for-tests-0123456789";

function receipt(): ErasureReceipt {
  return signReceipt(SECRET, {
    version: 1, id: "r-1", subjectHash: subjectHash(SECRET, "C00042"), pseudonym: newPseudonym(), requestedBy: "admin-token", reason: "ticket 7",
    at: "2026-01-01T00:00:00.000Z", durationMs: 12, tables: [{ table: "messages", action: "deleted", rows: 4 }], files: [], caches: [],
  });
}

describe("erasure receipts", () => {
  it("verify as signed, and say whether they are about a given customer", () => {
    const r = receipt();
    expect(verifyReceipt(SECRET, r)).toEqual({ valid: true });
    expect(verifyReceipt(SECRET, r, "C00042")).toEqual({ valid: true, subjectMatches: true });
    expect(verifyReceipt(SECRET, r, "C00043")).toMatchObject({ valid: true, subjectMatches: false });
  });

  it("fail when any field changes, when signed with another secret, or when malformed", () => {
    const r = receipt();
    expect(verifyReceipt(SECRET, { ...r, tables: [{ table: "messages", action: "deleted", rows: 5 }] }).valid).toBe(false);
    expect(verifyReceipt(SECRET, { ...r, requestedBy: "someone-else" }).valid).toBe(false);
    expect(verifyReceipt("another-secret-0123456789", r)).toMatchObject({ valid: false, reason: expect.stringMatching(/signature does not match/) });
    expect(verifyReceipt(SECRET, { ...r, signature: "zz" })).toMatchObject({ valid: false, reason: "missing or malformed signature" });
    expect(verifyReceipt(SECRET, "nope")).toMatchObject({ valid: false });
  });

  it("does not depend on key order, and names the customer only by a keyed hash", () => {
    const r = receipt();
    const reordered = Object.fromEntries(Object.entries(r).reverse());
    expect(verifyReceipt(SECRET, reordered).valid).toBe(true);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(JSON.stringify(r)).not.toContain("C00042");
    expect(subjectHash(SECRET, "C00042")).not.toBe(subjectHash("another-secret-0123456789", "C00042"));
    expect(newPseudonym()).toMatch(/^ERASED-[0-9a-f]{12}$/);
  });
});
