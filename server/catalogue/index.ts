/**
 * The catalogue as the shop assistant knows it (pure, typed; no storage, no I/O): product variants,
 * cards, page and image rendering, recognising named products in shopper messages, reading what is
 * asked about them, and answering from catalogue data only. See docs/products.md.
 */
export * from "./types.ts";
export * from "./format.ts";
export * from "./paths.ts";
export { toProductCard, type ProductCardOptions } from "./product-card.ts";
export { renderProductSvg } from "./product-image.ts";
export { renderProductPage, type ProductPageOptions } from "./product-page.ts";
export { tokenize, normaliseWord, type Token } from "./text.ts";
export * from "./product-matcher.ts";
