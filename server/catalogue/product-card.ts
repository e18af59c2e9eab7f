import { centsToDollars, PRODUCT_LOW_STOCK_AT, stockStatus, VARIANT_LOW_STOCK_AT, variantLabel } from "./format.ts";
import type { CatalogueProduct, CatalogueProductCard, ProductVariant } from "./types.ts";

/** Options of toProductCard: why the card is shown, and the variant the shopper asked about. */
export interface ProductCardOptions {
  reason?: string;
  /** When given, the card's stock is this variant's and the reason names it unless `reason` is set. */
  variant?: ProductVariant;
}

/**
 * The chat card of a catalogue product: dollars, page and image, stock status, variants with their stock.
 * @example toProductCard(product, { variant }) // { id, name, price: 114.95, currency: "USD", stock: "low_stock", ... }
 */
export function toProductCard(product: CatalogueProduct, options: ProductCardOptions = {}): CatalogueProductCard {
  const { variant } = options;
  const card: CatalogueProductCard = {
    id: product.id,
    name: product.name,
    price: centsToDollars(product.priceCents),
    currency: "USD",
    url: product.url,
    image: product.image,
    stock: variant ? stockStatus(variant.stock, VARIANT_LOW_STOCK_AT) : stockStatus(product.stock, PRODUCT_LOW_STOCK_AT),
  };
  if (product.variants.length > 0) {
    card.variants = product.variants.map((v) => ({ id: v.id, label: variantLabel(v), stock: stockStatus(v.stock, VARIANT_LOW_STOCK_AT) }));
  }
  const reason = options.reason ?? (variant ? variantLabel(variant) : undefined);
  if (reason !== undefined) card.reason = reason;
  return card;
}
