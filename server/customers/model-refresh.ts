/** Retrains the customer models on a schedule and on demand while the server keeps answering. */

/** A minimal logger (pino-compatible). */
interface RefreshLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What the refresher reports (GET /api/models/status `refresh`). */
export interface ModelRefreshState {
  /** Minutes between scheduled refreshes (0 = only on demand). */
  everyMinutes: number;
  running: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastError: string | null;
  /** Why the last refresh ran: "schedule", "on demand" or "start". */
  lastTrigger: string | null;
  nextScheduledAt: string | null;
}

/** Options of {@link createModelRefresher}. */
export interface ModelRefresherOptions {
  /** Train and switch to the new models (e.g. `() => insights.train()`); single-flight is handled here. `signal` aborts on stop. */
  train: (signal: AbortSignal) => Promise<unknown>;
  everyMinutes: number;
  logger: RefreshLogger;
  clock?: () => Date;
}

/** Scheduled and on-demand retraining. */
export interface ModelRefresher {
  /** Start a refresh in the background (or join the one running); returns the state at once. */
  refresh(trigger?: string): ModelRefreshState;
  /** Resolves when the refresh in progress (if any) ends. */
  settled(): Promise<void>;
  state(): ModelRefreshState;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Create the model refresher. A running server keeps its loaded models until the new artifact is saved, then switches
 * (server/customers/customer-insights.ts reloads it), so chats never wait for training.
 * @example const refresher = createModelRefresher({ train: () => insights.train(), everyMinutes: 1440, logger }); refresher.start();
 */
export function createModelRefresher(options: ModelRefresherOptions): ModelRefresher {
  const now = options.clock ?? (() => new Date());
  const everyMs = options.everyMinutes * 60_000;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let abort: AbortController | undefined;
  const state: ModelRefreshState = {
    everyMinutes: options.everyMinutes, running: false, lastStartedAt: null, lastFinishedAt: null, lastError: null, lastTrigger: null, nextScheduledAt: null,
  };
  const schedule = () => {
    if (!everyMs) return;
    clearTimeout(timer);
    state.nextScheduledAt = new Date(now().getTime() + everyMs).toISOString();
    timer = setTimeout(() => refresher.refresh("schedule"), everyMs);
    timer.unref();
  };
  const refresher: ModelRefresher = {
    refresh(trigger = "on demand") {
      if (current) return { ...state };
      state.running = true;
      state.lastStartedAt = now().toISOString();
      state.lastTrigger = trigger;
      const started = Date.now();
      abort = new AbortController();
      const signal = abort.signal;
      current = options
        .train(signal)
        .then(() => {
          state.lastError = null;
          options.logger.info({ ms: Date.now() - started, trigger }, "customer models refreshed");
        })
        .catch((err: unknown) => {
          state.lastError = (err as Error).message;
          if (signal.aborted) return void options.logger.info({ trigger }, "customer model refresh stopped (server shutting down)");
          options.logger.error({ err, trigger }, "customer model refresh failed; the previous models stay in use");
        })
        .finally(() => {
          state.running = false;
          state.lastFinishedAt = now().toISOString();
          current = undefined;
          if (timer) schedule();
        });
      return { ...state };
    },
    settled: async () => {
      await current;
    },
    state: () => ({ ...state }),
    start() {
      if (everyMs && !timer) schedule();
    },
    async stop() {
      abort?.abort();
      clearTimeout(timer);
      timer = undefined;
      state.nextScheduledAt = null;
      await current;
    },
  };
  return refresher;
}
