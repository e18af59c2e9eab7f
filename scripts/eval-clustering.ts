/**
 * Unanswered-question clustering on BANKING77 and CLINC150 texts treated as unanswered questions, against naive
 * baselines in the same run: k-means told the true number of intents, and TF-IDF vectors in the same clustering.
 * The cut threshold (and the dismissal bar) are chosen on validation texts (CLINC150 val, 3,000 BANKING77 train
 * texts); test figures are on the test splits, including long-tail sub-samples shaped like one shop's questions,
 * and a timing sweep.
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
  DEFAULT_CLUSTER_THRESHOLD,
  DEFAULT_MAX_EXACT,
  type ClusteringScore,
  type DismissalOutcome,
  type EmbedTexts,
} from "../models/clustering/index.ts";
import { createRandom, shuffled } from "../models/random.ts";
import { createProgress, DEFAULT_DATASETS_DIR, embedWithCache, flagBool, flagString, loadBanking77, loadClinc150, parseArgs } from "./lib/index.ts";

function fail(message: string): never {
  process.stderr.write(`eval-clustering: ${message}\n`);
  process.exit(2);
}

const args = (() => {
  try {
    return parseArgs(process.argv.slice(2), { valued: ["datasets-dir", "embedder", "seed", "draws", "scale", "max-exact"], boolean: ["json", "help", "no-scale", "scale-only"] });
  } catch (err) {
    return fail((err as Error).message);
  }
})();
if (flagBool(args, "help")) {
  process.stdout.write(
    "usage: eval-clustering [--datasets-dir $DATASETS_DIR or ../shared/datasets] [--embedder use-lite] [--seed 1] [--draws 10]\n" +
      "                       [--scale 1000,2000,5000,10000] [--no-scale] [--scale-only] [--max-exact n] [--json]\n" +
      "Tunes the cut on CLINC150 val + 3,000 BANKING77 train texts, then scores BANKING77 test and CLINC150 test (full and long-tail sub-samples)\n" +
      "against k-means (oracle k) and TF-IDF agglomerative baselines; times 1k-10k questions. --json: one record a line.\n" +
      "--scale-only: only the timing, at the library's default cut (no tuning); --max-exact: the timing's exact budget.\n",
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
const timingMaxExact = flagString(args, "max-exact") === undefined ? undefined : Number(flagString(args, "max-exact"));
if (timingMaxExact !== undefined && !(Number.isInteger(timingMaxExact) && timingMaxExact >= 2)) fail("--max-exact must be an integer ≥ 2");
const datasetsDir = flagString(args, "datasets-dir", DEFAULT_DATASETS_DIR);
if (!existsSync(datasetsDir)) fail(`datasets folder ${datasetsDir} not found: the public datasets are not in the repository; set DATASETS_DIR or pass --datasets-dir to the folder holding banking77/ and clinc150/`);

const log = (line: string) => process.stderr.write(`${line}\n`);
const f3 = (x: number) => (Number.isNaN(x) ? "—" : x.toFixed(3));
// The sampled path, shown on the same test texts by clustering them with a smaller exact budget.
const SAMPLED_MAX_EXACT = 1500;

/** One labelled text set: texts and their intents. */
interface Split {
  name: string;
  texts: string[];
  labels: string[];
}

function emit(record: Record<string, unknown>, line: string): void {
  process.stdout.write(json ? `${JSON.stringify(record)}\n` : `${line}\n`);
}

function scoreLine(s: ClusteringScore): string {
  return `ARI ${f3(s.ari)}  NMI ${f3(s.nmi)}  pair-F0.5 ${f3(s.pairF05)} (P ${f3(s.pairPrecision)} R ${f3(s.pairRecall)})  purity ${f3(s.purity)}  coverage ${f3(s.coverage)}  clusters ${s.clusters} (≥5: ${s.clustersOf5}) vs ${s.trueGroups} true`;
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
  const cpu0 = process.cpuUsage();
  const result = await clusterQuestions(items, embed, { threshold, maxExact });
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  // CPU time of this process: on a shared machine it says more about the cost than the wall clock does.
  return { score: scoreLabels(split.labels, clusterLabels(result, items), noise), ms, cpuMs: (cpu.user + cpu.system) / 1000, rounds: result.stats.rounds };
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

/**
 * Sweep the cut on each validation split; choose, per system, the cut with the best mean pairwise F0.5 over the
 * splits (precision weighted: a cluster that mixes topics is the worse error; see ClusteringScore.pairF05).
 */
async function tune(vals: Split[], embed: EmbedTexts) {
  const grids = { ours: range(0.25, 0.55, 0.025), tfidf: range(0.55, 0.9, 0.05) };
  const meanF = { ours: new Map<number, number>(), tfidf: new Map<number, number>() };
  const bar = createProgress({ label: "threshold sweep", total: vals.length * (grids.ours.length + grids.tfidf.length) });
  for (const val of vals) {
    log(`tuning on ${val.name} (${val.texts.length} texts, ${new Set(val.labels).size} intents)`);
    emit({ section: "tune", dataset: val.name }, `\nthreshold sweep on ${val.name} (${val.texts.length} texts, ${new Set(val.labels).size} intents)`);
    for (const system of ["ours", "tfidf"] as const) {
      for (const t of grids[system]) {
        const r = system === "ours" ? await runOurs(val, embed, t) : await runTfidf(val, t);
        bar.increment();
        meanF[system].set(t, (meanF[system].get(t) ?? 0) + r.score.pairF05 / vals.length);
        emit({ section: "tune", dataset: val.name, system, threshold: t, ...r.score, ms: Math.round(r.ms) }, `  ${system.padEnd(5)} t=${t.toFixed(3)}  ${scoreLine(r.score)}  ${(r.ms / 1000).toFixed(1)} s`);
      }
    }
  }
  bar.stop();
  const best = (m: Map<number, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return { ours: best(meanF.ours), tfidf: best(meanF.tfidf) };
}

const DISMISS_GRID = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3];

async function dismissal(split: Split, embed: EmbedTexts, threshold: number) {
  const items = asQuestions(split.texts, createRandom(seed));
  return simulateDismissal(items, split.labels, embed, { threshold }, DISMISS_GRID, createRandom(seed + 1));
}

function printDismissal(section: string, name: string, outcomes: DismissalOutcome[]) {
  for (const o of outcomes) {
    emit(
      { section, dataset: name, ...o },
      `  ${name}, ${o.rule.padEnd(16)} bar ${o.threshold.toFixed(2)}: dismissed intents still hidden ${o.hidden}/${o.shouldHide}  other intents hidden by mistake ${o.wronglyHidden}/${o.shouldShow}`,
    );
  }
}

async function main(): Promise<void> {
  const [banking, clinc] = await Promise.all([loadBanking77(`${datasetsDir}/banking77`), loadClinc150(`${datasetsDir}/clinc150`)]);
  const inScope = (rows: readonly { text: string; label: string }[]) => rows.filter((r) => r.label !== "oos");
  const split = (name: string, rows: readonly { text: string; label: string }[]): Split => ({ name, texts: rows.map((r) => r.text), labels: rows.map((r) => r.label) });
  // Validation: CLINC150's val split (many domains) and 3,000 BANKING77 train texts (one domain, like one shop).
  const vals = [split("clinc150 val", inScope(clinc.val!)), split("banking77 train (3,000)", shuffled(banking.train, createRandom(seed)).slice(0, 3000))];
  const tests = [split("banking77 test", banking.test), split("clinc150 test", inScope(clinc.test))];
  const noise = split("clinc150 oos test", clinc.test.filter((r) => r.label === "oos"));
  const embedderSpec = flagString(args, "embedder", "use-lite");
  const embedder = await createEmbedder(embedderSpec, { cache: false, batch: false });
  log(`embedding with ${embedder.name} (vectors cached under .cache/embeddings)`);
  const embed = await embedSplits(embedder, [...vals, ...tests, noise]);
  await embedder.dispose?.();

  if (flagBool(args, "scale-only")) {
    await timing([...vals, ...tests, noise], embed, DEFAULT_CLUSTER_THRESHOLD);
    return;
  }
  const chosen = await tune(vals, embed);
  const onVal = await Promise.all(vals.map((v) => dismissal(v, embed, chosen.ours[0])));
  vals.forEach((v, i) => printDismissal("tune-dismissal", v.name, onVal[i]));
  // The largest bar whose combined rule hid at most 2 % of other intents on validation: a wrongly hidden topic is
  // the worse error (the owner never sees it), a dismissed topic shown again only costs a second click.
  const combined = DISMISS_GRID.filter((t) => {
    const rows = onVal.flat().filter((o) => o.rule === "centroid+members" && o.threshold === t);
    return rows.reduce((a, o) => a + o.wronglyHidden, 0) <= 0.02 * rows.reduce((a, o) => a + o.shouldShow, 0);
  });
  const dismissBar = combined.length ? combined[combined.length - 1] : DISMISS_GRID[0];
  emit(
    { section: "chosen", threshold: chosen.ours[0], validationPairF05: chosen.ours[1], tfidfThreshold: chosen.tfidf[0], tfidfValidationPairF05: chosen.tfidf[1], dismissThreshold: dismissBar },
    `\nchosen on validation: cut ${chosen.ours[0]} (mean pair-F0.5 ${f3(chosen.ours[1])}), TF-IDF baseline cut ${chosen.tfidf[0]} (mean pair-F0.5 ${f3(chosen.tfidf[1])}), ` +
      `dismiss bar ${dismissBar}${combined.length ? "" : " (no bar kept wrong hides within 2 %: the smallest is used)"}`,
  );

  for (const test of tests) {
    const k = new Set(test.labels).size;
    log(`testing on ${test.name} (${test.texts.length} texts, ${k} intents)`);
    emit({ section: "test", dataset: test.name }, `\n${test.name}: ${test.texts.length} texts, ${k} intents`);
    // Thunks, so each system runs (and is timed) alone.
    const runs: [string, () => Promise<{ score: ClusteringScore; ms: number; rounds?: number }>][] = [
      [`ours: USE-lite + average linkage, cut ${chosen.ours[0]} (exact up to ${DEFAULT_MAX_EXACT} texts)`, () => runOurs(test, embed, chosen.ours[0])],
      [`ours in sampled rounds (maxExact ${SAMPLED_MAX_EXACT}, the path past ${DEFAULT_MAX_EXACT} texts)`, () => runOurs(test, embed, chosen.ours[0], SAMPLED_MAX_EXACT)],
      [`baseline: TF-IDF + average linkage, cut ${chosen.tfidf[0]}`, () => runTfidf(test, chosen.tfidf[0])],
      [`baseline: k-means on USE-lite, k = ${k} (oracle)`, () => runKMeans(test, embed, k)],
    ];
    for (const [system, run] of runs) {
      const r = await run();
      emit({ section: "test", dataset: test.name, system, ...r.score, ms: Math.round(r.ms), rounds: r.rounds }, `  ${system}\n    ${scoreLine(r.score)}  ${(r.ms / 1000).toFixed(1)} s`);
    }
    printDismissal("test-dismissal", test.name, (await dismissal(test, embed, chosen.ours[0])).filter((o) => o.threshold === dismissBar));
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
      add("ours", (await runOurs(sub, embed, chosen.ours[0], undefined, isNoise)).score);
      add("TF-IDF + average linkage", (await runTfidf(sub, chosen.tfidf[0], isNoise)).score);
      add("k-means, k = intents (oracle)", (await runKMeans(sub, embed, new Set(sub.labels.filter((_, i) => !isNoise[i])).size, isNoise)).score);
      bar.increment();
    }
    bar.stop();
    emit({ section: "long-tail", dataset: test.name, draws, meanSize: sizes.reduce((a, b) => a + b, 0) / draws }, `\nlong tail, ${test.name}: ${draws} draws of 30 intents (Zipf sizes) + 10 % one-off CLINC150 oos texts, ${Math.min(...sizes)}–${Math.max(...sizes)} questions`);
    for (const [system, scores] of totals) {
      const mean = (key: keyof ClusteringScore) => scores.reduce((a, s) => a + s[key], 0) / scores.length;
      const sd = (key: keyof ClusteringScore) => Math.sqrt(scores.reduce((a, s) => a + (s[key] - mean(key)) ** 2, 0) / scores.length);
      const m = Object.fromEntries((["ari", "nmi", "pairF05", "purity", "coverage", "clusters", "clustersOf5", "groupsSurfaced"] as const).map((key) => [key, mean(key)]));
      emit(
        { section: "long-tail", dataset: test.name, system, ...m, ariSd: sd("ari") },
        `  ${system.padEnd(30)} ARI ${f3(m.ari)} ± ${f3(sd("ari"))}  NMI ${f3(m.nmi)}  pair-F0.5 ${f3(m.pairF05)}  purity ${f3(m.purity)}  coverage ${f3(m.coverage)}  clusters ${m.clusters.toFixed(1)} (≥5: ${m.clustersOf5.toFixed(1)}) vs 30  intents surfaced ${f3(m.groupsSurfaced)}`,
      );
    }
  }

  await timing([...vals, ...tests, noise], embed, chosen.ours[0]);
}

/** Time clusterQuestions on the first n of all embedded texts, for each n of --scale. */
async function timing(splits: Split[], embed: EmbedTexts, threshold: number): Promise<void> {
  if (scaleSizes.length === 0) return;
  const texts = [...new Set(splits.flatMap((v) => v.texts))];
  emit({ section: "scale", threshold, loadavg: loadavg()[0] }, `\ntiming of clusterQuestions at cut ${threshold}, maxExact ${timingMaxExact ?? DEFAULT_MAX_EXACT} (embedding excluded: vectors from the cache; 1-min load average ${loadavg()[0].toFixed(1)} on this 2-core machine, shared)`);
  for (const n of scaleSizes.filter((x) => x <= texts.length)) {
    const sub: Split = { name: `${n}`, texts: texts.slice(0, n), labels: texts.slice(0, n).map(() => "-") };
    const r = await runOurs(sub, embed, threshold, timingMaxExact);
    emit(
      { section: "scale", n, maxExact: timingMaxExact ?? DEFAULT_MAX_EXACT, ms: Math.round(r.ms), cpuMs: Math.round(r.cpuMs), rounds: r.rounds, loadavg: loadavg()[0] },
      `  ${String(n).padStart(6)} questions: ${(r.ms / 1000).toFixed(2)} s wall, ${(r.cpuMs / 1000).toFixed(2)} s CPU (${r.rounds} round${r.rounds === 1 ? "" : "s"}; load ${loadavg()[0].toFixed(1)})`,
    );
  }
}

main().catch((err: unknown) => {
  log(`eval-clustering: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
