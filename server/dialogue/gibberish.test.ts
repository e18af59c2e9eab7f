import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isGibberish, mashScore } from "./gibberish.ts";

/** Real short messages in many languages and scripts (test/data/short-messages.json, written for this project). */
const REAL: { lang: string; text: string }[] = JSON.parse(readFileSync(new URL("../../test/data/short-messages.json", import.meta.url), "utf8"));

describe("isGibberish", () => {
  it("flags keyboard runs along a row, in either direction and on QWERTZ and AZERTY too", () => {
    for (const text of ["qwertyui", "asdfgh", "lkjhgf", "zxcvbnm", "poiuytr", "ytrewq", "yxcvbnm", "azertyu", "wxcvbn", "jkljkljkl"]) {
      expect(isGibberish(text), text).toBe(true);
    }
  });

  it("flags one key held down and a few keys typed over and over", () => {
    for (const text of ["aaaaaaa", "nnnnnnnnnnnnnnn", "dfdfdfdf", "sdsdsd", "ghjghjghj", "opopopop", "xcxcxc", "vvvv bbbb"]) {
      expect(isGibberish(text), text).toBe(true);
    }
  });

  it("flags random consonant strings and home-row scrambles, with or without punctuation", () => {
    for (const text of ["sdjfhskdjf", "kjdshf kjsdhf", "fjdkslajf", "bcdfgz", "wxzq", "??? dkjfhgkdj !!!", "xjqvk", "hgfdsajkl"]) {
      expect(isGibberish(text), text).toBe(true);
    }
  });

  it("calls a message gibberish only when mashing makes up most of it", () => {
    expect(isGibberish("asdfghjkl ok")).toBe(true);
    expect(isGibberish("where is my order asdfgh")).toBe(false);
    expect(isGibberish("my cat walked on the keyboard: sdfghjkl, sorry! where is my refund")).toBe(false);
  });

  it("never flags a message with a digit: order numbers, model numbers, sizes, prices", () => {
    for (const text of ["FF-123456", "ff482913", "P0003", "T-650", "W2", "size 11", "$14.95", "asdf 123"]) expect(isGibberish(text), text).toBe(false);
  });

  it("never flags empty input, punctuation or emoji alone, or one- and two-letter words", () => {
    for (const text of ["", "   ", "?", "...", "👍", "😡😡😡", "k", "ok", "xl", "ty", "hi"]) expect(isGibberish(text), text).toBe(false);
  });

  it(`has no false positives on ${REAL.length} real short messages in ${new Set(REAL.map((r) => r.lang)).size} language groups`, () => {
    expect(REAL.length).toBeGreaterThanOrEqual(250);
    expect(REAL.filter((r) => isGibberish(r.text)).map((r) => `${r.lang}: ${r.text}`)).toEqual([]);
  });

  it("leaves text in scripts it has no keyboard model for alone, even when it looks random", () => {
    expect(isGibberish("фывапролд")).toBe(false);
    expect(isGibberish("ㅁㄴㅇㄹ")).toBe(false);
  });

  it("reads accented mashing through its base letters and ignores zero-width characters", () => {
    expect(isGibberish("àsdfghjkl")).toBe(true);
    expect(isGibberish("as\u200bdf\u200bgh\u200bjk")).toBe(true);
  });

  it("stays fast and correct on a maximum-size message", () => {
    expect(isGibberish("asdf".repeat(1000))).toBe(true);
    expect(isGibberish("where is my order ".repeat(230))).toBe(false);
  });
});

describe("mashScore", () => {
  it("scores syllables and real words with awkward letters below the bar", () => {
    for (const word of ["hahaha", "jajaja", "nonono", "byebye", "couscous", "liberty", "strengths", "deutschland", "szczescie", "krk", "ctvrtek"]) {
      expect(mashScore(word), word).toBeLessThan(3);
    }
  });
});
