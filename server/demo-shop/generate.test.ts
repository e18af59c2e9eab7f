import { beforeAll, describe, expect, it } from "vitest";
import type { Order, Product, ShopData } from "../storage/index.ts";
import { isAppError } from "../errors.ts";
import { CATEGORY_IDS, DEMO_NOW, generateDemoShop } from "./index.ts";

const NOW = Date.parse(DEMO_NOW);
const DAY = 86_400_000;
let shop: ShopData;
let products: Map<string, Product>;

beforeAll(() => {
  shop = generateDemoShop({ seed: 42, customers: 300 });
  products = new Map(shop.products.map((p) => [p.id, p]));
});

function personaOf(): Map<string, string> {
  return new Map(shop.customers.map((c) => [c.id, c.persona ?? ""]));
}

describe("generateDemoShop", () => {
  it("gives deep-equal data for the same seed and different data for another seed", () => {
    expect(generateDemoShop({ seed: 42, customers: 300 })).toEqual(shop);
    const other = generateDemoShop({ seed: 43, customers: 300 });
    expect(other.customers.map((c) => c.email)).not.toEqual(shop.customers.map((c) => c.email));
    expect(other.orders.length).not.toBe(shop.orders.length);
  });

  it("keeps the same catalogue whatever the number of customers", () => {
    expect(generateDemoShop({ seed: 42, customers: 20 }).products).toEqual(shop.products);
  });

  it("produces counts in the expected ranges", () => {
    expect(shop.products.length).toBeGreaterThanOrEqual(190);
    expect(shop.products.length).toBeLessThanOrEqual(210);
    expect(shop.customers).toHaveLength(300);
    const perCustomer = shop.orders.length / shop.customers.length;
    expect(perCustomer).toBeGreaterThan(5);
    expect(perCustomer).toBeLessThan(12);
    const perOrder = shop.events.length / shop.orders.length;
    expect(perOrder).toBeGreaterThan(3);
    expect(perOrder).toBeLessThan(12);
    for (const persona of ["loyal", "seasonal", "bargain", "one_time", "drifting"]) {
      expect(shop.customers.filter((c) => c.persona === persona).length).toBeGreaterThan(20);
    }
  });

  it("builds a catalogue with the five categories, unique names and sensible weights", () => {
    expect(new Set(shop.products.map((p) => p.category))).toEqual(new Set(CATEGORY_IDS));
    expect(new Set(shop.products.map((p) => p.name)).size).toBe(shop.products.length);
    shop.products.forEach((p, i) => expect(p.id).toBe(`P${String(i + 1).padStart(4, "0")}`));
    for (const p of shop.products) {
      if (["treadmills", "squat-racks", "rowing-machines"].includes(p.subcategory)) expect(p.weightKg).toBeGreaterThan(30);
      expect(p.consumable).toBe(["socks", "energy-gels", "supplements", "water-bottles"].includes(p.subcategory));
      expect(p.description.length).toBeGreaterThan(40);
      expect(p.priceCents).toBeGreaterThan(0);
      expect(Date.parse(p.createdAt)).toBeLessThanOrEqual(NOW);
    }
    expect(shop.products.some((p) => p.stock === 0)).toBe(true);
    const trail = shop.products.filter((p) => p.subcategory === "trail-running-shoes");
    expect(trail.some((p) => /waterproof/.test(p.description) || /wet weather grip/.test(p.description))).toBe(true);
  });

  it("gives customers unique ids and emails, mostly in the US", () => {
    shop.customers.forEach((c, i) => expect(c.id).toBe(`C${String(i + 1).padStart(5, "0")}`));
    expect(new Set(shop.customers.map((c) => c.email)).size).toBe(shop.customers.length);
    for (const c of shop.customers) expect(c.email).toMatch(/^[a-z]+\.[a-z]+\d*@example\.com$/);
    const us = shop.customers.filter((c) => c.country === "US").length / shop.customers.length;
    expect(us).toBeGreaterThan(0.65);
    expect(us).toBeLessThan(0.95);
  });

  it("numbers orders FF-dddddd, uniquely, with the customer's email and consistent totals", () => {
    const emails = new Map(shop.customers.map((c) => [c.id, c.email]));
    expect(new Set(shop.orders.map((o) => o.id)).size).toBe(shop.orders.length);
    for (const o of shop.orders) {
      expect(o.id).toMatch(/^FF-\d{6}$/);
      expect(o.email).toBe(emails.get(o.customerId));
      expect(o.items.length).toBeGreaterThan(0);
      expect(new Set(o.items.map((i) => i.productId)).size).toBe(o.items.length);
      const subtotal = o.items.reduce((s, i) => s + i.quantity * i.unitPriceCents, 0);
      expect(o.subtotalCents).toBe(subtotal);
      expect(o.totalCents).toBe(o.subtotalCents - o.discountCents + o.shippingCents);
      expect(o.discountCents > 0).toBe(o.promoCode !== null);
      for (const i of o.items) expect(Date.parse(products.get(i.productId)!.createdAt)).toBeLessThanOrEqual(Date.parse(o.placedAt));
    }
  });

  it("keeps statuses consistent with dates and never dates anything after now", () => {
    const t = (s: string | null) => (s === null ? null : Date.parse(s));
    for (const o of shop.orders) {
      const placed = t(o.placedAt)!;
      for (const s of [o.placedAt, o.shippedAt, o.deliveredAt, o.returnedAt, o.cancelledAt]) if (s) expect(Date.parse(s)).toBeLessThanOrEqual(NOW);
      if (o.status === "cancelled") {
        expect(t(o.cancelledAt)).toBeGreaterThanOrEqual(placed);
        expect([o.shippedAt, o.carrier, o.trackingNumber, o.deliveredAt]).toEqual([null, null, null, null]);
        continue;
      }
      expect(o.cancelledAt).toBeNull();
      if (o.status === "processing") {
        expect([o.shippedAt, o.carrier, o.trackingNumber, o.deliveredAt, o.returnedAt]).toEqual([null, null, null, null, null]);
        expect(NOW - placed).toBeLessThan(4 * DAY);
        continue;
      }
      expect(o.carrier).not.toBeNull();
      expect(o.trackingNumber).toMatch(/^[0-9A-Z]{10,22}$/);
      expect(t(o.shippedAt)).toBeGreaterThanOrEqual(placed);
      if (o.status === "shipped") {
        expect(o.deliveredAt).toBeNull();
        expect(NOW - placed).toBeLessThan(25 * DAY);
      } else {
        expect(t(o.deliveredAt)).toBeGreaterThanOrEqual(t(o.shippedAt)!);
        if (o.status === "returned") expect(t(o.returnedAt)).toBeGreaterThanOrEqual(t(o.deliveredAt)!);
        else expect(o.returnedAt).toBeNull();
      }
    }
    const statuses = new Set(shop.orders.map((o) => o.status));
    for (const s of ["delivered", "returned", "cancelled", "shipped"]) expect(statuses).toContain(s);
    for (const e of shop.events) expect(Date.parse(e.at)).toBeLessThanOrEqual(NOW);
    for (const c of shop.customers) expect(Date.parse(c.createdAt)).toBeLessThanOrEqual(NOW);
  });

  it("charges shipping by the policy: $5.95 standard under $50, free above, $14.95 express, free freight, $12 Canada, $19 EU/UK", () => {
    const byMethod: Record<string, number> = {};
    for (const o of shop.orders) {
      byMethod[o.shippingMethod] = (byMethod[o.shippingMethod] ?? 0) + 1;
      const heavy = o.items.some((i) => products.get(i.productId)!.weightKg > 30);
      if (o.shipCountry !== "US") {
        expect(o.shippingMethod).toBe("international");
        expect(o.shippingCents).toBe(o.shipCountry === "CA" ? 1200 : 1900);
        expect(heavy).toBe(false);
      } else if (heavy) {
        expect(o.shippingMethod).toBe("freight");
        expect(o.shippingCents).toBe(0);
      } else if (o.shippingMethod === "express") {
        expect(o.shippingCents).toBe(1495);
      } else {
        expect(o.shippingMethod).toBe("standard");
        expect(o.shippingCents).toBe(o.subtotalCents - o.discountCents >= 5000 ? 0 : 595);
      }
    }
    expect(Object.keys(byMethod).sort()).toEqual(["express", "freight", "international", "standard"]);
  });

  it("gives drifting customers a much longer recency than loyal ones", () => {
    const persona = personaOf();
    const last = new Map<string, number>();
    for (const o of shop.orders) last.set(o.customerId, Math.max(last.get(o.customerId) ?? 0, Date.parse(o.placedAt)));
    const meanRecency = (p: string) => {
      const r = [...last].filter(([id]) => persona.get(id) === p).map(([, t]) => (NOW - t) / DAY);
      return r.reduce((a, b) => a + b, 0) / r.length;
    };
    expect(meanRecency("drifting")).toBeGreaterThan(90);
    expect(meanRecency("drifting")).toBeGreaterThan(3 * meanRecency("loyal"));
    const driftingRecent = shop.orders.filter((o) => persona.get(o.customerId) === "drifting" && NOW - Date.parse(o.placedAt) < 90 * DAY);
    expect(driftingRecent).toHaveLength(0);
  });

  it("gives one-time customers exactly one order and loyal customers many", () => {
    const persona = personaOf();
    const count = new Map<string, number>();
    for (const o of shop.orders) count.set(o.customerId, (count.get(o.customerId) ?? 0) + 1);
    for (const c of shop.customers) if (c.persona === "one_time") expect(count.get(c.id)).toBe(1);
    const loyal = shop.customers.filter((c) => persona.get(c.id) === "loyal").map((c) => count.get(c.id) ?? 0);
    expect(loyal.reduce((a, b) => a + b, 0) / loyal.length).toBeGreaterThan(8);
  });

  it("makes seasonal customers buy mostly in their seasons", () => {
    const persona = personaOf();
    // New-year (20 Dec–10 Feb), spring (15 Mar–31 May) and autumn (1 Sep–31 Oct) windows: about half the year.
    const inSeason = (o: Order) => {
      const d = new Date(o.placedAt);
      const md = d.getUTCMonth() * 100 + d.getUTCDate();
      return md >= 1120 || md <= 110 || (md >= 215 && md <= 431) || (md >= 801 && md <= 931);
    };
    const share = (p: string) => {
      const os = shop.orders.filter((o) => persona.get(o.customerId) === p);
      return os.filter(inSeason).length / os.length;
    };
    expect(share("seasonal")).toBeGreaterThan(share("loyal") + 0.2);
  });

  it("gives promo codes mainly to bargain hunters", () => {
    const persona = personaOf();
    const share = (p: string) => {
      const os = shop.orders.filter((o) => persona.get(o.customerId) === p);
      return os.filter((o) => o.promoCode).length / os.length;
    };
    expect(share("bargain")).toBeGreaterThan(0.5);
    expect(share("loyal")).toBeLessThan(0.3);
  });

  it("returns shoes and apparel more often than other orders", () => {
    const rate = (pred: (o: Order) => boolean) => {
      const os = shop.orders.filter((o) => (o.status === "delivered" || o.status === "returned") && pred(o));
      return os.filter((o) => o.status === "returned").length / os.length;
    };
    const hasShoes = (o: Order) => o.items.some((i) => products.get(i.productId)!.category === "running-shoes");
    const onlyBooks = (o: Order) => o.items.every((i) => products.get(i.productId)!.category === "sports-books");
    expect(rate(hasShoes)).toBeGreaterThan(0.08);
    expect(rate(onlyBooks)).toBe(0);
  });

  it("buys socks with trail shoes far more often than chance", () => {
    const subs = (o: Order) => new Set(o.items.map((i) => products.get(i.productId)!.subcategory));
    const all = shop.orders.map(subs);
    const socks = all.filter((s) => s.has("socks")).length / all.length;
    const withTrail = all.filter((s) => s.has("trail-running-shoes"));
    expect(withTrail.length).toBeGreaterThan(20);
    const socksGivenTrail = withTrail.filter((s) => s.has("socks")).length / withTrail.length;
    // Socks are also bought on their own (buy-again consumables), so compare with orders without any shoes too.
    const noShoes = all.filter((s) => !s.has("trail-running-shoes") && !s.has("road-running-shoes") && !s.has("racing-flats"));
    expect(socksGivenTrail).toBeGreaterThan(2.5 * socks);
    expect(socksGivenTrail).toBeGreaterThan(3 * (noShoes.filter((s) => s.has("socks")).length / noShoes.length));
    const tents = all.filter((s) => s.has("tents"));
    expect(tents.filter((s) => s.has("headlamps")).length / tents.length).toBeGreaterThan(3 * (all.filter((s) => s.has("headlamps")).length / all.length));
  });

  it("views products before buying them and browses in the customer's own categories", () => {
    const firstView = new Map<string, number>();
    const viewsByCustomerCategory = new Map<string, Map<string, number>>();
    for (const e of shop.events) {
      if (e.type !== "view" || !e.customerId || !e.productId) continue;
      const key = `${e.customerId}|${e.productId}`;
      if (!firstView.has(key)) firstView.set(key, Date.parse(e.at));
      const m = viewsByCustomerCategory.get(e.customerId) ?? new Map<string, number>();
      const cat = products.get(e.productId)!.category;
      m.set(cat, (m.get(cat) ?? 0) + 1);
      viewsByCustomerCategory.set(e.customerId, m);
    }
    let lines = 0;
    let viewedBefore = 0;
    const boughtByCustomerCategory = new Map<string, Map<string, number>>();
    for (const o of shop.orders) {
      for (const i of o.items) {
        lines++;
        const v = firstView.get(`${o.customerId}|${i.productId}`);
        if (v !== undefined && v <= Date.parse(o.placedAt)) viewedBefore++;
        const m = boughtByCustomerCategory.get(o.customerId) ?? new Map<string, number>();
        const cat = products.get(i.productId)!.category;
        m.set(cat, (m.get(cat) ?? 0) + 1);
        boughtByCustomerCategory.set(o.customerId, m);
      }
    }
    expect(viewedBefore / lines).toBeGreaterThan(0.7);
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1])[0][0];
    let agree = 0;
    let n = 0;
    for (const [c, bought] of boughtByCustomerCategory) {
      const viewed = viewsByCustomerCategory.get(c);
      if (!viewed || [...bought.values()].reduce((a, b) => a + b, 0) < 8) continue;
      n++;
      if (top(viewed) === top(bought)) agree++;
    }
    expect(n).toBeGreaterThan(30);
    expect(agree / n).toBeGreaterThan(0.6);
  });

  it("writes searches with query text and views with a product", () => {
    const searches = shop.events.filter((e) => e.type === "search");
    expect(searches.length).toBeGreaterThan(100);
    for (const e of searches) expect(e.query && e.productId === null).toBeTruthy();
    for (const e of shop.events) if (e.type !== "search") expect(e.productId && e.query === null).toBeTruthy();
    expect(searches.some((e) => /trail/.test(e.query!))).toBe(true);
    expect(shop.events.some((e) => e.customerId === null)).toBe(true);
  });

  it("rejects a bad seed, customer count or date with a validation error", () => {
    for (const bad of [{ seed: -1 }, { seed: 1.5 }, { seed: 1, customers: 0 }, { seed: 1, customers: 100_000 }, { seed: 1, now: "not a date" }]) {
      let err: unknown;
      try {
        generateDemoShop(bad);
      } catch (e) {
        err = e;
      }
      expect(isAppError(err, "CHAT_ERR_VALIDATION")).toBe(true);
    }
  });

  it("ends the history at the given now", () => {
    const now = "2025-06-01T00:00:00.000Z";
    const small = generateDemoShop({ seed: 5, customers: 50, now });
    const latest = small.orders.reduce((m, o) => (o.placedAt > m ? o.placedAt : m), "");
    expect(latest <= now).toBe(true);
    expect(Date.parse(now) - Date.parse(latest)).toBeLessThan(60 * DAY);
    expect(small.customers.every((c) => Date.parse(c.createdAt) >= Date.parse(now) - 731 * DAY)).toBe(true);
  });
});
