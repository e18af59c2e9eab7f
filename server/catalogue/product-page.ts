import { escapeXml, formatPrice, formatWeight, PRODUCT_LOW_STOCK_AT, stockStatus, VARIANT_LOW_STOCK_AT, variantLabel } from "./format.ts";
import type { CatalogueProduct, ProductVariant, StockStatus } from "./types.ts";

/** Options of renderProductPage. */
export interface ProductPageOptions {
  /** The shop's name in the title; default "Fjell & Field". */
  shopName?: string;
  /** A script to embed (the chat widget), e.g. "/widget.js"; none by default. */
  widgetScriptSrc?: string;
}

const STOCK_WORDS: Readonly<Record<StockStatus, string>> = { in_stock: "In stock", low_stock: "Only a few left", out_of_stock: "Sold out" };

function variantOption(v: ProductVariant, selected: boolean): string {
  const status = stockStatus(v.stock, VARIANT_LOW_STOCK_AT);
  const note = status === "low_stock" ? `only ${v.stock} left` : STOCK_WORDS[status].toLowerCase();
  return `<option value="${escapeXml(v.id)}" data-stock="${status}"${status === "out_of_stock" ? " disabled" : ""}${selected ? " selected" : ""}>${escapeXml(variantLabel(v))} (${note})</option>`;
}

// Dispatches a bubbling "ff:add-to-cart" event with { productId, variantId } that the demo page (or a shop) listens to.
const ADD_TO_CART_SCRIPT = `<script>
document.addEventListener("click", function (e) {
  var b = e.target.closest && e.target.closest("[data-add-to-cart]");
  if (!b) return;
  var s = document.getElementById("variant");
  b.dispatchEvent(new CustomEvent("ff:add-to-cart", { bubbles: true, detail: { productId: b.getAttribute("data-product-id"), variantId: s ? s.value : null } }));
});
</script>`;

/**
 * A small product page: image, name, brand, price, stock, variants with their stock, description, weight
 * and measurements, and an "Add to cart" button that dispatches a bubbling `ff:add-to-cart` event
 * (`detail: { productId, variantId }`). Every catalogue value is HTML-escaped.
 * @example res.type("html").send(renderProductPage(product, { widgetScriptSrc: "/widget.js" }))
 */
export function renderProductPage(product: CatalogueProduct, options: ProductPageOptions = {}): string {
  const shop = options.shopName ?? "Fjell & Field";
  const status = stockStatus(product.stock, PRODUCT_LOW_STOCK_AT);
  const available = product.variants.filter((v) => v.stock > 0);
  const variants = product.variants.length
    ? `<label for="variant">Choose</label> <select id="variant" name="variant">${product.variants.map((v) => variantOption(v, v === available[0])).join("")}</select>`
    : "";
  const d = product.dimensions;
  const facts = [
    `<li>Weight: ${escapeXml(formatWeight(product.weightKg))}</li>`,
    d ? `<li>Measurements: ${d.lengthCm} × ${d.widthCm} × ${d.heightCm} cm${d.note ? ` (${escapeXml(d.note)})` : ""}</li>` : "",
  ].join("");
  const soldOut = status === "out_of_stock" || (product.variants.length > 0 && available.length === 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(product.name)} | ${escapeXml(shop)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1f2328;background:#fbfaf7}main{max-width:880px;margin:0 auto;padding:24px;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:24px}img{width:100%;height:auto;border-radius:8px}.price{font-size:1.5em;font-weight:600}.stock-low_stock{color:#b5542c}.stock-out_of_stock{color:#a12a2a}button{font:inherit;padding:10px 18px;border:0;border-radius:6px;background:#1f2328;color:#fff;cursor:pointer}button:disabled{opacity:.5;cursor:not-allowed}@media(max-width:640px){main{grid-template-columns:1fr}}</style>
</head>
<body>
<p><a href="/">${escapeXml(shop)}</a></p>
<main data-product-id="${escapeXml(product.id)}">
<img src="${escapeXml(product.image)}" alt="${escapeXml(product.name)}" width="400" height="300">
<section>
<h1>${escapeXml(product.name)}</h1>
<p>${escapeXml(product.brand)}</p>
<p class="price">${escapeXml(formatPrice(product.priceCents))}</p>
<p class="stock-${status}">${STOCK_WORDS[status]}</p>
${variants}
<p><button type="button" data-add-to-cart data-product-id="${escapeXml(product.id)}"${soldOut ? " disabled" : ""}>Add to cart</button></p>
<p>${escapeXml(product.description)}</p>
<ul>${facts}</ul>
</section>
</main>
${ADD_TO_CART_SCRIPT}
${options.widgetScriptSrc ? `<script src="${escapeXml(options.widgetScriptSrc)}" defer></script>` : ""}
</body>
</html>
`;
}
