import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { loadKnowledge, markdownToChatText } from "./knowledge.ts";

let dirs: string[] = [];
function tmpKnowledge(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kb-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

const entry = (id: string) => `---\nid: ${id}\ntitle: Title ${id}\ntags: [a]\nquestions:\n  - question about ${id}?\n---\nThe **answer** for ${id}.\n`;

describe("loadKnowledge", () => {
  it("loads FAQ entries and intents with their front matter", () => {
    const dir = tmpKnowledge({
      "faq/shipping/a.md": entry("a"),
      "faq/b.md": entry("b"),
      "intents/greeting.md": "---\nintent: greeting\nexamples: [hi, hello]\n---\n",
      "faq/README.md": "not an entry",
    });
    const kb = loadKnowledge(dir);
    expect(kb.faq.map((e) => e.id).sort()).toEqual(["a", "b"]);
    expect(kb.faq.find((e) => e.id === "a")!.answer).toBe("The answer for a.");
    expect(kb.intents).toEqual([expect.objectContaining({ intent: "greeting", examples: ["hi", "hello"] })]);
  });

  it("names the file and the field when front matter is invalid", () => {
    const dir = tmpKnowledge({ "faq/bad.md": "---\nid: Bad Id\ntitle: x\n---\nanswer" });
    expect(() => loadKnowledge(dir)).toThrow(/bad\.md: id: must be kebab-case/);
  });

  it("rejects duplicate ids, naming both files", () => {
    const dir = tmpKnowledge({ "faq/one.md": entry("same"), "faq/two.md": entry("same") });
    try {
      loadKnowledge(dir);
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err, "CHAT_ERR_KNOWLEDGE")).toBe(true);
      expect((err as Error).message).toMatch(/two\.md: id "same" is already used by .*one\.md/);
    }
  });

  it("rejects an entry with an empty answer and broken YAML", () => {
    expect(() => loadKnowledge(tmpKnowledge({ "faq/e.md": "---\nid: e\ntitle: E\n---\n\n" }))).toThrow(/answer .* is empty/);
    expect(() => loadKnowledge(tmpKnowledge({ "faq/y.md": "---\nid: [unclosed\n---\nx" }))).toThrow(/not valid YAML/);
  });

  it("loads a translation next to its English entry with the English id, tags and facts", () => {
    const dir = tmpKnowledge({
      "faq/shipping/a.md": entry("a"),
      "faq/shipping/a.es.md": "---\ntitle: Título a\nquestions:\n  - ¿pregunta sobre a?\n---\nLa **respuesta** de a.\n",
    });
    const kb = loadKnowledge(dir);
    expect(kb.faq.map((e) => e.id)).toEqual(["a"]);
    expect(kb.translations).toEqual([
      expect.objectContaining({ id: "a", lang: "es", title: "Título a", tags: ["a"], questions: ["¿pregunta sobre a?"], answer: "La respuesta de a." }),
    ]);
  });

  it("rejects a translation without an English entry next to it, naming the expected file", () => {
    const dir = tmpKnowledge({ "faq/shipping/a.md": entry("a"), "faq/returns/a.es.md": "---\ntitle: T\n---\nRespuesta." });
    try {
      loadKnowledge(dir);
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err, "CHAT_ERR_KNOWLEDGE")).toBe(true);
      expect((err as Error).message).toMatch(/returns\/a\.es\.md: translation without an English entry: expected .*returns\/a\.md next to it/);
    }
  });

  it("rejects a translation whose id differs from the English entry, or that is empty or English", () => {
    expect(() => loadKnowledge(tmpKnowledge({ "faq/a.md": entry("a"), "faq/a.de.md": "---\nid: b\ntitle: T\n---\nAntwort." }))).toThrow(
      /a\.de\.md: id "b" differs from the English entry's id "a"/,
    );
    expect(() => loadKnowledge(tmpKnowledge({ "faq/a.md": entry("a"), "faq/a.fr.md": "---\ntitle: T\n---\n\n" }))).toThrow(/a\.fr\.md: the answer .* is empty/);
    expect(() => loadKnowledge(tmpKnowledge({ "faq/a.md": entry("a"), "faq/a.en.md": "---\ntitle: T\n---\nx" }))).toThrow(/English is the entry itself/);
    expect(() => loadKnowledge(tmpKnowledge({ "faq/a.md": entry("a"), "faq/a.es.md": "---\nquestions: [x]\n---\nx" }))).toThrow(/a\.es\.md: title/);
  });

  it("loads the shipped Spanish translations: one per English entry, each with 8-12 questions", () => {
    const kb = loadKnowledge(path.resolve("knowledge"));
    const es = kb.translations.filter((t) => t.lang === "es");
    expect(es.map((t) => t.id).sort()).toEqual(kb.faq.map((e) => e.id).sort());
    for (const t of es) expect(t.questions.length, t.file).toBeGreaterThanOrEqual(8);
    for (const t of es) expect(t.questions.length, t.file).toBeLessThanOrEqual(12);
  });

  it("loads the shipped knowledge folder: every policy fact is covered", () => {
    const kb = loadKnowledge(path.resolve("knowledge"));
    const facts = new Set(kb.faq.flatMap((e) => e.facts));
    const policy = fs.readFileSync(path.resolve("server/demo-shop/POLICIES.md"), "utf8");
    const ids = [...policy.matchAll(/^- ([A-Z]\d+)\. /gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(40);
    expect(ids.filter((id) => !facts.has(id))).toEqual([]);
  });
});

describe("answer placeholders", () => {
  const withPlaceholder = "---\nid: keep\ntitle: Keep\n---\nWe keep chats for {{transcript_retention}}.\n";
  it("fills {{name}} from the variables, per language, with the server's defaults when none are given", () => {
    const files = { "faq/keep.md": withPlaceholder, "faq/keep.es.md": "---\ntitle: Guardar\n---\nGuardamos los chats {{ transcript_retention }}.\n" };
    const kb = loadKnowledge(tmpKnowledge(files), { variables: { transcript_retention: { en: "30 days", es: "30 días" } } });
    expect(kb.faq[0].answer).toBe("We keep chats for 30 days.");
    expect(kb.translations[0].answer).toBe("Guardamos los chats 30 días.");
    expect(loadKnowledge(tmpKnowledge(files)).faq[0].answer).toBe("We keep chats for 12 months.");
  });

  it("rejects an unknown placeholder naming the file", () => {
    expect(() => loadKnowledge(tmpKnowledge({ "faq/typo.md": "---\nid: typo\ntitle: T\n---\nKept for {{transcript_retnetion}}.\n" }))).toThrow(
      /typo\.md: unknown placeholder \{\{transcript_retnetion\}\} \(known: transcript_retention\)/,
    );
  });
});

describe("markdownToChatText", () => {
  it("drops emphasis, links and headings but keeps paragraphs", () => {
    expect(markdownToChatText("# Head\n\nSee **bold** and [the page](http://x).\n\n\n\nNext *para*.")).toBe("Head\n\nSee bold and the page.\n\nNext para.");
  });
});
