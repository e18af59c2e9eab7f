/**
 * Asks every policy fact of the demo shop with the independent paraphrases in test/data/policy-questions.json
 * (written from POLICIES.md, not from the FAQ files) and reports how many answers state the right facts,
 * the start-up time to ready, and the answer latency over N questions.
 *   npm run eval:policies [-- --n 200] [--json] [--verbose]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { startServer } from "../server/main.ts";
import { flagBool, flagString, parseArgs, percentile } from "./lib/index.ts";
import { openEvalChat } from "./lib/chat-eval.ts";

interface PolicyQuestion {
  fact: string;
  question: string;
  expect: string[];
  expectAny?: string[];
}

const args = parseArgs(process.argv.slice(2), { valued: ["n"], boolean: ["json", "verbose"] });
const json = flagBool(args, "json");
const n = Number(flagString(args, "n", "200"));
if (!Number.isInteger(n) || n < 1) throw new Error("--n must be a positive whole number");
const log = (...a: unknown[]) => (json ? console.error(...a) : console.log(...a));
const questions = JSON.parse(fs.readFileSync(path.resolve("test/data/policy-questions.json"), "utf8")) as PolicyQuestion[];
// Latency is measured on distinct texts (the embedding cache would answer repeats): the policy questions, then the
// scenario turns without placeholders.
const scenarioTexts = (JSON.parse(fs.readFileSync(path.resolve("test/data/dialogue-scenarios.json"), "utf8")) as { turns: { say: string }[] }[])
  .flatMap((s) => s.turns.map((t) => t.say))
  .filter((t) => !t.includes("{"));
const latencyTexts = [...new Set([...questions.map((q) => q.question), ...scenarioTexts])];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-policies-"));
const t0 = performance.now();
const server = await startServer(
  { PORT: "0", DATA_DIR: dataDir, SEED_DEMO: "false", KNOWLEDGE_WATCH: "false", RATE_LIMIT_MESSAGES: "10000", LOG_LEVEL: "warn" },
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
    if (!json && (i % 10 === 9 || i === n - 1)) process.stdout.write(`\r  latency ${i + 1}/${n}`);
  }
  if (!json) process.stdout.write("\n");
  const correct = new Map<string, boolean>();
  const wrong: { fact: string; question: string; action: string; answer: string }[] = [];
  for (const [i, q] of questions.entries()) {
    // A fresh conversation per question: earlier turns must not help or hurt.
    const c = await openEvalChat(server.url);
    const { reply } = await c.ask(q.question);
    c.close();
    const text = reply.text.toLowerCase();
    const ok =
      reply.action === "answer" &&
      q.expect.every((e) => text.includes(e.toLowerCase())) &&
      (!q.expectAny?.length || q.expectAny.some((e) => text.includes(e.toLowerCase())));
    correct.set(`${q.fact}#${i}`, ok);
    if (!ok) wrong.push({ fact: q.fact, question: q.question, action: reply.action ?? "", answer: reply.text.slice(0, 140) });
    if (!json) process.stdout.write(`\r  questions ${i + 1}/${questions.length}`);
  }
  if (!json) process.stdout.write("\n");
  const facts = new Set(questions.map((q) => q.fact));
  const factsAllRight = [...facts].filter((f) => [...correct].filter(([k]) => k.startsWith(`${f}#`)).every(([, v]) => v)).length;
  const report = {
    dataset: "policy-paraphrases",
    questions: questions.length,
    correct: [...correct.values()].filter(Boolean).length,
    accuracy: [...correct.values()].filter(Boolean).length / questions.length,
    facts: facts.size,
    factsAllParaphrasesRight: factsAllRight,
    readyMs: Math.round(readyMs),
    latencyQuestions: n,
    distinctLatencyTexts: Math.min(n, latencyTexts.length),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    wrong,
  };
  if (json) console.log(JSON.stringify(report));
  else {
    console.log(`\n${report.correct}/${report.questions} paraphrased questions answered with the right facts (${(report.accuracy * 100).toFixed(1)}%); facts with both paraphrases right: ${factsAllRight}/${facts.size}`);
    console.log(`ready after ${report.readyMs} ms (no demo data); answer latency over ${n} questions: p50 ${report.p50Ms.toFixed(0)} ms, p99 ${report.p99Ms.toFixed(0)} ms`);
    if (flagBool(args, "verbose")) for (const w of wrong) console.log(`  ✗ ${w.fact} "${w.question}" → ${w.action}: ${w.answer}`);
  }
} finally {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
