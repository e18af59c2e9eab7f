import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookPayload, verifyWebhookSignature } from "./signing.ts";

describe("webhook signatures", () => {
  const body = JSON.stringify({ id: "evt_1", type: "coupon.issued" });
  it("signs the timestamp and the raw body with HMAC-SHA256", () => {
    const header = signWebhookPayload("whsec_x", 1_700_000_000, body);
    const mac = createHmac("sha256", "whsec_x").update(`1700000000.${body}`).digest("hex");
    expect(header).toBe(`t=1700000000,v1=${mac}`);
  });
  it("accepts its own signature and refuses a changed body, another secret, or an old timestamp", () => {
    const header = signWebhookPayload("whsec_x", 1_700_000_000, body);
    expect(verifyWebhookSignature(header, body, "whsec_x", { nowS: 1_700_000_010 })).toEqual({ ok: true, timestamp: 1_700_000_000 });
    expect(verifyWebhookSignature(header, body + " ", "whsec_x", { nowS: 1_700_000_010 })).toMatchObject({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature(header, body, "whsec_y", { nowS: 1_700_000_010 })).toMatchObject({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature(header, body, "whsec_x", { nowS: 1_700_001_000 })).toMatchObject({ ok: false, reason: "too_old" });
    expect(verifyWebhookSignature("t=abc", body, "whsec_x")).toMatchObject({ ok: false, reason: "malformed" });
    expect(verifyWebhookSignature(undefined, body, "whsec_x")).toMatchObject({ ok: false, reason: "missing" });
  });
});
