/** Retry timing of webhook deliveries. */
export interface BackoffOptions {
  /** Delay before the 2nd attempt, ms; doubles each attempt. */
  baseMs: number;
  /** The longest delay, ms. */
  maxMs: number;
}

/**
 * The delay before the next attempt after `attempts` failed ones: exponential (base·2^(attempts−1), capped) with
 * "equal jitter" (half fixed, half random), so retries of many deliveries spread out but never come back sooner than
 * half the exponential step (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
export function retryDelayMs(attempts: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
