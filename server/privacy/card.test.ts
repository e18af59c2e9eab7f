import { describe, expect, it } from "vitest";
import { findCards, luhnValid } from "./card.ts";

const cards = (text: string) => findCards(text).map((s) => text.slice(s.start, s.end));

describe("findCards", () => {
  it("finds a Luhn-valid card in every common separator format", () => {
    for (const card of ["4111 1111 1111 1111", "4111-1111-1111-1111", "4111.1111.1111.1111", "4111/1111/1111/1111", "4111  1111  1111  1111", "4111111111111111"]) {
      expect(cards(`use ${card} please`), card).toEqual([card]);
    }
  });

  it("finds 15-digit Amex (4-6-5) and 14-digit Diners numbers", () => {
    expect(cards("amex 3782 822463 10005")).toEqual(["3782 822463 10005"]);
    expect(cards("36227206271667 diners club")).toEqual(["36227206271667"]);
  });

  it("finds a card followed by its expiry in the same run of digit groups", () => {
    expect(cards("4111 1111 1111 1111 04/27")).toEqual(["4111 1111 1111 1111"]);
  });

  it("masks a card-shaped number with a wrong check digit only right after a card word", () => {
    expect(cards("the card 5555 5555 5555 4445 failed")).toEqual(["5555 5555 5555 4445"]);
    expect(cards("ref 5555 5555 5555 4445")).toEqual([]);
    expect(cards("5555 5555 5555 4445")).toEqual([]);
  });

  it("leaves tracking numbers, ISBNs and long references alone even when they pass the Luhn check", () => {
    expect(cards("canada post says 4520 3387 1290 5519 was delivered")).toEqual([]);
    expect(luhnValid("4520338712905519")).toBe(true);
    expect(cards("USPS 9400 1118 9922 3864 7719 02")).toEqual([]);
    expect(cards("ISBN 978-1-4028-9462-6")).toEqual([]);
    expect(cards("tracking 1Z4E7A920312345678")).toEqual([]);
    expect(cards("order 20261102 and FF-123456")).toEqual([]);
  });

  it("does not take numbers starting with a non-payment digit (7, 8, 9, 0, 1) for cards", () => {
    expect(cards("7023451198702231")).toEqual([]);
  });
});

describe("luhnValid", () => {
  it("accepts a valid test card number and rejects a changed digit", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
  });
});
