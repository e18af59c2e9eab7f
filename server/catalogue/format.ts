import type { ProductVariant, StockStatus } from "./types.ts";

/** A product with this many units or fewer is "low stock" (a variant: `VARIANT_LOW_STOCK_AT`). */
export const PRODUCT_LOW_STOCK_AT = 5;
/** A variant with this many units or fewer is "low stock". */
export const VARIANT_LOW_STOCK_AT = 2;

const USD = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/**
 * A price in cents as the shop shows it, always with cents and thousands separators.
 * @example formatPrice(124900) // "$1,249.00"
 */
export function formatPrice(cents: number): string {
  return USD.format(cents / 100);
}

/** Cents to the dollar amount of a product card, rounded to the cent (11495 -> 114.95). */
export function centsToDollars(cents: number): number {
  return Math.round(cents) / 100;
}

/** The stock status of a unit count, with the low-stock bar of a product or of a variant. */
export function stockStatus(units: number, lowAt: number = PRODUCT_LOW_STOCK_AT): StockStatus {
  if (units <= 0) return "out_of_stock";
  return units <= lowAt ? "low_stock" : "in_stock";
}

/** How a variant is named to a shopper: "Black, US 10.5", "M", "Slate". */
export function variantLabel(v: Pick<ProductVariant, "size" | "sizeSystem" | "colour">): string {
  const size = v.size === null ? null : v.sizeSystem === "US" ? `US ${v.size}` : v.size;
  return [v.colour, size].filter((x): x is string => x !== null).join(", ");
}

/**
 * A weight in kilograms with pounds: grams under 1 kg.
 * @example formatWeight(0.51) // "510 g (1.1 lb)"; formatWeight(85.8) // "85.8 kg (189.2 lb)"
 */
export function formatWeight(kg: number): string {
  const lb = (kg * 2.20462).toFixed(1);
  return kg < 1 ? `${Math.round(kg * 1000)} g (${lb} lb)` : `${Number(kg.toFixed(2))} kg (${lb} lb)`;
}

/** Joins a list in English: "a", "a and b", "a, b and c" (`or` for alternatives). */
export function joinWords(items: readonly string[], conjunction: "and" | "or" = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

/** Escapes text for HTML and XML text and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
