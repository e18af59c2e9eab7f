import type { CatalogueProduct, ProductVariant } from "./types.ts";

/** A small hand-made catalogue for the unit tests (no generator, so tests state their own facts). */
export function testProduct(partial: Partial<CatalogueProduct> & Pick<CatalogueProduct, "id" | "name">): CatalogueProduct {
  return {
    category: "running-shoes", subcategory: "road-running-shoes", brand: partial.name.split(" ")[0], description: `The ${partial.name} is a shoe.`,
    priceCents: 9999, stock: 10, weightKg: 0.5, consumable: false, tags: [], createdAt: "2025-01-01T00:00:00.000Z",
    variants: [], url: `/p/${partial.id}`, image: `/img/products/${partial.id}.svg`, ...partial,
  };
}

/** Shoe variants: each colour × size with the given stock (default 3). */
export function shoeVariants(id: string, colours: readonly string[], sizes: readonly string[], stock: (c: string, s: string) => number = () => 3): ProductVariant[] {
  return colours.flatMap((c) => sizes.map((s) => ({ id: `${id}-${c.slice(0, 3).toUpperCase()}-${s}`, productId: id, size: s, sizeSystem: "US" as const, colour: c, colourHex: "#112233", stock: stock(c, s) })));
}

/** Twelve products with look-alike names: versions, two brands sharing a model, a book, heavy equipment. */
export function testCatalogue(): CatalogueProduct[] {
  const tempo2Variants = shoeVariants("T2", ["Black", "Red"], ["9", "10", "10.5"], (c, s) => (c === "Red" && s === "10" ? 0 : c === "Black" && s === "9" ? 1 : 4));
  return [
    testProduct({ id: "T2", name: "Vantera Tempo 2", description: "The Vantera Tempo 2 is a road running shoe for daily miles. It has reflective details for early-morning runs and a durable carbon-rubber outsole.", tags: ["running", "reflective", "durable"], priceCents: 11495, weightKg: 0.51, variants: tempo2Variants, stock: tempo2Variants.reduce((a, v) => a + v.stock, 0) }),
    testProduct({ id: "T3", name: "Vantera Tempo 3", priceCents: 16995, weightKg: 0.61, description: "The Vantera Tempo 3 is a road running shoe. It has an engineered mesh upper that breathes and an 8 mm heel-to-toe drop.", tags: ["running", "breathable", "8mm-drop"] }),
    testProduct({ id: "KT", name: "Kestrel Running Tempo Plus", brand: "Kestrel Running" }),
    testProduct({ id: "SG", name: "Fellside Scree GTX", brand: "Fellside", subcategory: "trail-running-shoes", description: "The Fellside Scree GTX is a trail running shoe. It has a waterproof membrane and a wide toe box for long days.", tags: ["running", "trail", "waterproof", "wide-fit"] }),
    testProduct({ id: "SC", name: "Trailhound Scree", brand: "Trailhound", subcategory: "trail-running-shoes", description: "The Trailhound Scree is a trail running shoe. It has a rock plate for technical terrain.", tags: ["running", "trail", "rock-plate"] }),
    testProduct({ id: "ML", name: "Trailhound Mudlark", brand: "Trailhound", subcategory: "trail-running-shoes" }),
    testProduct({ id: "TL", name: "Fellside Talus", brand: "Fellside", subcategory: "trail-running-shoes" }),
    testProduct({ id: "RK", name: "Kestrel Running Ridgeback GTX", brand: "Kestrel Running", subcategory: "trail-running-shoes" }),
    testProduct({ id: "RN", name: "Norrsken Run Ridgeback GTX", brand: "Norrsken Run", subcategory: "trail-running-shoes" }),
    testProduct({ id: "TM", name: "IronPeak T-650 Treadmill", brand: "IronPeak", category: "fitness-equipment", subcategory: "treadmills", weightKg: 94, priceCents: 139900, stock: 0, description: "The IronPeak T-650 Treadmill is a treadmill. It has incline up to 15% and a cushioned deck that is kind to knees.", tags: ["incline", "cushioned"], dimensions: { lengthCm: 198, widthCm: 86, heightCm: 133, note: "assembled" } }),
    testProduct({ id: "IW", name: "Iron Will", brand: "Long Stride Press", category: "sports-books", subcategory: "biographies", description: "Iron Will by Derek Ansah is a powerlifter's memoir. Hardcover, 300 pages.", tags: ["book"] }),
    testProduct({ id: "MT", name: "Loma Threads Trail Crew", brand: "Loma Threads", category: "apparel", subcategory: "tops", description: "The Loma Threads Trail Crew is a top for gym sessions. It has odour-resistant merino wool and thumb loops.", tags: ["apparel", "merino"] }),
  ];
}
