import type { Embedder } from "../../models/embedder.ts";
import {
  CUSTOMER_ARTIFACT_VERSION, churnFeatures, historyAsOf, predictLifetimeValue, purchasesBefore,
  summarizeForLifetimeValue, trainChurn, trainLifetimeValue, trainRecommender, trainRfm,
  type CatalogueItem, type ChurnFeatures, type CustomerHistory, type CustomerModelArtifact, type InteractionData,
  type LifetimeSummary, type LifetimeValueModel,
} from "../../models/customers/index.ts";
import { DAY_MS } from "../../models/customers/types.ts";

/** Options for {@link trainCustomerModels}. */
export interface TrainCustomerModelsOptions {
  /** The moment the data describes; history after it is ignored. */
  asOf: Date;
  /** Days without a purchase that count as churn (default 90). */
  churnWindowDays?: number;
  seed?: number;
  embedder?: Embedder;
  /** Called with a stage name and fraction done (0..1). */
  onProgress?: (stage: string, fraction: number) => void;
}

/** Churn-model features for every buyer at `cutoff`, with BG/NBD outputs from a model fitted at that cut-off. */
export function churnRowsAt(histories: readonly CustomerHistory[], lv: LifetimeValueModel, cutoff: Date): { customerId: string; features: ChurnFeatures }[] {
  const out: { customerId: string; features: ChurnFeatures }[] = [];
  for (const h of histories) {
    const s = summarizeForLifetimeValue(h, cutoff);
    if (!s) continue;
    const p = predictLifetimeValue(lv, s);
    const features = churnFeatures(h, cutoff, { probabilityAlive: p.probabilityAlive, expectedPurchases90d: p.expectedPurchases90d });
    if (features) out.push({ customerId: h.customerId, features });
  }
  return out;
}

/** True when the customer bought nothing in (cutoff, cutoff + window]. */
export function churnedAfter(h: CustomerHistory, cutoff: Date, windowDays: number): boolean {
  const end = new Date(cutoff.getTime() + windowDays * DAY_MS);
  return purchasesBefore(h, end).length === purchasesBefore(h, cutoff).length;
}

/** Buyers needed to fit BG/NBD + Gamma-Gamma (and, at the churn cut-off, to learn churn); fewer is a cold start. */
export const MIN_BUYERS_FOR_MODELS = 20;

/** Fit BG/NBD + Gamma-Gamma on the buyers as of `asOf`; a RangeError when there are too few. */
export function fitLifetimeValueAt(histories: readonly CustomerHistory[], asOf: Date): LifetimeValueModel {
  const summaries = histories.map((h) => summarizeForLifetimeValue(h, asOf)).filter((s): s is LifetimeSummary => s !== null);
  if (summaries.length < MIN_BUYERS_FOR_MODELS) throw new RangeError(`lifetime value needs at least 20 buyers before ${asOf.toISOString()}, found ${summaries.length}`);
  return trainLifetimeValue(summaries);
}

/** Implicit-feedback interactions before `asOf`. */
export function interactionsBefore(histories: readonly CustomerHistory[], asOf: Date): InteractionData {
  const t = asOf.getTime();
  const baskets: InteractionData["baskets"] = [];
  const browsing: InteractionData["browsing"] = [];
  for (const h of histories) {
    for (const o of h.orders) {
      if (o.status === "cancelled" || Date.parse(o.placedAt) >= t) continue;
      baskets.push({ customerId: h.customerId, at: o.placedAt, items: o.items.map((i) => i.productId) });
    }
    for (const e of h.events) {
      if ((e.type === "view" || e.type === "cart_add") && e.productId && Date.parse(e.at) < t) {
        browsing.push({ customerId: h.customerId, productId: e.productId, at: e.at, type: e.type });
      }
    }
  }
  return { baskets, browsing };
}

/**
 * Train every customer model from a snapshot of the shop as of `options.asOf`:
 * RFM cut-points and BG/NBD + Gamma-Gamma on all buyers; churn on a temporal split (features at
 * asOf − window, label = no purchase in the following window, BG/NBD features from a model fitted
 * at the cut-off); the recommender on all purchases and browsing.
 */
export async function trainCustomerModels(
  allHistories: readonly CustomerHistory[],
  products: readonly CatalogueItem[],
  options: TrainCustomerModelsOptions,
): Promise<CustomerModelArtifact> {
  const asOf = options.asOf;
  const window = options.churnWindowDays ?? 90;
  const seed = options.seed ?? 42;
  const progress = options.onProgress ?? (() => {});
  const histories = allHistories.map((h) => historyAsOf(h, asOf));
  const buyers = histories.filter((h) => purchasesBefore(h, asOf).length > 0);

  progress("rfm", 0.05);
  const rfm = buyers.length === 0 ? null : trainRfm(buyers.map((h) => {
    const orders = purchasesBefore(h, asOf);
    return {
      recencyDays: (asOf.getTime() - Date.parse(orders[orders.length - 1].placedAt)) / DAY_MS,
      frequency: orders.length,
      monetaryCents: orders.filter((o) => o.status !== "returned").reduce((s, o) => s + o.totalCents, 0),
    };
  }));

  // A small or new shop cannot fit BG/NBD or learn churn: those models stay out (cold start) instead of failing.
  const skipped: string[] = [];
  const tryFit = <T>(what: string, fit: () => T): T | null => {
    try {
      return fit();
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      skipped.push(`${what}: ${err.message}`);
      return null;
    }
  };
  progress("lifetime value (BG/NBD + Gamma-Gamma)", 0.1);
  const lifetimeValue = tryFit("lifetime value", () => fitLifetimeValueAt(histories, asOf));

  progress("churn (temporal split)", 0.3);
  const cutoff = new Date(asOf.getTime() - window * DAY_MS);
  const byId = new Map(histories.map((h) => [h.customerId, h]));
  let rows: { customerId: string; features: ChurnFeatures; churned: boolean }[] = [];
  const churn = lifetimeValue === null ? null : tryFit("churn", () => {
    const lvAtCutoff = fitLifetimeValueAt(histories, cutoff);
    rows = churnRowsAt(histories, lvAtCutoff, cutoff).map((r) => ({ ...r, churned: churnedAfter(byId.get(r.customerId)!, cutoff, window) }));
    return trainChurn(rows, { seed });
  });
  if (lifetimeValue === null) skipped.push("churn: needs the lifetime-value model");
  const missing = [...(rfm ? [] : ["rfm" as const]), ...(lifetimeValue ? [] : ["lifetimeValue" as const]), ...(churn ? [] : ["churn" as const])];
  const coldStart = missing.length
    ? {
        reason: `cold start with ${buyers.length} buyer(s): ${skipped.join("; ") || "no buyers yet"}. Recommendations use popular and similar items; ${lifetimeValue ? "" : "no CLV-based rules (high-value handoff priority, retention offers) and "}no churn-based rules until there is enough history (at least ${MIN_BUYERS_FOR_MODELS} buyers before and after the ${window}-day churn cut-off).`,
        missing,
      }
    : undefined;

  progress("recommender", 0.5);
  const recommender = await trainRecommender(interactionsBefore(histories, asOf), products, {
    embedder: options.embedder,
    onProgress: (s) => progress(`recommender: ${s}`, 0.6),
  });

  progress("done", 1);
  return {
    version: CUSTOMER_ARTIFACT_VERSION,
    trainedAt: new Date().toISOString(),
    snapshot: {
      asOf: asOf.toISOString(),
      customers: histories.length,
      buyers: buyers.length,
      orders: histories.reduce((s, h) => s + h.orders.length, 0),
      events: histories.reduce((s, h) => s + h.events.length, 0),
      products: products.length,
    },
    settings: { churnWindowDays: window, churnCutoff: cutoff.toISOString(), seed },
    rfm,
    lifetimeValue,
    churn,
    recommender,
    ...(coldStart ? { coldStart } : {}),
    metrics: {
      bgNbdLogLikelihood: lifetimeValue?.metrics.bgNbdLogLikelihood ?? null,
      gammaGammaLogLikelihood: lifetimeValue?.metrics.gammaGammaLogLikelihood ?? null,
      churnTrainingRows: rows.length,
      churnRate: churn?.metrics.churnRate ?? null,
      // AUC on the Platt calibration fold, which the regression did not see.
      churnHeldOutAuc: churn?.metrics.calibrationAuc ?? null,
      recommenderItemsWithNeighbours: Object.keys(recommender.neighbours).length,
    },
  };
}
