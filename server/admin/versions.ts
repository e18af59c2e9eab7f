/**
 * Versions of knowledge files: recording a save (with the text found on disk before it, when no version holds that
 * text yet) and reading a file's history with a line diff of each version against the one before.
 */
import { structuredPatch } from "diff";
import type { KnowledgeFiles } from "../retrieval/index.ts";
import type { KnowledgeVersion, KnowledgeVersionAction, KnowledgeVersionStore, NewKnowledgeVersion } from "../storage/index.ts";
import { hashText } from "./draft-knowledge.ts";
import type { FileOp } from "./knowledge-files.ts";
import { describeKnowledgePath } from "./paths.ts";

/** Who saved. */
export interface Author {
  id: string;
  email: string;
}

/** One line of a diff: added, removed or context. */
export interface DiffLine {
  type: "+" | "-" | " ";
  text: string;
}

/** A version as the admin sees it: who, when, what, and the lines it changed. */
export interface VersionView {
  id: number;
  path: string;
  version: number;
  action: KnowledgeVersionAction;
  author: string | null;
  createdAt: string;
  note: string | null;
  rollbackOf: number | null;
  regressionConfirmed: boolean;
  gate: unknown;
  deleted: boolean;
  diff: { added: number; removed: number; hunks: { header: string; lines: DiffLine[] }[] };
}

/**
 * A line diff from one text to another (either may be null: absent), with `context` lines around each change,
 * using the `diff` library (Myers' algorithm).
 */
export function lineDiff(before: string | null, after: string | null, context = 3): VersionView["diff"] {
  const patch = structuredPatch("a", "b", before ?? "", after ?? "", "", "", { context });
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((h) => ({
    header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
    lines: h.lines
      .filter((l) => !l.startsWith("\\"))
      .map((l): DiffLine => {
        const type = l[0] === "+" ? "+" : l[0] === "-" ? "-" : " ";
        if (type === "+") added++;
        if (type === "-") removed++;
        return { type, text: l.slice(1) };
      }),
  }));
  return { added, removed, hunks };
}

/** What one save records besides its files. */
export interface SaveRecord {
  author: Author;
  changeId: string;
  /** "rollback" for a rollback; otherwise each file's action follows from its op. */
  rollbackOf?: number;
  gate: unknown;
  regressionConfirmed: boolean;
  note?: string;
  at: string;
}

/**
 * Record a save of `ops` over the files as they were (`before`): for each file, first the text found on disk when no
 * version holds it yet (the first version of a file that existed before, or an edit made outside the admin area),
 * then the save itself.
 */
export async function recordSave(store: KnowledgeVersionStore, before: KnowledgeFiles, ops: readonly FileOp[], save: SaveRecord): Promise<KnowledgeVersion[]> {
  const rows: NewKnowledgeVersion[] = [];
  for (const op of ops) {
    const info = describeKnowledgePath(op.rel);
    if (!info) throw new Error(`not a knowledge path: ${op.rel}`);
    const common = { path: op.rel, kind: info.kind, entryId: info.entryId, lang: info.lang, changeId: save.changeId, createdAt: save.at };
    const onDisk = before.get(op.rel) ?? null;
    const latest = await store.latest(op.rel);
    const diskHash = onDisk === null ? null : hashText(onDisk);
    if ((latest === undefined && onDisk !== null) || (latest !== undefined && latest.contentHash !== diskHash)) {
      rows.push({ ...common, action: "found", content: onDisk, contentHash: diskHash, authorId: null, authorEmail: null, rollbackOf: null, gate: null, regressionConfirmed: false, note: null });
    }
    const action: KnowledgeVersionAction = save.rollbackOf !== undefined ? "rollback" : op.content === null ? "delete" : onDisk === null ? "create" : "edit";
    rows.push({
      ...common, action, content: op.content, contentHash: op.content === null ? null : hashText(op.content), authorId: save.author.id, authorEmail: save.author.email,
      rollbackOf: save.rollbackOf ?? null, gate: save.gate, regressionConfirmed: save.regressionConfirmed, note: save.note ?? null,
    });
  }
  return store.record(rows);
}

/** The history of one file, newest first, each version with its diff against the version before. */
export async function fileHistory(store: KnowledgeVersionStore, rel: string, limit = 50): Promise<VersionView[]> {
  // One more than shown, so the oldest shown version still has its predecessor to diff against.
  const rows = await store.history({ path: rel, limit: limit + 1 });
  return rows.slice(0, limit).map((v, i) => viewOf(v, rows[i + 1]));
}

/** A version as the admin sees it, diffed against `previous` (undefined: the first version). */
export function viewOf(v: KnowledgeVersion, previous: KnowledgeVersion | undefined): VersionView {
  return {
    id: v.id, path: v.path, version: v.version, action: v.action, author: v.authorEmail, createdAt: v.createdAt, note: v.note, rollbackOf: v.rollbackOf,
    regressionConfirmed: v.regressionConfirmed, gate: v.gate, deleted: v.content === null, diff: lineDiff(previous?.content ?? null, v.content),
  };
}
