import type { TurnFacts } from "../types.ts";
import type { RuleContext } from "../rule.ts";

/**
 * Whether the shopper may be shown a campaign offer (an upsell or a retention coupon, both randomised
 * experiments). An anonymous shopper's offer is contextual (no personal data, nobody addressed); a
 * verified customer needs `customers.marketing_consent`. The profiling consent gates the model outputs
 * themselves (server/customers: CLV, churn, segment and personal recommendations are null or generic without it).
 */
export async function mayMarketTo(f: TurnFacts, ctx: RuleContext): Promise<boolean> {
  const customerId = f.ctx.customerId;
  if (!customerId) return true;
  const customer = await ctx.shop?.getCustomer(customerId);
  return customer?.marketingConsent === true;
}
