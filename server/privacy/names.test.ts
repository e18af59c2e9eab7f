import { describe, expect, it } from "vitest";
import { commonWords } from "./common-words.ts";
import { buildNameIndex, tokenize } from "./name-index.ts";
import { findNames, type NameMatching } from "./names.ts";

const KNOWN = ["Anna Kowalski", "Mark Price", "Will Hunter", "May Grant", "Rose Baker", "Bill Young", "Summer Hill", "Hunter Green", "Grant Cook", "Jürgen Weber", "Ewan MacLeod", "Daan de Jong", "Ashley Nguyen", "Sandra Kim", "David Miller", "Maria José García Pérez"];
const index = buildNameIndex(KNOWN);
const names = (text: string, matching: NameMatching = "careful", unknownFromCues = true) =>
  findNames(text, index, { matching, unknownFromCues, commonWords: commonWords() }).map((s) => text.slice(s.start, s.end));

describe("findNames: known customers", () => {
  it("masks a known full name in any case when it is not made only of common words", () => {
    expect(names("Hi, this is Anna Kowalski, my order FF-318220 hasn't arrived")).toEqual(["Anna Kowalski"]);
    expect(names("order for jürgen weber hasnt shipped")).toEqual(["jürgen weber"]);
    expect(names("order for jurgen weber")).toEqual(["jurgen weber"]);
    expect(names("Is Ashley Nguyen's order ready?")).toEqual(["Ashley Nguyen"]);
    expect(names("can you tell Maria José García Pérez and Maria Pérez")).toEqual(["Maria José García Pérez", "Maria Pérez"]);
  });

  it("masks a name made of common words when capitalised or after a cue, not in lowercase prose", () => {
    expect(names("my name is Mark Price and I was overcharged")).toEqual(["Mark Price"]);
    expect(names("it's for my dad mark price")).toEqual(["mark price"]);
    expect(names("hi its grace king")).toEqual([]); // not a customer here
    expect(names("rose baker, FF-109934, wrong size")).toEqual([]);
    expect(names("Hunter green or navy for the jacket?")).toEqual([]);
  });

  it("masks a lone first name only after a cue, and a common-word first name only with a capital", () => {
    expect(names("Ok I will wait. Thanks, Will")).toEqual(["Will"]);
    expect(names("Cheers, Ewan")).toEqual(["Ewan"]);
    expect(names("I'm May, May Grant, I called earlier")).toEqual(["May", "May Grant"]);
    expect(names("ok thank you so much!! sandra")).toEqual(["sandra"]);
    expect(names("Ewan said the box was open")).toEqual([]);
  });

  it("leaves words that are also names alone without a cue", () => {
    for (const t of ["will the summer sale include the Glide R1?", "may I return the tent?", "my bill says $249.00 but the price was $199", "Mark this as urgent pls", "can you grant me an extension", "the rose gold colour is sold out", "May 12 was the delivery date", "Can I return a King size yoga mat?"]) {
      expect(names(t), t).toEqual([]);
    }
  });

  it("masks a known first and last name together even when no customer has both", () => {
    expect(names("I cannot find my invoice from Sandra Miller")).toEqual(["Sandra Miller"]);
  });
});

describe("findNames: unknown people", () => {
  it("masks capitalised uncommon words after a self-introduction, a title or as a signature", () => {
    expect(names("my name is Xavier Dumont, not a customer yet")).toEqual(["Xavier Dumont"]);
    expect(names("see the bill from Ms. Hawkings")).toEqual(["Hawkings"]);
    expect(names("Best,\nChiara Rossi")).toEqual(["Chiara Rossi"]);
  });

  it("does not take ordinary capitalised words for names", () => {
    expect(names("Hi, I'm Interested in the Beam 400")).toEqual([]);
    expect(names("this is Urgent!! order FF-300145 never came")).toEqual([]);
    expect(names("Thanks, Great help")).toEqual([]);
  });

  it("can be limited to known names", () => {
    expect(names("my name is Xavier Dumont", "careful", false)).toEqual([]);
  });
});

describe("findNames: loose matching (for measuring the trade-off)", () => {
  it("masks every known name word anywhere", () => {
    expect(names("Mark this as urgent, my bill is wrong", "loose")).toEqual(["Mark", "bill"]);
  });
});

describe("tokenize", () => {
  it("keeps apostrophes and hyphens inside names and drops a possessive 's from the span", () => {
    expect(tokenize("Siobhan O'Brien's Lopez-Hart").map((t) => t.raw)).toEqual(["Siobhan", "O'Brien", "Lopez-Hart"]);
  });
});
