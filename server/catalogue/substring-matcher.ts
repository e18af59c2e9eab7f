import type { MatchableProduct, ProductCandidate, ProductMatch, ProductMatcher, ProductMention } from "./product-matcher.ts";

/**
 * The naive baseline the evaluation compares against: a product is named when its full name appears in
 * the message (case-insensitive); overlapping names keep the longest. No typos, no partial names.
 * @example createSubstringMatcher(products).match("is the Vantera Tempo 2 waterproof?")
 */
export function createSubstringMatcher<P extends MatchableProduct>(products: readonly P[]): ProductMatcher<P> {
  let byLength = [...products].sort((a, b) => b.name.length - a.name.length);
  return {
    match(text): ProductMatch<P> {
      const lower = text.toLowerCase();
      const mentions: ProductMention<P>[] = [];
      for (const product of byLength) {
        const name = product.name.toLowerCase();
        let from = 0;
        for (let at = lower.indexOf(name, from); at !== -1; at = lower.indexOf(name, from)) {
          from = at + name.length;
          const end = at + name.length;
          if (mentions.some((m) => at < m.span.end && m.span.start < end)) continue;
          const span = { start: at, end, text: text.slice(at, end) };
          const candidate: ProductCandidate<P> = { product, confidence: 1, span, matched: [name] };
          mentions.push({ span, candidates: [candidate], resolved: candidate, brandOnly: false });
        }
      }
      mentions.sort((a, b) => a.span.start - b.span.start);
      return { mentions, candidates: mentions.flatMap((m) => m.candidates) };
    },
    update(next) {
      byLength = [...next].sort((a, b) => b.name.length - a.name.length);
    },
    get size() {
      return byLength.length;
    },
  };
}
