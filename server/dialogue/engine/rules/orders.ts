import { createHash } from "node:crypto";
import type { Order } from "../../../storage/index.ts";
import { describeOrder, findEmail, findOrderNumber } from "../../orders.ts";
import type { Rule, RuleContext } from "../rule.ts";
import type { RuleOutcome, TurnFacts } from "../types.ts";

const sha256 = (s: string) => createHash("sha256").update(s.trim().toLowerCase()).digest("hex");

async function describe(ctx: RuleContext, order: Order): Promise<string> {
  const products = new Map((await ctx.shop!.getProducts(order.items.map((i) => i.productId))).map((p) => [p.id, p]));
  return describeOrder(order, (id) => products.get(id), ctx.clock());
}

/** True when the turn is about an order's status. */
function orderTopic(f: TurnFacts, ctx: RuleContext, orderNumber: string | null, email: string | null): boolean {
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
    const say = (text: string, why: string, extra: Partial<RuleOutcome> = {}): RuleOutcome => ({ reply: { text, action: "order_status" }, why, ...extra });
    const customerId = f.ctx.customerId;
    if (customerId) {
      if (orderNumber) {
        const order = await shop.getOrder(orderNumber);
        if (order && order.customerId === customerId) return say(await describe(ctx, order), "verified customer, own order by number");
        return say(`I can't find order ${orderNumber} on your account. Could you check the number? It looks like FF-123456.`, "verified customer, order number not on the account");
      }
      const [latest] = await shop.listCustomerOrders(customerId, 1);
      if (!latest) return say("I can't see any orders on your account yet.", "verified customer without orders");
      return say(`${await describe(ctx, latest)}\n\nIf you meant a different order, just tell me its number.`, "verified customer, latest order");
    }
    const mem = f.memory;
    if (orderNumber && mem.verifiedOrders.includes(orderNumber)) {
      const order = await shop.getOrder(orderNumber);
      if (order) return say(await describe(ctx, order), "anonymous shopper, order verified earlier in this conversation");
    }
    if (mem.verificationFailures >= ctx.policy.maxVerificationAttempts) {
      return {
        reply: { text: "I can't check more orders in this chat. Please sign in to see your orders, or ask for a person from our support team.", action: "order_status", quickReplies: ["Talk to a person"] },
        why: "too many failed order checks",
        bar: { name: "maxVerificationAttempts", value: ctx.policy.maxVerificationAttempts, observed: mem.verificationFailures },
      };
    }
    const pending = { ...mem.pendingOrder };
    if (orderNumber) pending.orderId = orderNumber;
    if (email) pending.emailHash = sha256(email);
    if (pending.orderId && pending.emailHash) {
      const order = await shop.getOrder(pending.orderId);
      // Stay in the check: the next message may carry corrected details.
      if (order && sha256(order.email) === pending.emailHash) {
        return say(await describe(ctx, order), "anonymous shopper verified by order number and e-mail", { memory: { pendingOrder: {}, verifiedOrders: [...mem.verifiedOrders, order.id] } });
      }
      return say(
        "I couldn't match that order number with that e-mail address. Please check both and send them again (the e-mail must be the one used for the order).",
        "anonymous shopper: order number and e-mail do not match (nothing revealed)",
        { memory: { pendingOrder: {}, verificationFailures: mem.verificationFailures + 1 } },
      );
    }
    const memory = { pendingOrder: pending };
    if (pending.orderId) return say(`Thanks! To protect your privacy, what's the e-mail address used for order ${pending.orderId}?`, "anonymous shopper: asked for the e-mail", { memory });
    if (pending.emailHash) return say("Thanks! And the order number? It looks like FF-123456.", "anonymous shopper: asked for the order number", { memory });
    return say("I can look that up. Please send your order number (it looks like FF-123456) and the e-mail address used for the order.", "anonymous shopper: asked for order number and e-mail", { memory });
  },
};
