/**
 * The agent console's wording of numbers: one money format (Intl, USD), and the customer models'
 * outputs in plain words an agent can act on ("likely to buy again", "$434 expected over the next
 * 12 months", "churn risk: low") instead of P(alive) and raw probabilities.
 */

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const usdWhole = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const dateFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric" });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 });

/**
 * Money in cents as the console shows it everywhere: `$1,299.00`.
 * @example formatCents(129999) // "$1,299.99"
 */
export function formatCents(cents: number): string {
  return Number.isFinite(cents) ? usd.format(cents / 100) : "—";
}

/** A product price in dollars (ProductCard.price), in the same format as formatCents. */
export function formatPrice(price: number, currency = "USD"): string {
  if (!Number.isFinite(price)) return "—";
  return currency === "USD" ? usd.format(price) : new Intl.NumberFormat("en-US", { style: "currency", currency }).format(price);
}

/** A date (ISO) as `Mar 4, 2024`; the input unchanged when it is not a date. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

/** A 0–1 share as a whole percentage: `12 %` style per en-US (`12%`). */
export function formatPercent(share: number): string {
  return percent.format(share);
}

/**
 * How likely the customer is still buying, from the BG/NBD probability of being "alive".
 * The bands are deliberately coarse: agents act on them, not on the second decimal.
 * @example buyingAgain(0.96) // "likely to buy again"
 */
export function buyingAgain(probabilityAlive: number): string {
  if (probabilityAlive >= 0.7) return "likely to buy again";
  if (probabilityAlive >= 0.4) return "may buy again";
  return "unlikely to buy again";
}

/**
 * Expected spend over the CLV horizon in words.
 * @example expectedSpend(43412, 12) // "$434 expected over the next 12 months"
 */
export function expectedSpend(clvCents: number, horizonMonths: number): string {
  return `${usdWhole.format(clvCents / 100)} expected over the next ${horizonMonths} months`;
}

/** Churn risk bands; "high" starts where the retention rule starts (RETENTION_MIN_CHURN_RISK, default 0.5). */
export function churnBand(risk: number, highFrom = 0.5): "low" | "medium" | "high" {
  if (risk >= highFrom) return "high";
  return risk >= highFrom / 2 ? "medium" : "low";
}

/**
 * Churn risk in words with the figure kept for the curious.
 * @example churnRisk(0.12) // "churn risk: low (12%)"
 */
export function churnRisk(risk: number): string {
  return `churn risk: ${churnBand(risk)} (${formatPercent(risk)})`;
}

// Model-explanation phrases that are jargon to an agent, rewritten; other reasons pass unchanged.
// (models/customers/churn.ts FEATURE_TEXT words them; once it does so plainly these stop matching.)
const REWRITES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/purchase-pattern P\(active\) (\d+)%/i, (m) => `buying pattern says ${Number(m[1]) >= 70 ? "still an active customer" : Number(m[1]) >= 40 ? "may still be an active customer" : "probably no longer active"}`],
  [/(\d+(?:\.\d+)?) purchases expected in the next (\d+) days/i, (m) => {
    const n = Number(m[1]);
    const words = n < 0.5 ? "no orders" : n < 1.5 ? "about 1 order" : `about ${Math.round(n)} orders`;
    return `${words} expected in the next ${m[2]} days`;
  }],
];

/**
 * A churn reason in plain words.
 * @example plainReason("2.01 purchases expected in the next 90 days (lowers risk)") // "about 2 orders expected in the next 90 days (lowers risk)"
 */
export function plainReason(text: string): string {
  let out = text;
  for (const [re, say] of REWRITES) {
    const m = re.exec(out);
    if (m) out = out.slice(0, m.index) + say(m) + out.slice(m.index + m[0].length);
  }
  return out;
}

/** A snake_case model label as words: `cant_lose` → "can't lose", `at_risk` → "at risk". */
export function labelWords(label: string): string {
  return label.replace(/^cant_/, "can't_").replace(/_/g, " ");
}

/** The shopper's language from a BCP 47 tag, in English: `es-MX` → "Spanish (Mexico)"; the tag itself if unknown. */
export function languageName(tag: string): string {
  try {
    const names = new Intl.DisplayNames(["en"], { type: "language" });
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
