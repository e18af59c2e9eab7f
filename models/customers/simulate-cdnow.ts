import { gaussian, type Random } from "../random.ts";
import { createRandom } from "./random.ts";
import type { BgNbdParams } from "./bgnbd.ts";
import type { GammaGammaParams } from "./gamma-gamma.ts";
import { DAY_MS, type CustomerHistory } from "./types.ts";

/**
 * A synthetic transaction log shaped like CDNOW (Fader, Hardie & Lee 2005), drawn from the BG/NBD and Gamma-Gamma
 * generative stories, so the customer-model tests have data whose true parameters are known and that can be
 * committed (the real CDNOW files have no confirmed licence). Written by scripts/make-cdnow-fixture.ts.
 */

/** Options for {@link simulateCdnowLike}. */
export interface CdnowSimulationOptions {
  seed?: number;
  /** Customers in the cohort (default 1000). */
  customers?: number;
  /** Generating BG/NBD parameters (weeks); default the published CDNOW fit. */
  bgNbd?: BgNbdParams;
  /** Generating Gamma-Gamma parameters (dollars); default the published CDNOW fit. */
  gammaGamma?: GammaGammaParams;
}

/** One transaction: a customer, a UTC day and its value in dollars (two decimals). */
export interface SyntheticTransaction {
  customerId: number;
  day: string;
  dollars: number;
}

/** The published CDNOW parameters (Fader, Hardie & Lee 2005; Fader & Hardie's Gamma-Gamma note). */
export const CDNOW_PUBLISHED = {
  bgNbd: { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 },
  gammaGamma: { p: 6.2488, q: 3.7446, gamma: 15.4477 },
} as const;

/** Like CDNOW: the cohort's first purchases fall in the first 12 weeks of 1997; calibration ends 1997-10-01 (39 weeks). */
export const CDNOW_START = "1997-01-01";
export const CDNOW_CALIBRATION_END = "1997-10-01";
/** End of the 39-week holdout (exclusive). */
export const CDNOW_HOLDOUT_END = "1998-07-01";

/** A Gamma(shape, rate) draw (Marsaglia & Tsang 2000; shape < 1 by the boost U^(1/shape)). */
export function sampleGamma(rand: Random, shape: number, rate: number): number {
  if (shape < 1) return sampleGamma(rand, shape + 1, rate) * Math.pow(1 - rand(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = gaussian(rand);
    const v = Math.pow(1 + c * z, 3);
    if (v <= 0) continue;
    const u = 1 - rand();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** A Beta(a, b) draw from two gamma draws. */
export function sampleBeta(rand: Random, a: number, b: number): number {
  const x = sampleGamma(rand, a, 1);
  return x / (x + sampleGamma(rand, b, 1));
}

const dayOf = (startMs: number, weeks: number) => new Date(startMs + Math.floor(weeks * 7) * DAY_MS).toISOString().slice(0, 10);

/**
 * Draw a cohort: each customer joins on a uniform day of the first 12 weeks, buys at Poisson rate λ ~ Gamma(r, α)
 * per week and after each repeat purchase drops out with probability p ~ Beta(a, b); every purchase is worth
 * z ~ Gamma(p_gg, ν) dollars with ν ~ Gamma(q, γ) per customer. Purchases are observed until the holdout end.
 * @example const log = simulateCdnowLike({ seed: 1997, customers: 1000 });
 */
export function simulateCdnowLike(options: CdnowSimulationOptions = {}): SyntheticTransaction[] {
  const rand = createRandom(options.seed ?? 1997);
  const n = options.customers ?? 1000;
  const bg = options.bgNbd ?? CDNOW_PUBLISHED.bgNbd;
  const gg = options.gammaGamma ?? CDNOW_PUBLISHED.gammaGamma;
  if (!Number.isInteger(n) || n < 1) throw new Error(`customers must be a positive integer, got ${n}`);
  const startMs = Date.parse(`${CDNOW_START}T00:00:00Z`);
  const horizonWeeks = (Date.parse(`${CDNOW_HOLDOUT_END}T00:00:00Z`) - startMs) / (7 * DAY_MS);
  const out: SyntheticTransaction[] = [];
  for (let id = 1; id <= n; id++) {
    const joinWeeks = Math.floor(rand() * 84) / 7;
    const lambda = sampleGamma(rand, bg.r, bg.alpha);
    const dropout = sampleBeta(rand, bg.a, bg.b);
    const nu = sampleGamma(rand, gg.q, gg.gamma);
    const spend = () => Math.max(0.01, Math.round(sampleGamma(rand, gg.p, nu) * 100) / 100);
    out.push({ customerId: id, day: dayOf(startMs, joinWeeks), dollars: spend() });
    let t = joinWeeks;
    // Alive at the first purchase; after each repeat purchase the customer drops out with probability p.
    for (;;) {
      t += -Math.log(1 - rand()) / lambda;
      if (t >= horizonWeeks) break;
      out.push({ customerId: id, day: dayOf(startMs, t), dollars: spend() });
      if (rand() < dropout) break;
    }
  }
  return out;
}

/** The log as text in the layout of CDNOW_master.txt: a header, then `id yyyymmdd cds dollars` (whitespace-separated). */
export function formatCdnowLog(log: readonly SyntheticTransaction[]): string {
  const lines = [" customer_id  date number_of_cds  dollar_value"];
  for (const t of log) {
    const cds = Math.max(1, Math.round(t.dollars / 15));
    lines.push(` ${String(t.customerId).padStart(5, "0")} ${t.day.replaceAll("-", "")} ${String(cds).padStart(2)} ${t.dollars.toFixed(2).padStart(7)}`);
  }
  return lines.join("\n") + "\n";
}

/** Parse a CDNOW_master-style log (the header line is skipped; blank lines ignored). */
export function parseCdnowLog(text: string): SyntheticTransaction[] {
  const out: SyntheticTransaction[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const f = line.trim().split(/\s+/);
    if (i === 0 || f.length < 4 || f[0] === "") continue;
    const [id, date, , dollars] = f;
    if (!/^\d{8}$/.test(date)) throw new Error(`line ${i + 1}: bad date "${date}"`);
    out.push({ customerId: Number(id), day: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`, dollars: Number(dollars) });
  }
  return out;
}

/** Customer histories (one delivered order per transaction, at noon UTC) for summarizeForLifetimeValue. */
export function cdnowHistories(log: readonly SyntheticTransaction[]): CustomerHistory[] {
  const by = new Map<number, CustomerHistory>();
  log.forEach((t, i) => {
    const at = `${t.day}T12:00:00.000Z`;
    const h = by.get(t.customerId) ?? { customerId: `C${t.customerId}`, createdAt: at, orders: [], events: [], supportContacts: 0 };
    if (at < h.createdAt) h.createdAt = at;
    h.orders.push({ orderId: `T${i}`, placedAt: at, status: "delivered", totalCents: Math.round(t.dollars * 100), discountCents: 0, items: [] });
    by.set(t.customerId, h);
  });
  return [...by.values()];
}
