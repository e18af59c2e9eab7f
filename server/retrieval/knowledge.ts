import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import { AppError } from "../errors.ts";

/** One FAQ entry an admin edits: knowledge/faq/<topic>/<id>.md. */
export interface FaqEntry {
  id: string;
  title: string;
  tags: string[];
  questions: string[];
  facts: string[];
  answer: string;
  file: string;
}

/** Example utterances of one intent: knowledge/intents/<intent>.md. */
export interface IntentDefinition {
  intent: string;
  description: string;
  examples: string[];
  file: string;
}

/**
 * A translation of an FAQ entry: knowledge/faq/<topic>/<id>.<lang>.md next to the English <id>.md. It carries the
 * English entry's id (and its tags and facts unless it gives its own) with the title, questions and answer in `lang`.
 */
export interface FaqTranslation extends FaqEntry {
  /** The translation's language, a lower-case BCP 47 tag such as "es" or "zh-hans". */
  lang: string;
}

/** Everything loaded from the knowledge folder. */
export interface KnowledgeBase {
  faq: FaqEntry[];
  intents: IntentDefinition[];
  /** Translated FAQ entries, in file order; empty when there are none. */
  translations: FaqTranslation[];
}

const FaqFrontMatter = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be kebab-case"),
  title: z.string().min(1),
  tags: z.array(z.string()).default([]),
  questions: z.array(z.string().min(1)).default([]),
  facts: z.array(z.string()).default([]),
});

// A translation's id is the English entry's; it may repeat it, and may override tags and facts.
const TranslationFrontMatter = z.object({
  id: z.string().optional(),
  title: z.string().min(1),
  tags: z.array(z.string()).optional(),
  questions: z.array(z.string().min(1)).default([]),
  facts: z.array(z.string()).optional(),
});

/** `<name>.<lang>.md`: a two-letter language with an optional script and/or region ("es", "zh-Hans", "pt-BR"). */
const TRANSLATION_FILE = /^(.+)\.([a-z]{2}(?:-[a-z]{4})?(?:-[a-z]{2})?)\.md$/i;

/** The language of a translation file name ("cancel-order.es.md" -> "es"), or undefined for an English entry. */
export function translationLanguage(file: string): string | undefined {
  return TRANSLATION_FILE.exec(path.basename(file))?.[2].toLowerCase();
}

const IntentFrontMatter = z.object({
  intent: z.string().regex(/^[a-z][a-z0-9_]*$/, "must be snake_case"),
  description: z.string().default(""),
  examples: z.array(z.coerce.string().min(1)).min(1, "needs at least one example"),
});

/**
 * The knowledge files as text, keyed by their path relative to the knowledge folder with `/` separators
 * (`faq/shipping/express-shipping.md`, `intents/greeting.md`): what `loadKnowledgeFiles` validates, so a change can
 * be checked in memory before anything is written.
 */
export type KnowledgeFiles = ReadonlyMap<string, string>;

/** True for a path (relative, `/`-separated) that the loader reads: a Markdown file under faq/ or intents/, not a README. */
export function isKnowledgeFile(rel: string): boolean {
  const name = rel.split("/").at(-1) ?? "";
  return (rel.startsWith("faq/") || rel.startsWith("intents/")) && name.endsWith(".md") && name.toLowerCase() !== "readme.md";
}

function listMarkdown(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(".md") && d.name.toLowerCase() !== "readme.md")
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

/**
 * Read every knowledge file under `dir` (faq/ and intents/) into memory.
 * @example const files = readKnowledgeFiles("knowledge"); files.get("intents/greeting.md")
 */
export function readKnowledgeFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const sub of ["faq", "intents"]) {
    for (const file of listMarkdown(path.join(dir, sub))) files.set(path.relative(dir, file).split(path.sep).join("/"), fs.readFileSync(file, "utf8"));
  }
  return files;
}

function parseFile<T>(file: string, text: string, schema: z.ZodType<T>): { data: T; content: string } {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options (even empty) turn off gray-matter's module-wide cache of every text parsed, which would grow with each draft.
    parsed = matter(text, {});
  } catch (err) {
    throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: front matter is not valid YAML (${(err as Error).message})`, { cause: err });
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    const why = result.error.issues.map((i) => `${i.path.join(".") || "front matter"}: ${i.message}`).join("; ");
    throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: ${why}`);
  }
  return { data: result.data, content: parsed.content };
}

/** Values of `{{name}}` placeholders in answers, by name and language ("en" is the fallback). */
export type KnowledgeVariables = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * The placeholders' values with the server's default settings. The server passes the configured ones
 * (app.ts: `transcript_retention` from TRANSCRIPT_RETENTION_DAYS via privacy/retention.ts describeRetention).
 */
export const DEFAULT_KNOWLEDGE_VARIABLES: KnowledgeVariables = { transcript_retention: { en: "12 months", es: "12 meses" } };

/** Fill `{{name}}` placeholders in an answer; an unknown name is an error naming the file, so a typo never reaches a shopper. */
export function fillPlaceholders(text: string, file: string, lang: string, variables: KnowledgeVariables): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_m, name: string) => {
    const values = variables[name];
    const value = values?.[lang] ?? values?.en;
    if (value === undefined) throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: unknown placeholder {{${name}}} (known: ${Object.keys(variables).join(", ") || "none"})`);
    return value;
  });
}

/** Turn the Markdown answer body into the plain text the chat shows (no markup, paragraphs kept). */
export function markdownToChatText(md: string): string {
  return md
    .replace(/\r\n/g, "\n")
    .replace(/\[([^\]]+)\]\([^)]+\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^*])\*(?!\s)([^*]+)\*/g, "$1$2")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Load and validate every FAQ and intent file under `dir` (`faq/` and `intents/`).
 * Throws CHAT_ERR_KNOWLEDGE naming the file for any malformed file or duplicate id, so a bad edit never half-loads.
 */
export function loadKnowledge(dir: string, options: { variables?: KnowledgeVariables } = {}): KnowledgeBase {
  return loadKnowledgeFiles(readKnowledgeFiles(dir), dir, options);
}

/**
 * Validate and load knowledge files held in memory (see `KnowledgeFiles`) exactly as `loadKnowledge` loads a folder;
 * entries' `file` is `dir` joined with the relative path. Throws CHAT_ERR_KNOWLEDGE naming the file, like loadKnowledge.
 * @example loadKnowledgeFiles(new Map([...readKnowledgeFiles(dir), ["faq/shipping/new.md", text]]), dir)
 */
export function loadKnowledgeFiles(files: KnowledgeFiles, dir: string, options: { variables?: KnowledgeVariables } = {}): KnowledgeBase {
  const variables = options.variables ?? DEFAULT_KNOWLEDGE_VARIABLES;
  const text = new Map<string, string>();
  const abs = (prefix: string) =>
    [...files.keys()]
      .filter((rel) => rel.startsWith(prefix) && isKnowledgeFile(rel))
      .map((rel) => {
        const file = path.join(dir, ...rel.split("/"));
        text.set(file, files.get(rel)!);
        return file;
      })
      .sort();
  const faq: FaqEntry[] = [];
  const seen = new Map<string, string>();
  const faqFiles = abs("faq/");
  for (const file of faqFiles.filter((f) => !translationLanguage(f))) {
    const { data, content } = parseFile(file, text.get(file)!, FaqFrontMatter);
    const answer = fillPlaceholders(markdownToChatText(content), file, "en", variables);
    if (!answer) throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: the answer (the text after the front matter) is empty`);
    const dup = seen.get(data.id);
    if (dup) throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: id "${data.id}" is already used by ${dup}`);
    seen.set(data.id, file);
    faq.push({ ...data, answer, file });
  }
  const translations = loadTranslations(faqFiles.filter((f) => translationLanguage(f)), faq, text, variables);
  const intents: IntentDefinition[] = [];
  const seenIntent = new Map<string, string>();
  for (const file of abs("intents/")) {
    const { data } = parseFile(file, text.get(file)!, IntentFrontMatter);
    const dup = seenIntent.get(data.intent);
    if (dup) throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: intent "${data.intent}" is already defined in ${dup}`);
    seenIntent.set(data.intent, file);
    intents.push({ ...data, file });
  }
  return { faq, intents, translations };
}

/** Parse translation files; each must sit next to its English entry (<name>.md in the same folder). */
function loadTranslations(files: readonly string[], faq: readonly FaqEntry[], text: ReadonlyMap<string, string>, variables: KnowledgeVariables): FaqTranslation[] {
  const byFile = new Map(faq.map((e) => [e.file, e]));
  const out: FaqTranslation[] = [];
  for (const file of files) {
    const lang = translationLanguage(file)!;
    const base = TRANSLATION_FILE.exec(path.basename(file))![1];
    const englishFile = path.join(path.dirname(file), `${base}.md`);
    if (lang === "en") throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: English is the entry itself (${base}.md), not a translation; rename the file`);
    const english = byFile.get(englishFile);
    if (!english) throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: translation without an English entry: expected ${englishFile} next to it`);
    const { data, content } = parseFile(file, text.get(file)!, TranslationFrontMatter);
    if (data.id !== undefined && data.id !== english.id) {
      throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: id "${data.id}" differs from the English entry's id "${english.id}" (${englishFile}); a translation keeps the English id`);
    }
    const answer = fillPlaceholders(markdownToChatText(content), file, lang, variables);
    if (!answer) throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: the answer (the text after the front matter) is empty`);
    out.push({ id: english.id, lang, title: data.title, tags: data.tags ?? english.tags, facts: data.facts ?? english.facts, questions: data.questions, answer, file });
  }
  return out;
}
