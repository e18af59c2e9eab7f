/**
 * The regression gate from the command line (`npm run kb:check`): the knowledge folder as it is (the draft) against
 * a base (the last versions published through the admin area, another folder, or a git ref), with the question set
 * that ships in the draft's tests/ folder. A shop's CI runs it and fails on answers that got worse.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { Embedder } from "../../models/embedder.ts";
import type { DialoguePolicy } from "../dialogue/index.ts";
import { AppError } from "../errors.ts";
import { isKnowledgeFile, loadKnowledgeFiles, readKnowledgeFiles, type KnowledgeFiles } from "../retrieval/index.ts";
import type { KnowledgeVersion } from "../storage/index.ts";
import { createDraftBuilder, type DraftStage } from "./draft-knowledge.ts";
import { figuresLeftBehind, type FigureMention } from "./figures.ts";
import { createRegressionGate } from "./gate.ts";
import type { RegressionReport } from "./regression.ts";

/** A file that differs between base and draft. */
export interface ChangedFile {
  path: string;
  change: "added" | "changed" | "removed";
}

/** What `npm run kb:check` reports. */
export interface KbCheckResult {
  /** The base in words ("git HEAD", "folder ../kb-before", "published versions (12 files)"). */
  base: string;
  changedFiles: ChangedFile[];
  report: RegressionReport;
  /** Per changed FAQ file, the other entries that still state a figure it no longer states. */
  figures: { path: string; mentions: FigureMention[] }[];
  /** False when any question got worse. */
  ok: boolean;
}

/** Options of runKnowledgeCheck. */
export interface KbCheckOptions {
  /** The draft: a knowledge folder. */
  dir: string;
  /** The base's files and a description of it. */
  base: { files: KnowledgeFiles; description: string };
  embedder: Embedder;
  logger: Logger;
  seed: number;
  cacheDir?: string;
  policy?: Partial<DialoguePolicy>;
  onProgress?: (stage: string, done?: number, total?: number) => void;
}

/**
 * The knowledge files of a git ref, for the folder `dir` inside a repository (`git ls-tree` and `git show`).
 * Throws CHAT_ERR_VALIDATION when `dir` is not in a repository or the ref is unknown.
 */
export function readGitKnowledge(dir: string, ref: string): Map<string, string> {
  // A ref is never read as an option, and never reaches a shell.
  if (!/^[A-Za-z0-9][A-Za-z0-9._/~^@{}-]*$/.test(ref)) throw new AppError("CHAT_ERR_VALIDATION", `Not a git ref: ${JSON.stringify(ref)}.`);
  const git = (args: string[]) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  let names: string[];
  try {
    names = git(["ls-tree", "-r", "-z", "--name-only", ref, "--", "."]).split("\0").filter(Boolean);
  } catch (err) {
    throw new AppError("CHAT_ERR_VALIDATION", `Cannot read ${ref} of the git repository at ${dir}: ${((err as { stderr?: string }).stderr ?? (err as Error).message).trim()}`, { cause: err });
  }
  const files = new Map<string, string>();
  for (const rel of names.filter(isKnowledgeFile)) files.set(rel, git(["show", `${ref}:./${rel}`]));
  return files;
}

/**
 * The knowledge as last published through the admin area: the folder's files with each file that has versions
 * replaced by its newest version (or removed, when that version deleted it). Files never saved through the admin
 * area count as they are in the folder.
 */
export function publishedKnowledge(folder: KnowledgeFiles, latest: readonly KnowledgeVersion[]): Map<string, string> {
  const files = new Map(folder);
  for (const v of latest) {
    if (v.content === null) files.delete(v.path);
    else files.set(v.path, v.content);
  }
  return files;
}

/** The files that differ between two sets. */
export function changedFiles(base: KnowledgeFiles, draft: KnowledgeFiles): ChangedFile[] {
  const out: ChangedFile[] = [];
  for (const rel of [...new Set([...base.keys(), ...draft.keys()])].sort()) {
    const a = base.get(rel);
    const b = draft.get(rel);
    if (a === b) continue;
    out.push({ path: rel, change: a === undefined ? "added" : b === undefined ? "removed" : "changed" });
  }
  return out;
}

/**
 * Check that the draft folder and the base both load, before anything slow starts; throws CHAT_ERR_KNOWLEDGE naming
 * which one and the file.
 */
export function validateBoth(dir: string, base: { files: KnowledgeFiles; description: string }): void {
  if (!fs.existsSync(path.join(dir, "faq")) && !fs.existsSync(path.join(dir, "intents"))) {
    throw new AppError("CHAT_ERR_VALIDATION", `${dir} is not a knowledge folder (it has no faq/ or intents/).`);
  }
  const display = path.basename(path.resolve(dir));
  for (const [which, files] of [["the draft", readKnowledgeFiles(dir)], [base.description, base.files]] as const) {
    try {
      loadKnowledgeFiles(files, display);
    } catch (err) {
      throw new AppError("CHAT_ERR_KNOWLEDGE", `${which} does not load: ${(err as Error).message}`, { cause: err });
    }
  }
}

/**
 * Validate the draft and the base, build both, ask the question set of both, and compare.
 * Throws CHAT_ERR_KNOWLEDGE when either does not load (naming the file).
 * @example const r = await runKnowledgeCheck({ dir: "knowledge", base: { files: readGitKnowledge("knowledge", "HEAD"), description: "git HEAD" }, embedder, logger, seed: 42 });
 */
export async function runKnowledgeCheck(options: KbCheckOptions): Promise<KbCheckResult> {
  const { dir } = options;
  validateBoth(dir, options.base);
  const progress = options.onProgress ?? (() => undefined);
  const draftFiles = readKnowledgeFiles(dir);
  const drafts = createDraftBuilder({ dir, embedder: options.embedder, logger: options.logger, cacheDir: options.cacheDir, seed: options.seed });
  const gate = createRegressionGate({ knowledgeDir: dir, policy: options.policy });
  const stage = (which: string) => (s: DraftStage) => progress(`${which}: ${s}`);
  const base = await drafts.build(options.base.files, stage("base"));
  const draft = await drafts.build(draftFiles, stage("draft"));
  const report = await gate.compare(base, draft, (done, total) => progress("asking the test questions", done, total));
  const changed = changedFiles(options.base.files, draftFiles);
  const display = path.basename(path.resolve(dir));
  const figures = changed
    .filter((c) => c.change === "changed" && c.path.startsWith("faq/"))
    .map((c) => ({ path: c.path, mentions: figuresLeftBehind(base.base, draft.base, path.join(display, ...c.path.split("/"))) }))
    .filter((f) => f.mentions.length);
  return { base: options.base.description, changedFiles: changed, report, figures, ok: report.worse === 0 };
}

/** The result for a person: what changed, the counts, every question that changed, and figures left behind. */
export function formatKnowledgeCheck(r: KbCheckResult): string {
  const lines: string[] = [];
  lines.push(`Knowledge check against ${r.base}: ${r.changedFiles.length} file${r.changedFiles.length === 1 ? "" : "s"} differ.`);
  for (const f of r.changedFiles) lines.push(`  ${f.change.padEnd(8)} ${f.path}`);
  const { before: b, after: a } = r.report;
  lines.push("", `Test questions: ${a.total}    before -> after`);
  for (const k of ["right", "missed", "wrong"] as const) lines.push(`  ${k.padEnd(7)} ${String(b[k]).padStart(4)} -> ${String(a[k]).padEnd(4)}${a[k] !== b[k] ? ` (${a[k] > b[k] ? "+" : ""}${a[k] - b[k]})` : ""}`);
  if (r.report.changed.length) {
    lines.push("", "Questions that changed:");
    const show = (o: { outcome: string; action: string; entry?: string }) => `${o.outcome} (${o.action === "answer" ? o.entry : o.action})`;
    for (const c of r.report.changed) lines.push(`  ${c.worse ? "WORSE " : "better"} ${JSON.stringify(c.question)}: expected ${c.expected}; ${show(c.before)} -> ${show(c.after)}`);
  }
  if (r.report.staleCases.length) lines.push("", `Test cases naming an entry that no longer exists: ${r.report.staleCases.join(", ")}`);
  for (const f of r.figures) {
    lines.push("", `${f.path} no longer states a figure that other entries still do:`);
    for (const m of f.mentions) lines.push(`  ${m.id}${m.lang ? ` (${m.lang})` : ""}: ${m.figures.join(", ")} — ${m.excerpt}`);
  }
  lines.push("", r.ok ? `OK: no question got worse${r.report.better ? ` (${r.report.better} better)` : ""}.` : `REGRESSION: ${r.report.worse} question${r.report.worse === 1 ? "" : "s"} got worse.`);
  return lines.join("\n");
}
