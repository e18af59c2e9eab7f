/**
 * Privacy operations from the command line (docs/privacy.md). Reads DATA_DIR / DATABASE_URL / DATABASE_KEY
 * like the server. On a running server prefer the API (/api/privacy/...): it also clears the server's
 * in-memory caches; the CLI works on the database and DATA_DIR only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig, type Config } from "../server/config.ts";
import { benchErase } from "../server/privacy/erase-bench.ts";
import { createAuditLog, createCustomerDataService, createRetentionJob, findFileTraces, verifyReceipt } from "../server/privacy/index.ts";
import { describeDatabase, findTraces, listCatalogueTables, openStorage, rekeySqliteDatabase, storageOptionsFor, type Storage } from "../server/storage/index.ts";
import { flagBool, flagString, parseArgs, type ParsedArgs } from "./lib/index.ts";

const HELP = `npm run privacy -- <command> [flags]

  export  --customer C00042 [--out file.json]        everything held about a customer, one JSON document
  erase   --customer C00042 --yes [--reason "ref"]   erase (anonymise orders, delete the rest); prints the signed receipt
  verify  --receipt receipt.json [--customer C00042] check a receipt's signature (and that it is that customer's)
  audit   [--customer C00042] [--actor a] [--action a] [--limit 50]   who read or changed a customer's data
  retention                                          purge transcripts older than TRANSCRIPT_RETENTION_DAYS now
  search  --text "a,b,c"                             every table (from the catalogue) and DATA_DIR file holding these strings
  rekey   --new-key-env NAME | --decrypt             change DATABASE_KEY of the SQLite file (stop the server first)
  bench   [--conversations 100] [--messages 10] [--events 500] [--bystanders 50]   time one erasure on a fresh SQLite file

Flags: --json (machine-readable output), --data-dir d, --help`;

const VALUED = ["customer", "out", "reason", "receipt", "actor", "action", "limit", "text", "new-key-env", "data-dir", "conversations", "messages", "events", "bystanders"];

function required(args: ParsedArgs, name: string): string {
  const v = flagString(args, name);
  if (!v) throw new Error(`--${name} is required (npm run privacy -- --help)`);
  return v;
}

function actor(): string {
  return `cli:${os.userInfo().username}`;
}

async function withStorage<T>(config: Config, fn: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage(storageOptionsFor(config.database));
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

async function main() {
  const argv = process.argv.slice(2);
  if (!argv.length || argv.includes("--help")) return console.log(HELP);
  const [command, ...rest] = argv;
  const args = parseArgs(rest, { valued: VALUED, boolean: ["json", "yes", "decrypt"] });
  const json = flagBool(args, "json");
  const dataDir = flagString(args, "data-dir");
  const config = loadConfig(process.env, dataDir ? [`--data-dir=${dataDir}`] : []);
  const print = (value: unknown, text: () => string) => console.log(json ? JSON.stringify(value, null, 2) : text());
  const dataService = (storage: Storage) => createCustomerDataService({ storage, receiptSecret: config.privacy.receiptSecret, dataDir: config.dataDir });

  switch (command) {
    case "export": {
      const id = required(args, "customer");
      const doc = await withStorage(config, (s) => dataService(s).exportCustomer(id, actor()));
      const out = flagString(args, "out");
      if (out) {
        fs.writeFileSync(out, JSON.stringify(doc, null, 2));
        const rows = Object.values(doc.tables).reduce((n, r) => n + r.length, 0);
        return print({ file: out, rows }, () => `wrote ${rows} rows about ${id} to ${out}`);
      }
      return console.log(JSON.stringify(doc, null, 2));
    }
    case "erase": {
      const id = required(args, "customer");
      if (!flagBool(args, "yes")) throw new Error(`erasing ${id} cannot be undone: add --yes (and consider \`export\` first)`);
      const result = await withStorage(config, (s) => dataService(s).eraseCustomer(id, actor(), { reason: flagString(args, "reason") }));
      const r = result.receipt;
      return print(result, () =>
        [
          `erased ${id} from ${describeDatabase(config.database)} in ${r.durationMs} ms; orders kept as ${r.pseudonym}`,
          ...r.tables.map((t) => `  ${t.table.padEnd(24)} ${t.action.padEnd(14)} ${t.rows}`),
          ...r.files.map((f) => `  file ${f.name}: ${f.action}`),
          "  in-memory caches of a running server are not cleared from the CLI (use the API, or restart it)",
          `receipt ${r.id} (signed; keep it with the customer id, which it names only by a keyed hash):`,
          JSON.stringify(r),
        ].join("\n"),
      );
    }
    case "verify": {
      const receipt = JSON.parse(fs.readFileSync(required(args, "receipt"), "utf8")) as { receipt?: unknown };
      const verdict = verifyReceipt(config.privacy.receiptSecret, receipt.receipt ?? receipt, flagString(args, "customer"));
      print(verdict, () => (verdict.valid ? `valid${verdict.subjectMatches === undefined ? "" : verdict.subjectMatches ? ", about this customer" : `, but ${verdict.reason}`}` : `NOT valid: ${verdict.reason}`));
      if (!verdict.valid || verdict.subjectMatches === false) process.exitCode = 2;
      return;
    }
    case "audit": {
      const entries = await withStorage(config, (s) =>
        createAuditLog(s.audit).list({ subject: flagString(args, "customer"), actor: flagString(args, "actor"), action: flagString(args, "action"), limit: Number(flagString(args, "limit", "50")) }),
      );
      return print(entries, () => entries.map((e) => `${e.at}  ${e.actor.padEnd(22)} ${e.action.padEnd(16)} ${e.subject ?? "-"} ${e.conversationId ?? ""} ${JSON.stringify(e.detail)}`).join("\n") || "no entries");
    }
    case "retention": {
      const run = await withStorage(config, (s) =>
        createRetentionJob({ storage: s, retentionDays: config.privacy.transcriptRetentionDays, leader: { isLeader: () => true }, audit: createAuditLog(s.audit) }).runNow(),
      );
      return print(run, () => (run.retentionDays ? `purged transcripts idle since before ${run.cutoff} (${run.ms} ms): ${run.tables.map((t) => `${t.table} ${t.rows}`).join(", ")}` : "TRANSCRIPT_RETENTION_DAYS=0: transcripts are kept"));
    }
    case "search": {
      const needles = required(args, "text").split(",").map((s) => s.trim()).filter(Boolean);
      const result = await withStorage(config, async (s) => {
        const tables = await listCatalogueTables(s.driver);
        return { tables: tables.length, columns: tables.reduce((n, t) => n + t.columns.length, 0), hits: await findTraces(s.driver, needles), files: findFileTraces(config.dataDir, needles) };
      });
      print(result, () =>
        [
          `searched ${result.tables} tables (${result.columns} columns) of ${describeDatabase(config.database)} and the files under ${config.dataDir}`,
          ...result.hits.map((h) => `  table ${h.table}.${h.column}: ${h.rows} rows hold ${JSON.stringify(h.needle)}`),
          ...result.files.map((f) => `  file ${f.file} holds ${JSON.stringify(f.needle)}`),
          result.hits.length || result.files.length ? "" : "  no trace",
        ].join("\n"),
      );
      if (result.hits.length || result.files.length) process.exitCode = 3;
      return;
    }
    case "rekey": {
      const db = config.database;
      if (db.kind !== "sqlite") throw new Error("rekey is for the SQLite file; PostgreSQL encryption is the server's (docs/privacy.md)");
      const envName = flagString(args, "new-key-env");
      if (!envName && !flagBool(args, "decrypt")) throw new Error("give --new-key-env NAME (the new key is read from that variable, never from the command line) or --decrypt");
      const newKey = envName ? process.env[envName] : "";
      if (envName && (!newKey || newKey.length < 12)) throw new Error(`${envName} must hold the new key (at least 12 characters)`);
      const r = rekeySqliteDatabase(db.path, { oldKey: db.key, newKey });
      return print(r, () => (r.encrypted ? `${db.path} now opens with the key in ${envName}: set DATABASE_KEY to it before starting the server` : `${db.path} is no longer encrypted: unset DATABASE_KEY`));
    }
    case "bench": {
      const n = (name: string, d: number) => Number(flagString(args, name, String(d)));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-erase-bench-"));
      try {
        const storage = await openStorage({ sqlitePath: path.join(dir, "shop.db") });
        try {
          const shape = { conversations: n("conversations", 100), messagesEach: n("messages", 10), events: n("events", 500), bystanders: n("bystanders", 50) };
          const r = await benchErase(storage, shape);
          return print({ ...shape, ...r }, () => `customer with ${r.rows} rows (${shape.conversations} conversations x ${shape.messagesEach} messages, ${shape.events} events) among ${shape.bystanders} others: export ${r.exportMs} ms, erase ${r.ms} ms (${r.rowsChanged} rows changed)`);
        } finally {
          await storage.close();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    default:
      throw new Error(`unknown command ${JSON.stringify(command)}\n\n${HELP}`);
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
