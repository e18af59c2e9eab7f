import type express from "express";
import { z } from "zod";
import type { ConversationStore, DialogueStore, ShopRepository } from "../storage/index.ts";
import { experimentUplift, toMessageFrame } from "../dialogue/index.ts";
import { AppError } from "../errors.ts";

/** What the admin/agent API reads. */
export interface ApiDependencies {
  shop: ShopRepository;
  conversations: ConversationStore;
  dialogue: DialogueStore;
  /** Customer insights (server/customers); absent for a shop without data. */
  insights?: { getInsights(id: string, options?: { k?: number }): Promise<unknown>; status(): unknown };
  conversionWindowDays: number;
  /** Where profile reads are recorded (docs/privacy.md, audit log); the actor is `res.locals.actor` or `admin-token`. */
  audit?: { record(entry: { actor: string; action: string; subject: string }): Promise<void> };
  /** Offers with codes shown and redeemed in ingested orders, per arm (coupon attribution; docs/ingest.md). */
  redemptions?: (experiment: string, fromIso: string, toIso: string) => Promise<{ arm: string; shown: number; redeemed: number }[]>;
}

const UpliftQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  windowDays: z.coerce.number().int().min(1).max(365).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("CHAT_ERR_VALIDATION", r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return r.data;
}

/** Mount the authenticated read API: customer insights, conversation transcripts with decision trails, experiment uplift. */
export function mountApiRoutes(router: express.Router, deps: ApiDependencies): void {
  router.get("/customers/:id/profile", async (req, res) => {
    const customer = await deps.shop.getCustomer(req.params.id);
    if (!customer) throw new AppError("CHAT_ERR_NOT_FOUND", `No customer ${req.params.id}.`);
    await deps.audit?.record({ actor: (res.locals.actor as string | undefined) ?? "admin-token", action: "profile.read", subject: customer.id });
    const insights = deps.insights;
    if (!insights) throw new AppError("CHAT_ERR_NOT_READY", "Customer models are not trained yet.");
    const k = req.query.k === undefined ? 5 : parse(z.coerce.number().int().min(0).max(50), req.query.k);
    const result = await insights.getInsights(customer.id, { k });
    const orders = (await deps.shop.listCustomerOrders(customer.id, 5)).map((o) => ({ id: o.id, placedAt: o.placedAt, status: o.status, totalCents: o.totalCents, trackingNumber: o.trackingNumber }));
    res.json({ customer: { id: customer.id, name: customer.name, createdAt: customer.createdAt, summitMember: customer.summitMember }, ...(result as object), recentOrders: orders });
  });

  router.get("/conversations/:id", async (req, res) => {
    const conv = await deps.conversations.get(req.params.id);
    if (!conv) throw new AppError("CHAT_ERR_NOT_FOUND", `No conversation ${req.params.id}.`);
    const messages = await deps.conversations.messagesAfter(conv.id, 0, 10_000);
    res.json({
      conversation: { id: conv.id, customerId: conv.customerId, state: conv.state, createdAt: conv.createdAt, updatedAt: conv.updatedAt },
      messages: messages.map((m) => ({ ...toMessageFrame(m), decision: m.payload.decision })),
      offers: await deps.dialogue.listOffers({ conversationId: conv.id }),
    });
  });

  router.get("/conversations/:id/decisions", async (req, res) => {
    const conv = await deps.conversations.get(req.params.id);
    if (!conv) throw new AppError("CHAT_ERR_NOT_FOUND", `No conversation ${req.params.id}.`);
    const decisions = (await deps.conversations.messagesAfter(conv.id, 0, 10_000))
      .filter((m) => m.sender === "bot" && m.payload.decision)
      .map((m) => ({ seq: m.seq, replyTo: m.replyTo, action: m.action, decision: m.payload.decision }));
    res.json({ conversationId: conv.id, decisions });
  });

  router.get("/experiments/:name/uplift", async (req, res) => {
    const name = parse(z.enum(["upsell", "retention"]), req.params.name);
    const q = parse(UpliftQuery, req.query);
    const to = q.to ?? new Date().toISOString();
    const from = q.from ?? new Date(Date.parse(to) - 90 * 86_400_000).toISOString();
    const uplift = await experimentUplift(deps.dialogue, name, { from, to, windowDays: q.windowDays ?? deps.conversionWindowDays });
    res.json(deps.redemptions ? { ...uplift, codeRedemptions: await deps.redemptions(name, from, to) } : uplift);
  });

  router.get("/models/status", (_req, res) => {
    res.json({ customers: deps.insights?.status() ?? null });
  });
}
