import { AppError } from "../errors.ts";
import type { BehaviourEvent, Customer, Order, OrderItem, OrderStatus, Product, ShopData } from "../storage/index.ts";
import {
  AFFINITY_SUBCATEGORIES, COMPLEMENTS, CONSUMABLE_RETURN_RATE, PARTNER_SHARE, PERSONAS, PERSONA_SPECS, PROMOS,
  RETURN_RATE_BY_CATEGORY, SEASON_OF, type Affinity, type Persona, type PromoSpec, type Season,
} from "./behaviour-model.ts";
import {
  BARGAIN_MAX, DAY_MS, HOUR_MS, SHOP_WIDE_MAX, YEAR_MS, addBusinessDays, bargainMultiplier, inBlackFridaySale, inNewYearSale,
  inSummerSale, seasonalMax, seasonalMultiplier, shipTime, shopWideMultiplier,
} from "./calendar.ts";
import type { CatalogueProduct } from "../catalogue/index.ts";
import { generateCatalogue, type Catalogue } from "./catalogue.ts";
import { generateCatalogueDetails } from "./catalogue-details.ts";
import { createEmailBook, drawPerson, type Person } from "./people.ts";
import { createRandom, type Random } from "./random.ts";

/** The demo's fixed "now", so that ages and statuses are stable from run to run. */
export const DEMO_NOW = "2026-11-28T12:00:00.000Z";

/** The default number of demo customers. */
export const DEFAULT_DEMO_CUSTOMERS = 5000;

/** Options of generateDemoShop. */
export interface DemoShopOptions {
  /** Seed of the pseudo-random generator: same seed, same shop. A non-negative integer below 2^32. */
  seed: number;
  /** Number of customers (1–99,999); orders and events scale with it. Default 5,000. */
  customers?: number;
  /** End of the two years of history (ISO string or Date). Default DEMO_NOW. */
  now?: string | Date;
  /** Called with (customers done, customers total) while generating. */
  onProgress?: (done: number, total: number) => void;
}

const HISTORY_MS = 2 * 365 * DAY_MS;
const AFFINITIES: readonly Affinity[] = ["runner", "gym", "outdoors", "reader", "yoga"];
// Share of orders per UTC hour: US evenings (00–04 UTC) and lunchtimes (17–18 UTC) are busiest.
const HOUR_WEIGHTS = [8, 8, 7, 5, 3, 2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 7, 7, 6, 6, 6, 7, 8, 8];
const UK_EU_SHIPPING_CENTS = 1900;
const CA_SHIPPING_CENTS = 1200;
const EXPRESS_CENTS = 1495;
const STANDARD_CENTS = 595;
const FREE_SHIPPING_FROM_CENTS = 5000;
const FREIGHT_FROM_KG = 30;

/** The latent plan of one customer, drawn before any order. */
interface CustomerPlan {
  persona: Persona;
  affinity: Affinity;
  secondary: Affinity;
  season: Season | null;
  signup: number;
  /** Orders per millisecond at multiplier 1. */
  rate: number;
  dropout: number;
  decayStart: number;
  churnAt: number;
  subWeights: number[];
  person: Person;
  summitMember: boolean;
  marketingConsent: boolean;
  profilingConsent: boolean;
}

interface DraftOrder {
  t: number;
  order: Omit<Order, "id">;
}

interface DraftEvent {
  t: number;
  customerId: string | null;
  type: BehaviourEvent["type"];
  productId: string | null;
  query: string | null;
}

function iso(t: number): string {
  return new Date(Math.floor(t / 1000) * 1000).toISOString();
}

function validate(options: DemoShopOptions): { seed: number; customers: number; now: number } {
  const { seed } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new AppError("CHAT_ERR_VALIDATION", `seed must be an integer from 0 to 4294967295, got ${String(seed)}`);
  }
  const customers = options.customers ?? DEFAULT_DEMO_CUSTOMERS;
  if (!Number.isInteger(customers) || customers < 1 || customers > 99_999) {
    throw new AppError("CHAT_ERR_VALIDATION", `customers must be an integer from 1 to 99999, got ${String(customers)}`);
  }
  const now = options.now === undefined ? Date.parse(DEMO_NOW) : new Date(options.now).getTime();
  if (!Number.isFinite(now)) throw new AppError("CHAT_ERR_VALIDATION", `now must be a valid date, got ${String(options.now)}`);
  return { seed, customers, now };
}

/** Derive an independent stream seed from the main seed (so the catalogue does not depend on the customer count). */
function streamSeed(seed: number, stream: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) + Math.imul(stream, 0x9e3779b9)) >>> 0;
}

function normalised(weights: Readonly<Record<string, number>>, subs: readonly string[]): number[] {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  return subs.map((s) => (weights[s] ?? 0) / total);
}

function drawAffinity(rng: Random, shares: Readonly<Partial<Record<Affinity, number>>>): Affinity {
  const keys = Object.keys(shares) as Affinity[];
  return keys[rng.weightedIndex(keys.map((k) => shares[k] ?? 0))];
}

/** Signup time with mild growth (density rising 1 → 1.5 over the window). */
function growthTime(rng: Random, from: number, to: number): number {
  const u = 2 * (-1 + Math.sqrt(1 + 1.25 * rng.next()));
  return from + (to - from) * u;
}

function planCustomer(rng: Random, subs: readonly string[], start: number, now: number): CustomerPlan {
  const persona = PERSONAS[rng.weightedIndex(PERSONAS.map((p) => PERSONA_SPECS[p].share))];
  const spec = PERSONA_SPECS[persona];
  const affinity = drawAffinity(rng, spec.affinities);
  let secondary = affinity;
  while (secondary === affinity) secondary = rng.pick(AFFINITIES);
  const primaryW = normalised(AFFINITY_SUBCATEGORIES[affinity], subs);
  const secondaryW = normalised(AFFINITY_SUBCATEGORIES[secondary], subs);
  const subWeights = subs.map((_, i) => primaryW[i] + 0.25 * secondaryW[i] + 0.004);
  let signup: number;
  let decayStart = Infinity;
  let churnAt = Infinity;
  if (persona === "drifting") {
    // Active, then a decaying purchase rate, then gone: the last purchase is 3–10 months before now.
    churnAt = now - rng.uniform(95, 300) * DAY_MS;
    decayStart = churnAt - rng.uniform(45, 120) * DAY_MS;
    signup = rng.uniform(start, Math.max(start + DAY_MS, decayStart - 150 * DAY_MS));
  } else {
    signup = growthTime(rng, start, now - 2 * HOUR_MS);
  }
  const rate = spec.rate.mean > 0 ? rng.gamma(spec.rate.shape, spec.rate.mean / spec.rate.shape) / YEAR_MS : 0;
  return {
    persona, affinity, secondary,
    season: persona === "seasonal" ? SEASON_OF[affinity] ?? null : null,
    signup, rate,
    dropout: rng.beta(spec.dropout.a, spec.dropout.b),
    decayStart, churnAt, subWeights,
    person: drawPerson(rng),
    summitMember: rng.chance(spec.summitShare),
    marketingConsent: rng.chance(spec.marketingConsentShare),
    profilingConsent: rng.chance(0.9),
  };
}

/** The persona-specific purchase-rate multiplier at time t and its upper bound. */
function intensity(plan: CustomerPlan): { at: (t: number) => number; max: number } {
  switch (plan.persona) {
    case "seasonal": {
      const season = plan.season ?? "spring";
      return { at: (t) => shopWideMultiplier(t) * seasonalMultiplier(season, t), max: SHOP_WIDE_MAX * seasonalMax(season) };
    }
    case "bargain":
      return { at: (t) => shopWideMultiplier(t) * bargainMultiplier(t), max: SHOP_WIDE_MAX * BARGAIN_MAX };
    case "drifting":
      return {
        at: (t) => (t >= plan.churnAt ? 0 : shopWideMultiplier(t) * (t < plan.decayStart ? 1 : Math.exp(-(t - plan.decayStart) / (40 * DAY_MS)))),
        max: SHOP_WIDE_MAX,
      };
    default:
      return { at: shopWideMultiplier, max: SHOP_WIDE_MAX };
  }
}

/** Move t to a typical hour of the same UTC day, unless that breaks the [lo, hi] bounds. */
function diurnal(rng: Random, t: number, lo: number, hi: number): number {
  const moved = Math.floor(t / DAY_MS) * DAY_MS + rng.weightedIndex(HOUR_WEIGHTS) * HOUR_MS + rng.next() * HOUR_MS;
  return moved >= lo && moved <= hi ? moved : t;
}

/**
 * Purchase times of one customer: a first order shortly after signup, then a thinned
 * non-homogeneous Poisson process with a BG/NBD-style dropout after each repeat purchase.
 * Returns the times and when the customer stopped being active.
 */
function purchaseTimes(rng: Random, plan: CustomerPlan, now: number): { times: number[]; activeUntil: number } {
  let first = plan.signup + Math.min(rng.exponential(1.5 * DAY_MS), 20 * DAY_MS);
  if (first > now) first = plan.signup + (now - plan.signup) * rng.next();
  first = diurnal(rng, first, plan.signup, now);
  const times = [first];
  if (plan.persona === "one_time") return { times, activeUntil: first + rng.exponential(45 * DAY_MS) };
  const { at, max } = intensity(plan);
  const end = Math.min(now, plan.churnAt);
  let t = first;
  for (;;) {
    t += rng.exponential(1 / (plan.rate * max));
    if (t > end) return { times, activeUntil: Math.min(now, plan.churnAt + 30 * DAY_MS) };
    if (rng.next() * max >= at(t)) continue;
    times.push(diurnal(rng, t, times[times.length - 1], end));
    if (rng.chance(plan.dropout)) return { times, activeUntil: t + rng.exponential(30 * DAY_MS) };
  }
}

function trackingNumber(rng: Random, carrier: string): string {
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join("");
  const alnum = (n: number) => Array.from({ length: n }, () => "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"[rng.int(0, 32)]).join("");
  switch (carrier) {
    case "UPS": return `1Z${alnum(6)}${digits(10)}`;
    case "USPS": return `9400${digits(18)}`;
    case "Canada Post": return digits(16);
    case "DHL Express": return digits(10);
    case "FedEx Freight": return `PRO${digits(9)}`;
    default: return digits(12); // FedEx
  }
}

function carrierFor(rng: Random, method: Order["shippingMethod"], country: string): string {
  switch (method) {
    case "express": return rng.chance(0.6) ? "FedEx" : "UPS";
    case "freight": return "FedEx Freight";
    case "international": return country === "CA" && rng.chance(0.5) ? "Canada Post" : "DHL Express";
    default: { const r = rng.next(); return r < 0.45 ? "UPS" : r < 0.8 ? "USPS" : "FedEx"; }
  }
}

/** Business days in transit per shipping method (POLICIES.md S1, S2, S4; freight is booked within 5–10). */
function transitDays(rng: Random, method: Order["shippingMethod"], country: string): number {
  switch (method) {
    case "express": return rng.int(1, 2);
    case "freight": return rng.int(5, 10);
    case "international": return country === "CA" ? rng.int(5, 9) : rng.int(7, 12);
    default: return rng.int(3, 5);
  }
}

function salePromo(t: number): PromoSpec | null {
  if (inBlackFridaySale(t)) return PROMOS.blackFriday;
  if (inNewYearSale(t)) return PROMOS.newYear;
  if (inSummerSale(t)) return PROMOS.summer;
  return null;
}

/** The whole generator state for one run. */
class ShopBuilder {
  private readonly subs: string[];
  private readonly createdAt = new Map<string, number>();
  private readonly weights = new Map<string, { normal: number[]; bargain: number[] }>();
  private readonly partner = new Map<string, string>();
  readonly orders: DraftOrder[] = [];
  readonly events: DraftEvent[] = [];

  constructor(private readonly rng: Random, private readonly cat: Catalogue, private readonly start: number, private readonly now: number) {
    this.subs = [...cat.bySubcategory.keys()];
    for (const p of cat.products) this.createdAt.set(p.id, Date.parse(p.createdAt));
    for (const [sub, list] of cat.bySubcategory) {
      const normal = list.map((p) => cat.popularity.get(p.id) ?? 0);
      const minPrice = Math.min(...list.map((p) => p.priceCents));
      // Bargain hunters favour the cheaper products of a subcategory.
      const bargain = list.map((p, i) => normal[i] * Math.pow(minPrice / p.priceCents, 1.5));
      this.weights.set(sub, { normal, bargain });
    }
    // Each product gets one designated partner per complement subcategory ("frequently bought together").
    for (const p of cat.products) {
      for (const sub of Object.keys(COMPLEMENTS[p.subcategory] ?? {})) {
        const list = cat.bySubcategory.get(sub);
        if (!list) throw new Error(`complement rule names unknown subcategory ${sub}`);
        this.partner.set(`${p.id}>${sub}`, list[rng.weightedIndex(this.weights.get(sub)!.normal)].id);
      }
    }
  }

  get subcategories(): readonly string[] {
    return this.subs;
  }

  private drawProduct(sub: string, persona: Persona | null, ok: (p: Product) => boolean): Product | null {
    const list = this.cat.bySubcategory.get(sub)!;
    const w = this.weights.get(sub)!;
    for (let i = 0; i < 6; i++) {
      const p = list[this.rng.weightedIndex(persona === "bargain" ? w.bargain : w.normal)];
      if (ok(p)) return p;
    }
    return null;
  }

  private available(p: Product, t: number): boolean {
    return this.createdAt.get(p.id)! <= t;
  }

  private pushEvent(t: number, customerId: string | null, type: DraftEvent["type"], productId: string | null, query: string | null): void {
    if (t <= this.now) this.events.push({ t, customerId, type, productId, query });
  }

  private searchQuery(sub: string, product: Product | null): string {
    const rng = this.rng;
    if (product && rng.chance(0.15)) return this.cat.searchName.get(product.id)!;
    let q = rng.pick(this.cat.queries.get(sub)!);
    if (product?.category === "running-shoes" && rng.chance(0.2)) q += rng.pick([" women", " men", " size 10", " wide"]);
    else if (product && rng.chance(0.12)) {
      const feature = product.tags[product.tags.length - 1].replace(/-/g, " ");
      if (!q.includes(feature)) q = `${feature} ${q}`;
    }
    return q;
  }

  /** Generate one customer's orders and behaviour events. */
  addCustomer(customer: Customer, plan: CustomerPlan): void {
    const rng = this.rng;
    const { times, activeUntil } = purchaseTimes(rng, plan, this.now);
    const owned = new Set<string>();
    const consumables: Product[] = [];
    const international = customer.country !== "US";
    for (let k = 0; k < times.length; k++) {
      const t = times[k];
      const basket = new Map<string, { product: Product; quantity: number; again: boolean }>();
      const ok = (p: Product) => this.available(p, t) && !basket.has(p.id) && !(international && p.weightKg > FREIGHT_FROM_KG) && (p.consumable || !owned.has(p.id));
      const add = (p: Product, again = false) => basket.set(p.id, { product: p, quantity: this.quantity(p), again });
      // Buy again: repeat customers reorder consumables they liked.
      if (consumables.length > 0 && rng.chance(plan.persona === "loyal" ? 0.45 : 0.3)) {
        const p = rng.pick(consumables);
        if (ok(p)) add(p, true);
      }
      if (basket.size === 0 || rng.chance(0.3)) {
        for (let tries = 0; tries < 4; tries++) {
          const anchor = this.drawProduct(this.subs[rng.weightedIndex(plan.subWeights)], plan.persona, ok);
          if (anchor) { add(anchor); break; }
        }
      }
      if (basket.size === 0) continue;
      for (const { product } of [...basket.values()]) {
        for (const [sub, prob] of Object.entries(COMPLEMENTS[product.subcategory] ?? {})) {
          if (!rng.chance(prob)) continue;
          const partner = this.cat.byId.get(this.partner.get(`${product.id}>${sub}`)!)!;
          const p = rng.chance(PARTNER_SHARE) && ok(partner) ? partner : this.drawProduct(sub, plan.persona, ok);
          if (p) add(p);
        }
      }
      if (rng.chance(0.15)) {
        const extra = this.drawProduct(this.subs[rng.weightedIndex(plan.subWeights)], plan.persona, ok);
        if (extra) add(extra);
      }
      const lines = [...basket.values()];
      for (const { product } of lines) {
        owned.add(product.id);
        if (product.consumable && !consumables.includes(product)) consumables.push(product);
      }
      this.orders.push({ t, order: this.makeOrder(customer, plan, t, k === 0, lines) });
      this.purchaseEvents(customer, t, lines);
    }
    this.browseSessions(customer, plan, activeUntil);
  }

  private quantity(p: Product): number {
    const rng = this.rng;
    if (p.subcategory === "socks" || p.subcategory === "energy-gels") return rng.weightedIndex([5, 3, 2]) + 1;
    if (p.consumable) return rng.chance(0.2) ? 2 : 1;
    if ((p.subcategory === "kettlebells" || p.subcategory === "water-bottles") && rng.chance(0.2)) return 2;
    return 1;
  }

  private makeOrder(customer: Customer, plan: CustomerPlan, t: number, first: boolean, lines: { product: Product; quantity: number }[]): Omit<Order, "id"> {
    const rng = this.rng;
    const spec = PERSONA_SPECS[plan.persona];
    const items: OrderItem[] = lines
      .map(({ product, quantity }) => ({ productId: product.id, quantity, unitPriceCents: product.priceCents }))
      .sort((a, b) => (a.productId < b.productId ? -1 : 1));
    const subtotal = items.reduce((s, i) => s + i.quantity * i.unitPriceCents, 0);
    let promo: PromoSpec | null = null;
    if (first && rng.chance(plan.persona === "bargain" ? 0.6 : 0.12)) promo = PROMOS.welcome;
    else {
      const sale = salePromo(t);
      if (rng.chance(spec.promoShare)) promo = sale ?? (plan.persona === "bargain" ? PROMOS.anytime : null);
      else if (sale && rng.chance(0.3)) promo = sale;
    }
    const discount = promo ? Math.round((subtotal * promo.percent) / 100) : 0;
    const heavy = lines.some((l) => l.product.weightKg > FREIGHT_FROM_KG);
    let method: Order["shippingMethod"];
    let shipping: number;
    if (customer.country !== "US") {
      method = "international";
      shipping = customer.country === "CA" ? CA_SHIPPING_CENTS : UK_EU_SHIPPING_CENTS;
    } else if (heavy) {
      method = "freight";
      shipping = 0; // POLICIES.md S8: curbside freight delivery is free
    } else if (rng.chance(spec.expressShare)) {
      method = "express";
      shipping = EXPRESS_CENTS;
    } else {
      method = "standard";
      shipping = subtotal - discount >= FREE_SHIPPING_FROM_CENTS ? 0 : STANDARD_CENTS;
    }

    let status: OrderStatus = "processing";
    let carrier: string | null = null;
    let tracking: string | null = null;
    let shippedAt: number | null = null;
    let deliveredAt: number | null = null;
    let returnedAt: number | null = null;
    let cancelledAt: number | null = null;
    const shipAt = shipTime(t, rng.next());
    const cancelAt = t + rng.uniform(0.05, 0.9) * (shipAt - t);
    if (rng.chance(spec.cancelShare) && cancelAt <= this.now) {
      status = "cancelled";
      cancelledAt = cancelAt;
    } else if (shipAt <= this.now) {
      status = "shipped";
      shippedAt = shipAt;
      carrier = carrierFor(rng, method, customer.country);
      tracking = trackingNumber(rng, carrier);
      const deliverAt = addBusinessDays(shipAt, transitDays(rng, method, customer.country), rng.uniform(10, 20));
      if (deliverAt <= this.now) {
        status = "delivered";
        deliveredAt = deliverAt;
        let returnRate = 0;
        for (const { product } of lines) {
          const r = product.consumable ? CONSUMABLE_RETURN_RATE : RETURN_RATE_BY_CATEGORY[product.category] ?? 0;
          returnRate = Math.max(returnRate, r);
        }
        if (rng.chance(Math.min(0.6, returnRate * spec.returnFactor))) {
          const shoes = lines.some((l) => l.product.category === "running-shoes");
          const back = deliverAt + rng.uniform(2, shoes ? 55 : 28) * DAY_MS;
          if (back <= this.now) {
            status = "returned";
            returnedAt = back;
          }
        }
      }
    }
    return {
      customerId: customer.id,
      email: customer.email,
      placedAt: iso(t),
      status,
      shippingMethod: method,
      shipCountry: customer.country,
      subtotalCents: subtotal,
      discountCents: discount,
      shippingCents: shipping,
      totalCents: subtotal - discount + shipping,
      promoCode: promo?.code ?? null,
      carrier,
      trackingNumber: tracking,
      shippedAt: shippedAt === null ? null : iso(shippedAt),
      deliveredAt: deliveredAt === null ? null : iso(deliveredAt),
      returnedAt: returnedAt === null ? null : iso(returnedAt),
      cancelledAt: cancelledAt === null ? null : iso(cancelledAt),
      items,
    };
  }

  /** Views, a search and cart adds leading up to a purchase at t. */
  private purchaseEvents(customer: Customer, t: number, lines: { product: Product; again: boolean }[]): void {
    const rng = this.rng;
    const lo = Date.parse(customer.createdAt);
    const clamp = (x: number) => Math.max(lo, Math.min(x, t - 1000));
    const anchor = lines.find((l) => !l.again)?.product ?? lines[0].product;
    if (rng.chance(0.35)) this.pushEvent(clamp(t - rng.uniform(10 * 60_000, 2 * DAY_MS)), customer.id, "search", null, this.searchQuery(anchor.subcategory, anchor));
    for (const { product, again } of lines) {
      if (rng.chance(again ? 0.35 : 0.85)) {
        const views = rng.chance(0.35) ? 2 : 1;
        for (let v = 0; v < views; v++) {
          this.pushEvent(clamp(t - Math.min(rng.exponential(DAY_MS), 10 * DAY_MS) - 60_000), customer.id, "view", product.id, null);
        }
      }
      if (rng.chance(0.75)) this.pushEvent(clamp(t - rng.uniform(60_000, 45 * 60_000)), customer.id, "cart_add", product.id, null);
    }
  }

  /** Browsing that does not end in a purchase: sessions follow the customer's own purchase intensity. */
  private browseSessions(customer: Customer, plan: CustomerPlan, activeUntil: number): void {
    const rng = this.rng;
    const from = plan.signup;
    const to = Math.min(this.now, activeUntil);
    if (to <= from) return;
    const sessions: number[] = [];
    if (plan.persona === "one_time") {
      const n = rng.poisson(1);
      for (let i = 0; i < n; i++) sessions.push(rng.uniform(from, to));
    } else {
      const { at, max } = intensity(plan);
      const rate = plan.rate * PERSONA_SPECS[plan.persona].browse * max;
      for (let t = from + rng.exponential(1 / rate); t < to; t += rng.exponential(1 / rate)) {
        if (rng.next() * max < at(t)) sessions.push(diurnal(rng, t, from, to));
      }
    }
    for (const s of sessions) this.session(customer.id, plan.subWeights, null, s);
  }

  /** One browsing session at time s: maybe a search, a few views, rarely an abandoned cart. */
  session(customerId: string | null, subWeights: readonly number[], persona: Persona | null, s: number): void {
    const rng = this.rng;
    let sub = this.subs[rng.weightedIndex(subWeights)];
    let t = s;
    const viewed: Product[] = [];
    const n = 1 + rng.poisson(1.3);
    for (let i = 0; i < n; i++) {
      if (i > 0 && rng.chance(0.25)) sub = this.subs[rng.weightedIndex(subWeights)];
      const p = this.drawProduct(sub, persona, (x) => this.available(x, t));
      if (!p) continue;
      if (i === 0 && rng.chance(0.35)) {
        this.pushEvent(t, customerId, "search", null, this.searchQuery(sub, p));
        t += rng.uniform(5_000, 60_000);
      }
      this.pushEvent(t, customerId, "view", p.id, null);
      viewed.push(p);
      t += rng.uniform(20_000, 240_000);
    }
    if (viewed.length > 0 && rng.chance(0.08)) this.pushEvent(t, customerId, "cart_add", rng.pick(viewed).id, null);
  }

  /** Anonymous browsing spread over the whole history. */
  anonymousSessions(count: number): void {
    const rng = this.rng;
    const tables = AFFINITIES.map((a) => normalised(AFFINITY_SUBCATEGORIES[a], this.subs).map((w) => w + 0.01));
    for (let i = 0; i < count; i++) {
      const s = diurnal(rng, rng.uniform(this.start, this.now), this.start, this.now);
      this.session(null, rng.pick(tables), null, s);
    }
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Generate the whole Fjell & Field demo shop: ~200 products, `customers` customers with latent
 * personas, their orders over the two years ending at `now`, and behaviour events.
 * Deterministic: the same options give deep-equal data.
 * @example const shop = generateDemoShop({ seed: 42, customers: 300 });
 */
export function generateDemoShop(options: DemoShopOptions): ShopData {
  const { seed, customers: n, now } = validate(options);
  const start = now - HISTORY_MS;
  const catalogue = generateCatalogue(createRandom(streamSeed(seed, 1)), start, now);
  const rngPlan = createRandom(streamSeed(seed, 2));
  const rng = createRandom(streamSeed(seed, 3));
  const builder = new ShopBuilder(rng, catalogue, start, now);

  const plans = Array.from({ length: n }, () => planCustomer(rngPlan, builder.subcategories, start, now));
  plans.sort((a, b) => a.signup - b.signup);
  const emails = createEmailBook();
  const customers: Customer[] = plans.map((plan, i) => ({
    id: `C${String(i + 1).padStart(5, "0")}`,
    email: emails.next(plan.person.first, plan.person.last),
    name: plan.person.name,
    country: plan.person.country,
    region: plan.person.region,
    createdAt: iso(plan.signup),
    summitMember: plan.summitMember,
    marketingConsent: plan.marketingConsent,
    profilingConsent: plan.profilingConsent,
    persona: plan.persona,
  }));
  for (let i = 0; i < n; i++) {
    builder.addCustomer(customers[i], plans[i]);
    if (options.onProgress && ((i + 1) % 250 === 0 || i + 1 === n)) options.onProgress(i + 1, n);
  }
  builder.anonymousSessions(Math.round(n * 2.5));

  // Order numbers: an affine permutation of 100000–999999 over chronological order, so they are
  // unique and deterministic without looking sequential.
  const drafts = builder.orders.sort((a, b) => a.t - b.t);
  if (drafts.length > 900_000) throw new AppError("CHAT_ERR_VALIDATION", "too many orders for six-digit order numbers");
  let mult = rng.int(100_000, 899_999);
  while (gcd(mult, 900_000) !== 1) mult++;
  const offset = rng.int(0, 899_999);
  const orders: Order[] = drafts.map((d, k) => ({ id: `FF-${100_000 + ((mult * k + offset) % 900_000)}`, ...d.order }));

  const events: BehaviourEvent[] = builder.events
    .sort((a, b) => a.t - b.t)
    .map((e) => ({ customerId: e.customerId, type: e.type, productId: e.productId, query: e.query, at: iso(e.t) }));
  return { products: catalogue.products, customers, orders, events };
}

/**
 * The demo catalogue as the shop assistant knows it: the same products as generateDemoShop's, with
 * variants (sizes, colours, SKU, stock), page and image paths and measurements (catalogue-details.ts).
 * @example generateDemoCatalogue({ seed: 42 }).find((p) => p.id === "P0062")?.variants
 */
export function generateDemoCatalogue(options: Pick<DemoShopOptions, "seed" | "now">): CatalogueProduct[] {
  const { seed, now } = validate({ seed: options.seed, now: options.now });
  return generateCatalogueDetails(seed, generateCatalogue(createRandom(streamSeed(seed, 1)), now - HISTORY_MS, now).products);
}
