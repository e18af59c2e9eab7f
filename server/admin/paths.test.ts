import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planChange } from "./knowledge-files.ts";
import { checkTarget, describeKnowledgePath, resolveInside } from "./paths.ts";

const files = new Map([
  ["faq/shipping/express-shipping.md", "x"],
  ["faq/shipping/express-shipping.es.md", "y"],
  ["intents/greeting.md", "z"],
]);

describe("knowledge paths", () => {
  it("derives every path from ids, finding an existing entry in its topic", () => {
    expect(planChange(files, { kind: "faq", id: "express-shipping" }, "new").ops).toEqual([{ rel: "faq/shipping/express-shipping.md", content: "new" }]);
    expect(planChange(files, { kind: "faq", id: "express-shipping", lang: "es" }, "n").rel).toBe("faq/shipping/express-shipping.es.md");
    expect(planChange(files, { kind: "faq", id: "express-shipping", lang: "de" }, "n")).toMatchObject({ rel: "faq/shipping/express-shipping.de.md", kind: "create" });
    expect(planChange(files, { kind: "faq", id: "gift-wrap", topic: "orders" }, "n")).toMatchObject({ rel: "faq/orders/gift-wrap.md", kind: "create" });
    expect(planChange(files, { kind: "intent", intent: "greeting" }, "n").rel).toBe("intents/greeting.md");
    expect(planChange(files, { kind: "faq", id: "express-shipping" }, null).ops.map((o) => o.rel)).toEqual(["faq/shipping/express-shipping.es.md", "faq/shipping/express-shipping.md"]);
  });

  it("refuses ids, topics and languages that could name another place", () => {
    const attempts = [
      { kind: "faq", id: "../../etc/passwd" },
      { kind: "faq", id: "..", topic: "shipping" },
      { kind: "faq", id: "x", topic: "../../../tmp" },
      { kind: "faq", id: "x", topic: "shipping/../../.." },
      { kind: "faq", id: "express-shipping", lang: "../../x" },
      { kind: "faq", id: "express-shipping", lang: "es/../../x" },
      { kind: "faq", id: "x\0.md", topic: "shipping" },
      { kind: "faq", id: "/etc/passwd", topic: "shipping" },
      { kind: "faq", id: "C:\\windows", topic: "shipping" },
      { kind: "intent", intent: "../faq/shipping/express-shipping" },
      { kind: "intent", intent: "greeting/../../x" },
    ] as const;
    for (const t of attempts) expect(() => planChange(files, t, "text"), JSON.stringify(t)).toThrow(/must be/);
    expect(() => checkTarget({ kind: "faq", id: "x", lang: "en" })).toThrow(/other than English/);
  });

  it("resolves only paths inside the knowledge folder that name a knowledge file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-kb-paths-"));
    expect(resolveInside(dir, "faq/shipping/x.md")).toBe(path.join(dir, "faq", "shipping", "x.md"));
    for (const rel of ["../x.md", "faq/../../x.md", "/etc/passwd", "faq/shipping/x.txt", "README.md", "faq\\shipping\\x.md", "tests/cases.json"]) {
      expect(() => resolveInside(dir, rel), rel).toThrow(/Not a knowledge file path/);
    }
    fs.rmSync(dir, { recursive: true });
  });

  it("reads what a relative path names", () => {
    expect(describeKnowledgePath("faq/shipping/express-shipping.zh-Hans.md")).toEqual({ kind: "translation", entryId: "express-shipping", topic: "shipping", lang: "zh-Hans" });
    expect(describeKnowledgePath("intents/order_status.md")).toEqual({ kind: "intent", entryId: "order_status", topic: null, lang: null });
    expect(describeKnowledgePath("faq/README.md")).toBeUndefined();
  });
});
