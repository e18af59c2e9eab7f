/**
 * # The Fjell & Field demo-shop generator
 *
 * `generateDemoShop({ seed, customers = 5000, now = DEMO_NOW })` builds a complete, deterministic
 * shop (`ShopData`): ~200 products, `customers` customers, their orders over the two years ending
 * at `now`, and browsing events. `seedDemoShop(db, { seed })` inserts it into an empty database.
 * Everything comes from a seeded sfc32 generator (random.ts), split into independent streams for
 * the catalogue, the customer plans and the orders; there is no `Math.random` or clock read, so the
 * same options give deep-equal data. `DEMO_NOW` is fixed (2026-11-28T12:00:00Z) so ages and statuses
 * stay stable. With seed 42 and 5,000 customers: 201 products, 39,949 orders, 59,443 order lines,
 * 283,107 events; about 2–3 s to generate and 4–5 s to insert (a 55 MB SQLite file).
 *
 * ## Catalogue (catalogue-specs.ts, catalogue.ts)
 * 201 products (P0001…) in the five categories fitness-equipment, sports-books, running-shoes,
 * apparel, outdoor-gear and 28 subcategories, with invented brands, unique names, 1–3 sentence
 * descriptions built from feature phrases (each feature also adds a tag, e.g. "waterproof",
 * "wet-grip"), shop-looking prices ($24.99, $129.95, $1,249.00), stock (about 7% out of stock),
 * weights (treadmills, racks, rowers and some bikes/dumbbell sets are over 30 kg and ship by freight)
 * and `consumable` for socks, gels, supplements and bottles. 85% of products predate the history; the
 * rest launch during it and cannot be bought or viewed before their `createdAt`. Inside a subcategory
 * popularity is Zipf-like (weight 1/rank^0.9, random ranking).
 *
 * ## Catalogue details (catalogue-details.ts, product-policy.ts)
 * `generateDemoCatalogue({ seed })` returns the same products with what the shop assistant needs beyond the
 * stored rows (`CatalogueProduct`, server/catalogue): size/colour variants with SKU and stock (shoes US 7–13,
 * apparel letter sizes; stock split over the variants so it adds up to the product's, ~1 in 8 sold out),
 * page and image paths, and measurements for equipment, mats, rollers, tents, sleeping bags and packs. Each
 * product draws from its own stream (seed + id). The seeder does not store them yet (docs/products.md gives
 * the table). `DEMO_PRODUCT_POLICY` holds the warranty and delivery facts that depend on the product.
 *
 * ## Customers and personas (behaviour-model.ts)
 * Ids C00001… in signup order; names and countries: US 80%, CA 8%, GB 6%, DE 3%, FR 2%, NL 1%;
 * emails firstname.lastname{n}@example.com. The latent `persona` drives everything:
 * - loyal 18%: rate ~ Gamma(6, mean 18 orders/yr), dropout ~ Beta(1, 200) per purchase; keep buying to `now`.
 * - seasonal 20%: rate ~ Gamma(3, mean 8.5/yr) modulated by a seasonal bump: gym fans around January
 *   (resolutions), runners in spring (centre 20 April), outdoors people in autumn (centre late September);
 *   floor 0.2, yearly average 1; dropout ~ Beta(1.2, 30).
 * - bargain 20%: rate ~ Gamma(2.5, mean 9.5/yr) ×4 during sales (Black Friday week, 26 Dec–15 Jan,
 *   1–14 July) and ×0.55 otherwise; 80% of orders with a promo code; prefer cheap products
 *   (weight × (min price / price)^1.5); return rate ×1.8; dropout ~ Beta(1.5, 20).
 * - one_time 27%: one order shortly after signup, then at most a little browsing.
 * - drifting 15%: signed up early, rate ~ Gamma(4, mean 13/yr) until a decay start, then the rate decays
 *   with a 40-day time constant and stops completely at a churn date 95–300 days before `now`.
 * Purchase timing is BG/NBD-like: first order within days of signup, then a Poisson process with the
 * customer's own rate (thinned by the multipliers above and a shop-wide ×1.6 Black Friday, ×1.25
 * early-December bump) and a coin flip for dropout after each repeat purchase.
 * Each customer has a primary and a secondary affinity (runner, gym, outdoors, reader, yoga) that
 * weight the subcategories of both purchases and browsing (AFFINITY_SUBCATEGORIES).
 *
 * ## Baskets and co-purchases
 * An order starts from a "buy again" consumable (30%, loyal 45%, when the customer has one) and/or an
 * anchor product from an affinity-weighted subcategory. Then COMPLEMENTS fire per item, e.g. trail
 * shoes → socks 55%, gels 30%; road shoes → socks 50%; treadmill → mat 60%; tent → headlamp 55%,
 * sleeping bag 45%; backpack → bottle 45%, poles 30%. 70% of complements are the anchor's designated
 * partner product, so product-level "bought together" pairs exist. A 15% extra affinity item follows.
 * Durable products are not bought twice; international customers never buy >30 kg items.
 *
 * ## Orders (policies from POLICIES.md)
 * Ids FF-dddddd: an affine permutation of 100000–999999 over chronological order (unique, not
 * sequential). Shipping: international CA $12.00, GB/EU $19.00; US freight (any item >30 kg) free
 * curbside; express $14.95 (loyal 16%, bargain 3%, others 10%); standard free when subtotal minus
 * discount ≥ $50, else $5.95. Sales tax and Gold-tier free express are not modelled.
 * total = subtotal − discount + shipping. Promo codes (one per order): WELCOME10 on a first order,
 * BLACKFRIDAY25 / NEWYEAR20 / SUMMER15 in their sale windows (also used by 30% of other shoppers),
 * SAVE10 any time for bargain hunters.
 * Status follows the clock: ships the same day before 2 p.m. ET on business days, else the next
 * business day; transit 3–5 business days standard, 1–2 express, 5–10 freight, 5–9 CA, 7–12 EU/UK.
 * Not shipped by `now` → processing; shipped but not delivered → shipped (carrier + tracking);
 * delivered orders may be returned 2–28 days later (shoes up to 55) with probability = the highest
 * item rate (shoes 14%, apparel 11%, equipment/outdoor 4%, consumables 1%, books 0) × persona factor;
 * 2–5% of orders are cancelled before shipping. Nothing is dated after `now`.
 *
 * ## Behaviour events
 * Before a purchase: each new item is viewed (85%, once or twice, ~1 day before), added to cart (75%,
 * minutes before), and 35% of orders follow a search. Between purchases customers browse in sessions
 * at a rate proportional to their purchase intensity (so drifting customers go quiet too): a search
 * (35%) with realistic query text, 1–5 views in their affinity subcategories, and an abandoned cart
 * (8%). Anonymous sessions (customer_id NULL, 2.5 per customer) cover the whole history.
 */
export { generateDemoShop, generateDemoCatalogue, DEMO_NOW, DEFAULT_DEMO_CUSTOMERS, type DemoShopOptions } from "./generate.ts";
export { DEMO_PRODUCT_POLICY } from "./product-policy.ts";
export { generateCatalogueDetails, SHOE_SIZES, APPAREL_SIZES, type ColourSpec } from "./catalogue-details.ts";
export { seedDemoShop, type SeedDemoShopOptions, type SeedProgress, type SeedResult } from "./seed.ts";
export { summarizeShopData, type ShopSummary } from "./summary.ts";
export { CATEGORY_IDS, type CategoryId } from "./catalogue-specs.ts";
export { PERSONAS, PERSONA_SPECS, COMPLEMENTS, type Persona, type Affinity } from "./behaviour-model.ts";
export { seedDemoHistory, type HistorySeedResult } from "./seed-history.ts";
export { generateConversationHistory, type ConversationHistoryOptions } from "./conversation-history.ts";
export { UNANSWERED_THEMES } from "./unanswered-themes.ts";
