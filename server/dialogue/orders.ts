import { formatDate, formatDateRange, t, type MessageKey } from "../i18n/index.ts";
import type { Order, Product } from "../storage/index.ts";

const ORDER_NUMBER = /\bFF[-\s]?(\d{6})\b/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** The order number (FF-123456, POLICIES.md O3) in a message, normalised, or null. */
export function findOrderNumber(text: string): string | null {
  const m = ORDER_NUMBER.exec(text);
  return m ? `FF-${m[1]}` : null;
}

/** The first e-mail address in a message, lower-cased, or null. */
export function findEmail(text: string): string | null {
  const m = EMAIL.exec(text);
  return m ? m[0].toLowerCase() : null;
}

/** Business days in transit per shipping method and destination (POLICIES.md S1, S2, S4), with the message key of its description. */
export function transitDays(order: Pick<Order, "shippingMethod" | "shipCountry">): { min: number; max: number; label: MessageKey } {
  if (order.shippingMethod === "express") return { min: 1, max: 2, label: "transit.express" };
  if (order.shippingMethod === "international" || order.shipCountry !== "US") {
    if (order.shipCountry === "CA") return { min: 5, max: 9, label: "transit.canada" };
    return { min: 7, max: 12, label: "transit.international" };
  }
  if (order.shippingMethod === "freight") return { min: 3, max: 5, label: "transit.freight" };
  return { min: 3, max: 5, label: "transit.standard" };
}

/** Add business days (Monday–Friday) to a date. */
export function addBusinessDays(from: Date, days: number): Date {
  const d = new Date(from);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) left--;
  }
  return d;
}

/**
 * The expected delivery window of an order not yet delivered: from its ship date (or, while processing, the next
 * dispatch — same day before 2 p.m. ET on a business day, S6) plus the transit days of its method.
 */
export function expectedDelivery(order: Order, now: Date): { from: Date; to: Date } | null {
  if (order.status !== "processing" && order.status !== "shipped") return null;
  let shipped: Date;
  if (order.shippedAt) shipped = new Date(order.shippedAt);
  else {
    const et = new Date(now.toLocaleString("en-US", { timeZone: "America/New_York" }));
    const business = et.getDay() !== 0 && et.getDay() !== 6;
    shipped = business && et.getHours() < 14 ? now : addBusinessDays(now, 1);
  }
  const t = transitDays(order);
  const from = addBusinessDays(shipped, t.min);
  const to = addBusinessDays(shipped, t.max);
  // A late parcel is still expected: never promise a window that has already passed.
  if (to < now) return { from: now, to: addBusinessDays(now, 2) };
  return { from, to };
}

/** A shopper-facing status line for an order, with items, tracking and the delivery window, in the shopper's language. */
export function describeOrder(order: Order, products: (id: string) => Product | undefined, now: Date, lang = "en"): string {
  const items = order.items.map((i) => `${products(i.productId)?.name ?? i.productId}${i.quantity > 1 ? ` ×${i.quantity}` : ""}`).join(", ");
  const head = t(lang, "order.head", { orderId: order.id, placed: formatDate(lang, order.placedAt), items });
  const method = t(lang, transitDays(order).label);
  const window = () => {
    const w = expectedDelivery(order, now)!;
    return formatDateRange(lang, w.from, w.to);
  };
  switch (order.status) {
    case "processing":
      return t(lang, "order.processing", { head, window: window(), method });
    case "shipped": {
      const shipped = formatDate(lang, order.shippedAt!);
      if (!order.trackingNumber) return t(lang, "order.shipped", { head, shipped, window: window(), method });
      return t(lang, "order.shippedTracked", { head, shipped, carrier: order.carrier ?? t(lang, "order.theCarrier"), trackingNumber: order.trackingNumber, window: window(), method });
    }
    case "delivered": {
      const delivered = formatDate(lang, order.deliveredAt!);
      return order.trackingNumber ? t(lang, "order.deliveredTracked", { head, delivered, trackingNumber: order.trackingNumber }) : t(lang, "order.delivered", { head, delivered });
    }
    case "returned":
      return t(lang, "order.returned", { head, returned: formatDate(lang, order.returnedAt ?? order.placedAt) });
    case "cancelled":
      return t(lang, "order.cancelled", { head, cancelled: formatDate(lang, order.cancelledAt ?? order.placedAt) });
  }
}
