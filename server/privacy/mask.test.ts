import { describe, expect, it } from "vitest";
import { luhnValid, maskPii } from "./mask.ts";

describe("maskPii", () => {
  it("masks e-mail addresses", () => {
    expect(maskPii("I'm jane.doe+shop@example.co.uk, thanks").text).toBe("I'm [email], thanks");
  });

  it("masks card numbers that pass the Luhn check, with or without separators", () => {
    expect(maskPii("card 4111 1111 1111 1111 please").text).toBe("card [card] please");
    expect(maskPii("4111-1111-1111-1111").found.card).toBe(1);
    expect(maskPii("5500005555555559").text).toBe("[card]");
  });

  it("leaves long numbers that fail the Luhn check alone", () => {
    expect(maskPii("tracking 1234567890123456").text).toContain("1234567890123456");
  });

  it("masks phone numbers in common formats", () => {
    expect(maskPii("call 1-800-555-0142 now").text).toBe("call [phone] now");
    expect(maskPii("my number is (614) 555-0199").text).toBe("my number is [phone]");
    expect(maskPii("+44 20 7946 0958").text).toBe("[phone]");
  });

  it("keeps order numbers, prices and dates", () => {
    const t = "Where is FF-123456? I paid $129.99 on 2026-11-02.";
    expect(maskPii(t).text).toBe(t);
  });
});

describe("luhnValid", () => {
  it("accepts a valid test card number and rejects a changed digit", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
  });
});

describe("maskPii after the PII audit", () => {
  it("masks card numbers grouped by dots or double spaces, which the audit found stored in clear", () => {
    expect(maskPii("card no 4539.1488.0343.6467 exp 04/27").text).toBe("card no [card] exp 04/27");
    expect(maskPii("4716  2198  4471  0346 (double spaced sorry)").text).toBe("[card] (double spaced sorry)");
  });

  it("masks street addresses, which the audit found stored in clear", () => {
    expect(maskPii("ship it to 42 Maple Street, Apt 3B, Springfield IL 62704").text).toBe("ship it to [address], Springfield IL 62704");
  });

  it("masks a self-introduced name even without a customer list", () => {
    expect(maskPii("Hi, my name is Xavier Dumont").text).toBe("Hi, my name is [name]");
  });

  it("keeps reporting counts for the kinds it always did, now with the new kinds beside them", () => {
    const r = maskPii("a@b.com, 4111 1111 1111 1111, (614) 555-0199, DE89 3704 0044 0532 0130 00");
    expect(r.found).toEqual({ email: 1, card: 1, phone: 1, iban: 1, address: 0, name: 0 });
    expect(r.text).toBe("[email], [card], [phone], [iban]");
  });
});
