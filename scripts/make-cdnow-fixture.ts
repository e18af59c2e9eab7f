/**
 * Write the synthetic CDNOW-like transaction log the customer-model tests read (test/data/cdnow-synthetic/), drawn
 * from BG/NBD + Gamma-Gamma at the published CDNOW parameters with a fixed seed. The real CDNOW files are not
 * committed (no confirmed licence); `npm run eval:models` reads them from DATASETS_DIR.
 * Usage: npm run fixtures:cdnow [-- --seed 1997] [--customers 1000] [--out test/data/cdnow-synthetic/transactions.txt] [--check] [--json]
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { CDNOW_PUBLISHED, formatCdnowLog, simulateCdnowLike } from "../models/customers/simulate-cdnow.ts";
import { flagBool, flagString, parseArgs } from "./lib/args.ts";

const USAGE = `usage: make-cdnow-fixture [--seed 1997] [--customers 1000] [--out test/data/cdnow-synthetic/transactions.txt] [--check] [--json]
  --check   do not write: exit 1 if the file differs from what the seed produces`;

function main(): void {
  const args = parseArgs(process.argv.slice(2), { valued: ["seed", "customers", "out"], boolean: ["check", "json", "help"] });
  if (flagBool(args, "help")) return void console.log(USAGE);
  const seed = Number(flagString(args, "seed", "1997"));
  const customers = Number(flagString(args, "customers", "1000"));
  const out = flagString(args, "out", "test/data/cdnow-synthetic/transactions.txt");
  if (!Number.isInteger(seed) || !Number.isInteger(customers) || customers < 1) throw new Error(`--seed and --customers must be integers (customers ≥ 1)\n${USAGE}`);
  console.error(`simulating ${customers} customers (seed ${seed})…`);
  const log = simulateCdnowLike({ seed, customers });
  const text = formatCdnowLog(log);
  const result = { out, seed, customers, transactions: log.length, bytes: Buffer.byteLength(text), parameters: CDNOW_PUBLISHED, same: undefined as boolean | undefined };
  if (flagBool(args, "check")) {
    result.same = readFileSync(out, "utf8") === text;
    if (!result.same) process.exitCode = 1;
  } else {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
  }
  if (flagBool(args, "json")) console.log(JSON.stringify(result));
  else console.log(`${result.same === undefined ? "wrote" : result.same ? "unchanged" : "DIFFERS"} ${out}: ${log.length} transactions of ${customers} customers, ${result.bytes} bytes`);
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
