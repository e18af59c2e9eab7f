/** A seeded pseudo-random source: uniform floats in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a small, fast, seedable PRNG, so that training and sampling are reproducible for a given seed.
 * @example const rand = createRandom(42); rand(); // 0.6011...
 */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffle an array in place (Fisher–Yates) with the given random source and return it. */
export function shuffleInPlace<T>(items: T[], rand: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/** A shuffled copy of `items` (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], rand: Random): T[] {
  return shuffleInPlace(items.slice(), rand);
}

/** A standard normal draw (Box–Muller) from a uniform source. */
export function gaussian(rand: Random): number {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
