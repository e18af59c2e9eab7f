/** Inputs the customer models read; plain data, built by server/customers from storage. */

/** One order as the customer models see it. Money is integer cents. */
export interface PurchaseRecord {
  orderId: string;
  /** ISO-8601 UTC time the order was placed. */
  placedAt: string;
  status: "processing" | "shipped" | "delivered" | "returned" | "cancelled";
  totalCents: number;
  discountCents: number;
  items: { productId: string; quantity: number; unitPriceCents: number }[];
}

/** One browsing event. */
export interface BehaviourRecord {
  type: "view" | "search" | "cart_add";
  productId: string | null;
  query: string | null;
  at: string;
}

/** Everything known about one customer, as of the data snapshot. */
export interface CustomerHistory {
  customerId: string;
  /** Sign-up time (ISO). */
  createdAt: string;
  orders: PurchaseRecord[];
  events: BehaviourRecord[];
  /** Number of support conversations the customer had. */
  supportContacts: number;
}

/** The catalogue facts recommendations and profiles need. */
export interface CatalogueItem {
  id: string;
  name: string;
  category: string;
  subcategory: string;
  brand: string;
  description: string;
  priceCents: number;
  stock: number;
  consumable: boolean;
  tags: string[];
}

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Days from ISO time `from` to `to` (Date or ISO). */
export function daysBetween(from: string | Date, to: string | Date): number {
  return ((typeof to === "string" ? Date.parse(to) : to.getTime()) - (typeof from === "string" ? Date.parse(from) : from.getTime())) / DAY_MS;
}

/** Orders that count as purchases (not cancelled) placed strictly before `asOf`, oldest first. */
export function purchasesBefore(history: CustomerHistory, asOf: Date): PurchaseRecord[] {
  const t = asOf.getTime();
  return history.orders
    .filter((o) => o.status !== "cancelled" && Date.parse(o.placedAt) < t)
    .sort((a, b) => a.placedAt.localeCompare(b.placedAt));
}

/** Events strictly before `asOf`. */
export function eventsBefore(history: CustomerHistory, asOf: Date): BehaviourRecord[] {
  const t = asOf.getTime();
  return history.events.filter((e) => Date.parse(e.at) < t);
}

/** The history cut at `asOf`: what a model trained at that moment could have seen. */
export function historyAsOf(history: CustomerHistory, asOf: Date): CustomerHistory {
  const t = asOf.getTime();
  return {
    ...history,
    orders: history.orders.filter((o) => Date.parse(o.placedAt) < t),
    events: history.events.filter((e) => Date.parse(e.at) < t),
  };
}
