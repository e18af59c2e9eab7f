import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../models/embedder.ts";
import { createUseLiteEmbedder } from "../../models/embedders/use-lite.ts";
import { makeSmallKnowledge } from "../../test/helpers/small-knowledge.ts";
import { createIntentService } from "../dialogue/intent-service.ts";
import { isAppError } from "../errors.ts";
import { createKnowledgeService, type KnowledgeService } from "../retrieval/index.ts";
import { openStorage, type Storage } from "../storage/index.ts";
import { createDraftBuilder } from "./draft-knowledge.ts";
import { createRegressionGate } from "./gate.ts";
import { createKnowledgeAdmin, type KnowledgeAdmin } from "./knowledge-admin.ts";

const logger = pino({ level: "silent" });
const admin = { id: "admin-1", email: "owner@shop.test" };
let dir: string;
let tmp: string;
let embedder: Embedder;
let storage: Storage;
let live: KnowledgeService;
let service: KnowledgeAdmin;

const read = (rel: string) => fs.readFileSync(path.join(dir, rel), "utf8");
const EXPRESS = "faq/shipping/express-shipping.md";
const expressTarget = { kind: "faq" as const, id: "express-shipping" };

beforeAll(async () => {
  dir = makeSmallKnowledge();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ff-admin-"));
  embedder = await createUseLiteEmbedder();
  storage = await openStorage({ sqlitePath: path.join(tmp, "shop.db") });
  live = await createKnowledgeService({ dir, embedder, logger, watch: false, cacheDir: path.join(tmp, "cache") });
  const intents = await createIntentService({ knowledge: live, embedder, seed: 42, logger });
  service = createKnowledgeAdmin({
    dir,
    store: storage.knowledgeVersions,
    drafts: createDraftBuilder({ dir, embedder, logger, cacheDir: path.join(tmp, "cache"), seed: 42, liveIntents: () => ({ model: intents, intents: live.current().base.intents }) }),
    gate: createRegressionGate({ knowledgeDir: dir }),
    live,
    cacheDir: path.join(tmp, "cache"),
    logger,
  });
}, 240_000);

afterAll(async () => {
  await live?.close();
  await storage?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("knowledge admin service", () => {
  it("rejects a change that breaks the knowledge with the loader's message and writes nothing", async () => {
    const before = read(EXPRESS);
    const broken = before.replace(/^title: .*$/m, "title:");
    const err = await service.save({ target: expressTarget, content: broken }, admin).catch((e: unknown) => e);
    expect(isAppError(err, "CHAT_ERR_KNOWLEDGE")).toBe(true);
    expect((err as Error).message).toMatch(new RegExp(`^${path.basename(dir)}/faq/shipping/express-shipping\\.md: title`));
    expect((err as Error).message).not.toContain(os.tmpdir());
    expect(read(EXPRESS)).toBe(before);
    expect(await storage.knowledgeVersions.history({})).toEqual([]);
    expect(service.preview({ target: expressTarget, content: broken })).toMatchObject({ ok: false, error: expect.stringContaining("express-shipping.md: title") });
  });

  it("refuses an id in the front matter that differs from the entry's, and an English entry deleted under its translation", async () => {
    const renamed = read(EXPRESS).replace("id: express-shipping", "id: express-delivery");
    await expect(service.save({ target: expressTarget, content: renamed }, admin)).rejects.toThrow(/id: must be "express-shipping"/);
    const spanish = read("faq/shipping/express-shipping.es.md").replace(/^title:/m, "id: otra-cosa\ntitle:");
    await expect(service.save({ target: { ...expressTarget, lang: "es" }, content: spanish }, admin)).rejects.toThrow(/differs from the English entry's id/);
  });

  it("shows the entries that still state a price the edit changed, in English and in Spanish", async () => {
    const next = read(EXPRESS).replace("$14.95", "$16.95");
    const preview = service.preview({ target: expressTarget, content: next });
    expect(preview.ok).toBe(true);
    expect(preview.entry?.answer).toContain("$16.95");
    expect(preview.figures.map((f) => [f.id, f.lang ?? "en"]).sort()).toEqual([["express-shipping", "es"], ["standard-shipping-time", "en"]]);
    expect(preview.figures.find((f) => f.id === "standard-shipping-time")?.figures).toEqual(["$14.95"]);
  });

  it("saves an edit as a version after the text found on disk, answers from it at once, and rolls back as a new version", async () => {
    const original = read(EXPRESS);
    const hash = (await service.get(expressTarget)).hash;
    const edited = original.replace("$14.95", "$16.95");
    const out = await service.save({ target: expressTarget, content: edited, baseHash: hash }, admin);
    expect(out.status).toBe("saved");
    expect(read(EXPRESS)).toBe(edited);
    expect(fs.readdirSync(path.join(dir, "faq/shipping")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const history = await service.history(expressTarget);
    expect(history.map((v) => [v.version, v.action, v.author])).toEqual([[2, "edit", admin.email], [1, "found", null]]);
    expect(history[0].diff).toMatchObject({ added: 1, removed: 1 });
    expect(history[0].diff.hunks[0].lines.filter((l) => l.type !== " ").map((l) => l.type + l.text.slice(-40))).toEqual([
      `-${original.split("\n").find((l) => l.includes("$14.95"))!.slice(-40)}`,
      `+${edited.split("\n").find((l) => l.includes("$16.95"))!.slice(-40)}`,
    ]);
    // The live index was reloaded before the save returned.
    expect(live.current().base.faq.find((e) => e.id === "express-shipping")?.answer).toContain("$16.95");

    const back = await service.rollback(history[1].id, admin);
    expect(back.status).toBe("saved");
    expect(read(EXPRESS)).toBe(original);
    const after = await service.history(expressTarget);
    expect(after.map((v) => [v.version, v.action])).toEqual([[3, "rollback"], [2, "edit"], [1, "found"]]);
    expect(after[0].rollbackOf).toBe(history[1].id);
    expect(live.current().base.faq.find((e) => e.id === "express-shipping")?.answer).toContain("$14.95");
  }, 240_000);

  it("refuses a save over a file that changed since it was opened", async () => {
    const { hash } = await service.get(expressTarget);
    fs.writeFileSync(path.join(dir, EXPRESS), `${read(EXPRESS)}\nEdited in a text editor.\n`);
    const err = await service.save({ target: expressTarget, content: read(EXPRESS).replace("$14.95", "$15.95"), baseHash: hash }, admin).catch((e: unknown) => e);
    expect(isAppError(err, "CHAT_ERR_KNOWLEDGE_CONFLICT")).toBe(true);
    expect((await service.get(expressTarget)).changedOutside).toBe(true);
  });

  it("holds back a save that makes answers worse until the admin confirms, and records the confirmation", async () => {
    const file = "faq/account/password-reset.md";
    const target = { kind: "faq" as const, id: "password-reset" };
    const unrelated = "---\nid: password-reset\ntitle: Gift wrapping\ntags: [gifts]\nquestions:\n  - do you gift wrap\n  - can you wrap my present\n---\nWe gift-wrap any order for $5.\n";
    const held = await service.save({ target, content: unrelated }, admin);
    expect(held.status).toBe("needs_confirmation");
    expect(held.report.worse).toBeGreaterThanOrEqual(1);
    expect(held.report.changed.find((c) => c.id === "password")).toMatchObject({ worse: true, before: { outcome: "right" } });
    expect(read(file)).not.toBe(unrelated);

    const saved = await service.save({ target, content: unrelated, confirmRegression: true }, admin);
    expect(saved.status).toBe("saved");
    const [latest] = await service.history(target);
    expect(latest).toMatchObject({ action: "edit", regressionConfirmed: true, gate: { worse: held.report.worse } });
  }, 240_000);

  it("answers a question from the draft and from the published knowledge, each with its decision trail", async () => {
    const draft = read("faq/returns/return-window.md").replace(/within 30 days/g, "within 45 days");
    const r = await service.ask({ change: { target: { kind: "faq", id: "return-window" }, content: draft }, question: "how many days do I have to return my jacket?" });
    expect(r.draft).toMatchObject({ action: "answer", sources: [{ id: "return-window" }] });
    expect(r.draft.text).toContain("45 days");
    expect(r.published.text).toContain("30 days");
    expect(r.draft.decision.rule).toMatch(/answer/);
    expect(read("faq/returns/return-window.md")).not.toContain("45 days");
  }, 240_000);

  it("deletes an entry with its translation, keeps their history, and can restore the entry", async () => {
    const target = { kind: "faq" as const, id: "express-shipping" };
    const out = await service.save({ target, content: null }, admin);
    if (out.status !== "saved") expect(out.report.worse).toBeGreaterThan(0);
    const saved = out.status === "saved" ? out : await service.save({ target, content: null, confirmRegression: true }, admin);
    expect(saved.status).toBe("saved");
    expect(fs.existsSync(path.join(dir, EXPRESS))).toBe(false);
    expect(fs.existsSync(path.join(dir, "faq/shipping/express-shipping.es.md"))).toBe(false);
    const history = await service.history(target);
    expect(history[0]).toMatchObject({ action: "delete", deleted: true });
    const spanish = await service.history({ ...target, lang: "es" });
    expect(spanish[0]).toMatchObject({ action: "delete" });
    const restored = await service.rollback(history[1].id, admin, { confirmRegression: true });
    expect(restored.status).toBe("saved");
    expect(fs.existsSync(path.join(dir, EXPRESS))).toBe(true);
  }, 240_000);
});
