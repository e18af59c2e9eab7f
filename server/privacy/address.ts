import type { PiiSpan } from "./types.ts";

/*
 * Street addresses in the forms shoppers type: US/UK "42 Maple Street, Apt 3B", "250 W 57th St Suite 1200",
 * "Flat 2, 27 Acacia Avenue"; PO boxes; Spanish/Italian/Portuguese "Calle Mayor 12, 3º B", "Via Roma 10";
 * German/Dutch "Hauptstraße 5", "Goethestr. 23a", "Kerkstraat 112"; French "12 rue de la Paix".
 * City, region and postcode are left as they are: alone they do not identify a person.
 */

const L = String.raw`\p{L}`;
const WORD = String.raw`[${L}][${L}'’.-]*`;
const HOUSE = String.raw`(?<![\p{L}\p{N}$€£#.,/-])\d{1,5}(?:[A-Za-z]\b|-\d{1,5})?`;
const DIRECTION = String.raw`(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?`;
const UNIT = String.raw`(?:apt|apartment|suite|ste|unit|flat|fl|floor|room|rm|#)\.?\s*#?\s*\d{1,5}[A-Za-z]?\b|#\s*\d{1,5}[A-Za-z]{0,2}\b`;
const ORDINAL = String.raw`\d{1,3}(?:st|nd|rd|th)`;

// Suffixes that are rarely anything else after a house number and a name.
const PLAIN_SUFFIX = ["street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln", "boulevard", "blvd", "parkway", "pkwy", "highway", "hwy", "terrace", "crescent", "cres", "gardens", "mews"];
// Suffixes that are also everyday words ("2 pairs way too big"): need capitals or an address word nearby.
const WORD_SUFFIX = ["drive", "dr", "way", "court", "ct", "place", "pl", "close", "square", "sq", "circle", "cir", "grove", "plaza", "row", "walk", "hill"];
const SUFFIX = [...PLAIN_SUFFIX, ...WORD_SUFFIX].join("|");

const US_UK = new RegExp(
  String.raw`(?:(?:apt|apartment|suite|unit|flat)\.?\s*\d{1,5}[A-Za-z]?,?\s+)?${HOUSE}\s+(?:${DIRECTION}\s+)?(?<name>(?:(?:${ORDINAL}|${WORD})\s+){1,3}?)(?<suffix>${SUFFIX})\b\.?(?:\s+${DIRECTION}(?![\p{L}]))?(?:,?\s*(?:${UNIT}))?`,
  "giu",
);
const PO_BOX = /\b(?:p\.?\s?o\.?\s?box|post\s+office\s+box|postfach|apartado(?:\s+de\s+correos)?)\s*#?\s*\d{1,6}\b/giu;
const UNIT_ALONE = new RegExp(String.raw`\b(?:apt|apartment|suite|unit|flat)\.?\s*#?\s*\d{1,5}[A-Za-z]?\b`, "giu");
const FR = new RegExp(
  String.raw`${HOUSE}(?:\s*(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|bld|place|chemin|allée|allee|impasse|quai|route|cours|passage)\s+(?:(?:de la|de l'|de|du|des|d'|la|le|les|l')\s*)?(?:[\p{Lu}][${L}'’-]*)(?:\s+(?:(?:de|du|des|la|le|les|d'|l')\s*)?[\p{Lu}][${L}'’-]*){0,3}`,
  "gu",
);
const ROMANCE_TYPE = String.raw`(?:calle|c\/|avenida|avda\.?|av\.|paseo|p\.º|pº|plaza|pza\.?|camino|carretera|ctra\.?|ronda|travesía|carrer|rua|travessa|praça)`;
const ROMANCE = new RegExp(
  String.raw`(?<![\p{L}])(?:${ROMANCE_TYPE}|(?:Via|Viale|Piazza|Corso|Largo)(?=\s+\p{Lu}))\s+(?:(?:de la|de los|de las|del|de|dels|di|della|do|da|dos|das)\s+)?(?:${WORD})(?:\s+(?:(?:de la|de|del|di|da)\s+)?${WORD}){0,3}?,?\s+(?:nº\s*|n\.?\s*|no\.?\s*)?\d{1,4}[A-Za-z]?\b(?:,\s*\d{1,2}\s*[º°ª]\s*(?:[A-Za-z]\b|izquierda|derecha|izq\.?|dcha\.?)?)?`,
  "giu",
);
// Compounds: Haupt|straße, Goethe|str., Linden|weg, Kerk|straat, Prinsen|gracht; the stem is 3+ letters.
const GERMANIC = /(?<![\p{L}])[\p{L}][\p{L}-]{2,}(?:straße|strasse|str\.|weg|gasse|platz|allee|gracht|straat|laan|plein|kade|steeg|singel)\s*\d{1,4}(?:\s?[a-zA-Z]\b)?(?:\s*[-–]\s*\d{1,4})?/giu;
const GERMANIC_SPLIT = /(?<![\p{L}])(?:\p{Lu}[\p{L}-]+\s+)+(?:Straße|Strasse|Str\.|Weg|Gasse|Platz|Allee|Ring|Damm)\s+\d{1,4}[a-zA-Z]?\b/gu;

// Words before the name that make a lowercase "57 highland drive" an address.
const ADDRESS_CUE = /\b(?:address|adress|addr|ship|shipping|shipped|deliver|delivery|delivered|send|sent|live|lives|living|moved|move|at|to|dirección|direccion|adresse|anschrift|domicilio)\b[^.!?\n]{0,30}$/i;
// A house number followed by these is a quantity, not a street ("2 pairs way too big").
const NOT_A_STREET_NAME = new Set(["the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "is", "are", "was", "be", "my", "your", "it", "its", "that", "this", "days", "day", "weeks", "week", "months", "years", "hours", "minutes", "pairs", "pair", "items", "item", "times", "x", "kg", "lbs", "lb", "km", "miles", "pcs", "of", "more", "less", "much", "too", "very", "so", "per", "than", "with", "from", "by", "out"]);

/** Street addresses (with their apartment or unit) and PO boxes. */
export function findAddresses(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const add = (start: number, end: number) => spans.push({ kind: "address", start, end: trimEnd(text, start, end) });
  for (const m of text.matchAll(US_UK)) {
    const name = m.groups!.name!.trim().split(/\s+/);
    if (name.some((w) => NOT_A_STREET_NAME.has(w.toLowerCase()))) continue;
    const suffix = m.groups!.suffix!;
    if (WORD_SUFFIX.includes(suffix.toLowerCase())) {
      const capitalised = /^\p{Lu}/u.test(suffix) && name.every((w) => /^(?:\p{Lu}|\d)/u.test(w));
      if (!capitalised && !ADDRESS_CUE.test(text.slice(0, m.index))) continue;
    }
    add(m.index, m.index + m[0].length);
  }
  for (const re of [PO_BOX, FR, ROMANCE, GERMANIC, GERMANIC_SPLIT, UNIT_ALONE]) {
    for (const m of text.matchAll(re)) add(m.index, m.index + m[0].length);
  }
  return spans;
}

/** Drop trailing spaces, commas and a sentence-final dot from a span. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[\s,]/.test(text[end - 1]!)) end--;
  if (text[end - 1] === "." && !/\b(?:st|rd|ave|ln|dr|blvd|str|bd|av|ct|pl)\.$/i.test(text.slice(start, end))) end--;
  return end;
}
