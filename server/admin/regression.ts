/**
 * The regression gate: a question set that ships with the knowledge (knowledge/tests/*.json), asked of the dialogue
 * engine before and after a change, so an admin sees which answers an edit fixes and which it breaks.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { DialogueEngine } from "../dialogue/index.ts";
import { AppError } from "../errors.ts";

/** One question and what should happen: the entry (any of several) that answers it, or the action to take. */
export interface RegressionCase {
  id: string;
  question: string;
  /** Entry ids any of which is a right answer. */
  entries?: string[];
  /** The expected action (smalltalk, fallback, handoff, order_status, …) when no entry should answer. */
  action?: string;
  /** The file it comes from (relative to the knowledge folder). */
  file: string;
}

/** How one question went: right; missed (no answer, or another action, but nothing false said); wrong (answered from another entry, or answered when it should not). */
export type CaseOutcome = "right" | "missed" | "wrong";

/** What the assistant did with one question. */
export interface CaseResult {
  id: string;
  outcome: CaseOutcome;
  action: string;
  /** The entry it answered from, if it answered. */
  entry?: string;
  /** The decision rule that decided. */
  rule: string;
}

/** Counts of one run. */
export interface RunSummary {
  right: number;
  missed: number;
  wrong: number;
  total: number;
}

/** A question whose outcome changed between two runs. */
export interface ChangedCase {
  id: string;
  question: string;
  expected: string;
  before: CaseResult;
  after: CaseResult;
  /** True when the outcome got worse (right → missed/wrong, missed → wrong). */
  worse: boolean;
}

/** Before and after: the counts, every question that changed, and whether any got worse. */
export interface RegressionReport {
  before: RunSummary;
  after: RunSummary;
  changed: ChangedCase[];
  /** How many questions got worse; a save with any needs the admin's confirmation. */
  worse: number;
  better: number;
  /** Cases naming an entry that the knowledge (after the change) does not have. */
  staleCases: string[];
}

const CaseSchema = z
  .object({
    id: z.string().min(1).max(100),
    question: z.string().min(1).max(1000),
    entry: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    action: z.string().min(1).optional(),
  })
  .refine((c) => (c.entry === undefined) !== (c.action === undefined), "give exactly one of `entry` and `action`");
const FileSchema = z.object({ description: z.string().optional(), cases: z.array(CaseSchema) });

/** The folder of regression cases inside a knowledge folder. */
export const REGRESSION_DIR = "tests";

/**
 * Read every `tests/*.json` of a knowledge folder (`{ description?, cases: [{ id, question, entry | action }] }`).
 * Throws CHAT_ERR_KNOWLEDGE naming the file and case for a malformed file or a repeated id.
 */
export function loadRegressionCases(knowledgeDir: string): RegressionCase[] {
  const dir = path.join(knowledgeDir, REGRESSION_DIR);
  if (!fs.existsSync(dir)) return [];
  const out: RegressionCase[] = [];
  const seen = new Map<string, string>();
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const file = `${REGRESSION_DIR}/${name}`;
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
    } catch (err) {
      throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: not valid JSON (${(err as Error).message})`, { cause: err });
    }
    const parsed = FileSchema.safeParse(json);
    if (!parsed.success) {
      throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "file"}: ${i.message}`).join("; ")}`);
    }
    for (const c of parsed.data.cases) {
      const dup = seen.get(c.id);
      if (dup) throw new AppError("CHAT_ERR_KNOWLEDGE", `${file}: case id "${c.id}" is already used in ${dup}`);
      seen.set(c.id, file);
      out.push({ id: c.id, question: c.question, entries: c.entry === undefined ? undefined : [c.entry].flat(), action: c.action, file });
    }
  }
  return out;
}

/** What a case expects, in words ("entry express-shipping", "action fallback"). */
export function expectation(c: RegressionCase): string {
  return c.entries ? `entry ${c.entries.join(" or ")}` : `action ${c.action}`;
}

/** Judge one reply against its case. */
export function judge(c: RegressionCase, reply: { action: string; entry?: string }): CaseOutcome {
  if (c.entries) {
    if (reply.action === "answer") return reply.entry !== undefined && c.entries.includes(reply.entry) ? "right" : "wrong";
    return "missed";
  }
  if (reply.action === c.action) return "right";
  // Answering from an FAQ entry when something else was due says something the shopper did not ask for.
  return reply.action === "answer" ? "wrong" : "missed";
}

/**
 * Ask every case of the engine, each as the first message of its own anonymous conversation.
 * @example const results = await runRegression(engine, cases, (done, total) => progress(done, total));
 */
export async function runRegression(engine: DialogueEngine, cases: readonly RegressionCase[], onProgress?: (done: number, total: number) => void): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  for (const [i, c] of cases.entries()) {
    const reply = await engine.respond(c.question, { conversationId: `regression-${i}-${c.id}`, customerId: null, recentBotActions: [] });
    const entry = reply.action === "answer" ? reply.sources?.[0]?.id : undefined;
    out.push({ id: c.id, outcome: judge(c, { action: reply.action, entry }), action: reply.action, entry, rule: reply.decision.rule });
    onProgress?.(i + 1, cases.length);
  }
  return out;
}

/** Counts of right, missed and wrong. */
export function summarize(results: readonly CaseResult[]): RunSummary {
  const s: RunSummary = { right: 0, missed: 0, wrong: 0, total: results.length };
  for (const r of results) s[r.outcome]++;
  return s;
}

const RANK: Record<CaseOutcome, number> = { right: 2, missed: 1, wrong: 0 };

/**
 * Compare two runs of the same cases: every question whose outcome, action or answering entry changed, and how many
 * got worse or better. `entryIds` (the knowledge after the change) finds cases naming entries that no longer exist.
 */
export function compareRuns(cases: readonly RegressionCase[], before: readonly CaseResult[], after: readonly CaseResult[], entryIds?: ReadonlySet<string>): RegressionReport {
  const byId = (rs: readonly CaseResult[]) => new Map(rs.map((r) => [r.id, r]));
  const b = byId(before);
  const a = byId(after);
  const changed: ChangedCase[] = [];
  for (const c of cases) {
    const x = b.get(c.id);
    const y = a.get(c.id);
    if (!x || !y) continue;
    if (x.outcome === y.outcome && x.action === y.action && x.entry === y.entry) continue;
    changed.push({ id: c.id, question: c.question, expected: expectation(c), before: x, after: y, worse: RANK[y.outcome] < RANK[x.outcome] });
  }
  const staleCases = entryIds ? cases.filter((c) => c.entries && !c.entries.some((e) => entryIds.has(e))).map((c) => c.id) : [];
  return {
    before: summarize(before),
    after: summarize(after),
    changed,
    worse: changed.filter((c) => c.worse).length,
    better: changed.filter((c) => RANK[c.after.outcome] > RANK[c.before.outcome]).length,
    staleCases,
  };
}
