import { daysBetween, eventsBefore, purchasesBefore, type CatalogueItem, type CustomerHistory } from "./types.ts";

/** Weights of each signal in a customer's category interest (a purchase says more than a view). */
const INTEREST_WEIGHTS = { purchase: 3, cart_add: 1.5, view: 0.5, search: 1 } as const;

/** Interest in one category. */
export interface CategoryInterest {
  category: string;
  /** Share of the customer's weighted interest, 0..1. */
  share: number;
  purchases: number;
  views: number;
  searches: number;
}

/** How strongly a customer responds to discounts. */
export interface DiscountSensitivity {
  /** Share of orders with a discount. */
  discountedOrderShare: number;
  /** Mean discount as a share of subtotal over all orders. */
  averageDiscountShare: number;
  level: "low" | "medium" | "high";
}

/** A customer's profile as of a moment. Money is in cents; times in days. */
export interface CustomerProfile {
  customerId: string;
  asOf: string;
  orders: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  /** Days since the last order (null without orders). */
  recencyDays: number | null;
  /** Days since sign-up. */
  tenureDays: number;
  /** Net spend (not cancelled, not returned), cents. */
  monetaryCents: number;
  averageOrderValueCents: number;
  /** Share of orders returned. */
  returnRate: number;
  categories: CategoryInterest[];
  /** Top interest terms from searches and from the subcategories and tags of purchased and viewed products. */
  interests: string[];
  discountSensitivity: DiscountSensitivity;
  supportContacts: number;
  /** Median days between purchase occasions (null with fewer than two). */
  medianGapDays: number | null;
  spendLast180Cents: number;
  spendPrior180Cents: number;
  summary: string;
}

const STOP = new Set(["the", "a", "an", "for", "and", "or", "of", "in", "on", "with", "to", "my", "me", "i", "is", "best", "good", "size"]);

function tokens(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9æøåäöü]+/).filter((t) => t.length > 2 && !STOP.has(t));
}

/** Map search words to categories via the catalogue's category, subcategory and tag words. */
function searchCategoryIndex(catalogue: ReadonlyMap<string, CatalogueItem>): Map<string, Map<string, number>> {
  const idx = new Map<string, Map<string, number>>();
  for (const p of catalogue.values()) {
    for (const t of new Set(tokens(`${p.category} ${p.subcategory} ${p.tags.join(" ")} ${p.name}`))) {
      const m = idx.get(t) ?? new Map<string, number>();
      m.set(p.category, (m.get(p.category) ?? 0) + 1);
      idx.set(t, m);
    }
  }
  return idx;
}

/** The catalogue plus a search-word index, built once per catalogue and reused for every profile. */
export interface ProfileContext {
  catalogue: ReadonlyMap<string, CatalogueItem>;
  searchIndex: Map<string, Map<string, number>>;
}

/** Prepare the catalogue for {@link buildProfile}. */
export function createProfileContext(catalogue: ReadonlyMap<string, CatalogueItem>): ProfileContext {
  return { catalogue, searchIndex: searchCategoryIndex(catalogue) };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = xs.slice().sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function money(cents: number): string {
  return `$${(cents / 100).toFixed(cents >= 10000 ? 0 : 2)}`;
}

/**
 * Build a customer's profile from their orders and behaviour events up to `asOf`.
 * @example buildProfile(history, createProfileContext(catalogueById), new Date("2026-11-28T00:00:00Z")).summary
 */
export function buildProfile(history: CustomerHistory, context: ProfileContext, asOf: Date): CustomerProfile {
  const { catalogue, searchIndex: index } = context;
  const orders = purchasesBefore(history, asOf);
  const events = eventsBefore(history, asOf);
  const kept = orders.filter((o) => o.status !== "returned");
  const monetary = kept.reduce((s, o) => s + o.totalCents, 0);
  const returned = orders.length - kept.length;
  const last = orders.length ? orders[orders.length - 1].placedAt : null;
  const first = orders.length ? orders[0].placedAt : null;

  const days = [...new Set(orders.map((o) => o.placedAt.slice(0, 10)))].sort();
  const gaps: number[] = [];
  for (let i = 1; i < days.length; i++) gaps.push(daysBetween(days[i - 1] + "T00:00:00Z", days[i] + "T00:00:00Z"));

  let last180 = 0;
  let prior180 = 0;
  for (const o of kept) {
    const age = daysBetween(o.placedAt, asOf);
    if (age <= 180) last180 += o.totalCents;
    else if (age <= 360) prior180 += o.totalCents;
  }

  // Category interest: weighted purchases, cart adds, views and searches.
  const cats = new Map<string, { w: number; purchases: number; views: number; searches: number }>();
  const terms = new Map<string, number>();
  const bump = (cat: string, w: number, kind: "purchases" | "views" | "searches" | null) => {
    const c = cats.get(cat) ?? { w: 0, purchases: 0, views: 0, searches: 0 };
    c.w += w;
    if (kind) c[kind]++;
    cats.set(cat, c);
  };
  const bumpTerm = (t: string, w: number) => terms.set(t, (terms.get(t) ?? 0) + w);
  for (const o of orders) {
    for (const it of o.items) {
      const p = catalogue.get(it.productId);
      if (!p) continue;
      bump(p.category, INTEREST_WEIGHTS.purchase, "purchases");
      bumpTerm(p.subcategory.toLowerCase(), INTEREST_WEIGHTS.purchase);
      for (const t of p.tags) bumpTerm(t.toLowerCase(), 1);
    }
  }
  for (const e of events) {
    if ((e.type === "view" || e.type === "cart_add") && e.productId) {
      const p = catalogue.get(e.productId);
      if (!p) continue;
      const w = e.type === "view" ? INTEREST_WEIGHTS.view : INTEREST_WEIGHTS.cart_add;
      bump(p.category, w, "views");
      bumpTerm(p.subcategory.toLowerCase(), w);
    } else if (e.type === "search" && e.query) {
      const toks = tokens(e.query);
      for (const t of toks) bumpTerm(t, INTEREST_WEIGHTS.search);
      const votes = new Map<string, number>();
      for (const t of toks) for (const [c, n] of index.get(t) ?? []) votes.set(c, (votes.get(c) ?? 0) + n);
      const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
      if (best) bump(best[0], INTEREST_WEIGHTS.search, "searches");
    }
  }
  const totalW = [...cats.values()].reduce((s, c) => s + c.w, 0) || 1;
  const categories = [...cats.entries()]
    .map(([category, c]) => ({ category, share: c.w / totalW, purchases: c.purchases, views: c.views, searches: c.searches }))
    .sort((a, b) => b.share - a.share || a.category.localeCompare(b.category));
  const interests = [...terms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 8).map(([t]) => t);

  const discounted = orders.filter((o) => o.discountCents > 0).length;
  const avgDiscount = orders.length
    ? orders.reduce((s, o) => s + o.discountCents / Math.max(1, o.totalCents + o.discountCents), 0) / orders.length
    : 0;
  const dShare = orders.length ? discounted / orders.length : 0;
  // Thresholds: most shoppers use a code now and then; "high" means most of their orders are discounted.
  const level = orders.length === 0 ? "low" : dShare >= 0.6 ? "high" : dShare >= 0.25 ? "medium" : "low";

  const profile: CustomerProfile = {
    customerId: history.customerId,
    asOf: asOf.toISOString(),
    orders: orders.length,
    firstOrderAt: first,
    lastOrderAt: last,
    recencyDays: last ? Math.max(0, daysBetween(last, asOf)) : null,
    tenureDays: Math.max(0, daysBetween(history.createdAt, asOf)),
    monetaryCents: monetary,
    averageOrderValueCents: kept.length ? monetary / kept.length : 0,
    returnRate: orders.length ? returned / orders.length : 0,
    categories,
    interests,
    discountSensitivity: { discountedOrderShare: dShare, averageDiscountShare: avgDiscount, level },
    supportContacts: history.supportContacts,
    medianGapDays: median(gaps),
    spendLast180Cents: last180,
    spendPrior180Cents: prior180,
    summary: "",
  };
  profile.summary = summarizeProfile(profile);
  return profile;
}

/** A short human-readable summary of a profile, e.g. for an agent's side panel. */
export function summarizeProfile(p: CustomerProfile): string {
  const parts: string[] = [];
  const tenure = p.tenureDays >= 365 ? `${(p.tenureDays / 365).toFixed(1)} years` : `${Math.round(p.tenureDays)} days`;
  if (p.orders === 0) parts.push(`Customer for ${tenure} with no orders yet`);
  else {
    parts.push(
      `Customer for ${tenure}; ${p.orders} order${p.orders === 1 ? "" : "s"} totalling ${money(p.monetaryCents)} ` +
        `(avg ${money(p.averageOrderValueCents)}), last ${Math.round(p.recencyDays ?? 0)} days ago`,
    );
  }
  const cats = p.categories.filter((c) => c.share >= 0.15).slice(0, 2).map((c) => c.category.replace(/-/g, " "));
  if (cats.length) parts.push(`mostly into ${cats.join(" and ")}`);
  if (p.interests.length) parts.push(`interests: ${p.interests.slice(0, 3).join(", ")}`);
  if (p.orders > 0 && p.discountSensitivity.level !== "low") parts.push(`${p.discountSensitivity.level} discount sensitivity`);
  if (p.returnRate >= 0.2 && p.orders >= 2) parts.push(`returns ${Math.round(p.returnRate * 100)}% of orders`);
  if (p.supportContacts > 0) parts.push(`${p.supportContacts} support contact${p.supportContacts === 1 ? "" : "s"}`);
  return parts.join("; ") + ".";
}
