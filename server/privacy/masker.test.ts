import { describe, expect, it } from "vitest";
import { createPiiMasker } from "./masker.ts";
import { syntheticNames } from "./eval.ts";

describe("createPiiMasker", () => {
  const masker = createPiiMasker({ knownNames: ["Carlos Martinez", "Emily Carter"] });

  it("masks every kind in one message and reports counts and spans in the original text", () => {
    const text = "Hi it's Carlos Martinez, 3105550142, order FF-600012 never arrived at 900 Pine St";
    const r = masker.mask(text);
    expect(r.text).toBe("Hi it's [name], [phone], order FF-600012 never arrived at [address]");
    expect(r.found).toEqual({ email: 0, iban: 0, card: 0, phone: 1, address: 1, name: 1 });
    expect(r.spans.map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([
      ["name", "Carlos Martinez"],
      ["phone", "3105550142"],
      ["address", "900 Pine St"],
    ]);
  });

  it("keeps order numbers, prices, tracking numbers and dates next to a card", () => {
    const r = masker.mask("FF-512200 $89.95 card 4916 3385 0608 2832 tracking 1Z8V37W60342169832 on 2026-11-02");
    expect(r.text).toBe("FF-512200 $89.95 card [card] tracking 1Z8V37W60342169832 on 2026-11-02");
  });

  it("gives an overlap to the earlier kind: a name inside an e-mail stays part of the e-mail", () => {
    expect(masker.mask("write to emily.carter@gmail.com, Emily Carter").text).toBe("write to [email], [name]");
  });

  it("replaces the known names with setKnownNames", () => {
    const m = createPiiMasker({ knownNames: ["Anna Kowalski"] });
    expect(m.mask("this is Anna Kowalski").text).toBe("this is [name]");
    m.setKnownNames(["Tess Visser"]);
    expect(m.mask("order for anna kowalski").text).toBe("order for anna kowalski");
    expect(m.mask("order for tess visser").text).toBe("order for [name]");
    expect(m.knownNameCount).toBe(1);
  });

  it("finds a customer among 100,000 known names", () => {
    const m = createPiiMasker({ knownNames: [...syntheticNames(100_000), "Ewan MacLeod"] });
    expect(m.knownNameCount).toBe(100_001);
    expect(m.mask("my iban is GB33BUKB20201555555555 and my name is Ewan MacLeod").text).toBe("my iban is [iban] and my name is [name]");
  });

  it("looks only for the kinds asked for", () => {
    const m = createPiiMasker({ kinds: ["email"] });
    expect(m.mask("a@b.com 4111 1111 1111 1111").text).toBe("[email] 4111 1111 1111 1111");
  });

  it("refuses a non-string text with a clear error", () => {
    expect(() => masker.mask(42 as unknown as string)).toThrow(/must be a string/);
  });
});
