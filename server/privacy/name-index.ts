/**
 * An index of the shop's customer names for matching in running text: a token trie (each name a path of
 * normalised words) plus the sets of first and last words. Matching walks the trie from each word of a
 * message, so a message costs O(words × longest name) map look-ups whatever the number of names
 * (`npm run eval:pii` prints the build time and the per-message time with 100k names).
 */

/** One word of a text: its offsets and its normalised form (lowercase, no accents, no possessive 's). */
export interface Token {
  start: number;
  end: number;
  raw: string;
  norm: string;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  name: boolean;
}

/** The built index (immutable once built; `setKnownNames` builds a new one). */
export interface NameIndex {
  /** The longest known full name starting at token `i` of `text` (in words, ≥ 2), or 0. */
  longestFullName(text: string, tokens: readonly Token[], i: number): number;
  isFirst(norm: string): boolean;
  isLast(norm: string): boolean;
  readonly size: number;
}

const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu;

/** Lowercase, strip accents and a possessive 's, fold typographic apostrophes. */
export function normaliseWord(word: string): string {
  // Most words are plain ASCII: skip the Unicode decomposition for them (index build time is dominated by this).
  if (/^[A-Za-z'-]*$/.test(word)) return word.toLowerCase().replace(/'s$/, "");
  return word
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/'s$/, "");
}

/** Split a text into words with offsets; a possessive "'s" is left out of the word's span. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let raw = m[0].replace(/['’-]+$/, "");
    if (/['’]s$/i.test(raw)) raw = raw.slice(0, -2);
    if (!raw) continue;
    tokens.push({ start: m.index, end: m.index + raw.length, raw, norm: normaliseWord(raw) });
  }
  return tokens;
}

/** Build the index from full names ("Anna Kowalski", "Maria José García Pérez"); blank entries are skipped. */
export function buildNameIndex(names: Iterable<string>): NameIndex {
  const root: TrieNode = { next: new Map(), name: false };
  const first = new Set<string>();
  const last = new Set<string>();
  let size = 0;
  const insert = (words: readonly string[]) => {
    let node = root;
    for (const w of words) {
      let child = node.next.get(w);
      if (!child) node.next.set(w, (child = { next: new Map(), name: false }));
      node = child;
    }
    node.name = true;
  };
  for (const name of names) {
    const words = tokenize(name).map((t) => t.norm);
    if (words.length === 0) continue;
    size++;
    first.add(words[0]!);
    last.add(words[words.length - 1]!);
    if (words.length < 2) continue;
    insert(words);
    // "Maria José García Pérez" is also written "Maria Pérez"; "Daan de Jong" also "Daan Jong".
    if (words.length > 2) insert([words[0]!, words[words.length - 1]!]);
  }
  return {
    size,
    longestFullName(text, tokens, i) {
      let node: TrieNode | undefined = root;
      let best = 0;
      for (let k = i; k < tokens.length && node; k++) {
        // Words of one name are separated by spaces only, not by punctuation or line breaks.
        if (k > i && !/^[ \t]+$/.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))) break;
        node = node.next.get(tokens[k]!.norm);
        if (node?.name && k > i) best = k - i + 1;
      }
      return best;
    },
    isFirst: (w) => first.has(w),
    isLast: (w) => last.has(w),
  };
}
