import type { Product, ProductDimensions, ProductVariant } from "../storage/index.ts";

export type { ProductDimensions, ProductVariant };

/** What the catalogue holds beyond the stored `Product` row: variants, page and image addresses, measurements. */
export interface ProductDetails {
  /** Every size/colour option; empty when the product is sold in one form only. */
  variants: ProductVariant[];
  /** The product page path, `/p/<id>`. */
  url: string;
  /** The product image path, `/img/products/<id>.svg`. */
  image: string;
  /** Outside measurements, when the catalogue holds them. */
  dimensions?: ProductDimensions;
}

/** A product as the shop assistant knows it: the stored row plus its details. */
export type CatalogueProduct = Product & ProductDetails;

/** Whether something can be bought now: plenty, only a few left, or none. */
export type StockStatus = "in_stock" | "low_stock" | "out_of_stock";

/** A product card for the chat widget. `price` is in dollars (USD), e.g. 114.95. */
export interface CatalogueProductCard {
  id: string;
  name: string;
  price: number;
  currency: "USD";
  url: string;
  image: string;
  stock: StockStatus;
  /** The variants with their stock (only for products that have variants). */
  variants?: { id: string; label: string; stock: StockStatus }[];
  /** Why this card is shown (e.g. the variant asked for). */
  reason?: string;
}
