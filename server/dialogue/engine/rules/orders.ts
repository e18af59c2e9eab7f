import { createHash } from "node:crypto";
import type { Order } from "../../../storage/index.ts";
import { t } from "../../../i18n/index.ts";
import { describeOrder, findEmail, findOrderNumber } from "../../orders.ts";
import { questionType } from "../../question-type.ts";
import type { Rule, RuleContext } from "../rule.ts";
import type { RuleOutcome, TurnFacts } from "../types.ts";

const sha256 = (s: string) => createHash("sha256").update(s.trim().toLowerCase()).digest("hex");

async function describe(ctx: RuleContext, order: Order, lang: string): Promise<string> {
  const products = new Map((await ctx.shop!.getProducts(order.items.map((i) => i.productId))).map((p) => [p.id, p]));
  return describeOrder(order, (id) => products.get(id), ctx.clock(), lang);
}

/** Question types that ask about a policy ("can the delivery go to my new address?") rather than where an order is. */
const POLICY_TYPES = new Set(["yes-no", "how-to", "which", "overview", "cost"]);

/** True when the turn is about an order's status. */
function orderTopic(f: TurnFacts, ctx: RuleContext, orderNumber: string | null, email: string | null): boolean {
  // An anonymous shopper's policy question about orders, which the knowledge answers confidently, gets that answer
  // rather than a request for an order number and e-mail (a verified customer sees their order, which answers it too).
  const policyQuestion =
    !f.ctx.customerId && !orderNumber && !email && !f.memory.pendingOrder && POLICY_TYPES.has(questionType(f.text)) && f.retrieval.confidence >= ctx.policy.answerMinConfidence;
  if (policyQuestion) return false;
  return (
    f.sure("order_status") ||
    (!!f.memory.pendingOrder && (orderNumber !== null || email !== null)) ||
    (orderNumber !== null && !f.sure("cancel_order") && !f.sure("return_refund")) ||
    (!!f.ctx.customerId && f.probability("order_status") >= ctx.policy.orderComplaintProbability && f.complaint)
  );
}

/**
 * Order status. A verified customer sees their own orders; an anonymous shopper must give the order
 * number and the order's e-mail, which must match before anything is told (a mismatch reveals nothing).
 */
export const orderStatus: Rule = {
  name: "orders/status",
  async decide(f, ctx) {
    if (!ctx.shop) return undefined;
    const orderNumber = findOrderNumber(f.text);
    const email = f.ctx.rawText ? findEmail(f.ctx.rawText) : null;
    if (!orderTopic(f, ctx, orderNumber, email)) return undefined;
    const shop = ctx.shop;
    const lang = f.language;
    const say = (text: string, why: string, extra: Partial<RuleOutcome> = {}): RuleOutcome => ({ reply: { text, action: "order_status" }, why, ...extra });
    const customerId = f.ctx.customerId;
    if (customerId) {
      if (orderNumber) {
        const order = await shop.getOrder(orderNumber);
        if (order && order.customerId === customerId) return say(await describe(ctx, order, lang), "verified customer, own order by number");
        return say(t(lang, "order.notOnAccount", { orderId: orderNumber }), "verified customer, order number not on the account");
      }
      const [latest] = await shop.listCustomerOrders(customerId, 1);
      if (!latest) return say(t(lang, "order.noOrders"), "verified customer without orders");
      return say(`${await describe(ctx, latest, lang)}\n\n${t(lang, "order.differentOrder")}`, "verified customer, latest order");
    }
    const mem = f.memory;
    if (orderNumber && mem.verifiedOrders.includes(orderNumber)) {
      const order = await shop.getOrder(orderNumber);
      if (order) return say(await describe(ctx, order, lang), "anonymous shopper, order verified earlier in this conversation");
    }
    if (mem.verificationFailures >= ctx.policy.maxVerificationAttempts) {
      return {
        reply: { text: t(lang, "order.tooManyChecks"), action: "order_status", quickReplies: [t(lang, "quick.talkToPerson")] },
        why: "too many failed order checks",
        bar: { name: "maxVerificationAttempts", value: ctx.policy.maxVerificationAttempts, observed: mem.verificationFailures },
      };
    }
    const pending = { ...mem.pendingOrder };
    if (orderNumber) pending.orderId = orderNumber;
    if (email) pending.emailHash = sha256(email);
    if (pending.orderId && pending.emailHash) {
      // Across conversations too: a new chat (or many) must not reset the number of guesses.
      if (ctx.guard && !(await ctx.guard.orderCheck({ client: f.ctx.client, emailHash: pending.emailHash }))) {
        return {
          reply: { text: t(lang, "order.tooManyChecks"), action: "order_status", quickReplies: [t(lang, "quick.talkToPerson")] },
          why: "order-check budget spent (per address, per e-mail or in total)",
          memory: { pendingOrder: {} },
        };
      }
      const order = await shop.getOrder(pending.orderId);
      // Stay in the check: the next message may carry corrected details.
      if (order && sha256(order.email) === pending.emailHash) {
        return say(await describe(ctx, order, lang), "anonymous shopper verified by order number and e-mail", { memory: { pendingOrder: {}, verifiedOrders: [...mem.verifiedOrders, order.id] } });
      }
      return say(
        t(lang, "order.mismatch"),
        "anonymous shopper: order number and e-mail do not match (nothing revealed)",
        { memory: { pendingOrder: {}, verificationFailures: mem.verificationFailures + 1 } },
      );
    }
    const memory = { pendingOrder: pending };
    if (pending.orderId) return say(t(lang, "order.askEmail", { orderId: pending.orderId }), "anonymous shopper: asked for the e-mail", { memory });
    if (pending.emailHash) return say(t(lang, "order.askNumber"), "anonymous shopper: asked for the order number", { memory });
    return say(t(lang, "order.askBoth"), "anonymous shopper: asked for order number and e-mail", { memory });
  },
};
