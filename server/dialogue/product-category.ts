import { stems } from "../retrieval/index.ts";

/** Shoppers' words for catalogue terms, by stem (a trainer is a shoe, a rower a rowing machine). */
const SYNONYMS: Record<string, string> = {
  trainer: "shoe", sneaker: "shoe", runner: "shoe", footwear: "shoe", flat: "shoe",
  rower: "row", erg: "row", spin: "bike", cycl: "bike", weight: "dumbbel", barbel: "rack",
  coat: "jacket", shell: "jacket", shirt: "top", tee: "top", legging: "tight", pant: "tight",
  read: "book", novel: "book", biographi: "book", tent: "tent", pack: "backpack", torch: "headlamp", lamp: "headlamp", pole: "pole",
  gel: "gel", bottl: "bottl", protein: "supplement",
};

const GENERIC = new Set(["machin", "equip", "gear", "set", "kit"]);

/** A matcher from a shopper's product question to the catalogue category it is about. */
export interface CategoryMatcher {
  infer(text: string): string | undefined;
}

/**
 * Build a matcher from the catalogue's subcategories: the category whose subcategory words
 * (after stemming and synonyms) the question mentions most, e.g. "good trail shoes for wet weather?"
 * → running-shoes. Questions that name no product type return undefined (no filter).
 */
export function createCategoryMatcher(subcategories: readonly { category: string; subcategory: string }[]): CategoryMatcher {
  const norm = (s: string) => SYNONYMS[s] ?? s;
  // The last word of a subcategory is its head noun ("trail-running-shoes" is about shoes): it must be named.
  const index = subcategories.map((s) => {
    // A generic last word ("rowing machines") leaves the head to the word before it.
    const words = stems(s.subcategory.replace(/-/g, " ")).map(norm).filter((w, i, all) => !(GENERIC.has(w) && all.length > 1));
    return { category: s.category, head: words[words.length - 1], modifiers: words.slice(0, -1) };
  });
  return {
    infer(text) {
      const q = new Set(stems(text).map(norm));
      let best: { category: string; score: number } | undefined;
      for (const s of index) {
        if (!s.head || !q.has(s.head)) continue;
        const score = 2 + s.modifiers.filter((w) => q.has(w)).length;
        if (!best || score > best.score) best = { category: s.category, score };
      }
      return best?.category;
    },
  };
}
