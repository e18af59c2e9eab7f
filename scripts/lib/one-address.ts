/**
 * Server settings for evaluations and benchmarks, which play many shoppers from one address: the per-address
 * budgets that stop one real client from flooding the queue or guessing orders (docs/security.md) would
 * otherwise refuse most of the cases.
 */
export const MANY_SHOPPERS_ONE_ADDRESS: Readonly<Record<string, string>> = Object.freeze({
  RATE_LIMIT_MESSAGES: "10000",
  MAX_SOCKETS_PER_IP: "100000",
  HANDOFFS_PER_IP: "10000",
  ORDER_CHECKS_PER_IP: "10000",
  ORDER_CHECKS_PER_EMAIL: "10000",
});
