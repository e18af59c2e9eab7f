import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The shared datasets folder (../shared/datasets from the repo root). */
export const DATASETS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/datasets");

/** One row of the CDNOW calibration summary (weeks, dollars). */
export interface CdnowSummaryRow {
  id: number;
  x: number;
  tx: number;
  T: number;
  zbar: number;
}

/** Read cdnow_customers_summary_with_transactions.csv (2,357 customers, 39-week calibration). */
export function readCdnowSummary(dir = path.join(DATASETS_DIR, "cdnow")): CdnowSummaryRow[] {
  const text = fs.readFileSync(path.join(dir, "cdnow_customers_summary_with_transactions.csv"), "utf8");
  return text.trim().split(/\r?\n/).slice(1).map((line) => {
    const [id, x, tx, T, zbar] = line.split(",").map(Number);
    return { id, x, tx, T, zbar };
  });
}
