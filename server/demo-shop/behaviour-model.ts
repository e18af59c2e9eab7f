/**
 * The latent behaviour behind the demo shop: personas with their purchase-rate and dropout
 * distributions, category affinities, seasonal and sale calendars, and co-purchase rules.
 * These numbers are the "ground truth" a churn, lifetime-value or recommendation model
 * trained on the demo data should be able to recover.
 */

/** The latent persona of a generated customer, stored in `customers.persona`. */
export type Persona = "loyal" | "seasonal" | "bargain" | "one_time" | "drifting";

/** Every persona, in a fixed order. */
export const PERSONAS: readonly Persona[] = ["loyal", "seasonal", "bargain", "one_time", "drifting"];

/** What a customer is into; drives both purchases and views. */
export type Affinity = "runner" | "gym" | "outdoors" | "reader" | "yoga";

/** The time of year a seasonal customer buys in. */
export type Season = "new-year" | "spring" | "autumn";

/** How a persona behaves. Rates are orders per year; dropout is the BG/NBD per-purchase dropout probability. */
export interface PersonaSpec {
  share: number;
  /** Gamma(shape, mean/shape) heterogeneity of the purchase rate (orders/year, at multiplier 1). */
  rate: { shape: number; mean: number };
  /** Beta(a, b) per-customer dropout probability after each repeat purchase. */
  dropout: { a: number; b: number };
  affinities: Readonly<Partial<Record<Affinity, number>>>;
  summitShare: number;
  marketingConsentShare: number;
  expressShare: number;
  /** Share of orders that use a promo code (when one is available). */
  promoShare: number;
  /** Multiplier on the item return rate. */
  returnFactor: number;
  /** Share of orders cancelled before shipping. */
  cancelShare: number;
  /** Browsing sessions per order-rate unit (sessions/year = browse × rate). */
  browse: number;
}

/** The persona mix and parameters of the demo shop. */
export const PERSONA_SPECS: Readonly<Record<Persona, PersonaSpec>> = {
  loyal: {
    share: 0.18, rate: { shape: 6, mean: 18 }, dropout: { a: 1, b: 200 },
    affinities: { runner: 0.35, gym: 0.25, outdoors: 0.2, reader: 0.1, yoga: 0.1 },
    summitShare: 0.7, marketingConsentShare: 0.7, expressShare: 0.16, promoShare: 0.06, returnFactor: 0.8, cancelShare: 0.02, browse: 1.1,
  },
  seasonal: {
    share: 0.2, rate: { shape: 3, mean: 8.5 }, dropout: { a: 1.2, b: 30 },
    affinities: { runner: 0.4, gym: 0.35, outdoors: 0.25 },
    summitShare: 0.35, marketingConsentShare: 0.6, expressShare: 0.1, promoShare: 0.1, returnFactor: 1, cancelShare: 0.03, browse: 1.4,
  },
  bargain: {
    share: 0.2, rate: { shape: 2.5, mean: 9.5 }, dropout: { a: 1.5, b: 20 },
    affinities: { runner: 0.3, gym: 0.25, outdoors: 0.2, reader: 0.1, yoga: 0.15 },
    summitShare: 0.4, marketingConsentShare: 0.85, expressShare: 0.03, promoShare: 0.8, returnFactor: 1.8, cancelShare: 0.05, browse: 1.8,
  },
  one_time: {
    share: 0.27, rate: { shape: 1, mean: 0 }, dropout: { a: 1, b: 1 },
    affinities: { runner: 0.3, gym: 0.3, outdoors: 0.2, reader: 0.1, yoga: 0.1 },
    summitShare: 0.08, marketingConsentShare: 0.45, expressShare: 0.1, promoShare: 0.05, returnFactor: 1.5, cancelShare: 0.04, browse: 0,
  },
  drifting: {
    share: 0.15, rate: { shape: 4, mean: 13 }, dropout: { a: 1, b: 120 },
    affinities: { runner: 0.35, gym: 0.25, outdoors: 0.2, reader: 0.1, yoga: 0.1 },
    summitShare: 0.35, marketingConsentShare: 0.6, expressShare: 0.1, promoShare: 0.08, returnFactor: 1.2, cancelShare: 0.03, browse: 1.1,
  },
};

/** Which season a seasonal customer of each affinity buys in. */
export const SEASON_OF: Readonly<Partial<Record<Affinity, Season>>> = { gym: "new-year", runner: "spring", outdoors: "autumn" };

/** Centre (day of year) and spread (days) of each season's purchase bump. */
export const SEASONS: Readonly<Record<Season, { centreDay: number; sdDays: number }>> = {
  "new-year": { centreDay: 10, sdDays: 18 }, // January fitness resolutions
  spring: { centreDay: 110, sdDays: 28 }, // spring running and race season
  autumn: { centreDay: 270, sdDays: 22 }, // autumn hiking and camping
};

/** Relative weight of each subcategory as the first item of an order, per affinity. */
export const AFFINITY_SUBCATEGORIES: Readonly<Record<Affinity, Readonly<Record<string, number>>>> = {
  runner: {
    "road-running-shoes": 10, "trail-running-shoes": 8, "racing-flats": 3, socks: 3, tights: 4, tops: 5, shorts: 3, jackets: 2,
    "energy-gels": 6, "water-bottles": 2, headlamps: 1, "training-books": 2, "nutrition-books": 1, biographies: 1, "foam-rollers": 2,
  },
  gym: {
    treadmills: 3, "exercise-bikes": 3, "rowing-machines": 2, "squat-racks": 2, dumbbells: 6, kettlebells: 4, "yoga-mats": 3,
    "resistance-bands": 4, "foam-rollers": 2, supplements: 7, tops: 3, shorts: 2, "training-books": 2, "nutrition-books": 2, "water-bottles": 2,
  },
  outdoors: {
    tents: 6, "sleeping-bags": 4, backpacks: 6, headlamps: 4, "trekking-poles": 4, "water-bottles": 3, "energy-gels": 2, jackets: 6,
    "trail-running-shoes": 4, socks: 3, tops: 2, biographies: 1,
  },
  reader: {
    "training-books": 8, biographies: 9, "nutrition-books": 7, "yoga-mats": 1, supplements: 1, socks: 1, "road-running-shoes": 1, tops: 1, "water-bottles": 1,
  },
  yoga: {
    "yoga-mats": 8, "resistance-bands": 5, "foam-rollers": 4, tights: 5, tops: 4, "nutrition-books": 2, supplements: 2, "water-bottles": 2,
  },
};

/**
 * Complement rules: when an order's item is of the key subcategory, each listed subcategory
 * joins the basket with the given probability ("bought together"). 70% of the time the
 * complement is the anchor product's own designated partner, so product-level pairs are learnable.
 */
export const COMPLEMENTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "trail-running-shoes": { socks: 0.55, "energy-gels": 0.3, headlamps: 0.08 },
  "road-running-shoes": { socks: 0.5, "energy-gels": 0.2, tops: 0.1 },
  "racing-flats": { socks: 0.4, "energy-gels": 0.45 },
  treadmills: { "yoga-mats": 0.6, "water-bottles": 0.2 },
  "exercise-bikes": { "yoga-mats": 0.35, "water-bottles": 0.35 },
  "rowing-machines": { "yoga-mats": 0.45 },
  "squat-racks": { dumbbells: 0.35, kettlebells: 0.2 },
  dumbbells: { "resistance-bands": 0.2, kettlebells: 0.12 },
  "yoga-mats": { "resistance-bands": 0.35, "foam-rollers": 0.25 },
  tents: { headlamps: 0.55, "sleeping-bags": 0.45 },
  "sleeping-bags": { headlamps: 0.3 },
  backpacks: { "water-bottles": 0.45, "trekking-poles": 0.3 },
  "trekking-poles": { headlamps: 0.15 },
  jackets: { tops: 0.3 },
  tights: { tops: 0.35, socks: 0.25 },
  "training-books": { "nutrition-books": 0.2 },
  supplements: { "water-bottles": 0.1 },
  "energy-gels": { "water-bottles": 0.15 },
};

/** Chance that a complement is the anchor product's designated partner rather than any product of the subcategory. */
export const PARTNER_SHARE = 0.7;

/** Return rate of an order by the categories in it (the highest applies), before the persona factor. */
export const RETURN_RATE_BY_CATEGORY: Readonly<Record<string, number>> = {
  "running-shoes": 0.14, apparel: 0.11, "fitness-equipment": 0.04, "outdoor-gear": 0.04, "sports-books": 0,
};

/** Return rate for consumables (opened supplements cannot be returned; socks and bottles rarely are). */
export const CONSUMABLE_RETURN_RATE = 0.01;

/** A promo code with its discount and when it can be used. */
export interface PromoSpec {
  code: string;
  percent: number;
}

/** Promo codes of the demo shop. */
export const PROMOS = {
  blackFriday: { code: "BLACKFRIDAY25", percent: 25 },
  newYear: { code: "NEWYEAR20", percent: 20 },
  summer: { code: "SUMMER15", percent: 15 },
  welcome: { code: "WELCOME10", percent: 10 },
  anytime: { code: "SAVE10", percent: 10 },
} as const satisfies Record<string, PromoSpec>;
