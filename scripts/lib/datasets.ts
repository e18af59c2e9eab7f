import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

/** One labelled utterance. */
export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

/** An intent dataset with its standard split; out-of-scope rows carry `oosLabel`. */
export interface IntentDataset {
  /** Dataset name as used by `--dataset`. */
  readonly name: IntentDatasetName;
  readonly train: readonly LabelledText[];
  /** Validation split when the dataset defines one (CLINC150: val + oos_val). */
  readonly val?: readonly LabelledText[];
  readonly test: readonly LabelledText[];
  /** Label of out-of-scope rows, when the dataset has any (CLINC150: "oos"). */
  readonly oosLabel?: string;
}

/** Names of the intent datasets under the datasets folder. */
export const INTENT_DATASETS = ["banking77", "clinc150", "bitext"] as const;

/** One of INTENT_DATASETS. */
export type IntentDatasetName = (typeof INTENT_DATASETS)[number];

/**
 * Where the evaluation scripts look for the public datasets (BANKING77, CLINC150, Bitext, CDNOW, Groceries), which
 * are not part of the repository: the DATASETS_DIR environment variable, else ../shared/datasets beside the checkout.
 * Scripts also take `--datasets-dir`. Tests never read it (they use the fixtures in test/data).
 */
export const DEFAULT_DATASETS_DIR = process.env.DATASETS_DIR || "../shared/datasets";

/**
 * The folder of one dataset under `root`, or an Error that says what is missing and how to point at it.
 * @example const dir = requireDataset("../shared/datasets", "cdnow", "CDNOW_sample.txt");
 */
export function requireDataset(root: string, name: string, file?: string): string {
  const dir = join(root, name);
  const probe = file ? join(dir, file) : dir;
  if (existsSync(probe)) return dir;
  throw new Error(
    `dataset "${name}" not found: ${probe} does not exist. The public datasets are not in the repository; ` +
      `set DATASETS_DIR or pass --datasets-dir to the folder that holds ${name}/ (currently ${root}).`,
  );
}

function isDatasetName(name: string): name is IntentDatasetName {
  return (INTENT_DATASETS as readonly string[]).includes(name);
}

async function readCsv(file: string): Promise<Record<string, string>[]> {
  const raw = await readFile(file, "utf8");
  return parse(raw, { columns: true, skip_empty_lines: true, relax_quotes: false }) as Record<string, string>[];
}

function requireColumns(rows: Record<string, string>[], file: string, cols: readonly string[]): void {
  if (rows.length === 0) throw new Error(`${file} has no rows`);
  for (const c of cols) if (!(c in rows[0])) throw new Error(`${file} has no column "${c}" (columns: ${Object.keys(rows[0]).join(", ")})`);
}

/** BANKING77: official train.csv → test.csv (Casanueva et al. 2020). */
export async function loadBanking77(dir = join(DEFAULT_DATASETS_DIR, "banking77")): Promise<IntentDataset> {
  const load = async (f: string) => {
    const file = join(dir, f);
    const rows = await readCsv(file);
    requireColumns(rows, file, ["text", "category"]);
    return rows.map((r) => ({ text: r.text, label: r.category }));
  };
  return { name: "banking77", train: await load("train.csv"), test: await load("test.csv") };
}

/** CLINC150 "full" (Larson et al. 2019): train + oos_train, val + oos_val, test + oos_test; oos rows labelled "oos". */
export async function loadClinc150(dir = join(DEFAULT_DATASETS_DIR, "clinc150")): Promise<IntentDataset> {
  const file = join(dir, "data_full.json");
  const data = JSON.parse(await readFile(file, "utf8")) as Record<string, [string, string][]>;
  for (const k of ["train", "val", "test", "oos_train", "oos_val", "oos_test"]) {
    if (!Array.isArray(data[k])) throw new Error(`${file} has no "${k}" list`);
  }
  const rows = (k: string) => data[k].map(([text, label]) => ({ text, label }));
  return {
    name: "clinc150",
    train: [...rows("train"), ...rows("oos_train")],
    val: [...rows("val"), ...rows("oos_val")],
    test: [...rows("test"), ...rows("oos_test")],
    oosLabel: "oos",
  };
}

/** Bitext 27 intents with the split in its SOURCE.md: within each intent, in file order, rows 4, 9, 14, … are test. */
export async function loadBitext(dir = join(DEFAULT_DATASETS_DIR, "bitext")): Promise<IntentDataset> {
  const file = join(dir, "customer_support_27_intents.csv");
  const rows = await readCsv(file);
  requireColumns(rows, file, ["instruction", "intent"]);
  const seen = new Map<string, number>();
  const train: LabelledText[] = [];
  const test: LabelledText[] = [];
  for (const r of rows) {
    const i = seen.get(r.intent) ?? 0;
    seen.set(r.intent, i + 1);
    (i % 5 === 4 ? test : train).push({ text: r.instruction, label: r.intent });
  }
  return { name: "bitext", train, test };
}

/** Load a dataset by name from `root` (default DEFAULT_DATASETS_DIR); unknown names and missing folders throw clearly. */
export async function loadIntentDataset(name: string, root = DEFAULT_DATASETS_DIR): Promise<IntentDataset> {
  if (!isDatasetName(name)) throw new Error(`unknown dataset "${name}"; choose one of ${INTENT_DATASETS.join(", ")}`);
  switch (name) {
    case "banking77":
      return loadBanking77(requireDataset(root, "banking77"));
    case "clinc150":
      return loadClinc150(requireDataset(root, "clinc150"));
    case "bitext":
      return loadBitext(requireDataset(root, "bitext"));
  }
}
