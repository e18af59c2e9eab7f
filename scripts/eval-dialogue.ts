/**
 * Plays the scripted dialogue scenarios (test/data/dialogue-scenarios.json) against a real server over
 * WebSocket and reports how often the chosen action was the expected one, and the turn latency; then asks the
 * single-turn product-question and handoff-with-a-topic cases (test/data/cases/) and reports per category and
 * split how many replies were right, wrong or a fallback (docs/evaluation.md).
 * The holdout share is set to 0 so every due offer is shown (the holdout itself is tested in test/dialogue.test.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { startServer } from "../server/main.ts";
import { loadKnowledge } from "../server/retrieval/index.ts";
import { flagBool, flagString, parseArgs, percentile } from "./lib/index.ts";
import { loadScenarios, pickCast, runCases, runScenarios } from "./lib/chat-eval.ts";
import { MANY_SHOPPERS_ONE_ADDRESS } from "./lib/one-address.ts";
import { formatUnderstandingReport, loadCategoryCases, naiveBaselines, parseSplit, scenarioOutcome, understandingReport } from "./lib/understanding-cases.ts";

const HELP = `npm run eval:dialogue -- [--data-dir .cache/eval-shop] [--split dev|heldout|all] [--knowledge-dir knowledge] [--json] [--verbose]
  Starts a server on --data-dir (the first run seeds the demo shop with seed 42 and trains the models), plays the
  scripted scenarios, then asks the product-question and handoff-with-a-topic cases, one fresh conversation each.
  --split          which single-turn cases to ask (default all; the scenarios always run)
  --knowledge-dir  the knowledge folder to serve (default ./knowledge)
  --verbose        list every turn and case that was not right, with the reason
  --json           print one JSON report on stdout (progress goes to stderr)`;

const args = parseArgs(process.argv.slice(2), { valued: ["data-dir", "split", "knowledge-dir"], boolean: ["json", "verbose", "help"] });
if (flagBool(args, "help")) {
  console.log(HELP);
  process.exit(0);
}
const json = flagBool(args, "json");
const dataDir = path.resolve(flagString(args, "data-dir", ".cache/eval-shop"));
const split = parseSplit(flagString(args, "split", "all"));
const knowledgeDir = path.resolve(flagString(args, "knowledge-dir", "knowledge"));
if (!fs.existsSync(path.join(knowledgeDir, "faq"))) throw new Error(`--knowledge-dir ${knowledgeDir} has no faq/ folder`);
const log = (...a: unknown[]) => (json ? console.error(...a) : console.log(...a));
const cases = loadCategoryCases(path.resolve("test/data/cases"), ["product-qa", "handoff-topic"], split);

const t0 = performance.now();
log(`starting the server on ${dataDir} (the first run seeds the demo shop and trains the models)…`);
const server = await startServer(
  { PORT: "0", DATA_DIR: dataDir, SEED: "42", KNOWLEDGE_DIR: knowledgeDir, KNOWLEDGE_WATCH: "false", HOLDOUT_SHARE: "0", LOG_LEVEL: "warn", ...MANY_SHOPPERS_ONE_ADDRESS },
  { logger: pino({ level: "warn" }, pino.destination(2)) },
);
const readyMs = performance.now() - t0;
try {
  const x = server.config.experiments;
  const app = await server.ready;
  const { key } = await app.services.apiKeys.create({ name: "eval-dialogue", scopes: ["admin:read"], createdBy: "cli" });
  const cast = await pickCast(server.url, app.services.storage.shop, key, {
    highValueClvCents: x.highValueClvCents,
    riskMin: x.retentionMinChurnRisk,
    riskClvMinCents: x.retentionMinClvCents,
  });
  log(`cast: verified ${cast.verified.id}, high-risk ${cast["verified-high-risk"].id}, high-value ${cast["verified-high-value"].id}`);
  const scenarios = loadScenarios();
  let done = 0;
  const total = scenarios.reduce((n, s) => n + s.turns.length, 0);
  const results = await runScenarios(server.url, server.config.shopSecret, scenarios, cast, (r) => {
    done++;
    if (!json) process.stdout.write(`\r  turns ${done}/${total}`);
    if (flagBool(args, "verbose") && !r.ok) log(`\n  ✗ ${r.scenario}: "${r.say}" expected ${r.expected}, got ${r.got}: ${r.text.slice(0, 120)}`);
  });
  if (!json) process.stdout.write("\n");
  let asked = 0;
  const runs = await runCases(server.url, cases, {
    adminToken: server.config.adminToken,
    onCase: () => (json ? undefined : process.stdout.write(`\r  cases ${++asked}/${cases.length}`)),
  });
  if (!json) process.stdout.write("\n");
  const tops = runs.map((r) => r.topCandidate);
  const baselines = naiveBaselines(cases, tops, new Map(loadKnowledge(knowledgeDir).faq.map((e) => [e.id, e.answer])));
  const scenarioJudged = results.map((r) => ({
    id: r.scenario, category: "scenarios" as const, split: "all" as const, say: r.say, outcome: scenarioOutcome(r.expected, r.got), why: `expected ${r.expected}`, action: r.got, sources: [],
  }));
  const byAction = new Map<string, { n: number; ok: number }>();
  for (const r of results) {
    const a = byAction.get(r.expected) ?? { n: 0, ok: 0 };
    a.n++;
    a.ok += r.ok ? 1 : 0;
    byAction.set(r.expected, a);
  }
  const ms = results.map((r) => r.ms);
  const report = {
    dataset: "dialogue-scenarios",
    scenarios: scenarios.length,
    turns: results.length,
    actionAccuracy: results.filter((r) => r.ok).length / results.length,
    scenarioAccuracy: scenarios.filter((s) => results.filter((r) => r.scenario === s.id).every((r) => r.ok)).length / scenarios.length,
    contentAccuracy: results.filter((r) => r.contentOk).length / results.length,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    readyMs: Math.round(readyMs),
    perAction: Object.fromEntries([...byAction].map(([k, v]) => [k, { turns: v.n, accuracy: v.ok / v.n }])),
    mistakes: results.filter((r) => !r.ok).map((r) => ({ scenario: r.scenario, say: r.say, expected: r.expected, got: r.got })),
    // Scenario turns have no declining baseline worth reporting, so the baselines cover the single-turn cases only.
    understanding: understandingReport(
      [...scenarioJudged, ...runs.map((r) => r.result)],
      { alwaysFallback: baselines.alwaysFallback, retrievalTop1: tops.some(Boolean) ? baselines.retrievalTop1 : null },
    ),
  };
  if (json) console.log(JSON.stringify(report));
  else {
    console.log(`\naction accuracy ${(report.actionAccuracy * 100).toFixed(1)}% over ${report.turns} turns of ${report.scenarios} scenarios; whole scenarios right ${(report.scenarioAccuracy * 100).toFixed(1)}%; content checks ${(report.contentAccuracy * 100).toFixed(1)}%`);
    console.log(`turn latency p50 ${report.p50Ms.toFixed(0)} ms, p99 ${report.p99Ms.toFixed(0)} ms (server ready after ${report.readyMs} ms)`);
    console.log("\nexpected action   turns  accuracy");
    for (const [k, v] of Object.entries(report.perAction)) console.log(`${k.padEnd(18)}${String(v.turns).padStart(5)}  ${(v.accuracy * 100).toFixed(0).padStart(6)}%`);
    if (report.mistakes.length) {
      console.log("\nmistakes:");
      for (const m of report.mistakes) console.log(`  ${m.scenario}: "${m.say}" → ${m.got} (expected ${m.expected})`);
    }
    console.log(formatUnderstandingReport({ ...report.understanding, mistakes: report.understanding.mistakes.filter((m) => m.category !== "scenarios") }, flagBool(args, "verbose")));
  }
} finally {
  await server.close();
}
