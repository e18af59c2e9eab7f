/**
 * Sizes, colours and measurements of the demo catalogue, generated from the seed without touching the
 * stored product rows: each product gets its own random stream (seed + product id), so the details of
 * one product do not change when another is added. Variant stock always adds up to the product's stock.
 */
import type { CatalogueProduct, ProductDimensions, ProductVariant } from "../catalogue/index.ts";
import { productImageUrl, productUrl } from "../catalogue/index.ts";
import type { Product } from "../storage/index.ts";
import { createRandom, type Random } from "./random.ts";

/** A colour a product can come in: name, SKU code and CSS hex. */
export interface ColourSpec {
  name: string;
  code: string;
  hex: string;
}

const c = (name: string, code: string, hex: string): ColourSpec => ({ name, code, hex });
const BLACK = c("Black", "BLK", "#1f2328");
const WHITE = c("White", "WHT", "#f4f4f2");
const NAVY = c("Navy", "NVY", "#1d2f5a");
const GREY = c("Grey", "GRY", "#8a9099");

/** US shoe sizes of the demo's running shoes (7–12 in half sizes, and 13). */
export const SHOE_SIZES = ["7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "11.5", "12", "13"] as const;
/** Letter sizes of the demo's apparel. */
export const APPAREL_SIZES = ["XS", "S", "M", "L", "XL", "XXL"] as const;

interface OptionSpec {
  sizes?: { system: "US" | "apparel"; labels: readonly string[] };
  colours?: { palette: readonly ColourSpec[]; count: readonly [number, number] };
  /** Ranges in cm for length, width, height, and what they measure. */
  dimensions?: { l: readonly [number, number]; w: readonly [number, number]; h: readonly [number, number]; note: string };
}

const SHOE_COLOURS = [BLACK, WHITE, c("Blue", "BLU", "#2f6fdb"), c("Orange", "ORG", "#f07c2a"), GREY, c("Volt", "VLT", "#c8e632"), c("Red", "RED", "#d63b3b")];
const shoes: OptionSpec = { sizes: { system: "US", labels: SHOE_SIZES }, colours: { palette: SHOE_COLOURS, count: [1, 2] } };

/** Options per subcategory; subcategories not listed have no variants and no measurements. */
const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  "road-running-shoes": shoes,
  "trail-running-shoes": shoes,
  "racing-flats": shoes,
  jackets: { sizes: { system: "apparel", labels: APPAREL_SIZES }, colours: { palette: [BLACK, NAVY, c("Red", "RED", "#c62f2f"), c("Olive", "OLV", "#6b7440"), c("Yellow", "YLW", "#f2c230")], count: [2, 3] } },
  tops: { sizes: { system: "apparel", labels: APPAREL_SIZES }, colours: { palette: [BLACK, WHITE, c("Heather Grey", "HGR", "#a3a7ad"), c("Teal", "TEL", "#1f8a8a"), c("Coral", "CRL", "#f26b5b")], count: [2, 3] } },
  tights: { sizes: { system: "apparel", labels: ["XS", "S", "M", "L", "XL"] }, colours: { palette: [BLACK, NAVY, c("Charcoal", "CHR", "#3b3f45")], count: [1, 2] } },
  shorts: { sizes: { system: "apparel", labels: ["S", "M", "L", "XL"] }, colours: { palette: [BLACK, NAVY, GREY], count: [1, 3] } },
  socks: { sizes: { system: "apparel", labels: ["S", "M", "L"] }, colours: { palette: [BLACK, WHITE, GREY], count: [1, 2] } },
  "yoga-mats": {
    colours: { palette: [c("Purple", "PRP", "#7b4fb0"), c("Teal", "TEL", "#1f8a8a"), BLACK, c("Sand", "SND", "#d8c39a")], count: [2, 4] },
    dimensions: { l: [173, 200], w: [61, 80], h: [0.4, 0.8], note: "unrolled" },
  },
  backpacks: {
    colours: { palette: [BLACK, c("Slate", "SLT", "#5b6b7a"), c("Forest Green", "FGR", "#2f5d3a"), c("Rust", "RST", "#b5542c")], count: [1, 3] },
    dimensions: { l: [28, 38], w: [18, 30], h: [45, 80], note: "outside, packed full" },
  },
  treadmills: { dimensions: { l: [175, 205], w: [78, 92], h: [128, 150], note: "assembled" } },
  "exercise-bikes": { dimensions: { l: [100, 135], w: [52, 65], h: [115, 140], note: "assembled" } },
  "rowing-machines": { dimensions: { l: [200, 245], w: [48, 62], h: [50, 105], note: "assembled" } },
  "squat-racks": { dimensions: { l: [110, 150], w: [110, 150], h: [205, 232], note: "assembled" } },
  dumbbells: { dimensions: { l: [36, 48], w: [18, 28], h: [18, 26], note: "one dumbbell" } },
  kettlebells: { dimensions: { l: [18, 28], w: [13, 20], h: [22, 32], note: "" } },
  "foam-rollers": { dimensions: { l: [30, 34], w: [13, 15], h: [13, 15], note: "" } },
  tents: { dimensions: { l: [38, 55], w: [12, 20], h: [12, 20], note: "packed size" } },
  "sleeping-bags": { dimensions: { l: [30, 45], w: [18, 28], h: [18, 28], note: "packed size" } },
};

/** A 32-bit seed for one product's stream: FNV-1a of the id, mixed with the shop seed. */
function productSeed(seed: number, productId: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < productId.length; i++) h = Math.imul(h ^ productId.charCodeAt(i), 0x01000193);
  return (h ^ 0x5eed) >>> 0;
}

function pickColours(rng: Random, palette: readonly ColourSpec[], count: readonly [number, number]): ColourSpec[] {
  return rng.shuffle(palette).slice(0, Math.min(palette.length, rng.int(count[0], count[1])));
}

/** Split `total` units over weights by largest remainder; all-zero weights put everything on the first variant. */
function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return weights.map(() => 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]++;
  }
  return out;
}

function makeVariants(rng: Random, product: Product, spec: OptionSpec): ProductVariant[] {
  const colours = spec.colours ? pickColours(rng, spec.colours.palette, spec.colours.count) : [null];
  const sizes = spec.sizes?.labels ?? [null];
  const combos = colours.flatMap((colour, ci) => sizes.map((size, si) => ({ colour, size, ci, si })));
  if (combos.length === 1 && combos[0].colour === null && combos[0].size === null) return [];
  const mid = (sizes.length - 1) / 2;
  // Middle sizes and the first colour sell most; about one variant in eight is sold out and some are nearly gone.
  const weights = combos.map(({ ci, si }) => {
    if (rng.chance(0.12)) return 0;
    const sizeWeight = Math.exp(-(((si - mid) / Math.max(1, mid)) ** 2) * 1.5);
    const lowChance = rng.chance(0.1) ? 0.08 : 1;
    return sizeWeight * (ci === 0 ? 1.6 : 1) * rng.uniform(0.6, 1.4) * lowChance;
  });
  const stock = allocate(product.stock, weights);
  return combos.map(({ colour, size }, i) => ({
    id: [product.id, colour?.code, size].filter((x) => x !== null && x !== undefined).join("-"),
    productId: product.id,
    size,
    sizeSystem: size === null ? null : (spec.sizes?.system ?? null),
    colour: colour?.name ?? null,
    colourHex: colour?.hex ?? null,
    stock: stock[i],
  }));
}

function makeDimensions(rng: Random, product: Product, spec: OptionSpec): ProductDimensions | undefined {
  const d = spec.dimensions;
  if (!d) return undefined;
  const round = (x: number) => (x < 2 ? Math.round(x * 10) / 10 : Math.round(x));
  const dims = { lengthCm: round(rng.uniform(d.l[0], d.l[1])), widthCm: round(rng.uniform(d.w[0], d.w[1])), heightCm: round(rng.uniform(d.h[0], d.h[1])), note: d.note };
  // A size in the name ("45 cm" roller, "6 mm" mat) is the truth.
  const cm = /(\d+) cm\b/.exec(product.name);
  if (cm) dims.lengthCm = Number(cm[1]);
  const mm = /(\d+) mm\b/.exec(product.name);
  if (mm) dims.heightCm = Number(mm[1]) / 10;
  return dims;
}

/**
 * The details of each product (variants with SKU and stock, page and image paths, measurements), from the seed.
 * @example generateCatalogueDetails(42, shop.products) // CatalogueProduct[] in the same order
 */
export function generateCatalogueDetails(seed: number, products: readonly Product[]): CatalogueProduct[] {
  return products.map((product) => {
    const rng = createRandom(productSeed(seed, product.id));
    const spec = OPTIONS[product.subcategory] ?? {};
    const variants = makeVariants(rng, product, spec);
    const dimensions = makeDimensions(rng, product, spec);
    const out: CatalogueProduct = { ...product, tags: [...product.tags], variants, url: productUrl(product.id), image: productImageUrl(product.id) };
    if (dimensions) out.dimensions = dimensions;
    return out;
  });
}
