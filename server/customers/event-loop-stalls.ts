/** How long the event loop could not run timers while `work` ran (what a chat message would have waited at worst). */
export interface EventLoopStalls {
  /** Wall time of the work, ms. */
  ms: number;
  /** The longest gap between timer ticks beyond the tick interval, ms. */
  maxStallMs: number;
  /** The 99th-percentile gap beyond the interval, ms. */
  p99StallMs: number;
  ticks: number;
}

/**
 * Run `work` while a timer ticks every `intervalMs`, and report how late the ticks came. A tick that never came (the
 * loop was blocked throughout) counts the whole run as one stall.
 * @example const { result, stalls } = await measureEventLoopStalls(() => insights.train());
 */
export async function measureEventLoopStalls<T>(work: () => Promise<T>, intervalMs = 10): Promise<{ result: T; stalls: EventLoopStalls }> {
  const gaps: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(Math.max(0, now - last - intervalMs));
    last = now;
  }, intervalMs);
  const t0 = performance.now();
  try {
    const result = await work();
    const end = performance.now();
    gaps.push(Math.max(0, end - last - intervalMs));
    const sorted = gaps.slice().sort((a, b) => a - b);
    const r = (x: number) => Math.round(x);
    return { result, stalls: { ms: r(end - t0), maxStallMs: r(sorted[sorted.length - 1]), p99StallMs: r(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]), ticks: gaps.length - 1 } };
  } finally {
    clearInterval(timer);
  }
}
