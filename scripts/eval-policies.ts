/**
 * Asks the knowledge questions of the demo shop, each as the first message of a fresh conversation, and reports per
 * category and split how many replies were right, wrong or a fallback (docs/evaluation.md):
 * - policy: every policy fact with the independent paraphrases of test/data/policy-questions.json (written from
 *   server/demo-shop/POLICIES.md, not from the FAQ files); right = answered with an entry that states the fact, with
 *   the right figures;
 * - overview, damage, gibberish, multi-question: test/data/cases/<category>.json.
 * Also: the old figures-only policy score, two naive baselines on the same cases, start-up time and answer latency.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { startServer } from "../server/main.ts";
import { isGibberish } from "../server/dialogue/index.ts";
import { loadKnowledge } from "../server/retrieval/index.ts";
import { flagBool, flagString, parseArgs, percentile } from "./lib/index.ts";
import { openEvalChat, runCases } from "./lib/chat-eval.ts";
import { MANY_SHOPPERS_ONE_ADDRESS } from "./lib/one-address.ts";
import {
  PolicyQuestionSchema,
  detectorReport,
  formatUnderstandingReport,
  loadCategoryCases,
  naiveBaselines,
  parseSplit,
  policyCases,
  scoreCase,
  understandingReport,
} from "./lib/understanding-cases.ts";
import { z } from "zod";

const HELP = `npm run eval:policies -- [--split dev|heldout|all] [--knowledge-dir knowledge] [--n 200] [--json] [--verbose]
  Starts a server on a temporary data folder (no demo shop) and asks every policy paraphrase and the overview,
  damage, gibberish and two-question cases, one fresh conversation each.
  --split          which cases to ask (default all; the policy paraphrases are all dev)
  --knowledge-dir  the knowledge folder to serve (default ./knowledge), e.g. an older copy for a before/after
  --n              questions for the latency measurement (default 200)
  --verbose        list every case that was not right, with the reason
  --json           print one JSON report on stdout (progress goes to stderr)`;

const args = parseArgs(process.argv.slice(2), { valued: ["n", "split", "knowledge-dir"], boolean: ["json", "verbose", "help"] });
if (flagBool(args, "help")) {
  console.log(HELP);
  process.exit(0);
}
const json = flagBool(args, "json");
const n = Number(flagString(args, "n", "200"));
if (!Number.isInteger(n) || n < 1) throw new Error("--n must be a positive whole number");
const split = parseSplit(flagString(args, "split", "all"));
const knowledgeDir = path.resolve(flagString(args, "knowledge-dir", "knowledge"));
if (!fs.existsSync(path.join(knowledgeDir, "faq"))) throw new Error(`--knowledge-dir ${knowledgeDir} has no faq/ folder`);
const progress = (s: string) => (json ? undefined : process.stdout.write(s));

const questions = z.array(PolicyQuestionSchema).parse(JSON.parse(fs.readFileSync(path.resolve("test/data/policy-questions.json"), "utf8")));
const cases = [
  ...(split === "heldout" ? [] : policyCases(questions)),
  ...loadCategoryCases(path.resolve("test/data/cases"), ["overview", "damage", "gibberish", "multi-question"], split),
];
// Latency is measured on distinct texts (the embedding cache would answer repeats): the policy questions, then the
// scenario turns without placeholders.
const scenarioTexts = (JSON.parse(fs.readFileSync(path.resolve("test/data/dialogue-scenarios.json"), "utf8")) as { turns: { say: string }[] }[])
  .flatMap((s) => s.turns.map((t) => t.say))
  .filter((t) => !t.includes("{"));
const latencyTexts = [...new Set([...questions.map((q) => q.question), ...scenarioTexts])];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-policies-"));
const t0 = performance.now();
const server = await startServer(
  { PORT: "0", DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, SEED_DEMO: "false", KNOWLEDGE_WATCH: "false", LOG_LEVEL: "warn", ...MANY_SHOPPERS_ONE_ADDRESS },
  { logger: pino({ level: "warn" }, pino.destination(2)) },
);
const readyMs = performance.now() - t0;
try {
  const latencies: number[] = [];
  for (let i = 0; i < n; i++) {
    // A fresh conversation per question: a handoff would otherwise silence the bot for the rest of the run.
    const c = await openEvalChat(server.url);
    const { ms } = await c.ask(latencyTexts[i % latencyTexts.length]);
    c.close();
    latencies.push(ms);
    if (i % 10 === 9 || i === n - 1) progress(`\r  latency ${i + 1}/${n}`);
  }
  progress("\n");
  let done = 0;
  const runs = await runCases(server.url, cases, { adminToken: server.config.adminToken, onCase: () => progress(`\r  cases ${++done}/${cases.length}`) });
  progress("\n");

  // The figures-only score of earlier reports: an answer stating the fact's figures, whichever entry it came from.
  const policyRuns = runs.filter((r) => r.result.category === "policy");
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const figuresRight = policyRuns.map((r) => {
    const c = caseById.get(r.result.id)!;
    return scoreCase({ ...c, expect: c.expect.map(({ entries: _entries, ...e }) => e) }, r.observed).outcome === "right";
  });
  const factOf = (id: string) => id.split("-")[1];
  const facts = [...new Set(policyRuns.map((r) => factOf(r.result.id)))];
  const factsAllRight = facts.filter((f) => policyRuns.filter((r) => factOf(r.result.id) === f).every((r) => r.result.outcome === "right")).length;

  // The pure gibberish helper on its own, before any rule uses it: flagged gibberish cases and real short messages.
  const shortMessages = (JSON.parse(fs.readFileSync(path.resolve("test/data/short-messages.json"), "utf8")) as { text: string }[]).map((m) => m.text);
  const gibberishHelper = detectorReport(isGibberish, cases.filter((c) => c.category === "gibberish"), shortMessages);
  const answers = new Map(loadKnowledge(knowledgeDir).faq.map((e) => [e.id, e.answer]));
  const tops = runs.map((r) => r.topCandidate);
  const baselines = naiveBaselines(cases, tops, answers);
  const report = {
    dataset: "knowledge-questions",
    split,
    knowledgeDir,
    ...understandingReport(
      runs.map((r) => r.result),
      { alwaysFallback: baselines.alwaysFallback, retrievalTop1: tops.some(Boolean) ? baselines.retrievalTop1 : null },
    ),
    policyFiguresRight: figuresRight.filter(Boolean).length,
    policyQuestions: policyRuns.length,
    facts: facts.length,
    factsAllParaphrasesRight: factsAllRight,
    readyMs: Math.round(readyMs),
    latencyQuestions: n,
    distinctLatencyTexts: Math.min(n, latencyTexts.length),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    gibberishHelper,
  };
  if (json) console.log(JSON.stringify(report));
  else {
    if (policyRuns.length) {
      console.log(`\npolicy paraphrases: ${report.policyFiguresRight}/${report.policyQuestions} answered with the right figures from any entry (the earlier score); facts with every paraphrase right: ${factsAllRight}/${facts.length}`);
    }
    console.log(formatUnderstandingReport(report, flagBool(args, "verbose")));
    const g = gibberishHelper;
    const flagged = Object.entries(g.caught).map(([k, v]) => `${k} ${v.flagged}/${v.n}`).join(", ");
    console.log(`\nisGibberish alone: gibberish cases flagged ${flagged}; real short messages flagged ${g.falsePositives.length}/${g.realMessages}${g.falsePositives.length ? ` (${g.falsePositives.join(", ")})` : ""}`);
    console.log(`\nready after ${report.readyMs} ms (no demo data); answer latency over ${n} questions: p50 ${report.p50Ms.toFixed(0)} ms, p99 ${report.p99Ms.toFixed(0)} ms`);
  }
} finally {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
