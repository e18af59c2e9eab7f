import type { Product } from "../storage/index.ts";
import type { Random } from "./random.ts";
import { BOOK_PUBLISHERS, BOOK_QUERIES, BOOK_SPECS, SUBCATEGORY_SPECS, type CategoryId } from "./catalogue-specs.ts";

const DAY_MS = 86_400_000;

/** A generated catalogue with the lookups the order and event generators need. */
export interface Catalogue {
  products: Product[];
  byId: Map<string, Product>;
  /** Products of each subcategory, in id order. */
  bySubcategory: Map<string, Product[]>;
  /** Relative popularity of each product inside its subcategory (sums to 1 per subcategory). */
  popularity: Map<string, number>;
  /** Search phrases per subcategory. */
  queries: Map<string, readonly string[]>;
  /** The "brand model" phrase of each product, used for brand searches. */
  searchName: Map<string, string>;
}

/** Round a dollar amount to a shop-looking price in cents ($24.99, $129.95, $1,249.00). */
function shopPriceCents(dollars: number): number {
  if (dollars < 100) return Math.floor(dollars) * 100 + 99;
  if (dollars < 1000) return Math.round(dollars / 5) * 500 - 5;
  return Math.round(dollars / 50) * 5000 - 100;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

function joinList(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function productCreatedAt(rng: Random, start: number, now: number): string {
  // Most of the range predates the two years of history; about 15% launched during it.
  const t = rng.chance(0.85) ? rng.uniform(start - 730 * DAY_MS, start) : rng.uniform(start, now - 60 * DAY_MS);
  return new Date(Math.floor(t / 1000) * 1000).toISOString();
}

/**
 * Generate the ~200-product Fjell & Field catalogue (ids P0001…, unique names) from the specs.
 * `start` and `now` (epoch ms) bound the launch dates of products introduced during the history.
 */
export function generateCatalogue(rng: Random, start: number, now: number): Catalogue {
  const products: Product[] = [];
  const names = new Set<string>();
  const searchName = new Map<string, string>();
  const queries = new Map<string, readonly string[]>();
  const nextId = () => `P${String(products.length + 1).padStart(4, "0")}`;

  for (const spec of SUBCATEGORY_SPECS) {
    queries.set(spec.id, spec.queries);
    const combos = rng.shuffle(spec.brands.flatMap((b) => spec.models.flatMap((m) => spec.variants.map((v) => [b, m, v] as const))));
    let made = 0;
    for (const [brand, model, variant] of combos) {
      if (made === spec.count) break;
      const name = `${brand} ${model}${variant}${spec.suffix}`;
      if (names.has(name)) continue;
      names.add(name);
      made++;
      const u = rng.next();
      const dollars = spec.price[0] + (spec.price[1] - spec.price[0]) * u * u; // more cheap than expensive items
      const tier = u < 0.35 ? "great-value" : u < 0.75 ? "versatile" : "premium";
      let features = rng.shuffle(spec.features).slice(0, rng.int(2, 3));
      // A "GTX" or "Waterproof" name promises a waterproof product: make sure the description says so.
      const waterproof = spec.features.find((x) => x.tag === "waterproof");
      if (waterproof && /GTX|Waterproof/.test(variant) && !features.includes(waterproof)) features = [waterproof, ...features.slice(0, -1)];
      const weightKg = Math.round(rng.uniform(spec.weightKg[0], spec.weightKg[1]) * (spec.weightKg[1] > 10 ? 10 : 100)) / (spec.weightKg[1] > 10 ? 10 : 100);
      const sentences = [
        `The ${name} is ${article(tier)} ${tier} ${spec.noun} ${rng.pick(spec.uses)}.`,
        `It has ${joinList(features.map((x) => x.text))}.`,
      ];
      if (weightKg > 30) sentences.push("It ships by freight with a booked 4-hour delivery window; curbside delivery is free.");
      else if (spec.consumable) sentences.push("A staple that customers reorder often.");
      const id = nextId();
      products.push({
        id,
        name,
        category: spec.category,
        subcategory: spec.id,
        brand,
        description: sentences.join(" "),
        priceCents: shopPriceCents(dollars),
        stock: rng.chance(0.07) ? 0 : rng.int(Math.max(1, spec.stock[0]), spec.stock[1]),
        weightKg,
        consumable: spec.consumable,
        tags: [...new Set([...spec.tags, ...features.map((x) => x.tag)])],
        createdAt: productCreatedAt(rng, start, now),
      });
      searchName.set(id, `${brand} ${model}`.toLowerCase());
    }
    if (made < spec.count) throw new Error(`catalogue spec ${spec.id} cannot make ${spec.count} unique names`);
  }

  for (const book of BOOK_SPECS) {
    const category: CategoryId = "sports-books";
    const pages = rng.int(18, 42) * 10;
    const id = nextId();
    names.add(book.title);
    products.push({
      id,
      name: book.title,
      category,
      subcategory: book.subcategory,
      brand: rng.pick(BOOK_PUBLISHERS),
      description: `${book.title} by ${book.author} is ${book.blurb}. ${rng.chance(0.5) ? "Paperback" : "Hardcover"}, ${pages} pages.`,
      priceCents: shopPriceCents(rng.uniform(14, 32)),
      stock: rng.chance(0.07) ? 0 : rng.int(3, 120),
      weightKg: Math.round((0.2 + pages / 1000) * 100) / 100,
      consumable: false,
      tags: ["book", ...book.tags],
      createdAt: productCreatedAt(rng, start, now),
    });
    searchName.set(id, book.title.toLowerCase());
  }
  for (const sub of ["training-books", "biographies", "nutrition-books"] as const) {
    queries.set(sub, BOOK_QUERIES[sub]);
  }

  const byId = new Map(products.map((p) => [p.id, p]));
  const bySubcategory = new Map<string, Product[]>();
  for (const p of products) {
    const list = bySubcategory.get(p.subcategory) ?? [];
    list.push(p);
    bySubcategory.set(p.subcategory, list);
  }
  // Zipf-like popularity inside each subcategory, with a random best-seller order.
  const popularity = new Map<string, number>();
  for (const list of bySubcategory.values()) {
    const order = rng.shuffle(list.map((_, i) => i));
    const raw = order.map((rank) => 1 / Math.pow(rank + 1, 0.9));
    const sum = raw.reduce((a, b) => a + b, 0);
    list.forEach((p, i) => popularity.set(p.id, raw[i] / sum));
  }
  return { products, byId, bySubcategory, popularity, queries, searchName };
}
