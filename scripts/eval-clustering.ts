/**
 * Unanswered-question clustering on BANKING77 and CLINC150 texts treated as unanswered questions, against naive
 * baselines in the same run: k-means told the true number of intents, and TF-IDF vectors in the same clustering.
 * The cut threshold (and the dismissal bar) are chosen on CLINC150's validation split; test figures are on the
 * test splits, including long-tail sub-samples shaped like one shop's questions, and a timing sweep.
 *
 *   npm run eval:clustering -- --datasets-dir /work/shared/datasets
 *   npm run eval:clustering -- --json > clustering.jsonl
 */
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import type { Embedder } from "../models/embedder.ts";
import { createEmbedder } from "../models/embedders/index.ts";
import {
  asQuestions,
  clusterLabels,
  clusterQuestions,
  createTfidfEmbed,
  kMeansLabels,
  longTailSample,
  normalizeQuestion,
  scoreLabels,
  simulateDismissal,
  type ClusteringScore,
  type EmbedTexts,
} from "../models/clustering/index.ts";
import { createRandom } from "../models/random.ts";
import { createProgress, embedWithCache, flagBool, flagString, loadBanking77, loadClinc150, parseArgs } from "./lib/index.ts";

function fail(message: string): never {
  process.stderr.write(`eval-clustering: ${message}\n`);
  process.exit(2);
}

const args = (() => {
  try {
    return parseArgs(process.argv.slice(2), { valued: ["datasets-dir", "embedder", "seed", "draws", "scale"], boolean: ["json", "help", "no-scale"] });
  } catch (err) {
    return fail((err as Error).message);
  }
})();
if (flagBool(args, "help")) {
  process.stdout.write(
    "usage: eval-clustering [--datasets-dir ../shared/datasets] [--embedder use-lite] [--seed 1] [--draws 10]\n" +
      "                       [--scale 1000,2000,5000,10000] [--no-scale] [--json]\n" +
      "Tunes the cut on CLINC150 val, then scores BANKING77 test and CLINC150 test (full and long-tail sub-samples)\n" +
      "against k-means (oracle k) and TF-IDF agglomerative baselines; times 1k-10k questions. --json: one record a line.\n",
  );
  process.exit(0);
}
const json = flagBool(args, "json");
const seed = Number(flagString(args, "seed", "1"));
const draws = Number(flagString(args, "draws", "10"));
if (!Number.isInteger(seed)) fail("--seed must be an integer");
if (!(Number.isInteger(draws) && draws > 0)) fail("--draws must be a positive integer");
const scaleSizes = flagBool(args, "no-scale") ? [] : flagString(args, "scale", "1000,2000,5000,10000").split(",").map(Number);
if (scaleSizes.some((n) => !(Number.isInteger(n) && n >= 2))) fail("--scale takes sizes ≥ 2 separated by commas");
const datasetsDir = flagString(args, "datasets-dir", "../shared/datasets");
if (!existsSync(datasetsDir)) fail(`datasets folder ${datasetsDir} not found; pass --datasets-dir (BANKING77 and CLINC150 from ../shared/datasets)`);

const log = (line: string) => process.stderr.write(`${line}\n`);
const f3 = (x: number) => (Number.isNaN(x) ? "—" : x.toFixed(3));
const EXACT = Number.MAX_SAFE_INTEGER;

/** One labelled text set: texts, intents, and which rows are one-off noise. */
interface Split {
  name: string;
  texts: string[];
  labels: string[];
}

function emit(record: Record<string, unknown>, line: string): void {
  process.stdout.write(json ? `${JSON.stringify(record)}\n` : `${line}\n`);
}

function scoreLine(s: ClusteringScore): string {
  return `ARI ${f3(s.ari)}  NMI ${f3(s.nmi)}  purity ${f3(s.purity)}  coverage ${f3(s.coverage)}  clusters ${s.clusters} (≥5: ${s.clustersOf5}) vs ${s.trueGroups} true`;
}

/** A lookup embed over vectors computed (or read from the disk cache) up front, by normalised text. */
async function embedSplits(embedder: Embedder, splits: Split[]): Promise<EmbedTexts> {
  const byText = new Map<string, Float32Array>();
  for (const s of splits) {
    const texts = [...new Set(s.texts.map(normalizeQuestion))].sort();
    const t0 = performance.now();
    const r = await embedWithCache(embedder, texts, { label: `embed ${s.name}` });
    if (!r.fromCache) log(`  embedded ${texts.length} texts of ${s.name} in ${((performance.now() - t0) / 1000).toFixed(1)} s (${Math.round(texts.length / ((performance.now() - t0) / 1000))} texts/s)`);
    texts.forEach((t, i) => byText.set(t, r.vectors[i]));
  }
  return async (texts) =>
    texts.map((t) => {
      const v = byText.get(t);
      if (!v) throw new Error(`no cached vector for "${t}"`);
      return v;
    });
}

async function runOurs(split: Split, embed: EmbedTexts, threshold: number, maxExact?: number, noise?: boolean[]) {
  const items = asQuestions(split.texts, createRandom(seed));
  const t0 = performance.now();
  const result = await clusterQuestions(items, embed, { threshold, maxExact });
  const ms = performance.now() - t0;
  return { score: scoreLabels(split.labels, clusterLabels(result, items), noise), ms, rounds: result.stats.rounds };
}

async function runTfidf(split: Split, threshold: number, noise?: boolean[]) {
  const t0 = performance.now();
  const tfidf = createTfidfEmbed(split.texts.map(normalizeQuestion));
  const items = asQuestions(split.texts, createRandom(seed));
  const result = await clusterQuestions(items, tfidf.embed, { threshold });
  return { score: scoreLabels(split.labels, clusterLabels(result, items), noise), ms: performance.now() - t0 };
}

async function runKMeans(split: Split, embed: EmbedTexts, k: number, noise?: boolean[]) {
  const vectors = await embed(split.texts.map(normalizeQuestion));
  const t0 = performance.now();
  const labels = kMeansLabels(vectors, k, seed);
  return { score: scoreLabels(split.labels, labels, noise), ms: performance.now() - t0 };
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let x = from; x <= to + 1e-9; x += step) out.push(Math.round(x * 1000) / 1000);
  return out;
}

async function tune(val: Split, embed: EmbedTexts) {
  log(`tuning on ${val.name} (${val.texts.length} texts, ${new Set(val.labels).size} intents)`);
  const best = { ours: { t: 0, ari: -Infinity }, tfidf: { t: 0, ari: -Infinity } };
  const grids = { ours: range(0.25, 0.6, 0.025), tfidf: range(0.5, 0.95, 0.05) };
  const bar = createProgress({ label: "threshold sweep", total: grids.ours.length + grids.tfidf.length });
  for (const system of ["ours", "tfidf"] as const) {
    for (const t of grids[system]) {
      const r = system === "ours" ? await runOurs(val, embed, t) : await runTfidf(val, t);
      bar.increment();
      if (r.score.ari > best[system].ari) best[system] = { t, ari: r.score.ari };
      emit({ section: "tune", dataset: val.name, system, threshold: t, ...r.score, ms: Math.round(r.ms) }, `  ${system.padEnd(5)} t=${t.toFixed(3)}  ${scoreLine(r.score)}  ${(r.ms / 1000).toFixed(1)} s`);
    }
  }
  bar.stop();
  return { ours: best.ours.t, tfidf: best.tfidf.t };
}

const DISMISS_GRID = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3];

async function dismissal(split: Split, embed: EmbedTexts, threshold: number) {
  const items = asQuestions(split.texts, createRandom(seed));
  return simulateDismissal(items, split.labels, embed, { threshold }, DISMISS_GRID, createRandom(seed + 1));
}

function printDismissal(section: string, name: string, outcomes: Awaited<ReturnType<typeof dismissal>>) {
  outcomes.forEach((o, i) =>
    emit(
      { section, dataset: name, dismissThreshold: DISMISS_GRID[i], ...o },
      `  dismiss bar ${DISMISS_GRID[i].toFixed(2)}: dismissed groups still hidden ${o.hidden}/${o.shouldHide}  other groups hidden by mistake ${o.wronglyHidden}/${o.shouldShow}`,
    ),
  );
}

async function main(): Promise<void> {
  const [banking, clinc] = await Promise.all([loadBanking77(`${datasetsDir}/banking77`), loadClinc150(`${datasetsDir}/clinc150`)]);
  const inScope = (rows: readonly { text: string; label: string }[]) => rows.filter((r) => r.label !== "oos");
  const split = (name: string, rows: readonly { text: string; label: string }[]): Split => ({ name, texts: rows.map((r) => r.text), labels: rows.map((r) => r.label) });
  const val = split("clinc150 val", inScope(clinc.val!));
  const tests = [split("banking77 test", banking.test), split("clinc150 test", inScope(clinc.test))];
  const noise = split("clinc150 oos test", clinc.test.filter((r) => r.label === "oos"));
  const embedderSpec = flagString(args, "embedder", "use-lite");
  const embedder = await createEmbedder(embedderSpec, { cache: false, batch: false });
  log(`embedding with ${embedder.name} (vectors cached under .cache/embeddings)`);
  const embed = await embedSplits(embedder, [val, ...tests, noise]);
  await embedder.dispose?.();

  const chosen = await tune(val, embed);
  const dismissOnVal = await dismissal(val, embed, chosen.ours);
  printDismissal("tune-dismissal", val.name, dismissOnVal);
  // The largest bar that hid no more than 2 % of other groups on validation: a wrongly hidden topic is the worse error.
  const okBars = dismissOnVal.map((o, i) => ({ o, t: DISMISS_GRID[i] })).filter(({ o }) => o.wronglyHidden <= 0.02 * o.shouldShow);
  const dismissBar = okBars.length ? okBars[okBars.length - 1].t : DISMISS_GRID[0];
  emit({ section: "chosen", threshold: chosen.ours, tfidfThreshold: chosen.tfidf, dismissThreshold: dismissBar }, `chosen on ${val.name}: cut ${chosen.ours} (TF-IDF baseline ${chosen.tfidf}), dismiss bar ${dismissBar}`);

  for (const test of tests) {
    const k = new Set(test.labels).size;
    log(`testing on ${test.name} (${test.texts.length} texts, ${k} intents)`);
    emit({ section: "test", dataset: test.name }, `\n${test.name}: ${test.texts.length} texts, ${k} intents`);
    // Thunks, so each system runs (and is timed) alone.
    const runs: [string, () => Promise<{ score: ClusteringScore; ms: number; rounds?: number }>][] = [
      [`ours: USE-lite + average linkage, cut ${chosen.ours} (default, sampled rounds past 2,000)`, () => runOurs(test, embed, chosen.ours)],
      [`ours, exact (no sampling)`, () => runOurs(test, embed, chosen.ours, EXACT)],
      [`baseline: TF-IDF + average linkage, cut ${chosen.tfidf}`, () => runTfidf(test, chosen.tfidf)],
      [`baseline: k-means on USE-lite, k = ${k} (oracle)`, () => runKMeans(test, embed, k)],
    ];
    for (const [system, run] of runs) {
      const r = await run();
      emit({ section: "test", dataset: test.name, system, ...r.score, ms: Math.round(r.ms), rounds: r.rounds }, `  ${system}\n    ${scoreLine(r.score)}  ${(r.ms / 1000).toFixed(1)} s`);
    }
    printDismissal("test-dismissal", test.name, (await dismissal(test, embed, chosen.ours)).filter((_, i) => DISMISS_GRID[i] === dismissBar));
  }

  for (const test of tests) {
    const rand = createRandom(seed + 7);
    const totals = new Map<string, ClusteringScore[]>();
    const sizes: number[] = [];
    const bar = createProgress({ label: `long tail ${test.name}`, total: draws });
    for (let d = 0; d < draws; d++) {
      const s = longTailSample(test.labels, noise.texts.length, rand);
      const sub: Split = { name: test.name, texts: [...s.rows.map((i) => test.texts[i]), ...s.noise.map((i) => noise.texts[i])], labels: [...s.rows.map((i) => test.labels[i]), ...s.noise.map(() => "oos")] };
      const isNoise = sub.labels.map((_, i) => i >= s.rows.length);
      sizes.push(sub.texts.length);
      const add = (name: string, score: ClusteringScore) => totals.set(name, [...(totals.get(name) ?? []), score]);
      add("ours", (await runOurs(sub, embed, chosen.ours, undefined, isNoise)).score);
      add("TF-IDF + average linkage", (await runTfidf(sub, chosen.tfidf, isNoise)).score);
      add("k-means, k = intents (oracle)", (await runKMeans(sub, embed, new Set(sub.labels.filter((_, i) => !isNoise[i])).size, isNoise)).score);
      bar.increment();
    }
    bar.stop();
    emit({ section: "long-tail", dataset: test.name, draws, meanSize: sizes.reduce((a, b) => a + b, 0) / draws }, `\nlong tail, ${test.name}: ${draws} draws of 30 intents (Zipf sizes) + 10 % one-off CLINC150 oos texts, ${Math.min(...sizes)}–${Math.max(...sizes)} questions`);
    for (const [system, scores] of totals) {
      const mean = (key: keyof ClusteringScore) => scores.reduce((a, s) => a + s[key], 0) / scores.length;
      const sd = (key: keyof ClusteringScore) => Math.sqrt(scores.reduce((a, s) => a + (s[key] - mean(key)) ** 2, 0) / scores.length);
      const m = Object.fromEntries((["ari", "nmi", "purity", "coverage", "clusters", "clustersOf5", "groupsSurfaced"] as const).map((key) => [key, mean(key)]));
      emit(
        { section: "long-tail", dataset: test.name, system, ...m, ariSd: sd("ari") },
        `  ${system.padEnd(30)} ARI ${f3(m.ari)} ± ${f3(sd("ari"))}  NMI ${f3(m.nmi)}  purity ${f3(m.purity)}  coverage ${f3(m.coverage)}  clusters ${m.clusters.toFixed(1)} (≥5: ${m.clustersOf5.toFixed(1)}) vs 30  intents surfaced ${f3(m.groupsSurfaced)}`,
      );
    }
  }

  if (scaleSizes.length) {
    const pool: Split = { name: "all embedded texts", texts: [...val.texts, ...tests.flatMap((t) => t.texts), ...noise.texts], labels: [] };
    pool.labels = pool.texts.map(() => "-");
    emit({ section: "scale", loadavg: loadavg()[0] }, `\ntiming (embedding excluded; vectors from the cache; 1-min load average ${loadavg()[0].toFixed(1)} on ${2} cores shared)`);
    for (const n of scaleSizes.filter((x) => x <= pool.texts.length)) {
      const sub: Split = { name: `${n}`, texts: pool.texts.slice(0, n), labels: pool.labels.slice(0, n) };
      for (const mode of n <= 5000 ? ["default", "exact"] : ["default"]) {
        const r = await runOurs(sub, embed, chosen.ours, mode === "exact" ? EXACT : undefined);
        emit({ section: "scale", n, mode, ms: Math.round(r.ms), rounds: r.rounds }, `  ${String(n).padStart(6)} questions, ${mode.padEnd(7)}: ${(r.ms / 1000).toFixed(2)} s (${r.rounds} round${r.rounds === 1 ? "" : "s"})`);
      }
    }
  }
}

main().catch((err: unknown) => {
  log(`eval-clustering: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
