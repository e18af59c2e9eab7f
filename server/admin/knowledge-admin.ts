/**
 * The admin's knowledge workspace: browse and read entries, preview and check a change against the whole knowledge
 * (validation, the regression gate, figures left behind in other entries), try questions on the draft, save (a new
 * version; a save that makes answers worse needs confirming), history with diffs, and rollback.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import matter from "gray-matter";
import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import { createDialogueEngine, type BotReply, type DialogueEngine, type DialoguePolicy, type IntentModel } from "../dialogue/index.ts";
import { AppError } from "../errors.ts";
import { readKnowledgeFiles, saveTrainedIndex, type KnowledgeBase, type KnowledgeFiles, type KnowledgeIndex } from "../retrieval/index.ts";
import type { KnowledgeVersionStore } from "../storage/index.ts";
import { hashText, type DraftBuilder, type DraftKnowledge } from "./draft-knowledge.ts";
import { figuresLeftBehind, type FigureMention } from "./figures.ts";
import type { RegressionGate } from "./gate.ts";
import { applyOps, describeTarget, locateTarget, planChange, translationsOf, writeOps, type PlannedChange } from "./knowledge-files.ts";
import { describeKnowledgePath, type KnowledgeTarget } from "./paths.ts";
import type { RegressionReport } from "./regression.ts";
import { fileHistory, recordSave, viewOf, type Author, type VersionView } from "./versions.ts";

/** Options of createKnowledgeAdmin. */
export interface KnowledgeAdminOptions {
  /** The knowledge folder (the source of truth; files stay editable with git and a text editor). */
  dir: string;
  store: KnowledgeVersionStore;
  drafts: DraftBuilder;
  gate: RegressionGate;
  /** The live knowledge service: reloaded after a save so the next shopper question is answered from it. */
  live: { reload(): Promise<void> };
  /** The live service's index cache: a published draft's index is saved there, so the reload does not train again. */
  cacheDir?: string;
  logger: Logger;
  /** The dialogue engine over an index and intent model for "Try it" (server/app.ts passes the live shop and catalogue). */
  engineFor?: (index: KnowledgeIndex, intents: IntentModel) => DialogueEngine;
  policy?: Partial<DialoguePolicy>;
  clock?: () => Date;
}

/** An entry in the list. */
export interface EntrySummary {
  id: string;
  topic: string;
  title: string;
  tags: string[];
  questions: string[];
  answer: string;
  /** Languages it is translated into. */
  translations: string[];
}

/** A change as the admin sends it: new text for a target, or null to delete it. */
export interface ChangeInput {
  target: KnowledgeTarget;
  content: string | null;
}

/** A file's front matter and Markdown body, for the admin page's form (undefined when the YAML does not parse). */
export type FileFields = { data: Record<string, unknown>; body: string } | undefined;

/** Split a knowledge file into front matter and body (gray-matter, as the loader reads it). */
export function fileFields(content: string): FileFields {
  try {
    const parsed = matter(content, {});
    return { data: parsed.data as Record<string, unknown>, body: parsed.content.replace(/^\r?\n/, "") };
  } catch {
    return undefined;
  }
}

/** How the entry will read in the chat, and the other entries still stating a figure the edit changed. */
export interface PreviewResult {
  ok: boolean;
  /** The file's front matter and body as parsed (for the form), when the YAML parses. */
  fields?: FileFields;
  /** The loader's message (naming the file) when the change does not validate. */
  error?: string;
  kind?: PlannedChange["kind"];
  entry?: { id: string; lang?: string; title: string; answer: string; questions: string[]; tags: string[] };
  intent?: { intent: string; description: string; examples: string[] };
  figures: FigureMention[];
}

/** The check of a change: validation, the regression gate, and figures. */
export interface CheckResult extends PreviewResult {
  report?: RegressionReport;
  intentsRetrained?: boolean;
  ms?: number;
}

/** The outcome of a save: saved, or held back because answers got worse and the admin has not confirmed. */
export type SaveOutcome =
  | { status: "saved"; versions: VersionView[]; report: RegressionReport; figures: FigureMention[] }
  | { status: "needs_confirmation"; report: RegressionReport; figures: FigureMention[] };

/** What the admin area is busy with (for a progress line while an index builds or the questions run). */
export interface Activity {
  stage: string;
  done?: number;
  total?: number;
  since: string;
}

/** The service behind the admin's knowledge pages. */
export interface KnowledgeAdmin {
  list(): { entries: EntrySummary[]; intents: { intent: string; description: string; examples: number }[]; topics: string[]; problem?: string };
  get(target: KnowledgeTarget): Promise<{ rel: string; content: string; fields: FileFields; hash: string; translations: string[]; versions: number; changedOutside: boolean }>;
  preview(change: ChangeInput): PreviewResult;
  check(change: ChangeInput): Promise<CheckResult>;
  /** Ask a question of the assistant running on the draft (and on the published knowledge, to compare). */
  ask(input: { change?: ChangeInput; question: string; conversation?: string }): Promise<{ draft: TryReply; published: TryReply }>;
  save(change: ChangeInput & { baseHash?: string | null; confirmRegression?: boolean; note?: string }, author: Author): Promise<SaveOutcome>;
  rollback(versionId: number, author: Author, options?: { confirmRegression?: boolean; note?: string }): Promise<SaveOutcome>;
  history(target: KnowledgeTarget): Promise<VersionView[]>;
  recent(limit?: number): Promise<VersionView[]>;
  activity(): Activity | null;
}

/** A reply of "Try it": what the shopper would see and the decision trail. */
export type TryReply = Pick<BotReply, "text" | "action" | "sources" | "products" | "quickReplies" | "intent" | "decision">;

/**
 * Create the knowledge admin service.
 * @example const admin = createKnowledgeAdmin({ dir, store: storage.knowledgeVersions, drafts, gate, live: knowledge, logger });
 */
export function createKnowledgeAdmin(options: KnowledgeAdminOptions): KnowledgeAdmin {
  const { dir, store, drafts, gate, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const display = path.basename(path.resolve(dir));
  const engineFor = options.engineFor ?? ((index, intents) => createDialogueEngine({ knowledge: () => index, intents: () => intents, policy: options.policy }));
  const engines = new LRUCache<string, DialogueEngine>({ max: 4 });
  let current: Activity | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** Heavy work (index builds, question runs, saves) one at a time: 2 cores are shared with the shoppers' traffic. */
  function serial<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const job = queue.then(async () => {
      current = { stage, since: clock().toISOString() };
      try {
        return await fn();
      } finally {
        current = null;
      }
    });
    queue = job.catch(() => undefined);
    return job;
  }
  const progress = (stage: string, done?: number, total?: number) => {
    current = { stage, done, total, since: current?.since ?? clock().toISOString() };
  };
  const build = (files: KnowledgeFiles) => drafts.build(files, (stage) => progress(stage === "indexing" ? "building the draft's index" : stage));

  /** The change planned over the files on disk, the draft files, and the draft validated (throws CHAT_ERR_KNOWLEDGE). */
  function prepare(change: ChangeInput) {
    const before = readKnowledgeFiles(dir);
    const plan = planChange(before, change.target, change.content);
    const after = applyOps(before, plan.ops);
    const base = drafts.validate(after);
    checkIdentity(plan, base);
    return { before, plan, after, base };
  }

  // The loader accepts a front-matter id that differs from the file name; the admin area keeps them equal, since the
  // id is what names the file here.
  function checkIdentity(plan: PlannedChange, base: KnowledgeBase) {
    if (plan.kind === "delete") return;
    const file = path.join(display, ...plan.rel.split("/"));
    const t = plan.target;
    if (t.kind === "intent") {
      const d = base.intents.find((i) => i.file === file);
      if (d && d.intent !== t.intent) throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: intent: must be "${t.intent}" (the file's name), not "${d.intent}"`);
      return;
    }
    const e = t.lang ? base.translations.find((x) => x.file === file) : base.faq.find((x) => x.file === file);
    if (e && e.id !== t.id) throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: id: must be "${t.id}" (the file's name; ids are never renamed), not "${e.id}"`);
  }

  function figuresOf(plan: PlannedChange, beforeBase: KnowledgeBase | undefined, afterBase: KnowledgeBase): FigureMention[] {
    if (plan.target.kind !== "faq" || plan.kind !== "edit" || !beforeBase) return [];
    return figuresLeftBehind(beforeBase, afterBase, path.join(display, ...plan.rel.split("/")));
  }

  function validateQuietly(files: KnowledgeFiles): KnowledgeBase | undefined {
    try {
      return drafts.validate(files);
    } catch {
      return undefined;
    }
  }

  function preview(change: ChangeInput): PreviewResult {
    let prepared: ReturnType<typeof prepare>;
    const fields = change.content === null ? undefined : fileFields(change.content);
    try {
      prepared = prepare(change);
    } catch (err) {
      if (err instanceof AppError && (err.code === "CHAT_ERR_KNOWLEDGE" || err.code === "CHAT_ERR_VALIDATION")) return { ok: false, error: err.message, fields, figures: [] };
      throw err;
    }
    const { plan, base, before } = prepared;
    const file = path.join(display, ...plan.rel.split("/"));
    const t = change.target;
    const out: PreviewResult = { ok: true, kind: plan.kind, fields, figures: figuresOf(plan, validateQuietly(before), base) };
    if (plan.kind === "delete") return out;
    if (t.kind === "intent") {
      const d = base.intents.find((i) => i.file === file);
      if (d) out.intent = { intent: d.intent, description: d.description, examples: d.examples };
    } else {
      const e = (t.lang ? base.translations : base.faq).find((x) => x.file === file);
      if (e) out.entry = { id: e.id, lang: t.lang, title: e.title, answer: e.answer, questions: e.questions, tags: e.tags };
    }
    return out;
  }

  async function gateFor(before: KnowledgeFiles, after: KnowledgeFiles): Promise<{ report: RegressionReport; draft: DraftKnowledge }> {
    const published = await build(before);
    const draft = await build(after);
    progress("asking the test questions");
    const report = await gate.compare(published, draft, (done, total) => progress("asking the test questions", done, total));
    return { report, draft };
  }

  async function reply(engine: DialogueEngine, question: string, conversation: string): Promise<TryReply> {
    const r = await engine.respond(question, { conversationId: conversation, customerId: null, recentBotActions: [] });
    return { text: r.text, action: r.action, sources: r.sources, products: r.products, quickReplies: r.quickReplies, intent: r.intent, decision: r.decision };
  }

  function engineOf(draft: DraftKnowledge): DialogueEngine {
    let e = engines.get(draft.hash);
    if (!e) {
      e = engineFor(draft.index, draft.intents);
      engines.set(draft.hash, e);
    }
    return e;
  }

  async function commit(prepared: ReturnType<typeof prepare>, input: { confirmRegression?: boolean; note?: string; rollbackOf?: number }, author: Author): Promise<SaveOutcome> {
    const { before, plan, after, base } = prepared;
    const { report, draft } = await gateFor(before, after);
    const figures = figuresOf(plan, validateQuietly(before), base);
    if (report.worse > 0 && !input.confirmRegression) return { status: "needs_confirmation", report, figures };
    progress("saving");
    // The draft's index goes into the live service's cache first, so the reload below finds it instead of training.
    if (options.cacheDir) saveTrainedIndex(options.cacheDir, draft.index);
    writeOps(dir, plan.ops);
    const gateSummary = {
      before: report.before, after: report.after, worse: report.worse, better: report.better,
      changed: report.changed.map((c) => ({ id: c.id, before: c.before.outcome, after: c.after.outcome })),
    };
    let versions;
    try {
      versions = await recordSave(store, before, plan.ops, {
        author, changeId: randomUUID(), rollbackOf: input.rollbackOf, gate: gateSummary, regressionConfirmed: report.worse > 0, note: input.note, at: clock().toISOString(),
      });
    } catch (err) {
      // No version, no change: put the files back as they were.
      writeOps(dir, plan.ops.map((op) => ({ rel: op.rel, content: before.get(op.rel) ?? null })));
      throw err;
    }
    logger.info({ target: describeTarget(plan.target), kind: plan.kind, author: author.email, worse: report.worse, better: report.better }, "knowledge saved from the admin area");
    progress("publishing");
    await options.live.reload().catch((err) => logger.error({ err: (err as Error).message }, "live knowledge reload after an admin save failed"));
    return { status: "saved", versions: versions.map((v, i) => viewOf(v, versions[i - 1]?.path === v.path ? versions[i - 1] : undefined)), report, figures };
  }

  return {
    list() {
      const files = readKnowledgeFiles(dir);
      let base: KnowledgeBase | undefined;
      let problem: string | undefined;
      try {
        base = drafts.validate(files);
      } catch (err) {
        problem = (err as Error).message;
      }
      const topics = new Set<string>();
      const entries: EntrySummary[] = [];
      for (const rel of files.keys()) {
        const info = describeKnowledgePath(rel);
        if (info?.topic) topics.add(info.topic);
        if (info?.kind !== "faq") continue;
        const e = base?.faq.find((x) => x.file === path.join(display, ...rel.split("/")));
        const translations = translationsOf(files, rel).map((t) => describeKnowledgePath(t)!.lang!);
        entries.push({ id: info.entryId, topic: info.topic!, title: e?.title ?? info.entryId, tags: e?.tags ?? [], questions: e?.questions ?? [], answer: e?.answer ?? "", translations });
      }
      const intents = (base?.intents ?? []).map((d) => ({ intent: d.intent, description: d.description, examples: d.examples.length }));
      return { entries, intents, topics: [...topics].sort(), problem };
    },

    async get(target) {
      const files = readKnowledgeFiles(dir);
      const rel = locateTarget(files, target);
      if (!rel) throw new AppError("CHAT_ERR_NOT_FOUND", `${describeTarget(target)} does not exist.`);
      const content = files.get(rel)!;
      const hash = hashText(content);
      const history = await store.history({ path: rel, limit: 1000 });
      const translations = translationsOf(files, rel).map((t) => describeKnowledgePath(t)!.lang!);
      return { rel, content, fields: fileFields(content), hash, translations, versions: history.length, changedOutside: history.length > 0 && history[0].contentHash !== hash };
    },

    preview,

    check(change) {
      return serial("checking", async () => {
        const t0 = performance.now();
        const shown = preview(change);
        if (!shown.ok) return shown;
        const prepared = prepare(change);
        const { report, draft } = await gateFor(prepared.before, prepared.after);
        return { ...shown, report, intentsRetrained: draft.intentsRetrained, ms: Math.round(performance.now() - t0) };
      });
    },

    ask({ change, question, conversation }) {
      return serial("trying", async () => {
        const before = readKnowledgeFiles(dir);
        const after = change ? prepare(change).after : before;
        const published = await build(before);
        const draft = await build(after);
        progress("answering");
        const id = conversation ?? `try-${randomUUID()}`;
        return { draft: await reply(engineOf(draft), question, id), published: await reply(engineOf(published), question, `${id}-published`) };
      });
    },

    save(input, author) {
      return serial("saving", async () => {
        const prepared = prepare(input);
        if (input.baseHash !== undefined) {
          const onDisk = prepared.before.get(prepared.plan.rel);
          const now = onDisk === undefined ? null : hashText(onDisk);
          if (now !== input.baseHash) {
            throw new AppError("CHAT_ERR_KNOWLEDGE_CONFLICT", `${describeTarget(input.target)} changed since you opened it (another admin, or an edit on disk); reload it and apply your change again.`);
          }
        }
        return commit(prepared, input, author);
      });
    },

    rollback(versionId, author, opts = {}) {
      return serial("rolling back", async () => {
        const v = await store.get(versionId);
        if (!v) throw new AppError("CHAT_ERR_NOT_FOUND", `No knowledge version ${versionId}.`);
        const info = describeKnowledgePath(v.path);
        if (!info) throw new AppError("CHAT_ERR_VALIDATION", `Version ${versionId} is not of a knowledge file.`);
        const target: KnowledgeTarget = info.kind === "intent" ? { kind: "intent", intent: info.entryId } : { kind: "faq", id: info.entryId, topic: info.topic!, lang: info.lang ?? undefined };
        const files = readKnowledgeFiles(dir);
        if (v.content === null && !locateTarget(files, target)) throw new AppError("CHAT_ERR_VALIDATION", `${describeTarget(target)} is already deleted.`);
        if (v.content !== null && files.get(v.path) === v.content) throw new AppError("CHAT_ERR_VALIDATION", `${describeTarget(target)} already reads as version ${v.version}.`);
        const prepared = prepare({ target, content: v.content });
        return commit(prepared, { ...opts, note: opts.note ?? `rollback to version ${v.version}`, rollbackOf: v.id }, author);
      });
    },

    async history(target) {
      const files = readKnowledgeFiles(dir);
      const rel = locateTarget(files, target) ?? (await findDeletedPath(store, target));
      return rel ? fileHistory(store, rel) : [];
    },

    async recent(limit = 30) {
      const rows = await store.history({ limit });
      return Promise.all(rows.map(async (v) => viewOf(v, await store.previous(v.path, v.version))));
    },

    activity: () => current,
  };
}

/** The path a deleted target had, from its versions (so its history, and a rollback, stay reachable). */
async function findDeletedPath(store: KnowledgeVersionStore, target: KnowledgeTarget): Promise<string | undefined> {
  const id = target.kind === "intent" ? target.intent : target.id;
  const lang = target.kind === "faq" ? target.lang?.toLowerCase() ?? null : null;
  const rows = await store.history({ limit: 500 });
  return rows.find((r) => r.entryId === id && (r.lang?.toLowerCase() ?? null) === lang && (target.kind === "intent") === (r.kind === "intent"))?.path;
}
