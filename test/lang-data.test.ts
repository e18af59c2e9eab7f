/**
 * Structural checks on the hand-written language evaluation data (test/data/lang-*.json), so a bad edit fails CI:
 * labelled messages in at least 8 languages split into dev and held-out, Spanish questions whose expected entries
 * exist, and questions in languages without translations.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { localeLanguage, NOTE_LANGUAGES } from "../server/i18n/index.ts";
import { loadKnowledge } from "../server/retrieval/index.ts";

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), "utf8"));
const Lang = z.string().regex(/^[a-z]{2}$/);
const Locale = z.string().refine((l) => localeLanguage(l) !== undefined, "must be a BCP 47 tag").nullable();
const NonEmpty = z.string().refine((s) => s.trim().length > 0, "must not be blank");

const Detect = z.strictObject({
  description: NonEmpty,
  messages: z.array(z.strictObject({ text: NonEmpty, lang: Lang, locale: Locale, previous: Lang.nullable(), split: z.enum(["dev", "heldout"]) })).min(150),
});
const Questions = z.strictObject({ description: NonEmpty, questions: z.array(z.strictObject({ question: NonEmpty, expect: z.array(NonEmpty) })) });
const Others = z.strictObject({ description: NonEmpty, questions: z.array(z.strictObject({ lang: Lang, locale: Locale, question: NonEmpty })) });

describe("language evaluation data", () => {
  it("labels messages in at least 8 languages, each in both the dev and the held-out split", () => {
    const { messages } = Detect.parse(read("lang-detect.json"));
    const langs = [...new Set(messages.map((m) => m.lang))];
    expect(langs.length).toBeGreaterThanOrEqual(8);
    for (const lang of langs) {
      for (const split of ["dev", "heldout"]) expect(messages.some((m) => m.lang === lang && m.split === split), `${lang} ${split}`).toBe(true);
    }
    expect(langs.filter((l) => !(NOTE_LANGUAGES as readonly string[]).includes(l))).toEqual([]);
    expect(new Set(messages.map((m) => `${m.text}|${m.locale}|${m.previous}`)).size).toBe(messages.length);
  });

  it("has Spanish dev and held-out questions whose expected entries exist, with no question in both", () => {
    const ids = new Set(loadKnowledge(path.resolve("knowledge")).faq.map((e) => e.id));
    const dev = Questions.parse(read("lang-es-dev.json")).questions;
    const held = Questions.parse(read("lang-es-heldout.json")).questions;
    expect(held.filter((q) => q.expect.length).length).toBeGreaterThanOrEqual(60);
    for (const q of [...dev, ...held]) for (const id of q.expect) expect(ids.has(id), `${q.question}: ${id}`).toBe(true);
    const heldTexts = new Set(held.map((q) => q.question.toLowerCase()));
    expect(dev.filter((q) => heldTexts.has(q.question.toLowerCase()))).toEqual([]);
  });

  it("has German, French and Chinese questions for the English-only note", () => {
    const { questions } = Others.parse(read("lang-other.json"));
    expect([...new Set(questions.map((q) => q.lang))].sort()).toEqual(["de", "fr", "zh"]);
  });
});
