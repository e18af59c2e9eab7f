import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signCustomerIdentity, verifyCustomerIdentity } from "./identity.ts";

const SECRET = "test-shop-secret";
const T0 = Date.parse("2026-05-01T12:00:00Z");
const HOUR = 3600_000;

describe("signCustomerIdentity", () => {
  it("writes v1.<unixSeconds>.<hex> where hex is HMAC-SHA256(secret, v1.<id>.<unixSeconds>)", () => {
    const sig = signCustomerIdentity("C00042", SECRET, { now: T0 });
    const ts = T0 / 1000;
    const hex = createHmac("sha256", SECRET).update(`v1.C00042.${ts}`).digest("hex");
    expect(sig).toBe(`v1.${ts}.${hex}`);
  });

  it("matches the worked example of docs/identity.md (the Node, Python, PHP and Ruby snippets print it too)", () => {
    expect(signCustomerIdentity("C00042", "demo-secret", { now: Date.parse("2026-05-01T12:00:00Z") })).toBe(
      "v1.1777636800.e31a1cc45e5059158444c81781bac3f71187a5bf38e1cdc8dfbe62e2a76934fc",
    );
  });

  it("refuses an empty secret or customer id", () => {
    expect(() => signCustomerIdentity("C1", "")).toThrow(/secret/);
    expect(() => signCustomerIdentity("", SECRET)).toThrow(/customer id/);
  });
});

describe("verifyCustomerIdentity", () => {
  const sig = signCustomerIdentity("C00042", SECRET, { now: T0 });

  it("accepts a fresh signature and one just inside the maximum age", () => {
    expect(verifyCustomerIdentity("C00042", sig, SECRET, { now: T0 })).toEqual({ ok: true });
    expect(verifyCustomerIdentity("C00042", sig, SECRET, { now: T0 + 24 * HOUR, maxAgeS: 86_400 })).toEqual({ ok: true });
  });

  it("refuses a signature older than the maximum age as expired", () => {
    expect(verifyCustomerIdentity("C00042", sig, SECRET, { now: T0 + 24 * HOUR + 1000, maxAgeS: 86_400 })).toEqual({ ok: false, reason: "expired" });
    expect(verifyCustomerIdentity("C00042", sig, SECRET, { now: T0 + 2 * HOUR, maxAgeS: 3600 })).toEqual({ ok: false, reason: "expired" });
  });

  it("allows a timestamp a little in the future (clock skew) but not more", () => {
    const ahead = (s: number) => signCustomerIdentity("C00042", SECRET, { now: T0 + s * 1000 });
    expect(verifyCustomerIdentity("C00042", ahead(60), SECRET, { now: T0, clockSkewS: 300 })).toEqual({ ok: true });
    expect(verifyCustomerIdentity("C00042", ahead(301), SECRET, { now: T0, clockSkewS: 300 })).toEqual({ ok: false, reason: "from_future" });
  });

  it("refuses the signature for another customer id (tampered id)", () => {
    expect(verifyCustomerIdentity("C00043", sig, SECRET, { now: T0 })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a signature whose timestamp was changed to look fresh (tampered timestamp)", () => {
    const [, ts, hex] = sig.split(".");
    const moved = `v1.${Number(ts) + 7200}.${hex}`;
    expect(verifyCustomerIdentity("C00042", moved, SECRET, { now: T0 + 2 * HOUR, maxAgeS: 3600 })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifyCustomerIdentity("C00042", `v1.0${ts}.${hex}`, SECRET, { now: T0 })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a signature made with another secret", () => {
    expect(verifyCustomerIdentity("C00042", signCustomerIdentity("C00042", "other", { now: T0 }), SECRET, { now: T0 })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("calls anything that is neither form malformed", () => {
    for (const bad of ["", "v1", "v1.123", `v2.${T0 / 1000}.${"a".repeat(64)}`, `v1.abc.${"a".repeat(64)}`, `v1.${T0 / 1000}.${"a".repeat(63)}`, "zz".repeat(32)]) {
      expect(verifyCustomerIdentity("C00042", bad, SECRET, { now: T0 }), bad).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("refuses the legacy bare signature by default and accepts it only when allowed", () => {
    // The old form a shop backend may still send: hex HMAC-SHA256 of the bare customer id.
    const legacy = createHmac("sha256", SECRET).update("C00042", "utf8").digest("hex");
    expect(verifyCustomerIdentity("C00042", legacy, SECRET)).toEqual({ ok: false, reason: "legacy_refused" });
    expect(verifyCustomerIdentity("C00042", legacy, SECRET, { allowLegacy: true })).toEqual({ ok: true });
    expect(verifyCustomerIdentity("C00043", legacy, SECRET, { allowLegacy: true })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("accepts upper-case hex as the same signature", () => {
    const [, ts, hex] = sig.split(".");
    expect(verifyCustomerIdentity("C00042", `v1.${ts}.${hex!.toUpperCase()}`, SECRET, { now: T0 })).toEqual({ ok: true });
  });
});
