import { describe, expect, it } from "vitest";
import { findIbans } from "./iban.ts";

const ibans = (text: string) => findIbans(text).map((s) => text.slice(s.start, s.end));

describe("findIbans", () => {
  it("finds IBANs with or without spaces and in lowercase", () => {
    expect(ibans("refund to my iban DE89 3704 0044 0532 0130 00 please")).toEqual(["DE89 3704 0044 0532 0130 00"]);
    expect(ibans("IBAN: GB29NWBK60161331926819")).toEqual(["GB29NWBK60161331926819"]);
    expect(ibans("es91 2100 0418 4502 0005 1332 (la caixa)")).toEqual(["es91 2100 0418 4502 0005 1332"]);
    expect(ibans("FR14 2004 1010 0505 0001 3M02 606, thanks")).toEqual(["FR14 2004 1010 0505 0001 3M02 606"]);
  });

  it("refuses a wrong mod-97 check, a wrong length and an unknown country", () => {
    expect(ibans("DE88 3704 0044 0532 0130 00")).toEqual([]);
    expect(ibans("DE89 3704 0044 0532 0130 0")).toEqual([]);
    expect(ibans("XX89 3704 0044 0532 0130 00")).toEqual([]);
  });

  it("does not read on into a longer code", () => {
    expect(ibans("DE89370400440532013000X")).toEqual([]);
  });
});
