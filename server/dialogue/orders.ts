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

/** Business days in transit per shipping method and destination (POLICIES.md S1, S2, S4). */
export function transitDays(order: Pick<Order, "shippingMethod" | "shipCountry">): { min: number; max: number; label: string } {
  if (order.shippingMethod === "express") return { min: 1, max: 2, label: "express shipping, 1–2 business days" };
  if (order.shippingMethod === "international" || order.shipCountry !== "US") {
    if (order.shipCountry === "CA") return { min: 5, max: 9, label: "shipping to Canada, 5–9 business days" };
    return { min: 7, max: 12, label: "international shipping, 7–12 business days" };
  }
  if (order.shippingMethod === "freight") return { min: 3, max: 5, label: "freight delivery with a 4-hour window booked by phone" };
  return { min: 3, max: 5, label: "standard shipping, 3–5 business days" };
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

const dateFmt = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "America/New_York" });
const fmt = (iso: string | Date) => dateFmt.format(typeof iso === "string" ? new Date(iso) : iso);

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

/** A shopper-facing status line for an order, with items, tracking and the delivery window. */
export function describeOrder(order: Order, products: (id: string) => Product | undefined, now: Date): string {
  const items = order.items
    .map((i) => `${products(i.productId)?.name ?? i.productId}${i.quantity > 1 ? ` ×${i.quantity}` : ""}`)
    .join(", ");
  const head = `Order ${order.id} (placed ${fmt(order.placedAt)}; ${items})`;
  const t = transitDays(order);
  switch (order.status) {
    case "processing": {
      const w = expectedDelivery(order, now)!;
      return `${head} is being prepared and hasn't shipped yet, so it can still be cancelled or its address changed. Expected delivery: ${fmt(w.from)}–${fmt(w.to)} (${t.label}).`;
    }
    case "shipped": {
      const w = expectedDelivery(order, now)!;
      const track = order.trackingNumber ? ` with ${order.carrier ?? "the carrier"}, tracking number ${order.trackingNumber}` : "";
      return `${head} shipped on ${fmt(order.shippedAt!)}${track}. Expected delivery: ${fmt(w.from)}–${fmt(w.to)} (${t.label}).`;
    }
    case "delivered":
      return `${head} was delivered on ${fmt(order.deliveredAt!)}.${order.trackingNumber ? ` Tracking number: ${order.trackingNumber}.` : ""} If something is wrong with it, I can help with a return or a damaged item.`;
    case "returned":
      return `${head} was returned on ${fmt(order.returnedAt ?? order.placedAt)}. Refunds go back to the original payment method within 5–7 business days after the return arrives at our warehouse.`;
    case "cancelled":
      return `${head} was cancelled on ${fmt(order.cancelledAt ?? order.placedAt)}, before it shipped, free of charge.`;
  }
}
