/**
 * Finds the products a shopper names in a message ("the vantera tempo 2", "trailhound scree gtx",
 * "adjustable dumbell set"), with typos and partial names, and says when a name fits several products.
 * MiniSearch does the (fuzzy) term look-up over product names; which words may identify a product,
 * how the matched words group into mentions and how candidates rank is decided here.
 */
import MiniSearch from "minisearch";
import { isCommonWord, isEnglishWord, isNumberOrUnit, STOP_WORDS, tokenize, type Token } from "./text.ts";

/** What the matcher needs of a product (a stored `Product` or a `CatalogueProduct` fits). */
export interface MatchableProduct {
  id: string;
  name: string;
  brand: string;
  category: string;
  subcategory: string;
  description: string;
  tags: readonly string[];
}

/** A stretch of the message: character offsets (end exclusive) and the text. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

/** A product a mention may mean, with a confidence in [0, 1] and the name words that matched. */
export interface ProductCandidate<P extends MatchableProduct = MatchableProduct> {
  product: P;
  confidence: number;
  span: TextSpan;
  /** Normalised name words the message matched ("vantera", "tempo", "2"). */
  matched: string[];
}

/** One place in the message that names a product: the candidates, best first, and the one it names if clear. */
export interface ProductMention<P extends MatchableProduct = MatchableProduct> {
  span: TextSpan;
  candidates: ProductCandidate<P>[];
  /** The product named, or null when several fit about equally (ask the shopper which). */
  resolved: ProductCandidate<P> | null;
  /** True when only a brand and a product type were named ("the trailhound shoes"). */
  brandOnly: boolean;
}

/** Everything a message names: mentions in text order, and all their candidates. */
export interface ProductMatch<P extends MatchableProduct = MatchableProduct> {
  mentions: ProductMention<P>[];
  candidates: ProductCandidate<P>[];
}

/** Finds named products in shopper messages; `update` swaps in a changed catalogue. */
export interface ProductMatcher<P extends MatchableProduct = MatchableProduct> {
  match(text: string): ProductMatch<P>;
  update(products: readonly P[]): void;
  /** How many products are indexed. */
  readonly size: number;
}

/** Thresholds of the product matcher. */
export interface ProductMatcherOptions {
  /** At most this many candidates per mention; default 6. */
  maxCandidates?: number;
  /** Candidates scoring below this are dropped; default 0.2. */
  minConfidence?: number;
}

type TokenKind = "brand" | "identity" | "suffix" | "stop";

interface NameToken {
  norm: string;
  kind: TokenKind;
  weight: number;
  /** An identity word that can name a product on its own (not common English, not a feature word, not a number). */
  strong: boolean;
  /** Position of the word in the name. */
  pos: number;
}

interface Entry<P> {
  product: P;
  tokens: Map<string, NameToken>;
  identity: Set<string>;
  /** The first identity word of the name (the model's head: "Adjustable" in "IronPeak Adjustable 24 Dumbbells"). */
  head: string | undefined;
  categoryWords: Set<string>;
  total: number;
}

interface Hit {
  /** Index into the message's content tokens, first and last (a joined pair spans two). */
  from: number;
  to: number;
  term: string;
  exact: boolean;
}

interface Window<P> {
  entry: Entry<P>;
  hits: Hit[];
  terms: Set<string>;
  start: number;
  end: number;
}

/** Words of a name that never identify it. */
const NAME_STOP = new Set(["a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with", "by"]);
/** Shoppers' words for a product type, mapped to the catalogue's words (for "the trailhound shoes"). */
const TYPE_SYNONYMS: Readonly<Record<string, string>> = {
  trainer: "shoe", sneaker: "shoe", runner: "shoe", flat: "shoe", coat: "jacket", shell: "jacket", shirt: "top", tee: "top",
  tshirt: "top", legging: "tight", pant: "tight", flask: "bottle", torch: "headlamp", rucksack: "backpack", pack: "backpack",
  rower: "rowing", erg: "rowing", bike: "bike", weight: "dumbbell", stick: "pole",
};
/** A word among the last two of at least this share of a subcategory's names is its type word ("Treadmill", "Socks"). */
const SUFFIX_SHARE = 0.6;

function isStrongCandidate(norm: string): boolean {
  return norm.length >= 3 || (/\d/.test(norm) && /[a-z]/.test(norm));
}

/** Edit distance allowed for a message word: none for English words, numbers and short words. */
function fuzziness(norm: string): number {
  if (norm.length < 4 || /\d/.test(norm) || isEnglishWord(norm)) return 0;
  return norm.length >= 9 ? 2 : 1;
}

function buildEntries<P extends MatchableProduct>(products: readonly P[]): Entry<P>[] {
  const nameTokens = products.map((p) => [...new Set(tokenize(p.name).map((t) => t.norm))]);
  const df = new Map<string, number>();
  for (const toks of nameTokens) for (const t of toks) df.set(t, (df.get(t) ?? 0) + 1);
  // Words the catalogue uses to describe products: a model name made of them ("Studio", "Thermal") is weak evidence.
  const described = new Set<string>();
  for (const p of products) {
    for (const t of tokenize(p.description.split(p.name).join(" "))) described.add(t.norm);
    for (const tag of p.tags) for (const t of tokenize(tag.replace(/-/g, " "))) described.add(t.norm);
  }
  const bySub = new Map<string, number[]>();
  products.forEach((p, i) => bySub.set(p.subcategory, [...(bySub.get(p.subcategory) ?? []), i]));
  const suffixOf = new Map<string, Set<string>>();
  for (const [sub, members] of bySub) {
    const words = new Set(tokenize(sub.replace(/-/g, " ")).map((t) => t.norm));
    // The type word closes the name ("... Treadmill", "... Foam Roller"): count the last two words of each name.
    const counts = new Map<string, number>();
    for (const i of members) {
      const order = tokenize(products[i].name).map((t) => t.norm);
      for (const t of new Set(order.slice(-2))) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    if (members.length >= 3) for (const [t, n] of counts) if (n / members.length >= SUFFIX_SHARE) words.add(t);
    suffixOf.set(sub, words);
  }
  const n = products.length;
  return products.map((product) => {
    const brand = new Set(tokenize(product.brand).map((t) => t.norm));
    const suffix = suffixOf.get(product.subcategory) ?? new Set<string>();
    const tokens = new Map<string, NameToken>();
    const nameOrder = tokenize(product.name).map((t) => t.norm);
    const startsWithBrand = nameOrder.slice(0, brand.size).every((t) => brand.has(t));
    nameOrder.forEach((norm, pos) => {
      if (tokens.has(norm)) return;
      const idf = Math.log(1 + n / (df.get(norm) ?? 1));
      let kind: TokenKind;
      if (startsWithBrand && pos < brand.size) kind = "brand";
      else if (NAME_STOP.has(norm) || (isNumberOrUnit(norm) && !/^\d+(\.\d+)?$/.test(norm))) kind = "stop";
      else if (suffix.has(norm) && pos > 0) kind = "suffix";
      else kind = "identity";
      const number = /^\d+(\.\d+)?$/.test(norm);
      // A brand word needs only to be uncommon ("Lotus Path"); a model word must not be an English word at all ("Hooded").
      const ordinary = kind === "brand" ? isCommonWord(norm) : isEnglishWord(norm);
      const strong = (kind === "identity" || kind === "brand") && !number && isStrongCandidate(norm) && !ordinary && !described.has(norm);
      const weight = kind === "brand" ? 0.6 * idf : kind === "suffix" ? 0.25 : kind === "stop" ? 0 : strong ? idf : 0.7 * idf;
      tokens.set(norm, { norm, kind, weight, strong, pos });
    });
    const identity = new Set([...tokens.values()].filter((t) => t.kind === "identity").map((t) => t.norm));
    const categoryWords = new Set([...suffix, ...tokenize(`${product.category} ${product.subcategory}`.replace(/-/g, " ")).map((t) => t.norm)]);
    const total = [...tokens.values()].reduce((a, t) => a + t.weight, 0) || 1;
    return { product, tokens, identity, head: [...identity][0], categoryWords, total };
  });
}

function buildIndex<P>(entries: readonly Entry<P>[]): MiniSearch<{ id: number; name: string }> {
  const index = new MiniSearch<{ id: number; name: string }>({
    fields: ["name"],
    tokenize: (s) => s.split(" ").filter(Boolean),
    processTerm: (t) => t,
    searchOptions: { prefix: false, combineWith: "OR" },
  });
  index.addAll(entries.map((e, id) => ({ id, name: [...e.tokens.keys()].join(" ") })));
  return index;
}

/** The words of a message that may match a name word (articles and the like never do). */
function contentTokens(text: string): Token[] {
  return tokenize(text).filter((t) => !NAME_STOP.has(t.norm));
}

/**
 * A product matcher over a catalogue; call `update` when the live catalogue changes.
 * @example createProductMatcher(products).match("how heavy is the vantera tempo 2?").mentions[0].resolved?.product.id
 */
export function createProductMatcher<P extends MatchableProduct>(products: readonly P[], options: ProductMatcherOptions = {}): ProductMatcher<P> {
  const maxCandidates = options.maxCandidates ?? 6;
  const minConfidence = options.minConfidence ?? 0.2;
  let entries = buildEntries(products);
  let index = buildIndex(entries);

  function hitsOf(content: readonly Token[]): Map<number, Hit[]> {
    const hits = new Map<number, Hit[]>();
    const add = (id: number, hit: Hit) => hits.set(id, [...(hits.get(id) ?? []), hit]);
    const lookup = (q: string, from: number, to: number, fuzzy: number) => {
      for (const r of index.search(q, { fuzzy: fuzzy || false, prefix: false })) {
        for (const term of r.terms as string[]) {
          const exact = term === q;
          if (!exact && term[0] !== q[0]) continue; // a typo rarely changes the first letter
          add(r.id as number, { from, to, term, exact });
        }
      }
    };
    content.forEach((tok, i) => {
      lookup(tok.norm, i, i, fuzziness(tok.norm));
      const next = content[i + 1];
      // "iron peak" -> "ironpeak", "t 650" -> "t650", "half zip" -> "halfzip" (exact only: a fuzzy pair matches too much)
      if (next && next.start - tok.end <= 1) lookup(tok.norm + next.norm, i, i + 1, 0);
    });
    return hits;
  }

  function windowsOf(entry: Entry<P>, hits: Hit[], content: readonly Token[]): Window<P>[] {
    // One hit per message word: the exact one, else the heaviest.
    const best = new Map<string, Hit>();
    for (const h of hits) {
      const key = `${h.from}:${h.to}`;
      const old = best.get(key);
      const w = (x: Hit) => (entry.tokens.get(x.term)?.weight ?? 0) * (x.exact ? 1 : 0.85);
      if (!old || w(h) > w(old)) best.set(key, h);
    }
    const sorted = [...best.values()].sort((a, b) => a.from - b.from || b.to - a.to);
    const windows: Window<P>[] = [];
    let cur: Window<P> | undefined;
    for (const h of sorted) {
      const kind = entry.tokens.get(h.term)?.kind;
      const lastTo = cur ? Math.max(...cur.hits.map((x) => x.to)) : -1;
      const hasIdentity = cur ? [...cur.terms].some((t) => entry.tokens.get(t)?.kind === "identity") : false;
      if (cur && lastTo >= h.from) continue; // overlaps a word already used (a joined pair)
      // A new mention starts after a gap of more than one word, on a repeated name word, or on a brand after the model.
      if (!cur || h.from - lastTo > 2 || cur.terms.has(h.term) || (kind === "brand" && hasIdentity)) {
        cur = { entry, hits: [], terms: new Set(), start: content[h.from].start, end: content[h.to].end };
        windows.push(cur);
      }
      cur.hits.push(h);
      cur.terms.add(h.term);
      cur.end = content[h.to].end;
    }
    return windows;
  }

  function evaluate(w: Window<P>) {
    const { entry } = w;
    let matched = 0;
    for (const h of w.hits) matched += (entry.tokens.get(h.term)?.weight ?? 0) * (h.exact ? 1 : 0.85);
    const kinds = [...w.terms].map((t) => entry.tokens.get(t)!);
    const identityHits = kinds.filter((t) => t.kind === "identity");
    const unmatched = [...entry.identity].filter((t) => !w.terms.has(t)).length;
    // Only a distinctive brand word counts ("Norrsken", not the "Run" of "Norrsken Run").
    const brandHit = kinds.some((t) => t.kind === "brand" && t.strong);
    const suffixHit = kinds.some((t) => t.kind === "suffix");
    // Weak evidence (ordinary words only) must also keep the name's word order: "iron will", not "will the iron".
    const order = w.hits.map((h) => entry.tokens.get(h.term)!.pos);
    const inOrder = order.every((p, i) => i === 0 || p > order[i - 1]);
    const trigger =
      identityHits.some((t) => t.strong) ||
      (brandHit && identityHits.length >= 1) ||
      (inOrder && unmatched === 0 && entry.identity.size >= 2) ||
      // "adjustable dumbbells", "night trail headlamp": the model's first word with the product type
      (inOrder && suffixHit && identityHits.some((t) => t.norm === entry.head));
    const brandNamed = brandHit || ![...entry.tokens.values()].some((t) => t.kind === "brand" && t.strong);
    return { recall: matched / entry.total, unmatched, trigger, full: unmatched === 0 && brandNamed, brandOnly: brandHit && identityHits.length === 0 };
  }

  function spanOf(text: string, start: number, end: number): TextSpan {
    return { start, end, text: text.slice(start, end) };
  }

  function match(text: string): ProductMatch<P> {
    const content = contentTokens(text);
    const hits = hitsOf(content);
    type Scored = { w: Window<P>; recall: number; unmatched: number; full: boolean };
    const triggered: Scored[] = [];
    const brandOnly: Window<P>[] = [];
    for (const [id, hs] of hits) {
      for (const w of windowsOf(entries[id], hs, content)) {
        const e = evaluate(w);
        if (e.trigger) triggered.push({ w, recall: e.recall, unmatched: e.unmatched, full: e.full });
        else if (e.brandOnly) brandOnly.push(w);
      }
    }
    // Overlapping windows name the same thing: cluster them into mentions.
    triggered.sort((a, b) => a.w.start - b.w.start);
    const clusters: { start: number; end: number; items: Scored[] }[] = [];
    for (const s of triggered) {
      const last = clusters.at(-1);
      if (last && s.w.start < last.end) {
        last.items.push(s);
        last.end = Math.max(last.end, s.w.end);
      } else clusters.push({ start: s.w.start, end: s.w.end, items: [s] });
    }
    const mentions: ProductMention<P>[] = [];
    for (const cl of clusters) {
      const words = content.filter((t) => t.start >= cl.start && t.end <= cl.end && !STOP_WORDS.has(t.norm)).length || 1;
      const byProduct = new Map<string, { s: Scored; score: number }>();
      for (const s of cl.items) {
        const used = new Set(s.w.hits.flatMap((h) => (h.from === h.to ? [h.from] : [h.from, h.to]))).size;
        const score = s.recall * (0.5 + 0.5 * Math.min(1, used / words));
        const old = byProduct.get(s.w.entry.product.id);
        if (!old || score > old.score) byProduct.set(s.w.entry.product.id, { s, score });
      }
      const ranked = [...byProduct.values()]
        .filter((x) => x.score >= minConfidence)
        .sort((a, b) => Number(b.s.full) - Number(a.s.full) || b.score - a.score || a.s.unmatched - b.s.unmatched || a.s.w.entry.product.id.localeCompare(b.s.w.entry.product.id));
      if (!ranked.length) continue;
      const top = ranked[0];
      // The best candidate is the one named when, against every other, it either matched a distinctive word the other
      // lacks ("tempo 2" vs Tempo 3) or is named in full where the other is not ("Nordvik Squall Jacket" vs its Lite).
      const distinctive = (x: Scored) => new Set([...x.w.terms].filter((t) => { const k = x.w.entry.tokens.get(t)!; return k.kind === "identity" || (k.kind === "brand" && k.strong); }));
      const topTerms = distinctive(top.s);
      const rivals = ranked.slice(1).filter((x) => {
        const theirs = distinctive(x.s);
        return ![...topTerms].some((t) => !theirs.has(t)) && !(top.s.full && !x.s.full);
      });
      const clear = rivals.length === 0;
      const keep = clear ? [top] : [top, ...rivals];
      const candidates = keep.slice(0, maxCandidates).map((x) => ({
        product: x.s.w.entry.product,
        confidence: Math.round(Math.min(1, x.score) * 1000) / 1000,
        span: spanOf(text, x.s.w.start, x.s.w.end),
        matched: [...x.s.w.terms],
      }));
      mentions.push({ span: spanOf(text, cl.start, cl.end), candidates, resolved: clear ? candidates[0] : null, brandOnly: false });
    }
    mentions.push(...brandMentions(text, content, brandOnly, clusters));
    mentions.sort((a, b) => a.span.start - b.span.start);
    return { mentions, candidates: mentions.flatMap((m) => m.candidates) };
  }

  /** "the trailhound shoes": a brand and a product type, outside any named product, lists that brand's products of that type. */
  function brandMentions(text: string, content: readonly Token[], windows: readonly Window<P>[], taken: readonly { start: number; end: number }[]): ProductMention<P>[] {
    const words = new Set(content.map((t) => TYPE_SYNONYMS[t.norm] ?? t.norm));
    const byBrand = new Map<string, Window<P>>();
    for (const w of windows) {
      if (taken.some((c) => w.start < c.end && c.start < w.end)) continue;
      if (!byBrand.has(w.entry.product.brand)) byBrand.set(w.entry.product.brand, w);
    }
    const out: ProductMention<P>[] = [];
    for (const [brand, w] of byBrand) {
      const fits = entries.filter((e) => e.product.brand === brand && [...e.categoryWords].some((c) => words.has(c)));
      if (!fits.length || fits.length > maxCandidates) continue;
      const span = spanOf(text, w.start, w.end);
      const candidates = fits.map((e) => ({ product: e.product, confidence: Math.round((0.5 / fits.length) * 1000) / 1000 + 0.2, span, matched: [...w.terms] }));
      out.push({ span, candidates, resolved: candidates.length === 1 ? candidates[0] : null, brandOnly: true });
    }
    return out;
  }

  return {
    match,
    update(next) {
      entries = buildEntries(next);
      index = buildIndex(entries);
    },
    get size() {
      return entries.length;
    },
  };
}
