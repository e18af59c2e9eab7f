import { afterEach, describe, expect, it, vi } from "vitest";
import { createModelRefresher } from "./model-refresh.ts";

const logger = { info: () => undefined, error: () => undefined };

describe("model refresher", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs one refresh at a time: a second request joins the one running", async () => {
    let runs = 0;
    let finish!: () => void;
    const r = createModelRefresher({ train: () => (runs++, new Promise<void>((res) => (finish = res))), everyMinutes: 0, logger });
    expect(r.refresh().running).toBe(true);
    expect(r.refresh().running).toBe(true);
    finish();
    await r.settled();
    expect(runs).toBe(1);
    expect(r.state()).toMatchObject({ running: false, lastError: null, lastTrigger: "on demand" });
  });

  it("keeps the error of a failed refresh (the old models stay in use) and clears it after a good one", async () => {
    let fail = true;
    const r = createModelRefresher({ train: async () => { if (fail) throw new Error("database gone"); }, everyMinutes: 0, logger });
    r.refresh();
    await r.settled();
    expect(r.state().lastError).toBe("database gone");
    fail = false;
    r.refresh();
    await r.settled();
    expect(r.state().lastError).toBeNull();
  });

  it("refreshes on its schedule", async () => {
    vi.useFakeTimers();
    let runs = 0;
    const r = createModelRefresher({ train: async () => void runs++, everyMinutes: 60, logger });
    r.start();
    expect(r.state().nextScheduledAt).not.toBeNull();
    await vi.advanceTimersByTimeAsync(59 * 60_000);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(1);
    expect(r.state().lastTrigger).toBe("schedule");
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(runs).toBe(2);
    await r.stop();
  });

  it("aborts the running refresh when stopped", async () => {
    let aborted = false;
    const r = createModelRefresher({
      train: (signal) => new Promise((_res, rej) => signal.addEventListener("abort", () => ((aborted = true), rej(new Error("stopped"))))),
      everyMinutes: 0,
      logger,
    });
    r.refresh();
    await r.stop();
    expect(aborted).toBe(true);
    expect(r.state().running).toBe(false);
  });
});
