/**
 * Knowledge files on disk as the admin area changes them: which files a change touches (derived from ids, never
 * from a client's path) and writing them atomically (a temporary file renamed over the old one).
 */
import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors.ts";
import type { KnowledgeFiles } from "../retrieval/index.ts";
import { checkTarget, describeKnowledgePath, faqPath, intentPath, resolveInside, type KnowledgeTarget } from "./paths.ts";

/** One file a change writes (content) or deletes (null), relative to the knowledge folder. */
export interface FileOp {
  rel: string;
  content: string | null;
}

/** A change resolved against the files: what it touches and whether it creates, edits or deletes the target. */
export interface PlannedChange {
  target: KnowledgeTarget;
  /** The target's own file. */
  rel: string;
  kind: "create" | "edit" | "delete";
  /** Every file written or deleted (deleting an entry deletes its translations too), in a safe order. */
  ops: FileOp[];
}

/** Largest knowledge file the admin area writes. */
export const MAX_FILE_BYTES = 64 * 1024;

/** The relative path of the file a target names now, if it exists (an FAQ entry is found by id in any topic). */
export function locateTarget(files: KnowledgeFiles, target: KnowledgeTarget): string | undefined {
  if (target.kind === "intent") {
    const rel = intentPath(target.intent);
    return files.has(rel) ? rel : undefined;
  }
  const lang = target.lang?.toLowerCase();
  for (const rel of files.keys()) {
    const info = describeKnowledgePath(rel);
    if (!info || info.entryId !== target.id) continue;
    if (lang === undefined ? info.kind === "faq" : info.kind === "translation" && info.lang?.toLowerCase() === lang) return rel;
  }
  return undefined;
}

/** The translations of an English entry's file (`faq/t/x.md` -> `faq/t/x.es.md`, …). */
export function translationsOf(files: KnowledgeFiles, englishRel: string): string[] {
  const info = describeKnowledgePath(englishRel);
  if (!info || info.kind !== "faq") return [];
  return [...files.keys()].filter((rel) => {
    const t = describeKnowledgePath(rel);
    return t?.kind === "translation" && t.entryId === info.entryId && t.topic === info.topic;
  });
}

/**
 * Resolve a change (new content for a target, or null to delete it) against the current files.
 * Throws CHAT_ERR_VALIDATION for bad ids, a missing topic or English entry, or a file too large, and
 * CHAT_ERR_NOT_FOUND when deleting what does not exist.
 */
export function planChange(files: KnowledgeFiles, target: KnowledgeTarget, content: string | null): PlannedChange {
  checkTarget(target);
  if (content !== null && Buffer.byteLength(content) > MAX_FILE_BYTES) throw new AppError("CHAT_ERR_VALIDATION", `The file is larger than ${MAX_FILE_BYTES / 1024} KB.`);
  const existing = locateTarget(files, target);
  if (content === null) {
    if (!existing) throw new AppError("CHAT_ERR_NOT_FOUND", `${describeTarget(target)} does not exist.`);
    // Translations go first, so no moment on disk has a translation without its English entry.
    const ops = [...translationsOf(files, existing).map((rel) => ({ rel, content: null })), { rel: existing, content: null }];
    return { target, rel: existing, kind: "delete", ops };
  }
  let rel = existing;
  if (target.kind === "faq") {
    const english = locateTarget(files, { kind: "faq", id: target.id });
    const topic = english ? describeKnowledgePath(english)!.topic! : target.topic;
    if (english && target.topic !== undefined && target.topic !== topic) {
      throw new AppError("CHAT_ERR_VALIDATION", `Entry "${target.id}" is in topic "${topic}"; moving an entry to another topic is not supported here (create a new entry).`);
    }
    if (target.lang !== undefined && !english) throw new AppError("CHAT_ERR_VALIDATION", `There is no English entry "${target.id}" to translate; create it first.`);
    if (!topic) throw new AppError("CHAT_ERR_VALIDATION", `Entry "${target.id}" is new: give its topic (for example "shipping").`);
    rel ??= faqPath(topic, target.id, target.lang);
  } else {
    rel ??= intentPath(target.intent);
  }
  return { target, rel, kind: existing ? "edit" : "create", ops: [{ rel, content }] };
}

/** A target in words for messages ("FAQ entry express-shipping (es)", "intent greeting"). */
export function describeTarget(t: KnowledgeTarget): string {
  return t.kind === "intent" ? `Intent "${t.intent}"` : `FAQ entry "${t.id}"${t.lang ? ` (${t.lang})` : ""}`;
}

/** The files with the change's operations applied (a new map; the input is not changed). */
export function applyOps(files: KnowledgeFiles, ops: readonly FileOp[]): Map<string, string> {
  const next = new Map(files);
  for (const op of ops) {
    if (op.content === null) next.delete(op.rel);
    else next.set(op.rel, op.content);
  }
  return next;
}

/**
 * Write (temporary file + rename, so a reader never sees half a file) or delete each file, in order. When a step
 * fails, the files already changed are put back as they were, and the error is thrown.
 */
export function writeOps(dir: string, ops: readonly FileOp[]): void {
  const undo: FileOp[] = [];
  try {
    for (const op of ops) {
      const abs = resolveInside(dir, op.rel);
      const before = fs.existsSync(abs) ? fs.readFileSync(abs, "utf8") : null;
      writeOne(abs, op.content);
      undo.push({ rel: op.rel, content: before });
    }
  } catch (err) {
    for (const op of undo.reverse()) {
      try {
        writeOne(resolveInside(dir, op.rel), op.content);
      } catch {
        // Best effort: the original error below is what the caller must see.
      }
    }
    throw err;
  }
}

function writeOne(abs: string, content: string | null): void {
  if (content === null) {
    fs.rmSync(abs, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  // Not ending in .md, so neither the loader nor the watcher ever picks up the temporary file.
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, abs);
}
