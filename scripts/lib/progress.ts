import cliProgress from "cli-progress";

/** A progress reporter for long script steps; silent when disabled (e.g. `--json` to a pipe). */
export interface Progress {
  /** Advance by `n` units. */
  increment(n?: number): void;
  /** Finish and clear the bar. */
  stop(): void;
}

/** Options for createProgress. */
export interface ProgressOptions {
  /** Label shown before the bar. */
  readonly label: string;
  /** Total units of work. */
  readonly total: number;
  /** Draw nothing when false (default: draw when stderr is a TTY). */
  readonly enabled?: boolean;
}

/**
 * A cli-progress bar on stderr (so stdout stays clean for `--json`).
 * @example const p = createProgress({ label: "embed", total: 100 }); p.increment(10); p.stop();
 */
export function createProgress(options: ProgressOptions): Progress {
  const enabled = options.enabled ?? Boolean(process.stderr.isTTY);
  if (!enabled || options.total <= 0) return { increment() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${options.label.padEnd(28)} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted}`,
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(options.total, 0);
  return {
    increment(n = 1) {
      bar.increment(n);
    },
    stop() {
      bar.stop();
    },
  };
}
