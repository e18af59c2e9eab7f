/**
 * Dashboard load time on the demo data: the admin dashboard's computation (a handful of range queries, metrics in
 * memory) vs a naive baseline that reads each conversation's transcript, handoff and rating one by one.
 *
 *   npm run bench:dashboard [-- --customers 5000] [--range-days 30] [--repeat 5] [--json] [--help]
 *
 * Seeds the demo shop and its chat history into an in-memory SQLite database first (progress on stderr).
 */
import path from "node:path";
import { adjustedRandIndex, purity } from "../models/clustering/index.ts";
import { createEmbedder } from "../models/embedders/index.ts";
import { createDashboard, createUnanswered } from "../server/analytics/index.ts";
import { DEMO_NOW, seedDemoHistory, seedDemoShop, UNANSWERED_THEMES } from "../server/demo-shop/index.ts";
import { loadKnowledgeFiles, readKnowledgeFiles } from "../server/retrieval/knowledge.ts";
import { openStorage, type Storage } from "../server/storage/index.ts";
import { flagBool, flagString, parseArgs } from "./lib/index.ts";
import { percentile } from "./lib/index.ts";

const args = parseArgs(process.argv.slice(2), { valued: ["customers", "range-days", "repeat", "knowledge-dir"], boolean: ["json", "help"] });
if (flagBool(args, "help")) {
  console.log("Usage: npm run bench:dashboard -- [--customers 5000] [--range-days 30] [--repeat 5] [--knowledge-dir knowledge] [--json]");
  process.exit(0);
}
const int = (name: string, def: number) => {
  const v = Number(flagString(args, name, String(def)));
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive whole number`);
  return v;
};
const customers = int("customers", 5000);
const rangeDays = int("range-days", 30);
const repeat = int("repeat", 5);
const json = flagBool(args, "json");
const log = (s: string) => process.stderr.write(s + "\n");

/** The naive way: list the range's conversations, then read each one's messages, handoff and rating separately. */
async function naive(s: Storage, from: string, to: string) {
  const convs = await s.analytics.conversations(from, to);
  let handed = 0;
  let fallbacks = 0;
  let rated = 0;
  for (const c of convs) {
    const msgs = await s.conversations.messagesAfter(c.id, 0);
    fallbacks += msgs.filter((m) => m.action === "fallback").length;
    if (await s.handoff.latest(c.id)) handed++;
    if (await s.handoff.conversationRating(c.id)) rated++;
  }
  return { conversations: convs.length, handed, fallbacks, rated };
}

const storage = await openStorage({ sqlitePath: ":memory:" });
let t = performance.now();
log(`seeding ${customers} customers…`);
await seedDemoShop(storage.driver, { seed: 42, customers });
const kb = loadKnowledgeFiles(readKnowledgeFiles(path.resolve(flagString(args, "knowledge-dir", "knowledge"))), "knowledge");
const entries = kb.faq.map((e) => ({ id: e.id, title: e.title, topic: path.basename(path.dirname(e.file)), questions: e.questions }));
const history = await seedDemoHistory(storage.driver, { seed: 42, entries, agents: [] });
log(`seeded in ${Math.round(performance.now() - t)} ms: ${history.conversations} conversations, ${history.messages} messages, ${history.handoffs} handoffs (history ${history.ms} ms)`);

const to = new Date(Date.parse(DEMO_NOW.slice(0, 10) + "T00:00:00Z") + 86_400_000).toISOString();
const from = new Date(Date.parse(to) - rangeDays * 86_400_000).toISOString();
const timed = async (fn: () => Promise<unknown>) => {
  const ms: number[] = [];
  for (let i = 0; i < repeat; i++) {
    t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { p50: Math.round(percentile(ms, 50)), min: Math.round(Math.min(...ms)), max: Math.round(Math.max(...ms)) };
};
const dashboard = createDashboard({ analytics: storage.analytics, dialogue: storage.dialogue, conversionWindowDays: 14, cacheMs: 0 });
const full = await timed(() => dashboard.compute({ from, to }));
const baseline = await timed(() => naive(storage, from, to));
const sample = await dashboard.compute({ from, to });
// The unanswered list (USE-lite, the default embedder) and how its groups match the themes the history drew from.
log("clustering the unanswered questions with use-lite…");
const embedder = await createEmbedder("use-lite", { modelsDir: "models/hub", allowRemote: false });
const ids = new Set(entries.map((e) => e.id));
const unanswered = createUnanswered({ analytics: storage.analytics, embedder, knowledge: () => ({ ids, topicOf: () => undefined, topics: [] }) });
const first = performance.now();
const list = await unanswered.list({ from, to });
const coldMs = Math.round(performance.now() - first);
const warm = await timed(() => unanswered.list({ from, to }));
const themeOf = new Map(UNANSWERED_THEMES.flatMap((t) => t.questions.map((q) => [q, t.theme] as const)));
const clusterOf = new Map(list.clusters.flatMap((c, i) => c.members.map((m) => [m, i] as const)));
const asked = (await storage.analytics.messages(from, to)).filter((m) => m.sender === "shopper" && themeOf.has(m.text));
const truth = asked.map((m) => themeOf.get(m.text)!);
const predicted = asked.map((m) => clusterOf.get(`${m.conversationId}:${m.seq}`) ?? null);
const labels = predicted.map((p, i) => (p === null ? `single-${i}` : `c${p}`));
const clustering = {
  questions: list.questions, clusters: list.clusters.length, themes: UNANSWERED_THEMES.length, themeQuestions: asked.length,
  ari: Math.round(adjustedRandIndex(truth, labels) * 1000) / 1000, purity: Math.round(purity(truth, predicted) * 1000) / 1000,
  coverage: Math.round((predicted.filter((p) => p !== null).length / Math.max(1, asked.length)) * 1000) / 1000, coldMs, warmMs: warm,
};
await embedder.dispose?.();
const report = {
  customers, rangeDays, repeat, conversationsInRange: sample.summary.conversations, charts: sample.charts.length,
  dashboardMs: full, dashboardParts: sample.timings, naiveBaselineMs: baseline, note: "dashboard = all 15 charts; naive = per-conversation reads for 3 numbers only", unanswered: clustering,
};
if (json) console.log(JSON.stringify(report, null, 2));
else {
  console.log(`customers ${customers}, range ${rangeDays} days, ${report.conversationsInRange} conversations in range, ${report.charts} charts`);
  console.log(`dashboard (all charts)           p50 ${full.p50} ms  (min ${full.min}, max ${full.max})`);
  console.log(`  parts (ms): ${Object.entries(sample.timings).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  console.log(`naive per-conversation baseline  p50 ${baseline.p50} ms  (min ${baseline.min}, max ${baseline.max}; 3 numbers only)`);
  console.log(`unanswered list: ${clustering.questions} questions → ${clustering.clusters} clusters (${clustering.themes} seeded themes); first ${coldMs} ms, then p50 ${clustering.warmMs.p50} ms (embedding cache)`);
  console.log(`  vs the seeded themes (${clustering.themeQuestions} questions): ARI ${clustering.ari}, purity ${clustering.purity}, coverage ${clustering.coverage}`);
}
await storage.close();
