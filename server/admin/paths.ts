import path from "node:path";
import { AppError } from "../errors.ts";
import type { KnowledgeFileKind } from "../storage/index.ts";

/**
 * What an admin edits, named by ids only: an FAQ entry (or its translation into `lang`) or an intent's examples.
 * File paths are derived from these (knowledge/faq/<topic>/<id>[.<lang>].md, knowledge/intents/<intent>.md); a client
 * never sends a path.
 */
export type KnowledgeTarget = { kind: "faq"; id: string; lang?: string; topic?: string } | { kind: "intent"; intent: string };

/** An FAQ id or topic: kebab-case, as the loader requires of ids. */
export const KEBAB_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
/** An intent name: snake_case, as the loader requires. */
export const SNAKE_ID = /^[a-z][a-z0-9_]{0,59}$/;
/** A translation's language as file names write it: `es`, `zh-Hans`, `pt-BR` (English is the entry itself). */
export const LANG_TAG = /^[a-z]{2}(?:-[A-Za-z]{4})?(?:-[A-Za-z]{2})?$/;

/** The parts of a knowledge file's relative path. */
export interface KnowledgePathInfo {
  kind: KnowledgeFileKind;
  /** The FAQ entry's id (its English file's name) or the intent's name. */
  entryId: string;
  topic: string | null;
  lang: string | null;
}

const FAQ_PATH = /^faq\/([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)(?:\.([a-z]{2}(?:-[A-Za-z]{4})?(?:-[A-Za-z]{2})?))?\.md$/;
const INTENT_PATH = /^intents\/([a-z][a-z0-9_]*)\.md$/;

/** What a relative knowledge path names, or undefined for a path the admin area does not manage. */
export function describeKnowledgePath(rel: string): KnowledgePathInfo | undefined {
  const f = FAQ_PATH.exec(rel);
  if (f) return { kind: f[3] ? "translation" : "faq", entryId: f[2], topic: f[1], lang: f[3] ?? null };
  const i = INTENT_PATH.exec(rel);
  if (i) return { kind: "intent", entryId: i[1], topic: null, lang: null };
  return undefined;
}

/** Check a target's ids (throws CHAT_ERR_VALIDATION naming the bad one); returns it unchanged. */
export function checkTarget(t: KnowledgeTarget): KnowledgeTarget {
  const bad = (what: string, rule: string) => new AppError("CHAT_ERR_VALIDATION", `${what} must be ${rule}.`);
  if (t.kind === "intent") {
    if (!SNAKE_ID.test(t.intent)) throw bad("The intent name", "snake_case (a-z, 0-9, _), starting with a letter");
    return t;
  }
  if (!KEBAB_ID.test(t.id)) throw bad("The entry id", "kebab-case (a-z, 0-9, -), at most 80 characters");
  if (t.topic !== undefined && !KEBAB_ID.test(t.topic)) throw bad("The topic", "kebab-case (a-z, 0-9, -), at most 80 characters");
  if (t.lang !== undefined) {
    if (!LANG_TAG.test(t.lang)) throw bad("The language", "a two-letter code with an optional script or region (es, zh-Hans, pt-BR)");
    if (t.lang.toLowerCase() === "en") throw bad("The language", "other than English (the English text is the entry itself)");
  }
  return t;
}

/** The relative path of an FAQ file in `topic`. */
export function faqPath(topic: string, id: string, lang?: string): string {
  return `faq/${topic}/${id}${lang ? `.${lang}` : ""}.md`;
}

/** The relative path of an intent's file. */
export function intentPath(intent: string): string {
  return `intents/${intent}.md`;
}

/**
 * The absolute path of a relative knowledge path, refusing anything that would leave the knowledge folder
 * (`..`, absolute paths, backslashes, NUL) even though every path here is derived from checked ids.
 */
export function resolveInside(dir: string, rel: string): string {
  const root = path.resolve(dir);
  const abs = path.resolve(root, ...rel.split("/"));
  if (rel.includes("\\") || rel.includes("\0") || path.isAbsolute(rel) || !describeKnowledgePath(rel) || !abs.startsWith(root + path.sep)) {
    throw new AppError("CHAT_ERR_VALIDATION", `Not a knowledge file path: ${JSON.stringify(rel)}.`);
  }
  return abs;
}
