/**
 * Single-turn understanding cases (test/data/cases/*.json and the policy paraphrases) and how one reply is
 * scored: right, wrong, partial or fallback. Pure: no server, no I/O except `loadCaseFile`.
 * The scoring rules are documented in docs/evaluation.md; in short:
 * - right: the reply meets one of the case's expectations (action, and where given the cited entry, the
 *   product ids, the handoff team and the figures the text must state);
 * - partial (two-question turns only): an answer that states the figures of some but not all questions;
 * - fallback: the bot declined (fallback, clarify, or a handoff nobody asked for), which is not a wrong answer;
 * - wrong: anything else, i.e. a confident reply with the wrong entry, action, team or figures.
 */
import fs from "node:fs";
import { z } from "zod";

/** The categories of single-turn cases, plus the scripted multi-turn `scenarios`. */
export const CASE_CATEGORIES = ["policy", "product-qa", "handoff-topic", "damage", "overview", "gibberish", "multi-question", "scenarios"] as const;
/** One evaluation category. */
export type CaseCategory = (typeof CASE_CATEGORIES)[number];
/** How a reply is judged. */
export type Outcome = "right" | "partial" | "wrong" | "fallback";
/** Held-out cases were written before any tuning and must never be tuned on. */
export type Split = "dev" | "heldout";

const NonEmpty = z.string().refine((s) => s.trim().length > 0, "must not be empty or blank");

/** One acceptable outcome of a case; every field given must hold. */
export const ExpectationSchema = z.strictObject({
  /** The bot action, e.g. "answer", "handoff", "fallback", "product_info". */
  action: NonEmpty,
  /** The answer must cite one of these knowledge entries. */
  entries: z.array(NonEmpty).min(1).optional(),
  /** The reply's product cards or sources must include every one of these product ids. */
  products: z.array(z.string().regex(/^P\d{4}$/)).min(1).optional(),
  /** The team the handed-off conversation is routed to. */
  team: z.enum(["orders", "returns", "equipment", "general"]).optional(),
  /** Each group is one thing the text must state: any one of the group's spellings (case-insensitive). */
  figures: z.array(z.array(NonEmpty).min(1)).min(1).optional(),
});
/** One acceptable outcome of a case. */
export type Expectation = z.infer<typeof ExpectationSchema>;

/** One case as written in test/data/cases/<category>.json. */
export const CaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "kebab-case id"),
  split: z.enum(["dev", "heldout"]),
  say: NonEmpty,
  /** Product questions: what the shopper wants to know. */
  asks: z.enum(["price", "stock", "sizes", "weight", "features", "warranty", "delivery", "compare"]).optional(),
  expect: z.array(ExpectationSchema).min(1),
});
/** One case of a category file. */
export type CaseInput = z.infer<typeof CaseSchema>;
/** A case with its category. */
export interface UnderstandingCase extends CaseInput {
  category: CaseCategory;
}

/** One item of test/data/policy-questions.json. */
export const PolicyQuestionSchema = z.strictObject({
  fact: z.string().regex(/^[A-Z]\d+$/),
  question: NonEmpty,
  /** Knowledge entries that state the fact: answering with any other entry is wrong. */
  entries: z.array(NonEmpty).min(1),
  expect: z.array(NonEmpty).min(1),
  expectAny: z.array(NonEmpty),
});
/** One policy paraphrase. */
export type PolicyQuestion = z.infer<typeof PolicyQuestionSchema>;

/** The categories that have a case file under test/data/cases/. */
export const CASE_FILE_CATEGORIES = ["product-qa", "handoff-topic", "damage", "overview", "gibberish", "multi-question"] as const satisfies readonly CaseCategory[];

/** Read and validate one category file; throws with the file name and the reason. */
export function loadCaseFile(file: string, category: CaseCategory): UnderstandingCase[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = z.array(CaseSchema).safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data.map((c) => ({ ...c, category }));
}

/**
 * The policy paraphrases as cases: answer with one of the fact's entries, stating every `expect` string and one
 * of `expectAny`. They were tuned on before this split existed, so they count as `dev`.
 */
export function policyCases(questions: readonly PolicyQuestion[]): UnderstandingCase[] {
  return questions.map((q, i) => ({
    id: `policy-${q.fact.toLowerCase()}-${i + 1}`,
    category: "policy",
    split: "dev",
    say: q.question,
    expect: [{ action: "answer", entries: q.entries, figures: [...q.expect.map((e) => [e]), ...(q.expectAny.length ? [q.expectAny] : [])] }],
  }));
}

/** What the evaluation saw of one reply. */
export interface ObservedReply {
  action: string;
  text: string;
  /** Ids of the knowledge entries the reply cites. */
  sources: readonly string[];
  /** Ids of the products the reply shows. */
  products: readonly string[];
  /** For a handoff: the team the conversation was routed to. */
  team?: string;
}

const norm = (s: string) => s.toLowerCase().replace(/(\d),(?=\d{3}\b)/g, "$1");

/**
 * Whether `text` states `figure`, ignoring case and thousands separators; "$1,399.00" also matches "$1,399".
 * @example statesFigure("It costs $1399.", "$1,399.00") // true
 */
export function statesFigure(text: string, figure: string): boolean {
  const t = norm(text);
  const f = norm(figure);
  if (t.includes(f)) return true;
  const whole = /^(.*\d)\.00$/.exec(f);
  return !!whole && new RegExp(`${whole[1].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\.?\\d)`).test(t);
}

/** Why an expectation does not hold for a reply, or null when it holds. */
function mismatch(e: Expectation, r: ObservedReply): string | null {
  if (r.action !== e.action) return `action ${r.action}, expected ${e.action}`;
  if (e.entries && !r.sources.some((s) => e.entries!.includes(s))) return `entry ${r.sources.join("+") || "none"}, expected ${e.entries.join(" or ")}`;
  if (e.products) {
    const shown = new Set([...r.products, ...r.sources]);
    const missing = e.products.filter((p) => !shown.has(p));
    if (missing.length) return `products ${[...shown].join("+") || "none"}, missing ${missing.join(", ")}`;
  }
  if (e.team && r.team !== e.team) return `team ${r.team ?? "none"}, expected ${e.team}`;
  const missing = (e.figures ?? []).filter((g) => !g.some((f) => statesFigure(r.text, f)));
  if (missing.length) return `text lacks ${missing.map((g) => g.join("/")).join(", ")}`;
  return null;
}

/** Actions by which the bot declines rather than answers. */
const DECLINE = new Set(["fallback", "clarify"]);

/**
 * Judge one reply against a case.
 * @example scoreCase(gibberishCase, { action: "smalltalk", text: "Hi!", sources: [], products: [] }) // { outcome: "wrong", … }
 */
export function scoreCase(c: UnderstandingCase, r: ObservedReply): { outcome: Outcome; why: string } {
  const why = c.expect.map((e) => mismatch(e, r));
  if (why.some((w) => w === null)) return { outcome: "right", why: "" };
  const reason = why.join("; ");
  if (c.category === "multi-question" && r.action === "answer") {
    const groups = c.expect.flatMap((e) => e.figures ?? []);
    if (groups.some((g) => g.some((f) => statesFigure(r.text, f)))) return { outcome: "partial", why: reason };
  }
  const handoffExpected = c.expect.some((e) => e.action === "handoff");
  if (DECLINE.has(r.action) || (r.action === "handoff" && !handoffExpected)) return { outcome: "fallback", why: reason };
  return { outcome: "wrong", why: reason };
}

/** Counts of outcomes. */
export interface OutcomeCounts {
  n: number;
  right: number;
  partial: number;
  wrong: number;
  fallback: number;
}

/** One judged case, as the report lists it. */
export interface CaseResult {
  id: string;
  category: CaseCategory;
  split: Split | "all";
  say: string;
  outcome: Outcome;
  why: string;
  action: string;
  sources: readonly string[];
}

const zero = (): OutcomeCounts => ({ n: 0, right: 0, partial: 0, wrong: 0, fallback: 0 });

/** Outcome counts per category, then per split (`dev`, `heldout`) and `all`. */
export function tallyOutcomes(results: readonly Pick<CaseResult, "category" | "split" | "outcome">[]): Record<string, Record<string, OutcomeCounts>> {
  const out: Record<string, Record<string, OutcomeCounts>> = {};
  for (const r of results) {
    const cat = (out[r.category] ??= {});
    for (const key of r.split === "all" ? ["all"] : [r.split, "all"]) {
      const c = (cat[key] ??= zero());
      c.n++;
      c[r.outcome]++;
    }
  }
  return out;
}

const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(1)}%` : "-").padStart(7);

/** A fixed-width table of the tally: category, split, n, right, wrong, fallback (and partial where any). */
export function formatTally(tally: Record<string, Record<string, OutcomeCounts>>): string {
  const lines = ["category        split      n    right    wrong fallback  partial"];
  for (const [category, splits] of Object.entries(tally)) {
    for (const split of ["dev", "heldout", "all"]) {
      const c = splits[split];
      if (!c || (split === "all" && Object.keys(splits).length === 2)) continue;
      const partial = c.partial ? pct(c.partial, c.n) : "".padStart(7);
      lines.push(`${category.padEnd(16)}${split.padEnd(8)}${String(c.n).padStart(4)}  ${pct(c.right, c.n)}  ${pct(c.wrong, c.n)}  ${pct(c.fallback, c.n)}  ${partial}`);
    }
  }
  return lines.join("\n");
}

/** A judged case without the details, as tallies need it. */
export type Judged = Pick<CaseResult, "category" | "split" | "outcome">;

/**
 * Two naive baselines judged by the same rules, for the same cases: a bot that always declines, and a bot that always
 * answers with the top retrieval candidate (`topCandidates[i]` for `cases[i]`; `answers` maps entry id to its text).
 */
export function naiveBaselines(
  cases: readonly UnderstandingCase[],
  topCandidates: readonly (string | undefined)[],
  answers: ReadonlyMap<string, string>,
): { alwaysFallback: Judged[]; retrievalTop1: Judged[] } {
  const judge = (c: UnderstandingCase, r: ObservedReply): Judged => ({ category: c.category, split: c.split, outcome: scoreCase(c, r).outcome });
  return {
    alwaysFallback: cases.map((c) => judge(c, { action: "fallback", text: "", sources: [], products: [] })),
    retrievalTop1: cases.map((c, i) => {
      const top = topCandidates[i];
      return judge(c, top ? { action: "answer", text: answers.get(top) ?? "", sources: [top], products: [] } : { action: "fallback", text: "", sources: [], products: [] });
    }),
  };
}

/** A scripted scenario turn judged like a case: the expected action is right; declining is fallback; else wrong. */
export function scenarioOutcome(expected: string, got: string): Outcome {
  if (got === expected) return "right";
  return DECLINE.has(got) || (got === "handoff" && expected !== "handoff") ? "fallback" : "wrong";
}

/** Right / wrong / fallback as whole percentages of a tally cell, for one-line summaries. */
export function summarize(c: OutcomeCounts | undefined): string {
  if (!c) return "n/a";
  return `${c.right}/${c.n} right (${((100 * c.right) / c.n).toFixed(1)}%), ${c.wrong} wrong, ${c.fallback} fallback${c.partial ? `, ${c.partial} partial` : ""}`;
}

/**
 * Load the case files of `categories` from `dir` (test/data/cases) and keep one split ("all" keeps both).
 * @example loadCategoryCases("test/data/cases", ["overview", "gibberish"], "heldout")
 */
export function loadCategoryCases(dir: string, categories: readonly CaseCategory[], split: Split | "all"): UnderstandingCase[] {
  return categories.flatMap((c) => loadCaseFile(`${dir}/${c}.json`, c)).filter((c) => split === "all" || c.split === split);
}

/** Parse the --split flag: dev, heldout or all. */
export function parseSplit(value: string): Split | "all" {
  if (value !== "dev" && value !== "heldout" && value !== "all") throw new Error(`--split must be dev, heldout or all, not "${value}"`);
  return value;
}

/** The per-category part of an evaluation report: the tally, the two naive baselines and every case not right. */
export interface UnderstandingReport {
  categories: Record<string, Record<string, OutcomeCounts>>;
  baselines: { alwaysFallback: Record<string, Record<string, OutcomeCounts>>; retrievalTop1: Record<string, Record<string, OutcomeCounts>> | null };
  mistakes: CaseResult[];
}

/** Build the per-category report from judged runs and the baselines of the same cases. */
export function understandingReport(
  results: readonly CaseResult[],
  baselines: { alwaysFallback: readonly Judged[]; retrievalTop1: readonly Judged[] | null },
): UnderstandingReport {
  return {
    categories: tallyOutcomes(results),
    baselines: { alwaysFallback: tallyOutcomes(baselines.alwaysFallback), retrievalTop1: baselines.retrievalTop1 && tallyOutcomes(baselines.retrievalTop1) },
    mistakes: results.filter((r) => r.outcome !== "right"),
  };
}

/** The report as text: the tally, one line per baseline and category, and (verbose) every case not right. */
export function formatUnderstandingReport(report: UnderstandingReport, verbose: boolean): string {
  const lines = ["", formatTally(report.categories), "", "naive baselines on the same cases (right / wrong / fallback, all splits):"];
  for (const [name, tally] of [["always fallback", report.baselines.alwaysFallback], ["top retrieval candidate", report.baselines.retrievalTop1]] as const) {
    if (!tally) {
      lines.push(`  ${name}: n/a (no decision records)`);
      continue;
    }
    lines.push(`  ${name}:`);
    for (const [category, splits] of Object.entries(tally)) lines.push(`    ${category.padEnd(16)}${summarize(splits.all)}`);
  }
  if (verbose) {
    lines.push("", "not right:");
    for (const m of report.mistakes) lines.push(`  ${m.outcome.padEnd(8)} ${m.id} [${m.split}] "${m.say}" → ${m.action}${m.sources.length ? ` (${m.sources.join(", ")})` : ""}: ${m.why}`);
  }
  return lines.join("\n");
}

/** How a pure message classifier (e.g. isGibberish) does on the gibberish cases per split and on real messages. */
export interface DetectorReport {
  caught: Record<string, { n: number; flagged: number }>;
  realMessages: number;
  falsePositives: string[];
}

/**
 * Run `detect` over the gibberish cases (per split) and over real short messages that must not be flagged.
 * @example detectorReport(isGibberish, gibberishCases, shortMessages.map((m) => m.text))
 */
export function detectorReport(detect: (text: string) => boolean, cases: readonly UnderstandingCase[], real: readonly string[]): DetectorReport {
  const caught: Record<string, { n: number; flagged: number }> = {};
  for (const c of cases) {
    const cell = (caught[c.split] ??= { n: 0, flagged: 0 });
    cell.n++;
    if (detect(c.say)) cell.flagged++;
  }
  return { caught, realMessages: real.length, falsePositives: real.filter(detect) };
}
