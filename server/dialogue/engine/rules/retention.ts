import { formatPrice, t } from "../../../i18n/index.ts";
import { dollars, round3, type Rule } from "../rule.ts";
import { mayMarketTo } from "./consent.ts";

const TRIGGERS = ["cancel_order", "leave_shop", "complaint", "return_refund"];

/**
 * A high-churn-risk, valuable customer who wants to cancel, leave, return or complains gets a retention
 * offer (treatment arm, within the monthly budget); the holdout is recorded as exposed and answered normally.
 */
export const retentionOffer: Rule = {
  name: "retention/offer",
  async decide(f, ctx) {
    const { policy } = ctx;
    const trigger = TRIGGERS.find((l) => f.probability(l) >= policy.retentionTriggerProbability);
    if (!(trigger !== undefined || (f.sentiment.negative && !f.productTalk))) return undefined;
    const customerId = f.ctx.customerId;
    const view = f.customer;
    if (!customerId || !view?.churn || !view.clv || f.memory.retentionOffered || !ctx.experiments || !ctx.spentSince) return undefined;
    const risk = view.churn.risk;
    const clv = view.clv.clvCents;
    if (risk < policy.retentionMinChurnRisk || clv < policy.retentionMinClvCents) return undefined;
    if (!(await mayMarketTo(f, ctx))) {
      // No experiment arm is drawn: a customer without marketing consent is neither offered nor counted as exposed.
      return { pass: true, experiment: { name: "retention", arm: "none", offered: false, reason: "eligible for a retention offer, but the customer has not given marketing consent" } };
    }
    const arm = await ctx.experiments.arm("retention", { customerId, conversationId: f.ctx.conversationId });
    const customer = await ctx.shop?.getCustomer(customerId);
    const offer = (trigger ?? f.intent.label) === "return_refund" && customer && !customer.summitMember
      ? (() => {
          const code = ctx.newCode("RET");
          return {
            kind: "free_return_label", code, valueCents: policy.returnLabelCents, costCents: policy.returnLabelCents,
            text: t(f.language, "retention.freeReturnLabel", { fee: formatPrice(f.language, policy.returnLabelCents), code }),
          };
        })()
      : (() => {
          const raw = Math.round((clv * policy.retentionCouponShare) / 100) * 100;
          const valueCents = Math.min(policy.retentionCouponMaxCents, Math.max(policy.retentionCouponMinCents, raw));
          const code = ctx.newCode("STAY");
          return {
            kind: "coupon", code, valueCents, costCents: valueCents,
            text: t(f.language, "retention.coupon", { amount: formatPrice(f.language, valueCents), code }),
          };
        })();
    const now = ctx.clock();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    const reason = `churn risk ${round3(risk)} >= ${policy.retentionMinChurnRisk}, CLV ${dollars(clv)} >= ${dollars(policy.retentionMinClvCents)}, trigger ${trigger ?? "sentiment"}${f.sentiment.negative ? " / negative sentiment" : ""}`;
    if ((await ctx.spentSince("retention", monthStart)) + offer.costCents > policy.retentionBudgetCentsPerMonth) {
      return { pass: true, experiment: { name: "retention", arm, offered: false, reason: `${reason}; monthly budget used up` } };
    }
    const record = {
      experiment: "retention", arm, conversationId: f.ctx.conversationId, customerId, kind: offer.kind, shown: arm === "treatment",
      code: arm === "treatment" ? offer.code : null, valueCents: offer.valueCents, costCents: arm === "treatment" ? offer.costCents : 0, productIds: [], reason,
    };
    const experiment = { name: "retention", arm, offered: arm === "treatment", reason };
    if (arm !== "treatment") return { pass: true, experiment, memory: { retentionOffered: true }, offer: record };
    return {
      reply: {
        text: `${offer.text}${f.top ? `\n\n${f.top.answer}` : ""}`,
        action: "retention_offer",
        sources: f.top ? [{ id: f.top.id, title: f.top.title }] : undefined,
        quickReplies: (["quick.keepOrder", "quick.continueAnyway", "quick.talkToPerson"] as const).map((k) => t(f.language, k)),
      },
      why: `retention offer (${offer.kind}): ${reason}`,
      bar: { name: "retentionMinChurnRisk", value: policy.retentionMinChurnRisk, observed: round3(risk) },
      experiment,
      memory: { retentionOffered: true },
      offer: record,
    };
  },
};
