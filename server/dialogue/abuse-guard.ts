import type { RateLimiter, RateLimitOptions } from "../cluster/index.ts";
import type { Config } from "../config.ts";
import type { AbuseGuard } from "./engine/index.ts";

/** Handoffs one anonymous conversation may ask for per window (a verified customer is bounded per address only). */
const HANDOFFS_PER_ANONYMOUS_CONVERSATION = 3;

/**
 * The dialogue's budgets across conversations and connections, kept in the cluster's rate-limit store (in memory, or
 * Redis for every instance): anonymous order checks per address, per e-mail and in total; handoffs per address and
 * per anonymous conversation. A check spends a point of every budget it touches.
 * @example const guard = createAbuseGuard({ rateLimiter: cluster.rateLimiter, budgets: config.abuse });
 */
export function createAbuseGuard(options: { rateLimiter: (o: RateLimitOptions) => RateLimiter; budgets: Config["abuse"] }): AbuseGuard {
  const b = options.budgets;
  const make = (points: number, durationS: number, keyPrefix: string) => options.rateLimiter({ points, durationS, keyPrefix });
  const orderPerIp = make(b.orderChecksPerIp, b.orderCheckWindowS, "order-ip");
  const orderPerEmail = make(b.orderChecksPerEmail, b.orderCheckWindowS, "order-email");
  const orderGlobal = make(b.orderChecksGlobal, b.orderCheckWindowS, "order-all");
  const handoffPerIp = make(b.handoffsPerIp, b.handoffWindowS, "handoff-ip");
  const handoffPerConversation = make(HANDOFFS_PER_ANONYMOUS_CONVERSATION, b.handoffWindowS, "handoff-conv");
  const all = async (checks: (Promise<{ ok: boolean }> | undefined)[]) => (await Promise.all(checks)).every((r) => !r || r.ok);
  return {
    orderCheck: ({ client, emailHash }) =>
      all([client ? orderPerIp.consume(client) : undefined, orderPerEmail.consume(emailHash), orderGlobal.consume("all")]),
    handoff: ({ client, conversationId, anonymous }) =>
      all([client ? handoffPerIp.consume(client) : undefined, anonymous ? handoffPerConversation.consume(conversationId) : undefined]),
  };
}
