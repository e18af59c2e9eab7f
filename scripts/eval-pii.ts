/**
 * PII masking on the labelled shopper messages (test/data/pii-messages.json): precision / recall / F1 per
 * kind on the dev and held-out splits, over-masking of non-PII tokens, the name-matching trade-off, and
 * speed with 100k known names; the masker this project shipped before the audit is the naive baseline.
 *   npm run eval:pii [-- --json] [--errors dev] [--demo-customers 5000] [--names-bench 100000]
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generateDemoShop } from "../server/demo-shop/index.ts";
import { createPiiMasker, naiveFindPii, parsePiiDataset, PII_KINDS, probeEntities, probeUnlabelled, scorePiiFinder, syntheticNames, type PiiExample, type PiiScore, type PiiSpan } from "../server/privacy/index.ts";
import { loadBitextEntities } from "./lib/bitext-entities.ts";
import { DEFAULT_DATASETS_DIR, flagBool, flagString, loadBanking77, loadClinc150, parseArgs } from "./lib/index.ts";

const USAGE = `usage: eval-pii [--json] [--errors dev|heldout] [--data test/data/pii-messages.json]
                [--demo-customers 5000] [--names-bench 100000] [--datasets-dir ../shared/datasets] [--help]

  --errors          list the missed and spurious spans of a split (keep the held-out split unseen while tuning)
  --demo-customers  how many demo-shop customers' names join the labelled set's known names (0: none)
  --names-bench     size of the made-up name list for the speed measurement (0: skip)
  --datasets-dir    public datasets (Bitext, BANKING77, CLINC150) for the probes on text written by others;
                    the probes are skipped, with a note, when the folder is missing
`;

function fail(message: string): never {
  process.stderr.write(`eval-pii: ${message}\n${USAGE}`);
  process.exit(2);
}

const args = (() => {
  try {
    return parseArgs(process.argv.slice(2), { valued: ["errors", "data", "demo-customers", "names-bench", "datasets-dir"], boolean: ["json", "help"] });
  } catch (err) {
    return fail((err as Error).message);
  }
})();
if (flagBool(args, "help")) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const json = flagBool(args, "json");
const errorsSplit = flagString(args, "errors");
if (errorsSplit !== undefined && errorsSplit !== "dev" && errorsSplit !== "heldout") fail(`--errors must be dev or heldout, not "${errorsSplit}"`);
const intFlag = (name: string, fallback: number, max: number) => {
  const v = Number(flagString(args, name, String(fallback)));
  if (!Number.isInteger(v) || v < 0 || v > max) fail(`--${name} must be an integer from 0 to ${max}`);
  return v;
};
const demoCustomers = intFlag("demo-customers", 5000, 99_999);
const benchNames = intFlag("names-bench", 100_000, 1_000_000);
const dataFile = flagString(args, "data", "test/data/pii-messages.json");
const datasetsDir = flagString(args, "datasets-dir", DEFAULT_DATASETS_DIR);
const log = (line: string) => process.stderr.write(`${line}\n`);

let data;
try {
  data = parsePiiDataset(JSON.parse(readFileSync(dataFile, "utf8")));
} catch (err) {
  fail(`cannot read ${dataFile}: ${(err as Error).message}`);
}

let knownNames = data.knownNames;
if (demoCustomers > 0) {
  log(`generating the demo shop's ${demoCustomers} customers for their names (a few seconds)…`);
  knownNames = [...new Set([...knownNames, ...generateDemoShop({ seed: 42, customers: demoCustomers }).customers.map((c) => c.name)])];
}

const ours = createPiiMasker({ knownNames });
const variants = {
  careful: ours,
  "careful, known names only": createPiiMasker({ knownNames, unknownNamesFromCues: false }),
  loose: createPiiMasker({ knownNames, nameMatching: "loose", unknownNamesFromCues: false }),
};
const splits = { dev: data.dev, heldout: data.heldout } as const;
const score = (examples: PiiExample[]) => ({
  ours: scorePiiFinder(examples, (t) => ours.mask(t).spans),
  baseline: scorePiiFinder(examples, naiveFindPii),
});
const results = { dev: score(splits.dev), heldout: score(splits.heldout) };
const nameTradeOff = Object.fromEntries(
  Object.entries(variants).map(([label, m]) => [
    label,
    Object.fromEntries(Object.entries(splits).map(([s, ex]) => [s, scorePiiFinder(ex, (t) => m.mask(t).spans, ["name"]).perKind.name])),
  ]),
);

// Speed: the same messages through the baseline, the masker without names, and with a large name list.
const texts = [...data.dev, ...data.heldout].map((m) => m.text);
const perMessageUs = (fn: (t: string) => unknown) => {
  for (const t of texts) fn(t);
  const rounds = 5;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of texts) fn(t);
  return ((performance.now() - t0) * 1000) / (rounds * texts.length);
};
const speed: Record<string, number> = {
  baselineUsPerMessage: perMessageUs(naiveFindPii),
  oursUsPerMessage: perMessageUs((t) => ours.mask(t)),
};
if (benchNames > 0) {
  log(`building a name index of ${benchNames} made-up names…`);
  const names = syntheticNames(benchNames);
  const big = createPiiMasker();
  const t0 = performance.now();
  big.setKnownNames([...names, ...knownNames]);
  speed.bigIndexBuildMs = performance.now() - t0;
  speed.bigIndexNames = big.knownNameCount;
  speed.oursWithBigIndexUsPerMessage = perMessageUs((t) => big.mask(t));
}

// Text written by others: Bitext's labelled entities, and BANKING77 / CLINC150 test messages (no PII expected).
let external: ExternalReport | null = null;
if (existsSync(datasetsDir)) {
  log(`probing public datasets in ${datasetsDir}…`);
  const bitext = await loadBitextEntities(join(datasetsDir, "bitext"));
  const banking = (await loadBanking77(join(datasetsDir, "banking77"))).test.map((r) => r.text);
  const clinc = (await loadClinc150(join(datasetsDir, "clinc150"))).test.map((r) => r.text);
  const both = <T>(probe: (find: (t: string) => PiiSpan[]) => T): Pair<T> => ({ ours: probe((t) => ours.mask(t).spans), baseline: probe(naiveFindPii) });
  external = {
    bitextEntities: both((find) => probeEntities(bitext, find)),
    bitextWithoutEntity: both((find) => probeUnlabelled(bitext.filter((r) => !r.entityType).map((r) => r.text), find)),
    banking77Test: both((find) => probeUnlabelled(banking, find)),
    clinc150Test: both((find) => probeUnlabelled(clinc, find)),
  };
} else {
  log(`no datasets folder at ${datasetsDir}: skipping the probes on public data (pass --datasets-dir)`);
}

const strip = (s: PiiScore) => ({ ...s, errors: undefined });
if (json) {
  console.log(JSON.stringify({
    data: dataFile,
    knownNames: knownNames.length,
    messages: { dev: splits.dev.length, heldout: splits.heldout.length },
    dev: { ours: strip(results.dev.ours), baseline: strip(results.dev.baseline) },
    heldout: { ours: strip(results.heldout.ours), baseline: strip(results.heldout.baseline) },
    nameTradeOff,
    speed,
    external,
    ...(errorsSplit ? { errors: results[errorsSplit].ours.errors } : {}),
  }));
} else {
  const f = (x: number) => (100 * x).toFixed(1).padStart(5);
  console.log(`PII masking: ${splits.dev.length} dev + ${splits.heldout.length} held-out messages, ${knownNames.length} known customer names`);
  console.log("P / R / F1 in %, a span counts when a predicted span of the same kind overlaps it\n");
  for (const split of ["dev", "heldout"] as const) {
    const { ours: o, baseline: b } = results[split];
    console.log(`${split}`.padEnd(9) + " gold |  ours P     R    F1 | baseline P     R    F1");
    for (const k of [...PII_KINDS, "all"] as const) {
      const a = k === "all" ? o.overall : o.perKind[k];
      const z = k === "all" ? b.overall : b.perKind[k];
      console.log(`${k.padEnd(9)}${String(a.gold).padStart(5)} | ${f(a.precision)} ${f(a.recall)} ${f(a.f1)} |      ${f(z.precision)} ${f(z.recall)} ${f(z.f1)}`);
    }
    console.log(`personal characters left in clear: ours ${f(o.leakedCharShare)} %, baseline ${f(b.leakedCharShare)} %`);
    console.log(`messages without PII that were masked anyway: ours ${o.negativesTouched.touched}/${o.negativesTouched.total}, baseline ${b.negativesTouched.touched}/${b.negativesTouched.total}`);
    const over = Object.entries(o.overMasked).filter(([, v]) => v.total > 0);
    console.log(`non-PII tokens masked (ours | baseline): ${over.map(([k, v]) => `${k} ${v.masked}|${b.overMasked[k]!.masked}/${v.total}`).join(", ")}\n`);
  }
  console.log("name matching trade-off (name P / R / F1 %):");
  for (const [label, bySplit] of Object.entries(nameTradeOff)) {
    console.log(`  ${label.padEnd(27)} ${Object.entries(bySplit).map(([s, v]) => `${s} ${f(v.precision)} ${f(v.recall)} ${f(v.f1)}`).join("   ")}`);
  }
  console.log(`\nspeed per message: baseline ${speed.baselineUsPerMessage!.toFixed(0)} µs, ours ${speed.oursUsPerMessage!.toFixed(0)} µs` +
    (benchNames > 0 ? `; with ${speed.bigIndexNames} known names ${speed.oursWithBigIndexUsPerMessage!.toFixed(0)} µs (index built in ${speed.bigIndexBuildMs!.toFixed(0)} ms)` : ""));
  if (external) printExternal(external);
  if (errorsSplit) {
    console.log(`\n${errorsSplit} errors:`);
    for (const e of results[errorsSplit].ours.errors) console.log(`  ${e.id} ${e.type.padEnd(8)} ${e.kind.padEnd(8)} ${JSON.stringify(e.text)}`);
  }
}

type Pair<T> = { ours: T; baseline: T };
interface ExternalReport {
  bitextEntities: Pair<ReturnType<typeof probeEntities>>;
  bitextWithoutEntity: Pair<ReturnType<typeof probeUnlabelled>>;
  banking77Test: Pair<ReturnType<typeof probeUnlabelled>>;
  clinc150Test: Pair<ReturnType<typeof probeUnlabelled>>;
}

function printExternal(x: ExternalReport): void {
  console.log("\ntext written by others (public datasets):");
  console.log("  Bitext labelled entities, masked by ours | baseline (person_name should be masked, the rest not):");
  for (const [type, o] of Object.entries(x.bitextEntities.ours)) {
    const b = x.bitextEntities.baseline[type]!;
    const as = Object.entries(o.maskedAs).map(([k, n]) => `${k} ${n}`).join(", ");
    console.log(`    ${type.padEnd(17)} ${String(o.masked).padStart(4)} | ${String(b.masked).padStart(4)} of ${o.total}${as ? `  (ours as ${as})` : ""}`);
  }
  for (const [label, p] of [["Bitext messages without an entity", x.bitextWithoutEntity], ["BANKING77 test", x.banking77Test], ["CLINC150 test", x.clinc150Test]] as const) {
    const spans = (s: ReturnType<typeof probeUnlabelled>) => Object.entries(s.spans).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(", ") || "none";
    console.log(`  ${label}: masked something in ours ${p.ours.touched} | baseline ${p.baseline.touched} of ${p.ours.messages} messages; ours: ${spans(p.ours)}; baseline: ${spans(p.baseline)}`);
    for (const sample of p.ours.samples) console.log(`      ${sample}`);
  }
}
