import type { Product } from "../storage/index.ts";

/** One buyable option of a product (a size, a colour, or both) with its own SKU and stock. */
export interface ProductVariant {
  /** Stable id, also the SKU, e.g. "P0062-BLK-10.5" (product id, colour code, size). */
  id: string;
  productId: string;
  /** The size label as the shopper sees it ("10.5", "M"), or null when the product has no sizes. */
  size: string | null;
  /** What the size is measured in: "US" shoe sizes or "apparel" letter sizes. */
  sizeSystem: "US" | "apparel" | null;
  /** The colour name ("Black"), or null when the product has no colour options. */
  colour: string | null;
  /** The colour as a CSS hex value, for images and swatches. */
  colourHex: string | null;
  /** Units on hand for this variant. */
  stock: number;
}

/** Outside measurements in centimetres; `note` says what they describe ("packed size", "assembled"). */
export interface ProductDimensions {
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  note: string;
}

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
