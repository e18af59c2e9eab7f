import type { Logger } from "pino";
import type { LeaderLease } from "../cluster/index.ts";
import type { Storage, TableCount } from "../storage/index.ts";
import { AUDIT_ACTIONS, type AuditSink } from "./audit-log.ts";

const DAY_MS = 86_400_000;

/** One run of the transcript retention job. */
export interface RetentionRun {
  at: string;
  /** Transcripts of conversations idle since before this were purged. */
  cutoff: string;
  retentionDays: number;
  tables: TableCount[];
  ms: number;
}

/** The transcript retention job. */
export interface RetentionJob {
  /** Purge now (any instance; the scheduled runs are the leader's). */
  runNow(): Promise<RetentionRun>;
  /** The last run on this instance, if any. */
  lastRun(): RetentionRun | undefined;
  /** Run once now and then every `intervalMs` (on the leader only); a no-op when retention is off. */
  start(): void;
  stop(): void;
}

/** Options of the retention job. */
export interface RetentionJobOptions {
  storage: Pick<Storage, "privacy">;
  /** TRANSCRIPT_RETENTION_DAYS; 0 keeps transcripts forever. */
  retentionDays: number;
  /** Only the cluster's leader runs the scheduled purge (one instance, not all of them). */
  leader: Pick<LeaderLease, "isLeader">;
  audit?: AuditSink;
  logger?: Pick<Logger, "info" | "error">;
  /** How often the scheduled purge runs (default daily). */
  intervalMs?: number;
  clock?: () => Date;
}

/**
 * Create the transcript retention job: messages (with their decision records), dialogue memory,
 * feedback, notes, transitions and tickets of conversations whose last activity is older than
 * `retentionDays` are deleted (storage/privacy.ts purgeTranscripts), and the counts are logged and audited.
 * @example const job = createRetentionJob({ storage, retentionDays: 365, leader: cluster.leader, audit, logger }); job.start();
 */
export function createRetentionJob(o: RetentionJobOptions): RetentionJob {
  const clock = o.clock ?? (() => new Date());
  let last: RetentionRun | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RetentionRun> | undefined;

  const purge = async (): Promise<RetentionRun> => {
    const t0 = performance.now();
    const now = clock();
    const cutoff = new Date(now.getTime() - o.retentionDays * DAY_MS).toISOString();
    const tables = await o.storage.privacy.purgeTranscripts(cutoff);
    const run: RetentionRun = { at: now.toISOString(), cutoff, retentionDays: o.retentionDays, tables, ms: Math.round(performance.now() - t0) };
    last = run;
    const purged = Object.fromEntries(tables.map((t) => [t.table, t.rows]));
    o.logger?.info({ cutoff, purged, ms: run.ms }, "transcript retention: purged old transcripts");
    await o.audit?.record({ actor: "system:retention", action: AUDIT_ACTIONS.retentionPurge, detail: { cutoff, purged } });
    return run;
  };

  const job: RetentionJob = {
    runNow() {
      if (o.retentionDays <= 0) return Promise.resolve({ at: clock().toISOString(), cutoff: "", retentionDays: 0, tables: [], ms: 0 });
      // One purge at a time on this instance; a second caller shares the running one.
      running ??= purge().finally(() => {
        running = undefined;
      });
      return running;
    },
    lastRun: () => last,
    start() {
      if (o.retentionDays <= 0 || timer) return;
      const tick = () => {
        if (!o.leader.isLeader()) return;
        job.runNow().catch((err) => o.logger?.error({ err }, "transcript retention failed; retrying at the next run"));
      };
      tick();
      timer = setInterval(tick, o.intervalMs ?? DAY_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
  return job;
}

/**
 * The retention period in words for the assistant's answers, from TRANSCRIPT_RETENTION_DAYS: months
 * when the days are close to whole months (never fewer days than the months say), otherwise days.
 * @example describeRetention(365, "en") // "12 months"; describeRetention(90, "es") // "3 meses"; describeRetention(45, "en") // "45 days"
 */
export function describeRetention(days: number, lang = "en"): string {
  const words: Record<string, { day: [string, string]; month: [string, string]; forever: string }> = {
    en: { day: ["day", "days"], month: ["month", "months"], forever: "as long as your account exists" },
    es: { day: ["día", "días"], month: ["mes", "meses"], forever: "todo el tiempo que exista tu cuenta" },
  };
  const w = words[lang] ?? words.en;
  if (days <= 0) return w.forever;
  const months = Math.round(days / (365 / 12));
  const plural = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;
  // Months only when they are never shorter than the real period (a shopper is told at least as long
  // as transcripts are kept) and at most half a day per month longer (90 days reads "3 months").
  const over = months * (365 / 12) - days;
  if (months >= 1 && over >= -0.01 && over <= 0.5 + months * 0.5) return plural(months, w.month);
  return plural(days, w.day);
}
