import { describe, expect, it } from "vitest";
import { formatPrice, formatWeight, stockStatus } from "./format.ts";
import { toProductCard } from "./product-card.ts";
import { renderProductSvg } from "./product-image.ts";
import { renderProductPage } from "./product-page.ts";
import { testCatalogue, testProduct } from "./test-catalogue.ts";

const [tempo2] = testCatalogue();
const evil = testProduct({ id: "EV", name: `<script>alert("x")</script> & Co's "Shoe"`, brand: "Bad <b>", description: "<img src=x onerror=alert(1)>" });

describe("formatting", () => {
  it("formats prices with cents and separators, weights in g or kg with pounds, and stock status", () => {
    expect(formatPrice(124900)).toBe("$1,249.00");
    expect(formatPrice(999)).toBe("$9.99");
    expect(formatWeight(0.51)).toBe("510 g (1.1 lb)");
    expect(formatWeight(85.8)).toBe("85.8 kg (189.2 lb)");
    expect([stockStatus(0), stockStatus(3), stockStatus(40)]).toEqual(["out_of_stock", "low_stock", "in_stock"]);
  });
});

describe("toProductCard", () => {
  it("gives dollars, USD, page and image, stock status and each variant's stock", () => {
    const card = toProductCard(tempo2);
    expect(card).toMatchObject({ id: "T2", name: "Vantera Tempo 2", price: 114.95, currency: "USD", url: "/p/T2", image: "/img/products/T2.svg", stock: "in_stock" });
    expect(card.variants).toContainEqual({ id: "T2-RED-10", label: "Red, US 10", stock: "out_of_stock" });
    expect(card.variants).toContainEqual({ id: "T2-BLA-9", label: "Black, US 9", stock: "low_stock" });
    expect(card.reason).toBeUndefined();
  });

  it("shows the asked variant's stock and names it as the reason", () => {
    const variant = tempo2.variants.find((v) => v.id === "T2-RED-10")!;
    expect(toProductCard(tempo2, { variant })).toMatchObject({ stock: "out_of_stock", reason: "Red, US 10" });
    expect(toProductCard(tempo2, { variant, reason: "lighter" }).reason).toBe("lighter");
  });

  it("leaves variants out for a product sold in one form", () => {
    expect(toProductCard(testCatalogue()[1]).variants).toBeUndefined();
  });
});

describe("renderProductSvg", () => {
  it("draws the same bytes for the same product, in the product's colour, with its name", () => {
    const svg = renderProductSvg(tempo2);
    expect(svg).toBe(renderProductSvg(tempo2));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain("#112233");
    expect(svg).toContain(">Vantera Tempo 2</text>");
  });

  it("escapes text so a product name cannot inject markup", () => {
    const svg = renderProductSvg(evil);
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;script&gt;");
  });
});

describe("renderProductPage", () => {
  it("shows name, price, stock, variants with their stock, the image and an add-to-cart hook", () => {
    const html = renderProductPage(tempo2, { widgetScriptSrc: "/widget.js" });
    expect(html).toContain("<h1>Vantera Tempo 2</h1>");
    expect(html).toContain("$114.95");
    expect(html).toContain('src="/img/products/T2.svg"');
    expect(html).toMatch(/<option value="T2-RED-10" data-stock="out_of_stock" disabled>Red, US 10 \(sold out\)<\/option>/);
    expect(html).toMatch(/<option value="T2-BLA-9" data-stock="low_stock"[^>]*>Black, US 9 \(only 1 left\)/);
    expect(html).toContain('data-add-to-cart data-product-id="T2"');
    expect(html).toContain("ff:add-to-cart");
    expect(html).toContain('<script src="/widget.js" defer></script>');
  });

  it("escapes every catalogue value and disables add-to-cart when sold out", () => {
    const html = renderProductPage({ ...evil, stock: 0 });
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>");
    expect(html).toMatch(/data-add-to-cart data-product-id="EV" disabled/);
  });
});
