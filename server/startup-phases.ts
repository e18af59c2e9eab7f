import type { Logger } from "pino";

/** Times the steps of start-up: one structured log line per phase (`{ phase, ms }`), and a summary for the "ready" line. */
export interface StartupPhases {
  /** Run one phase and log how long it took (also when it throws). */
  run<T>(phase: string, fn: () => Promise<T> | T): Promise<T>;
  /** Milliseconds per phase so far, in the order they finished. */
  summary(): Record<string, number>;
}

/**
 * @example const phases = createStartupPhases(logger); const storage = await phases.run("storage", () => openStorage(o));
 */
export function createStartupPhases(logger: Logger): StartupPhases {
  const done: Record<string, number> = {};
  return {
    async run(phase, fn) {
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        const ms = Math.round(performance.now() - t0);
        done[phase] = ms;
        logger.info({ phase, ms }, "start-up phase");
      }
    },
    summary: () => ({ ...done }),
  };
}
