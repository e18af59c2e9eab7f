import { toMessageFrame } from "../dialogue/index.ts";
import { AppError } from "../errors.ts";
import type { ConversationDetail, CustomerSidebar, ProductCard, TranscriptMessage } from "../protocol.ts";
import type { AuditSink } from "../privacy/audit-log.ts";
import type { ConversationStore, HandoffStore, Product } from "../storage/index.ts";
import type { HandoffShop, InsightsSource } from "./deps.ts";
import type { Notes } from "./notes.ts";
import type { QueueViews } from "./queue-views.ts";

/** What the console shows for one conversation: transcript with the bot's decisions, notes, transitions, the customer sidebar. */
export interface ConsoleViews {
  /** The conversation as an agent sees it; a verified customer's sidebar is recorded in the audit log as read by `agentId`. */
  detail(conversationId: string, agentId?: string): Promise<ConversationDetail>;
}

/** Create the console views. */
export function createConsoleViews(o: {
  store: HandoffStore;
  conversations: ConversationStore;
  views: QueueViews;
  notes: Notes;
  shop: HandoffShop;
  insights?: () => InsightsSource | undefined;
  productCard: (p: Product) => ProductCard;
  audit?: AuditSink;
}): ConsoleViews {
  async function sidebar(customerId: string | null): Promise<CustomerSidebar> {
    const empty: CustomerSidebar = { customer: null, profile: null, segment: null, stage: null, clv: null, churn: null, orders: [], recommendations: [], notes: [] };
    if (!customerId) return { ...empty, notes: ["Anonymous shopper: no verified account, so no account data."] };
    const c = await o.shop.getCustomer(customerId);
    if (!c) return { ...empty, notes: [`Customer ${customerId} is not in the shop database.`] };
    const out: CustomerSidebar = {
      ...empty,
      customer: { id: c.id, name: c.name, email: c.email, country: c.country, memberSince: c.createdAt, summitMember: c.summitMember },
      orders: (await o.shop.listCustomerOrders(c.id, 5)).map((x) => ({
        id: x.id, placedAt: x.placedAt, status: x.status, totalCents: x.totalCents, carrier: x.carrier, trackingNumber: x.trackingNumber,
        items: x.items.reduce((n, i) => n + i.quantity, 0),
      })),
      notes: [],
    };
    const insights = o.insights?.();
    if (!insights) {
      out.notes.push("Customer models are not loaded: no segment, CLV, churn risk or recommendations.");
      return out;
    }
    try {
      const ins = await insights.getInsights(c.id, { k: 4 });
      if (!ins.profilingConsent) out.notes.push("The customer has not consented to profiling.");
      if (ins.profile) out.profile = { orders: ins.profile.orders, monetaryCents: ins.profile.monetaryCents, averageOrderValueCents: ins.profile.averageOrderValueCents, recencyDays: ins.profile.recencyDays };
      out.segment = ins.segment?.name ?? null;
      out.stage = ins.stage ?? null;
      if (ins.clv) out.clv = { clvCents: ins.clv.clvCents, probabilityAlive: ins.clv.probabilityAlive, horizonMonths: ins.clv.horizonMonths };
      if (ins.churn) out.churn = { risk: ins.churn.risk, reasons: ins.churn.reasons.map((r) => ({ text: r.text, direction: r.direction })) };
      const products = new Map((await o.shop.getProducts(ins.recommendations.map((r) => r.productId))).map((p) => [p.id, p]));
      for (const r of ins.recommendations) {
        const p = products.get(r.productId);
        if (p) out.recommendations.push({ ...o.productCard(p), reason: r.reason });
      }
    } catch (err) {
      out.notes.push(`Customer insights unavailable: ${(err as Error).message}`);
    }
    return out;
  }

  return {
    async detail(conversationId, agentId) {
      const conv = await o.conversations.get(conversationId);
      if (!conv) throw new AppError("CHAT_ERR_NOT_FOUND", "No such conversation.");
      if (conv.customerId && o.audit) {
        await o.audit.record({ actor: agentId ? `agent:${agentId}` : "system", action: "sidebar.read", subject: conv.customerId, conversationId });
      }
      const transcript: TranscriptMessage[] = [];
      for (let after = 0; ; ) {
        const batch = await o.conversations.messagesAfter(conversationId, after, 1000);
        for (const m of batch) {
          const p = m.payload as { decision?: Record<string, unknown>; agentId?: string };
          const t: TranscriptMessage = toMessageFrame(m);
          if (p.decision) t.decision = p.decision;
          if (p.agentId) t.agentId = p.agentId;
          transcript.push(t);
        }
        if (batch.length < 1000) break;
        after = batch[batch.length - 1].seq;
      }
      const open = await o.store.getOpen(conversationId);
      return {
        conversationId,
        state: conv.state,
        ...(conv.locale ? { locale: conv.locale } : {}),
        language: conv.language ?? "en",
        entry: open ? await o.views.entryView(open) : null,
        transcript,
        notes: await o.notes.list(conversationId),
        transitions: (await o.store.transitions(conversationId)).map(({ conversationId: _c, ...t }) => t),
        sidebar: await sidebar(conv.customerId),
        csat: (await o.store.conversationRating(conversationId)) ?? null,
      };
    },
  };
}
