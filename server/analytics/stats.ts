/** Small statistics helpers for the dashboard. */

/** UTC day "YYYY-MM-DD" of an ISO time. */
export const dayOfIso = (iso: string): string => iso.slice(0, 10);

/** UTC month "YYYY-MM" of an ISO time. */
export const monthOfIso = (iso: string): string => iso.slice(0, 7);

/** Every UTC day from `from` up to (not including) `to`, as "YYYY-MM-DD". */
export function daysBetween(fromIso: string, toIso: string): string[] {
  const out: string[] = [];
  const end = Date.parse(toIso);
  for (let t = Date.parse(dayOfIso(fromIso) + "T00:00:00.000Z"); t < end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Months between two "YYYY-MM" strings (b − a). */
export function monthDiff(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** The `p` quantile (0–1) of values by linear interpolation, or null for none. */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const i = (s.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

/** a / b, or null when b is 0; rounded to 4 decimals. */
export const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

/** Seconds between two ISO times, rounded to 0.1 s. */
export const secondsBetween = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / 100) / 10;

/** Count occurrences of keys into a Map, in first-seen order. */
export function tally<K>(keys: Iterable<K>): Map<K, number> {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}
