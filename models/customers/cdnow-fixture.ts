import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { summarizeForLifetimeValue, type LifetimeSummary } from "./lifetime-value.ts";
import { CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, cdnowHistories, parseCdnowLog } from "./simulate-cdnow.ts";
import type { CustomerHistory } from "./types.ts";

/**
 * Test support for the lifetime-value models: the committed synthetic CDNOW-like log (test/data/cdnow-synthetic,
 * written by scripts/make-cdnow-fixture.ts) and, when DATASETS_DIR names a folder holding it, the real CDNOW summary.
 */

/** The committed synthetic transaction log. */
export const SYNTHETIC_CDNOW_FILE = fileURLToPath(new URL("../../test/data/cdnow-synthetic/transactions.txt", import.meta.url));

/** The synthetic cohort: histories, calibration summaries (m in dollars) and repeat purchase days in the holdout. */
export interface SyntheticCdnow {
  histories: CustomerHistory[];
  calibration: LifetimeSummary[];
  holdoutDays: number[];
}

/** Read and summarise the committed synthetic log at the CDNOW calibration end (1997-10-01). */
export function readSyntheticCdnow(file = SYNTHETIC_CDNOW_FILE): SyntheticCdnow {
  const histories = cdnowHistories(parseCdnowLog(fs.readFileSync(file, "utf8")));
  const cal = new Date(`${CDNOW_CALIBRATION_END}T00:00:00Z`);
  const calibration = histories.map((h) => {
    const s = summarizeForLifetimeValue(h, cal);
    if (!s) throw new Error(`${h.customerId} has no purchase before ${CDNOW_CALIBRATION_END}`);
    return { ...s, m: s.m / 100 };
  });
  const holdoutDays = histories.map((h) => new Set(h.orders.filter((o) => o.placedAt >= cal.toISOString() && o.placedAt < CDNOW_HOLDOUT_END).map((o) => o.placedAt.slice(0, 10))).size);
  return { histories, calibration, holdoutDays };
}

/** The folder of the real CDNOW files when DATASETS_DIR is set and holds it, else undefined (tests then skip). */
export function realCdnowDir(env: Record<string, string | undefined> = process.env): string | undefined {
  const dir = env.DATASETS_DIR ? path.join(env.DATASETS_DIR, "cdnow") : undefined;
  return dir && fs.existsSync(path.join(dir, "cdnow_customers_summary_with_transactions.csv")) ? dir : undefined;
}

/** One row of the CDNOW calibration summary (weeks, dollars). */
export interface CdnowSummaryRow {
  id: number;
  x: number;
  tx: number;
  T: number;
  zbar: number;
}

/** Read cdnow_customers_summary_with_transactions.csv (2,357 customers, 39-week calibration) from `dir`. */
export function readCdnowSummary(dir: string): CdnowSummaryRow[] {
  const text = fs.readFileSync(path.join(dir, "cdnow_customers_summary_with_transactions.csv"), "utf8");
  return text.trim().split(/\r?\n/).slice(1).map((line) => {
    const [id, x, tx, T, zbar] = line.split(",").map(Number);
    return { id, x, tx, T, zbar };
  });
}

/**
 * Asymptotic standard errors of log-parameters at a maximum-likelihood fit: the square roots of the diagonal of the
 * inverse of the observed information (minus the Hessian of the log-likelihood in log-parameter space, by central
 * differences). A fit within 3 of them of the generating values is what sampling allows.
 */
export function logParamStandardErrors(logLik: (logParams: number[]) => number, at: number[], h = 1e-3): number[] {
  const n = at.length;
  const f = (d: number[]) => logLik(at.map((v, i) => v + d[i]));
  const info = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const e = (a: number, b: number) => f(at.map((_, k) => (k === i ? a * h : 0) + (k === j ? b * h : 0)));
      const d2 = (e(1, 1) - e(1, -1) - e(-1, 1) + e(-1, -1)) / (4 * h * h);
      info[i][j] = info[j][i] = -d2;
    }
  }
  return invert(info).map((row, i) => Math.sqrt(row[i]));
}

/** Gauss-Jordan inverse of a small symmetric positive-definite matrix. */
function invert(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c];
    if (Math.abs(d) < 1e-12) throw new Error("information matrix is singular");
    for (let k = 0; k < 2 * n; k++) a[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      for (let k = 0; k < 2 * n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((row) => row.slice(n));
}
