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
}

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

function cosineNeighbours(sets: string[][], index: Map<string, number>, shrink: number): Map<number, Map<number, number>> {
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
    const v = (c / Math.sqrt(counts[i] * counts[j])) * (c / (c + shrink));
    put(i, j, v);
    put(j, i, v);
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
  options.onProgress?.("co-purchase similarity");
  const pSim = cosineNeighbours(purchaseSets, index, params.shrinkage);

  const viewsBy = new Map<string, { id: string; at: string }[]>();
  for (const e of data.browsing) {
    const l = viewsBy.get(e.customerId) ?? [];
    l.push({ id: e.productId, at: e.at });
    viewsBy.set(e.customerId, l);
  }
  options.onProgress?.("co-view similarity");
  const vSim = cosineNeighbours([...viewsBy.values()].map(recentSet), index, params.shrinkage);

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

  const model: RecommenderModel = { kind: "item-cf-content", items, neighbours, together, popularity, params };
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
}

/** One recommendation with its reason. */
export interface Recommendation {
  productId: string;
  name: string;
  score: number;
  reason: string;
  source: "bought-together" | "co-purchase" | "co-view" | "content" | "query" | "popular";
}

/** The runtime view of a recommender: the model, the live catalogue and decoded embeddings. */
export interface RecommenderRuntime {
  model: RecommenderModel;
  catalogue: ReadonlyMap<string, CatalogueItem>;
  embeddings: Map<string, Float32Array>;
  maxPopularity: number;
}

/** Prepare a model for serving against the live catalogue. */
export function createRecommenderRuntime(model: RecommenderModel, catalogue: ReadonlyMap<string, CatalogueItem>): RecommenderRuntime {
  const maxPopularity = Math.max(1, ...Object.values(model.popularity));
  return { model, catalogue, embeddings: decodeEmbeddings(model), maxPopularity };
}

type Candidate = { score: number; best: number; reason: string; source: Recommendation["source"] };

/**
 * Recommend for a customer (or an anonymous shopper with empty signals), optionally ranked by fit
 * to a question vector and restricted to a category. Filters: in stock, not already bought unless
 * consumable, price band, exclusions.
 */
export function recommend(rt: RecommenderRuntime, signals: CustomerSignals, options: RecommendOptions = {}): Recommendation[] {
  const k = options.k ?? 10;
  const now = (options.asOf ?? new Date()).getTime();
  const { model, catalogue } = rt;
  const owned = new Set(signals.purchases.map((p) => p.productId));
  const excluded = new Set(options.exclude ?? []);
  const cand = new Map<string, Candidate>();
  const add = (id: string, s: number, reason: string, source: Recommendation["source"]) => {
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
  const weighted: { id: string; w: number; kind: "bought" | "viewed" }[] = [];
  for (const p of signals.purchases) weighted.push({ id: p.productId, w: Math.exp(-Math.max(0, now - Date.parse(p.at)) / (365 * DAY_MS)), kind: "bought" });
  for (const b of signals.browsing) {
    const base = b.type === "cart_add" ? 0.6 : 0.3;
    weighted.push({ id: b.productId, w: base * Math.exp(-Math.max(0, now - Date.parse(b.at)) / (60 * DAY_MS)), kind: "viewed" });
  }
  const seeds = new Map<string, { w: number; kind: "bought" | "viewed" }>();
  for (const x of weighted) {
    const e = seeds.get(x.id);
    if (!e) seeds.set(x.id, { w: x.w, kind: x.kind });
    else {
      e.w += x.w;
      if (x.kind === "bought") e.kind = "bought";
    }
  }
  for (const [sid, { w, kind }] of seeds) {
    for (const [j, s, src] of model.neighbours[sid] ?? []) {
      const verb = kind === "bought" ? "bought" : "looked at";
      const reason = src === "purchase" ? `Customers who bought ${name(sid)} also bought this (you ${verb} it)` : `Often viewed together with ${name(sid)}, which you ${verb}`;
      add(j, w * s, reason, src === "purchase" ? "co-purchase" : "co-view");
    }
  }

  // Content similarity to the customer's items (cold start for new products and thin histories).
  const userVec = profileVector(rt, seeds);
  const topSeed = [...seeds.entries()].sort((a, b) => b[1].w - a[1].w)[0];
  const personalWeight = seeds.size ? 0.15 : 0;
  if (userVec && personalWeight > 0) {
    for (const [id, v] of rt.embeddings) {
      const s = dot(userVec, v);
      if (s > 0.3) add(id, personalWeight * (s - 0.3), topSeed ? `Similar to ${name(topSeed[0])}, which you ${topSeed[1].kind === "bought" ? "bought" : "looked at"}` : "Similar to what you like", "content");
    }
  }

  // Popularity prior: small, so it breaks ties and serves shoppers with no history.
  for (const [id, c] of Object.entries(model.popularity)) {
    const p = catalogue.get(id);
    add(id, 0.02 * (c / rt.maxPopularity), `Popular in ${p ? p.category.replace(/-/g, " ") : "the shop"}`, "popular");
  }

  // A question re-ranks everything by fit, keeping a share of the personal score.
  let final: [string, Candidate][] = [...cand.entries()];
  if (options.queryVector && rt.embeddings.size) {
    const maxPersonal = Math.max(1e-9, ...final.map(([, c]) => c.score));
    final = [...rt.embeddings.entries()].map(([id, v]) => {
      const fit = dot(options.queryVector!, v);
      const personal = (cand.get(id)?.score ?? 0) / maxPersonal;
      const c = cand.get(id);
      const reason = c && c.source !== "popular" && personal > 0.3 ? `Fits your question; ${lowerFirst(c.reason)}` : `Fits your question: ${name(id)}`;
      return [id, { score: fit + (userVec ? 0.1 * Math.max(0, dot(userVec, v)) : 0) + 0.15 * personal, best: fit, reason, source: "query" as const }];
    });
  }

  const out: Recommendation[] = [];
  for (const [id, c] of final.sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))) {
    const p = catalogue.get(id);
    if (!p || excluded.has(id)) continue;
    if (!options.includeOutOfStock && p.stock <= 0) continue;
    if (owned.has(id) && !p.consumable) continue;
    if (options.category && p.category !== options.category) continue;
    if (options.minPriceCents !== undefined && p.priceCents < options.minPriceCents) continue;
    if (options.maxPriceCents !== undefined && p.priceCents > options.maxPriceCents) continue;
    const reason = owned.has(id) ? `Time to restock? ${c.reason}` : c.reason;
    out.push({ productId: id, name: p.name, score: round(c.score), reason, source: c.source });
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
