import { describe, expect, it } from "vitest";
import { renderProductSvg } from "../catalogue/index.ts";
import { DEMO_PRODUCT_POLICY, generateDemoCatalogue, generateDemoShop } from "./index.ts";

const catalogue = generateDemoCatalogue({ seed: 42 });

describe("generateDemoCatalogue", () => {
  it("holds exactly the products generateDemoShop stores, in order, and is the same for the same seed", () => {
    const stored = generateDemoShop({ seed: 42, customers: 5 }).products;
    expect(catalogue.map(({ variants: _v, url: _u, image: _i, dimensions: _d, ...p }) => p)).toEqual(stored);
    expect(generateDemoCatalogue({ seed: 42 })).toEqual(catalogue);
    expect(generateDemoCatalogue({ seed: 7 }).flatMap((p) => p.variants.map((v) => v.stock))).not.toEqual(catalogue.flatMap((p) => p.variants.map((v) => v.stock)));
  });

  it("gives shoes US sizes and apparel letter sizes, with colours, unique SKUs and stock that adds up to the product's", () => {
    const skus = new Set<string>();
    for (const p of catalogue) {
      for (const v of p.variants) {
        expect(skus.has(v.id)).toBe(false);
        skus.add(v.id);
        expect(v.id.startsWith(`${p.id}-`)).toBe(true);
      }
      if (p.variants.length) expect(p.variants.reduce((a, v) => a + v.stock, 0)).toBe(p.stock);
      if (p.category === "running-shoes") expect(p.variants.every((v) => v.sizeSystem === "US" && v.colour !== null)).toBe(true);
      if (["jackets", "tops", "tights", "shorts", "socks"].includes(p.subcategory)) expect(p.variants.every((v) => v.sizeSystem === "apparel")).toBe(true);
      expect(p.url).toBe(`/p/${p.id}`);
      expect(p.image).toBe(`/img/products/${p.id}.svg`);
    }
  });

  it("has some variants sold out and some nearly gone while their product is in stock", () => {
    const inStock = catalogue.filter((p) => p.stock > 0).flatMap((p) => p.variants);
    expect(inStock.filter((v) => v.stock === 0).length).toBeGreaterThan(50);
    expect(inStock.filter((v) => v.stock > 0 && v.stock <= 2).length).toBeGreaterThan(50);
  });

  it("gives measurements to equipment, tents and packs but not to shoes or books, and takes a size in the name as the truth", () => {
    for (const p of catalogue) {
      if (["treadmills", "squat-racks", "tents"].includes(p.subcategory)) expect(p.dimensions).toBeDefined();
      if (["running-shoes", "sports-books"].includes(p.category)) expect(p.dimensions).toBeUndefined();
    }
    const roller = catalogue.find((p) => /45 cm/.test(p.name));
    expect(roller?.dimensions?.lengthCm).toBe(45);
  });

  it("draws an image for every product", () => {
    for (const p of catalogue) expect(renderProductSvg(p)).toContain("</svg>");
  });
});

describe("DEMO_PRODUCT_POLICY", () => {
  it("states the equipment, shoe and apparel warranties and freight over 30 kg, and no warranty for books", () => {
    expect(DEMO_PRODUCT_POLICY.freightOverKg).toBe(30);
    expect(DEMO_PRODUCT_POLICY.warranties.find((w) => w.subcategory === "treadmills")?.text).toContain("10 years");
    expect(DEMO_PRODUCT_POLICY.warranties.some((w) => w.category === "sports-books")).toBe(false);
  });
});
