import { escapeXml } from "./format.ts";
import type { CatalogueProduct } from "./types.ts";

/** A line drawing per category, in a 160×120 box drawn at the image's top centre. */
const PICTOGRAMS: Readonly<Record<string, string>> = {
  "running-shoes":
    '<path d="M12 78 C14 58 30 50 44 44 L58 30 C66 34 74 40 84 40 C96 40 104 50 118 56 C138 62 150 66 150 80 L150 88 L12 88 Z"/><path d="M12 88 L150 88 L150 96 L12 96 Z" opacity="0.55"/>',
  apparel: '<path d="M56 14 L40 20 L10 40 L26 62 L40 54 L40 110 L120 110 L120 54 L134 62 L150 40 L120 20 L104 14 C100 26 90 32 80 32 C70 32 60 26 56 14 Z"/>',
  "fitness-equipment":
    '<rect x="10" y="34" width="18" height="52" rx="4"/><rect x="28" y="26" width="18" height="68" rx="4"/><rect x="46" y="54" width="68" height="12" rx="3"/><rect x="114" y="26" width="18" height="68" rx="4"/><rect x="132" y="34" width="18" height="52" rx="4"/>',
  "outdoor-gear": '<path d="M80 12 L150 106 L10 106 Z"/><path d="M80 48 L104 106 L56 106 Z" fill="#ffffff" opacity="0.45"/>',
  "sports-books": '<path d="M30 14 L124 14 C130 14 134 18 134 24 L134 106 L36 106 C32 106 30 102 30 98 Z"/><rect x="30" y="14" width="14" height="92" opacity="0.55"/>',
};
const DEFAULT_PICTOGRAM = '<circle cx="80" cy="60" r="46"/>';
/** A fallback colour per category when the product has no colour of its own. */
const CATEGORY_COLOURS: Readonly<Record<string, string>> = {
  "running-shoes": "#2f6fdb", apparel: "#1f8a8a", "fitness-equipment": "#3b3f45", "outdoor-gear": "#2f5d3a", "sports-books": "#8a4b2a",
};
const HEX = /^#[0-9a-fA-F]{6}$/;
const MAX_LINE = 26;
const MAX_TEXT = 120;

/** Break a name into at most two lines of about MAX_LINE characters; the rest ends in an ellipsis. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && (line + " " + word).length > MAX_LINE) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > 2) lines.splice(1, lines.length - 1, `${lines.slice(1).join(" ").slice(0, MAX_LINE - 1)}…`);
  return lines;
}

/** Plain text safe for an SVG text node: no control characters, bounded length, XML-escaped. */
function svgText(text: string): string {
  return escapeXml(text.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, MAX_TEXT));
}

/**
 * A small, deterministic SVG picture of a product: its category's pictogram in the product's colour
 * (first variant with a colour, else the category's), its name and brand. Same product, same bytes.
 * @example renderProductSvg(product) // '<svg xmlns="http://www.w3.org/2000/svg" ...'
 */
export function renderProductSvg(product: Pick<CatalogueProduct, "name" | "brand" | "category" | "variants">): string {
  const own = product.variants.find((v) => v.colourHex && HEX.test(v.colourHex))?.colourHex;
  const colour = own ?? CATEGORY_COLOURS[product.category] ?? "#555b66";
  const icon = PICTOGRAMS[product.category] ?? DEFAULT_PICTOGRAM;
  const lines = wrap(product.name.replace(/[\u0000-\u001f\u007f]/g, " "));
  const nameText = lines
    .map((l, i) => `<text x="200" y="${214 + i * 24}" font-size="20" font-weight="600" text-anchor="middle" fill="#1f2328">${svgText(l)}</text>`)
    .join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300" font-family="system-ui, sans-serif" role="img" aria-label="${svgText(product.name)}">`,
    `<rect width="400" height="300" fill="#f6f5f1"/>`,
    `<rect x="0" y="0" width="400" height="8" fill="${colour}"/>`,
    `<g transform="translate(120 44)" fill="${colour}">${icon}</g>`,
    nameText,
    `<text x="200" y="${214 + lines.length * 24 + 4}" font-size="14" text-anchor="middle" fill="#5b616b">${svgText(product.brand)}</text>`,
    `</svg>`,
  ].join("");
}
