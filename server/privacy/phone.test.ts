import { describe, expect, it } from "vitest";
import { findPhones } from "./phone.ts";

const phones = (text: string) => findPhones(text).map((s) => text.slice(s.start, s.end));

describe("findPhones", () => {
  it("finds North American numbers written every common way", () => {
    for (const p of ["614-555-0187", "(503) 555 0123", "312.555.0148", "4155550132", "+1 (212) 555-0199", "1-800-555-0142"]) {
      expect(phones(`call ${p} today`), p).toEqual([p]);
    }
  });

  it("finds international forms with + or 00", () => {
    expect(phones("ring me on +44 7911 123456 pls")).toEqual(["+44 7911 123456"]);
    expect(phones("handy: +49 170 1234567")).toEqual(["+49 170 1234567"]);
    expect(phones("you can call 0031 6 12345678")).toEqual(["0031 6 12345678"]);
  });

  it("finds European national forms that start with the trunk 0", () => {
    expect(phones("uk number 07911 123456")).toEqual(["07911 123456"]);
    expect(phones("mon numéro: 06 12 34 56 78")).toEqual(["06 12 34 56 78"]);
    expect(phones("meine Nummer ist 0151 23456789")).toEqual(["0151 23456789"]);
  });

  it("finds a national form without a trunk prefix only after a phone word", () => {
    expect(phones("mi móvil es 612 345 678")).toEqual(["612 345 678"]);
    expect(phones("I ordered 612 345 678 times")).toEqual([]);
  });

  it("leaves order numbers, dates, prices and carrier references alone", () => {
    expect(phones("Where is FF-123456? I paid $129.99 on 2026-11-02.")).toEqual([]);
    expect(phones("I was billed on 03.11.2026 for order FF-410029")).toEqual([]);
    expect(phones("DHL waybill 4829103756 stuck in customs")).toEqual([]);
    expect(phones("reference 2026110245 from the bank transfer")).toEqual([]);
    expect(phones("EAN 4006381333931 on the box")).toEqual([]);
  });
});
