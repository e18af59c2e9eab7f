import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../retrieval/index.ts";
import { compareRuns, judge, loadRegressionCases, type CaseResult, type RegressionCase } from "./regression.ts";

const entryCase: RegressionCase = { id: "a", question: "how much is express?", entries: ["express-shipping", "shipping-options"], file: "tests/x.json" };
const actionCase: RegressionCase = { id: "b", question: "tell me a joke", action: "fallback", file: "tests/x.json" };

describe("judge", () => {
  it("counts an answer from an expected entry as right, from another entry as wrong, and no answer as missed", () => {
    expect(judge(entryCase, { action: "answer", entry: "shipping-options" })).toBe("right");
    expect(judge(entryCase, { action: "answer", entry: "return-window" })).toBe("wrong");
    expect(judge(entryCase, { action: "fallback" })).toBe("missed");
    expect(judge(entryCase, { action: "clarify" })).toBe("missed");
  });

  it("counts the expected action as right, an FAQ answer instead as wrong, and another action as missed", () => {
    expect(judge(actionCase, { action: "fallback" })).toBe("right");
    expect(judge(actionCase, { action: "answer", entry: "express-shipping" })).toBe("wrong");
    expect(judge(actionCase, { action: "handoff" })).toBe("missed");
  });
});

describe("compareRuns", () => {
  const r = (id: string, outcome: CaseResult["outcome"], action = "answer", entry?: string): CaseResult => ({ id, outcome, action, entry, rule: "x" });
  const cases: RegressionCase[] = [entryCase, actionCase, { ...entryCase, id: "c", entries: ["gone"] }];

  it("lists exactly the questions that changed and counts those that got worse or better", () => {
    const before = [r("a", "right", "answer", "express-shipping"), r("b", "missed", "handoff"), r("c", "missed", "fallback")];
    const after = [r("a", "wrong", "answer", "return-window"), r("b", "right", "fallback"), r("c", "missed", "fallback")];
    const report = compareRuns(cases, before, after, new Set(["express-shipping", "return-window"]));
    expect(report.before).toEqual({ right: 1, missed: 2, wrong: 0, total: 3 });
    expect(report.after).toEqual({ right: 1, missed: 1, wrong: 1, total: 3 });
    expect(report.changed.map((c) => [c.id, c.worse])).toEqual([["a", true], ["b", false]]);
    expect(report).toMatchObject({ worse: 1, better: 1, staleCases: ["c"] });
    expect(report.changed[0].expected).toBe("entry express-shipping or shipping-options");
  });

  it("reports a right answer now given from the other expected entry as changed but not worse", () => {
    const report = compareRuns([entryCase], [r("a", "right", "answer", "express-shipping")], [r("a", "right", "answer", "shipping-options")]);
    expect(report.changed).toHaveLength(1);
    expect(report.worse).toBe(0);
  });
});

describe("loadRegressionCases", () => {
  it("reads every tests/*.json, with one entry or several, and names the file and case of a bad one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-cases-"));
    fs.mkdirSync(path.join(dir, "tests"));
    fs.writeFileSync(path.join(dir, "tests", "a.json"), JSON.stringify({ cases: [{ id: "x", question: "q?", entry: "e" }, { id: "y", question: "q2", entry: ["e", "f"] }] }));
    expect(loadRegressionCases(dir).map((c) => c.entries)).toEqual([["e"], ["e", "f"]]);
    fs.writeFileSync(path.join(dir, "tests", "b.json"), JSON.stringify({ cases: [{ id: "z", question: "q3", entry: "e", action: "fallback" }] }));
    expect(() => loadRegressionCases(dir)).toThrow(/tests\/b\.json: cases\.0: give exactly one of `entry` and `action`/);
    fs.writeFileSync(path.join(dir, "tests", "b.json"), JSON.stringify({ cases: [{ id: "x", question: "q3", action: "fallback" }] }));
    expect(() => loadRegressionCases(dir)).toThrow(/tests\/b\.json: case id "x" is already used in tests\/a\.json/);
    fs.writeFileSync(path.join(dir, "tests", "b.json"), "{ not json");
    expect(() => loadRegressionCases(dir)).toThrow(/tests\/b\.json: not valid JSON/);
    fs.rmSync(dir, { recursive: true });
  });

  it("ships cases that name only entries the shipped knowledge has, covering every entry with facts", () => {
    const cases = loadRegressionCases(path.resolve("knowledge"));
    const kb = loadKnowledge(path.resolve("knowledge"));
    const ids = new Set(kb.faq.map((e) => e.id));
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(cases.flatMap((c) => c.entries ?? []).filter((e) => !ids.has(e))).toEqual([]);
    const actions = new Set(cases.flatMap((c) => (c.action ? [c.action] : [])));
    expect([...actions].sort()).toEqual(["fallback", "handoff", "order_status", "smalltalk"]);
  });
});
