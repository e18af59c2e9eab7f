/**
 * Asks the hand-labelled shopper questions of test/data/product-questions.json (about named products of the
 * demo catalogue) and reports, per attribute and split, how many answers are right, wrong, or a fallback /
 * "I don't have that detail" / question back, and how many not-about-a-product messages were answered
 * anyway (false positives); for our product matcher and for a naive baseline (exact product-name substring)
 * with the same attribute parser and answers, in the same run. Library-level: no server.
 *   npm run eval:products [-- --split dev|heldout|all] [--json] [--verbose]
 */
import fs from "node:fs";
import path from "node:path";
import {
  answerProductQuestion, createProductMatcher, createSubstringMatcher, parseProductQuestionCases, scoreProductAnswer, summariseProductScores,
  type CatalogueProduct, type ProductMatcher, type ProductQuestionCase, type ProductScore,
} from "../server/catalogue/index.ts";
import { DEMO_PRODUCT_POLICY, generateDemoCatalogue } from "../server/demo-shop/index.ts";
import { flagBool, flagString, parseArgs } from "./lib/index.ts";

const HELP = `npm run eval:products -- [--split dev|heldout|all] [--file path] [--json] [--verbose]
  --split    which questions to ask (default all; report both splits)
  --file     the questions file (default test/data/product-questions.json)
  --json     one JSON object on stdout
  --verbose  list every answer that was not right`;

const args = parseArgs(process.argv.slice(2), { valued: ["split", "file"], boolean: ["json", "verbose", "help"] });
if (flagBool(args, "help")) {
  console.log(HELP);
  process.exit(0);
}
const split = flagString(args, "split", "all");
if (!["dev", "heldout", "all"].includes(split)) throw new Error(`--split must be dev, heldout or all, got ${split}`);
const json = flagBool(args, "json");
const file = path.resolve(flagString(args, "file", "test/data/product-questions.json"));
const { seed, cases } = parseProductQuestionCases(JSON.parse(fs.readFileSync(file, "utf8")));
const asked = cases.filter((c) => split === "all" || c.split === split);

const products = generateDemoCatalogue({ seed });
const systems: { name: string; matcher: ProductMatcher<CatalogueProduct> }[] = [
  { name: "ours", matcher: createProductMatcher(products) },
  { name: "baseline (exact name substring)", matcher: createSubstringMatcher(products) },
];

const report = systems.map(({ name, matcher }) => {
  const t0 = performance.now();
  const scored = asked.map((c) => {
    const answer = answerProductQuestion(c.text, { matcher, products, policyFacts: DEMO_PRODUCT_POLICY });
    return { c, score: scoreProductAnswer(c, answer), answer };
  });
  const ms = (performance.now() - t0) / Math.max(1, asked.length);
  const splits = (["dev", "heldout"] as const)
    .map((s) => ({ split: s, ...summariseProductScores(scored.filter((x) => x.c.split === s)) }))
    .filter((s) => s.total.n > 0);
  return { system: name, msPerQuestion: Math.round(ms * 100) / 100, splits, misses: scored.filter((x) => x.score !== "right") };
});

function describe(c: ProductQuestionCase, score: ProductScore, answer: ReturnType<typeof answerProductQuestion>): string {
  const got = answer === null ? "null" : `${answer.kind} ${answer.attribute} ${"productIds" in answer ? answer.productIds.join(",") : answer.candidates.map((x) => x.productId).join(",")}`;
  return `  ${score.padEnd(14)} ${c.id} "${c.text}" expected ${c.kind ?? "null"} ${c.attribute ?? ""} ${c.productIds.join(",")} → ${got}`;
}

if (json) {
  console.log(JSON.stringify({ file: path.relative(process.cwd(), file), seed, questions: asked.length, report: report.map(({ misses, ...r }) => ({ ...r, misses: misses.map((m) => ({ id: m.c.id, score: m.score })) })) }));
} else {
  console.log(`${asked.length} questions (${file.split(path.sep).slice(-3).join("/")}, demo catalogue seed ${seed})`);
  for (const r of report) {
    console.log(`\n${r.system}  (${r.msPerQuestion} ms per question)`);
    for (const s of r.splits) {
      console.log(`  ${s.split}: ${s.total.right}/${s.total.n} right, ${s.total.wrong} wrong, ${s.total.fallback} fallback/unknown, ${s.total.falsePositive} false positives`);
      console.log(`    ${"attribute".padEnd(12)} ${"n".padStart(3)} ${"right".padStart(6)} ${"wrong".padStart(6)} ${"fallback".padStart(9)} ${"false+".padStart(7)}`);
      for (const row of s.rows) {
        console.log(`    ${row.attribute.padEnd(12)} ${String(row.n).padStart(3)} ${String(row.right).padStart(6)} ${String(row.wrong).padStart(6)} ${String(row.fallback).padStart(9)} ${String(row.falsePositive).padStart(7)}`);
      }
    }
    if (flagBool(args, "verbose")) for (const m of r.misses) console.log(describe(m.c, m.score, m.answer));
  }
}
