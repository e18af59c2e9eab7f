import { dot, normalize, type Embedder } from "../embedder.ts";
import { DAY_MS, type CatalogueItem } from "./types.ts";

/**
 * Recommendations: item-to-item collaborative filtering on implicit feedback (co-purchases and
 * co-views, cosine with shrinkage — Sarwar et al. 2001; shrinkage as in Koren 2008), content
 * similarity of product text embeddings for cold start and question fit, and "frequently bought
 * together" from same-order co-occurrence (lift × shrinkage). Every recommendation carries a reason.
 */

/** Implicit feedback to train on. */
export interface InteractionData {
  /** Orders: items bought together by one customer at one time. */
  baskets: { customerId: string | null; at: string; items: string[] }[];
  /** Views and cart adds by known customers. */
  browsing: { customerId: string; productId: string; at: string; type: "view" | "cart_add" }[];
}

/** Options for {@link trainRecommender}. */
export interface RecommenderOptions {
  /** Shrinkage λ in sim × n/(n+λ) (default 5). */
  shrinkage?: number;
  /** Weight of co-view similarity relative to co-purchase (default 0.5). */
  viewWeight?: number;
  /** Neighbours kept per item (default 50). */
  neighbours?: number;
  /** Max distinct items per customer considered for co-occurrence (most recent first; default 100). */
  maxItemsPerCustomer?: number;
  /** Minimum same-order co-occurrences for "frequently bought together" (default 2). */
  minTogether?: number;
  /** Window for recent popularity, days before the latest order (default 90). */
  recentDays?: number;
  /** Asymmetric-cosine exponent α (0.5 = cosine, 1 = P(j|i); default 0.5). */
  asymmetry?: number;
}

/** How the signals are blended at recommendation time (each signal is scaled to 0..1 per request first). */
export interface ScoreWeights {
  /** Item-to-item co-purchase/co-view similarity to the customer's items. */
  collaborative: number;
  /** Embedding similarity to the customer's items. */
  content: number;
  /** Popularity within the subcategories the customer shops, weighted by their share. */
  subcategory: number;
  /** Recent shop-wide popularity. */
  popularity: number;
  /** Buying a consumable the customer bought before again. */
  repurchase: number;
}

/** Default blend, chosen on a validation window of the demo shop (see docs/customer-models.md). */
export const DEFAULT_SCORE_WEIGHTS: Readonly<ScoreWeights> = Object.freeze({ collaborative: 1, content: 0.15, subcategory: 0.5, popularity: 0.2, repurchase: 3 });

/** A neighbour with similarity and the signal it came from. */
export type Neighbour = [id: string, score: number, source: "purchase" | "view"];

/** A trained recommender artifact. */
export interface RecommenderModel {
  kind: "item-cf-content";
  items: string[];
  neighbours: Record<string, Neighbour[]>;
  together: Record<string, [id: string, score: number, count: number][]>;
  /** Purchase counts (popularity). */
  popularity: Record<string, number>;
  /** Purchase counts in the last `params.recentDays` of the training data (current demand, seasons). */
  recentPopularity: Record<string, number>;
  /** Product text embeddings (unit norm) by id, with the embedder name; absent without an embedder. */
  embeddings?: { embedder: string; dim: number; ids: string[]; vectors: string };
  params: Required<RecommenderOptions>;
}

/** Text embedded for a product's content similarity. */
export function productText(p: CatalogueItem): string {
  return `${p.name}. ${p.category.replace(/-/g, " ")}, ${p.subcategory.replace(/-/g, " ")}. ${p.brand}. ${p.description} ${p.tags.join(", ")}`;
}

function encodeVectors(vs: Float32Array[], dim: number): string {
  const all = new Float32Array(vs.length * dim);
  vs.forEach((v, i) => all.set(v, i * dim));
  return Buffer.from(all.buffer).toString("base64");
}

/** Decode the stored embeddings into a map id → unit vector. */
export function decodeEmbeddings(model: RecommenderModel): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  const e = model.embeddings;
  if (!e) return out;
  const buf = Buffer.from(e.vectors, "base64");
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  e.ids.forEach((id, i) => out.set(id, all.subarray(i * e.dim, (i + 1) * e.dim)));
  return out;
}

/**
 * Asymmetric cosine (Aiolli 2013): sim(i→j) = c_ij / (c_i^α · c_j^(1−α)) × c_ij/(c_ij+λ); α = 0.5 is
 * the plain cosine, α → 1 the conditional probability P(j | i), which favours popular completions.
 */
function cosineNeighbours(sets: string[][], index: Map<string, number>, shrink: number, alpha: number): Map<number, Map<number, number>> {
  const n = index.size;
  const counts = new Float64Array(n);
  const co = new Map<number, number>();
  for (const s of sets) {
    const ids = [...new Set(s)].map((x) => index.get(x)).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    for (const i of ids) counts[i]++;
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        const k = ids[a] * n + ids[b];
        co.set(k, (co.get(k) ?? 0) + 1);
      }
    }
  }
  const sims = new Map<number, Map<number, number>>();
  const put = (i: number, j: number, v: number) => {
    let m = sims.get(i);
    if (!m) sims.set(i, (m = new Map()));
    m.set(j, v);
  };
  for (const [k, c] of co) {
    const i = Math.floor(k / n);
    const j = k % n;
    const damp = c / (c + shrink);
    put(i, j, (c / (Math.pow(counts[i], alpha) * Math.pow(counts[j], 1 - alpha))) * damp);
    put(j, i, (c / (Math.pow(counts[j], alpha) * Math.pow(counts[i], 1 - alpha))) * damp);
  }
  return sims;
}

/**
 * Train the recommender. With an `embedder`, product texts are embedded for cold-start and
 * question-fit scoring.
 * @example const model = await trainRecommender(data, products, { embedder });
 */
export async function trainRecommender(
  data: InteractionData,
  catalogue: readonly CatalogueItem[],
  options: RecommenderOptions & { embedder?: Embedder; onProgress?: (stage: string) => void } = {},
): Promise<RecommenderModel> {
  const params: Required<RecommenderOptions> = {
    shrinkage: options.shrinkage ?? 5,
    viewWeight: options.viewWeight ?? 0.5,
    neighbours: options.neighbours ?? 50,
    maxItemsPerCustomer: options.maxItemsPerCustomer ?? 100,
    minTogether: options.minTogether ?? 2,
    recentDays: options.recentDays ?? 90,
    asymmetry: options.asymmetry ?? 0.5,
  };
  const items = catalogue.map((p) => p.id);
  const index = new Map(items.map((id, i) => [id, i]));
  const n = items.length;

  // Per-customer item sets, most recent first, capped (anonymous baskets count on their own).
  const byCustomer = new Map<string, { id: string; at: string }[]>();
  const purchaseSets: string[][] = [];
  const popularity: Record<string, number> = {};
  for (const b of data.baskets) {
    for (const id of b.items) popularity[id] = (popularity[id] ?? 0) + 1;
    if (b.customerId === null) purchaseSets.push(b.items);
    else {
      const l = byCustomer.get(b.customerId) ?? [];
      for (const id of b.items) l.push({ id, at: b.at });
      byCustomer.set(b.customerId, l);
    }
  }
  const recentSet = (l: { id: string; at: string }[]) => {
    const seen = new Set<string>();
    for (const x of l.sort((a, b) => b.at.localeCompare(a.at))) {
      if (seen.size >= params.maxItemsPerCustomer) break;
      seen.add(x.id);
    }
    return [...seen];
  };
  for (const l of byCustomer.values()) purchaseSets.push(recentSet(l));
  const latest = data.baskets.reduce((m, b) => (b.at > m ? b.at : m), "");
  const recentFrom = latest ? Date.parse(latest) - params.recentDays * DAY_MS : 0;
  const recentPopularity: Record<string, number> = {};
  for (const b of data.baskets) {
    if (Date.parse(b.at) < recentFrom) continue;
    for (const id of b.items) recentPopularity[id] = (recentPopularity[id] ?? 0) + 1;
  }
  options.onProgress?.("co-purchase similarity");
  const pSim = cosineNeighbours(purchaseSets, index, params.shrinkage, params.asymmetry);

  const viewsBy = new Map<string, { id: string; at: string }[]>();
  for (const e of data.browsing) {
    const l = viewsBy.get(e.customerId) ?? [];
    l.push({ id: e.productId, at: e.at });
    viewsBy.set(e.customerId, l);
  }
  options.onProgress?.("co-view similarity");
  const vSim = cosineNeighbours([...viewsBy.values()].map(recentSet), index, params.shrinkage, params.asymmetry);

  const neighbours: Record<string, Neighbour[]> = {};
  for (let i = 0; i < n; i++) {
    const merged = new Map<number, { s: number; p: number; v: number }>();
    for (const [j, s] of pSim.get(i) ?? []) merged.set(j, { s, p: s, v: 0 });
    for (const [j, s] of vSim.get(i) ?? []) {
      const e = merged.get(j) ?? { s: 0, p: 0, v: 0 };
      e.s += params.viewWeight * s;
      e.v = params.viewWeight * s;
      merged.set(j, e);
    }
    const list = [...merged.entries()].sort((a, b) => b[1].s - a[1].s).slice(0, params.neighbours);
    if (list.length) neighbours[items[i]] = list.map(([j, e]) => [items[j], round(e.s), e.p >= e.v ? "purchase" : "view"]);
  }

  // Frequently bought together: same-order co-occurrence, lift × c/(c+λ).
  options.onProgress?.("frequently bought together");
  const orderCounts = new Float64Array(n);
  const pair = new Map<number, number>();
  let nBaskets = 0;
  for (const b of data.baskets) {
    const ids = [...new Set(b.items)].map((x) => index.get(x)).filter((x): x is number => x !== undefined).sort((a, c) => a - c);
    if (ids.length === 0) continue;
    nBaskets++;
    for (const i of ids) orderCounts[i]++;
    for (let a = 0; a < ids.length; a++) for (let c = a + 1; c < ids.length; c++) {
      const k = ids[a] * n + ids[c];
      pair.set(k, (pair.get(k) ?? 0) + 1);
    }
  }
  const tog = new Map<number, [number, number, number][]>();
  for (const [k, c] of pair) {
    if (c < params.minTogether) continue;
    const i = Math.floor(k / n);
    const j = k % n;
    const lift = (c * nBaskets) / (orderCounts[i] * orderCounts[j]);
    const s = lift * (c / (c + params.shrinkage));
    if (lift <= 1) continue;
    (tog.get(i) ?? tog.set(i, []).get(i)!).push([j, s, c]);
    (tog.get(j) ?? tog.set(j, []).get(j)!).push([i, s, c]);
  }
  const together: RecommenderModel["together"] = {};
  for (const [i, l] of tog) together[items[i]] = l.sort((a, b) => b[1] - a[1]).slice(0, 20).map(([j, s, c]) => [items[j], round(s), c]);

  const model: RecommenderModel = { kind: "item-cf-content", items, neighbours, together, popularity, recentPopularity, params };
  if (options.embedder && catalogue.length) {
    options.onProgress?.("product embeddings");
    const vecs: Float32Array[] = [];
    for (let i = 0; i < catalogue.length; i += 64) vecs.push(...(await options.embedder.embed(catalogue.slice(i, i + 64).map(productText))));
    model.embeddings = { embedder: options.embedder.name, dim: options.embedder.dim, ids: items, vectors: encodeVectors(vecs, options.embedder.dim) };
  }
  return model;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** What a customer has done, for personal recommendations. */
export interface CustomerSignals {
  purchases: { productId: string; at: string }[];
  browsing: { productId: string; at: string; type: "view" | "cart_add" }[];
}

/** Business filters and query for {@link recommend}. */
export interface RecommendOptions {
  k?: number;
  /** A unit vector (e.g. the embedded shopper question) to rank by fit. */
  queryVector?: Float32Array;
  category?: string;
  /** Keep items within this price band (cents). */
  minPriceCents?: number;
  maxPriceCents?: number;
  /** Allow out-of-stock items (default false). */
  includeOutOfStock?: boolean;
  /** Exclude these ids too (e.g. already in the cart). */
  exclude?: readonly string[];
  /** Time to age the signals from (default: now). */
  asOf?: Date;
  /** Override the signal blend. */
  weights?: Partial<ScoreWeights>;
  /** At most this many "restock" items in the list (default: no limit), so a panel also shows new things. */
  maxRestock?: number;
}

/** One recommendation with its reason. */
export interface Recommendation {
  productId: string;
  name: string;
  score: number;
  reason: string;
  source: "bought-together" | "co-purchase" | "co-view" | "content" | "query" | "popular" | "restock";
}

/** The runtime view of a recommender: the model, the live catalogue and decoded embeddings. */
export interface RecommenderRuntime {
  model: RecommenderModel;
  catalogue: ReadonlyMap<string, CatalogueItem>;
  embeddings: Map<string, Float32Array>;
  /** Recent popularity scaled to 0..1 shop-wide and within each subcategory. */
  popularityShare: Map<string, number>;
  subcategoryPopularityShare: Map<string, number>;
}

/** Prepare a model for serving against the live catalogue. */
export function createRecommenderRuntime(model: RecommenderModel, catalogue: ReadonlyMap<string, CatalogueItem>): RecommenderRuntime {
  // Recent demand, smoothed with all-time demand so new or seasonal gaps do not zero an item.
  const demand = new Map<string, number>();
  const allMax = Math.max(1, ...Object.values(model.popularity));
  const recentMax = Math.max(1, ...Object.values(model.recentPopularity ?? {}));
  for (const id of model.items) {
    demand.set(id, 0.7 * ((model.recentPopularity?.[id] ?? 0) / recentMax) + 0.3 * ((model.popularity[id] ?? 0) / allMax));
  }
  const maxDemand = Math.max(1e-9, ...demand.values());
  const popularityShare = new Map([...demand].map(([id, d]) => [id, d / maxDemand]));
  const subMax = new Map<string, number>();
  for (const [id, d] of demand) {
    const sub = catalogue.get(id)?.subcategory;
    if (sub !== undefined) subMax.set(sub, Math.max(subMax.get(sub) ?? 0, d));
  }
  const subcategoryPopularityShare = new Map<string, number>();
  for (const [id, d] of demand) {
    const sub = catalogue.get(id)?.subcategory;
    if (sub !== undefined) subcategoryPopularityShare.set(id, d / Math.max(1e-9, subMax.get(sub) ?? 0));
  }
  return { model, catalogue, embeddings: decodeEmbeddings(model), popularityShare, subcategoryPopularityShare };
}

type Candidate = { score: number; best: number; reason: string; source: Recommendation["source"] };

/**
 * Recommend for a customer (or an anonymous shopper with empty signals), optionally ranked by fit
 * to a question vector and restricted to a category. Each signal (co-purchase/co-view similarity,
 * content similarity, popularity in the customer's subcategories, recent popularity, restocking a
 * consumable) is scaled to 0..1 for this request and blended with `weights`. Filters: in stock,
 * not already bought unless consumable, price band, category, exclusions.
 */
export function recommend(rt: RecommenderRuntime, signals: CustomerSignals, options: RecommendOptions = {}): Recommendation[] {
  const k = options.k ?? 10;
  const w = { ...DEFAULT_SCORE_WEIGHTS, ...options.weights };
  const now = (options.asOf ?? new Date()).getTime();
  const { model, catalogue } = rt;
  const bought = new Map<string, number>();
  for (const p of signals.purchases) bought.set(p.productId, (bought.get(p.productId) ?? 0) + 1);
  const excluded = new Set(options.exclude ?? []);
  const cand = new Map<string, Candidate>();
  const add = (id: string, s: number, reason: string, source: Recommendation["source"]) => {
    if (!(s > 0)) return;
    const c = cand.get(id) ?? { score: 0, best: 0, reason, source };
    c.score += s;
    if (s > c.best) {
      c.best = s;
      c.reason = reason;
      c.source = source;
    }
    cand.set(id, c);
  };
  const name = (id: string) => catalogue.get(id)?.name ?? id;

  // Personal signals, aged: purchases fade over ~a year, browsing over ~two months.
  const seeds = new Map<string, { w: number; kind: "bought" | "viewed" }>();
  const seed = (id: string, weight: number, kind: "bought" | "viewed") => {
    const e = seeds.get(id);
    if (!e) seeds.set(id, { w: weight, kind });
    else {
      e.w += weight;
      if (kind === "bought") e.kind = "bought";
    }
  };
  for (const p of signals.purchases) seed(p.productId, Math.exp(-Math.max(0, now - Date.parse(p.at)) / (365 * DAY_MS)), "bought");
  for (const b of signals.browsing) seed(b.productId, (b.type === "cart_add" ? 0.6 : 0.3) * Math.exp(-Math.max(0, now - Date.parse(b.at)) / (60 * DAY_MS)), "viewed");

  // Collaborative: Σ seed weight × similarity, scaled so the best candidate scores 1.
  const cf = new Map<string, { s: number; best: number; reason: string; source: Recommendation["source"] }>();
  for (const [sid, { w: sw, kind }] of seeds) {
    for (const [j, s, src] of model.neighbours[sid] ?? []) {
      const e = cf.get(j) ?? { s: 0, best: 0, reason: "", source: "co-purchase" as Recommendation["source"] };
      e.s += sw * s;
      if (sw * s > e.best) {
        const verb = kind === "bought" ? "bought" : "looked at";
        e.best = sw * s;
        e.reason = src === "purchase" ? `Customers who bought ${name(sid)} also bought this (you ${verb} it)` : `Often viewed together with ${name(sid)}, which you ${verb}`;
        e.source = src === "purchase" ? "co-purchase" : "co-view";
      }
      cf.set(j, e);
    }
  }
  const cfMax = Math.max(1e-9, ...[...cf.values()].map((e) => e.s));
  for (const [j, e] of cf) add(j, w.collaborative * (e.s / cfMax), e.reason, e.source);

  // Content similarity to the customer's items (cold start for new products and thin histories).
  const userVec = profileVector(rt, seeds);
  const topSeed = [...seeds.entries()].sort((a, b) => b[1].w - a[1].w)[0];
  if (userVec && w.content > 0) {
    for (const [id, v] of rt.embeddings) {
      const s = dot(userVec, v);
      if (s > 0.3) add(id, w.content * ((s - 0.3) / 0.7), topSeed ? `Similar to ${name(topSeed[0])}, which you ${topSeed[1].kind === "bought" ? "bought" : "looked at"}` : "Similar to what you like", "content");
    }
  }

  // Popular within the subcategories the customer shops (share of their weighted signals).
  const subShare = new Map<string, number>();
  let totalSeed = 0;
  for (const [sid, { w: sw }] of seeds) {
    const sub = catalogue.get(sid)?.subcategory;
    if (sub === undefined) continue;
    subShare.set(sub, (subShare.get(sub) ?? 0) + sw);
    totalSeed += sw;
  }
  if (totalSeed > 0 && w.subcategory > 0) {
    const maxShare = Math.max(...subShare.values()) / totalSeed;
    for (const [id, pop] of rt.subcategoryPopularityShare) {
      const p = catalogue.get(id);
      const share = p ? (subShare.get(p.subcategory) ?? 0) / totalSeed : 0;
      if (share > 0) add(id, w.subcategory * (share / maxShare) * pop, `Popular in ${p!.subcategory.replace(/-/g, " ")}, which you shop`, "popular");
    }
  }

  // Restocking consumables the customer bought before.
  if (w.repurchase > 0) {
    for (const [id, n] of bought) {
      if (catalogue.get(id)?.consumable) add(id, w.repurchase * Math.min(1, n / 2), `Time to restock? You bought it ${n === 1 ? "once" : `${n} times`}`, "restock");
    }
  }

  // Shop-wide recent popularity: serves shoppers with no history and breaks ties.
  for (const [id, pop] of rt.popularityShare) {
    const p = catalogue.get(id);
    add(id, w.popularity * pop, `Popular right now in ${p ? p.category.replace(/-/g, " ") : "the shop"}`, "popular");
  }

  // A question re-ranks everything by fit, keeping a share of the personal score.
  let final: [string, Candidate][] = [...cand.entries()];
  if (options.queryVector && rt.embeddings.size) {
    const maxPersonal = Math.max(1e-9, ...final.map(([, c]) => c.score));
    final = [...rt.embeddings.entries()].map(([id, v]) => {
      const fit = dot(options.queryVector!, v);
      const c = cand.get(id);
      const personal = (c?.score ?? 0) / maxPersonal;
      const reason = c && c.source !== "popular" && personal > 0.3 ? `Fits your question; ${lowerFirst(c.reason)}` : `Fits your question: ${name(id)}`;
      return [id, { score: fit + (userVec ? 0.1 * Math.max(0, dot(userVec, v)) : 0) + 0.15 * personal, best: fit, reason, source: "query" as const }];
    });
  }

  const out: Recommendation[] = [];
  let restocks = 0;
  for (const [id, c] of final.sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))) {
    const p = catalogue.get(id);
    if (!p || excluded.has(id)) continue;
    if (c.source === "restock" && options.maxRestock !== undefined && restocks >= options.maxRestock) continue;
    if (!options.includeOutOfStock && p.stock <= 0) continue;
    if (bought.has(id) && !p.consumable) continue;
    if (options.category && p.category !== options.category) continue;
    if (options.minPriceCents !== undefined && p.priceCents < options.minPriceCents) continue;
    if (options.maxPriceCents !== undefined && p.priceCents > options.maxPriceCents) continue;
    if (c.source === "restock") restocks++;
    out.push({ productId: id, name: p.name, score: round(c.score), reason: c.reason, source: c.source });
    if (out.length >= k) break;
  }
  return out;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function profileVector(rt: RecommenderRuntime, seeds: Map<string, { w: number }>): Float32Array | null {
  if (!rt.embeddings.size || seeds.size === 0) return null;
  const dim = rt.model.embeddings!.dim;
  const v = new Float32Array(dim);
  for (const [id, { w }] of seeds) {
    const e = rt.embeddings.get(id);
    if (e) for (let i = 0; i < dim; i++) v[i] += w * e[i];
  }
  return normalize(v);
}

/**
 * "Frequently bought together" for a set of products (e.g. a cart): items that co-occur in orders
 * more than chance, scored by lift with shrinkage; falls back to co-purchase neighbours.
 */
export function frequentlyBoughtTogether(rt: RecommenderRuntime, productIds: readonly string[], options: Omit<RecommendOptions, "queryVector"> = {}): Recommendation[] {
  const k = options.k ?? 5;
  const have = new Set(productIds);
  const scores = new Map<string, { s: number; reason: string; source: Recommendation["source"] }>();
  for (const pid of productIds) {
    const nm = rt.catalogue.get(pid)?.name ?? pid;
    for (const [j, s, c] of rt.model.together[pid] ?? []) {
      const e = scores.get(j) ?? { s: 0, reason: `Bought together with ${nm} in ${c} orders`, source: "bought-together" as const };
      e.s += s;
      scores.set(j, e);
    }
    for (const [j, s, src] of rt.model.neighbours[pid] ?? []) {
      if (src !== "purchase" || scores.has(j)) continue;
      scores.set(j, { s: 0.1 * s, reason: `Customers who bought ${nm} also bought this`, source: "co-purchase" });
    }
  }
  const out: Recommendation[] = [];
  for (const [id, e] of [...scores.entries()].sort((a, b) => b[1].s - a[1].s || a[0].localeCompare(b[0]))) {
    const p = rt.catalogue.get(id);
    if (!p || have.has(id) || (options.exclude ?? []).includes(id)) continue;
    if (!options.includeOutOfStock && p.stock <= 0) continue;
    if (options.category && p.category !== options.category) continue;
    if (options.minPriceCents !== undefined && p.priceCents < options.minPriceCents) continue;
    if (options.maxPriceCents !== undefined && p.priceCents > options.maxPriceCents) continue;
    out.push({ productId: id, name: p.name, score: round(e.s), reason: e.reason, source: e.source });
    if (out.length >= k) break;
  }
  return out;
}
