import { describe, expect, it } from "vitest";
import { readKnowledgeFiles } from "../retrieval/index.ts";
import type { KnowledgeVersion } from "../storage/index.ts";
import { changedFiles, formatKnowledgeCheck, publishedKnowledge, readGitKnowledge } from "./kb-check.ts";

const version = (path: string, content: string | null): KnowledgeVersion => ({
  id: 1, path, version: 2, kind: "faq", entryId: "x", lang: null, action: content === null ? "delete" : "edit", content, contentHash: null,
  authorId: "a", authorEmail: "a@x.test", createdAt: "2025-01-01T00:00:00.000Z", changeId: "c", rollbackOf: null, gate: null, regressionConfirmed: false, note: null,
});

describe("kb:check bases", () => {
  it("takes the newest published version of each file over the folder, and drops files whose last version deleted them", () => {
    const folder = new Map([["faq/a/x.md", "edited by hand"], ["faq/a/y.md", "y"], ["faq/a/new.md", "only on disk"]]);
    const published = publishedKnowledge(folder, [version("faq/a/x.md", "published x"), version("faq/a/y.md", null)]);
    expect([...published]).toEqual([["faq/a/x.md", "published x"], ["faq/a/new.md", "only on disk"]]);
    expect(changedFiles(published, folder)).toEqual([
      { path: "faq/a/x.md", change: "changed" },
      { path: "faq/a/y.md", change: "added" },
    ]);
  });

  it("reads a git ref's knowledge files, and refuses a ref that could be read as an option", () => {
    const head = readGitKnowledge("knowledge", "HEAD");
    expect(head.size).toBeGreaterThan(100);
    expect(head.get("intents/greeting.md")).toBe(readKnowledgeFiles("knowledge").get("intents/greeting.md"));
    expect([...head.keys()].every((k) => k.startsWith("faq/") || k.startsWith("intents/"))).toBe(true);
    expect(() => readGitKnowledge("knowledge", "--output=/tmp/x")).toThrow(/Not a git ref/);
    expect(() => readGitKnowledge("knowledge", "no-such-branch-xyz")).toThrow(/Cannot read no-such-branch-xyz/);
  });

  it("prints the counts, each changed question marked WORSE or better, and the verdict", () => {
    const r = (outcome: "right" | "wrong", entry: string) => ({ id: "q", outcome, action: "answer", entry, rule: "answers/top" });
    const text = formatKnowledgeCheck({
      base: "git HEAD", changedFiles: [{ path: "faq/a/x.md", change: "changed" }], figures: [], ok: false,
      report: {
        before: { right: 2, missed: 0, wrong: 0, total: 2 }, after: { right: 1, missed: 0, wrong: 1, total: 2 }, worse: 1, better: 0, staleCases: [],
        changed: [{ id: "q", question: "how fast?", expected: "entry x", before: r("right", "x"), after: r("wrong", "y"), worse: true }],
      },
    });
    expect(text).toContain("  right      2 -> 1    (-1)");
    expect(text).toContain('WORSE  "how fast?": expected entry x; right (x) -> wrong (y)');
    expect(text).toMatch(/REGRESSION: 1 question got worse\.$/);
  });
});
