/**
 * Scoring of PII maskers on the labelled shopper messages (test/data/pii-messages.json): precision, recall
 * and F1 per kind, the share of personal characters left in clear, and how often non-PII tokens (order
 * numbers, prices, tracking numbers…) were masked. Used by `npm run eval:pii` and the dataset's tests.
 */
import { z } from "zod";
import { PII_KINDS, type PiiKind, type PiiSpan } from "./types.ts";

/** The non-PII token kinds the labelled set marks as "keep". */
export const KEEP_KINDS = ["order", "price", "sku", "date", "tracking", "size", "quantity", "product", "postcode", "word", "other"] as const;

const Labelled = z.strictObject({ kind: z.string(), text: z.string().min(1), occurrence: z.number().int().min(0).optional(), typo: z.boolean().optional() });
const Message = z.strictObject({ id: z.string().regex(/^[a-z]+-\d{3}$/), text: z.string().min(1), spans: z.array(Labelled), keep: z.array(Labelled) });
const Dataset = z.strictObject({
  description: z.string(),
  licence: z.string().min(20),
  provenance: z.string().min(20),
  spanKinds: z.array(z.enum(PII_KINDS)),
  keepKinds: z.array(z.enum(KEEP_KINDS)),
  knownNames: z.array(z.string().min(1)),
  dev: z.array(Message),
  heldout: z.array(Message),
});

/** A labelled span resolved to offsets in its message. */
export interface GoldSpan<K extends string = string> {
  kind: K;
  start: number;
  end: number;
  text: string;
}

/** One labelled message: personal data spans and non-PII tokens that must stay. */
export interface PiiExample {
  id: string;
  text: string;
  spans: GoldSpan<PiiKind>[];
  keep: GoldSpan<(typeof KEEP_KINDS)[number]>[];
}

/** The labelled set: the shop's known customer names and the two splits. */
export interface PiiDataset {
  knownNames: string[];
  dev: PiiExample[];
  heldout: PiiExample[];
}

/**
 * Validate the labelled set and resolve each span's text to offsets (its first occurrence, or the
 * `occurrence`-th); throws with every problem listed when the file is malformed.
 */
export function parsePiiDataset(raw: unknown): PiiDataset {
  const parsed = Dataset.safeParse(raw);
  if (!parsed.success) throw new Error(`pii-messages.json is malformed:\n${z.prettifyError(parsed.error)}`);
  const problems: string[] = [];
  const resolve = (m: z.infer<typeof Message>): PiiExample => {
    const locate = <K extends string>(s: z.infer<typeof Labelled>, kinds: readonly string[]): GoldSpan<K> | null => {
      if (!kinds.includes(s.kind)) return problems.push(`${m.id}: unknown kind "${s.kind}"`), null;
      let at = -1;
      for (let n = 0; n <= (s.occurrence ?? 0); n++) at = m.text.indexOf(s.text, at + 1);
      if (at < 0) return problems.push(`${m.id}: "${s.text}" is not in the text`), null;
      return { kind: s.kind as K, start: at, end: at + s.text.length, text: s.text };
    };
    return {
      id: m.id,
      text: m.text,
      spans: m.spans.map((s) => locate<PiiKind>(s, PII_KINDS)).filter((s) => s !== null),
      keep: m.keep.map((s) => locate<(typeof KEEP_KINDS)[number]>(s, KEEP_KINDS)).filter((s) => s !== null),
    };
  };
  const data = { knownNames: parsed.data.knownNames, dev: parsed.data.dev.map(resolve), heldout: parsed.data.heldout.map(resolve) };
  const ids = [...data.dev, ...data.heldout].map((m) => m.id);
  if (new Set(ids).size !== ids.length) problems.push("message ids are not unique");
  if (problems.length) throw new Error(`pii-messages.json has bad labels:\n${problems.join("\n")}`);
  return data;
}

/** Precision, recall and F1 of one kind, with the counts behind them. */
export interface KindScore {
  gold: number;
  predicted: number;
  /** Predicted spans that overlap a gold span of the same kind. */
  correct: number;
  /** Gold spans overlapped by a predicted span of the same kind. */
  recalled: number;
  precision: number;
  recall: number;
  f1: number;
}

/** A masker's score on one split. */
export interface PiiScore {
  messages: number;
  perKind: Record<PiiKind, KindScore>;
  /** All kinds together (a span counts when kind and place agree). */
  overall: KindScore;
  /** Share of the characters inside gold spans that no predicted span (of any kind) covers. */
  leakedCharShare: number;
  /** Non-PII tokens masked / present, per keep kind. */
  overMasked: Record<string, { masked: number; total: number }>;
  /** Messages without any personal data in which something was masked. */
  negativesTouched: { touched: number; total: number };
  /** What went wrong, for reading: missed gold spans and spurious predictions. */
  errors: { id: string; type: "missed" | "spurious"; kind: string; text: string }[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

function kindScore(gold: number, predicted: number, correct: number, recalled: number): KindScore {
  const precision = predicted === 0 ? (gold === 0 ? 1 : 0) : correct / predicted;
  const recall = gold === 0 ? 1 : recalled / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { gold, predicted, correct, recalled, precision, recall, f1 };
}

/**
 * Score a span finder on labelled messages. Span matching is by overlap and kind (a masked "42 Maple Street"
 * counts for a gold "42 Maple Street, Apt 3B"); `leakedCharShare` measures what stays readable.
 */
export function scorePiiFinder(examples: readonly PiiExample[], find: (text: string) => PiiSpan[], kinds: readonly PiiKind[] = PII_KINDS): PiiScore {
  const counts = Object.fromEntries(kinds.map((k) => [k, { gold: 0, predicted: 0, correct: 0, recalled: 0 }])) as Record<PiiKind, { gold: number; predicted: number; correct: number; recalled: number }>;
  const overMasked: PiiScore["overMasked"] = Object.fromEntries(KEEP_KINDS.map((k) => [k, { masked: 0, total: 0 }]));
  const errors: PiiScore["errors"] = [];
  let goldChars = 0;
  let leakedChars = 0;
  let negatives = 0;
  let touched = 0;
  for (const ex of examples) {
    const predicted = find(ex.text);
    for (const kind of kinds) {
      const g = ex.spans.filter((s) => s.kind === kind);
      const p = predicted.filter((s) => s.kind === kind);
      const c = counts[kind];
      c.gold += g.length;
      c.predicted += p.length;
      for (const s of p) {
        if (g.some((x) => overlaps(x, s))) c.correct++;
        else errors.push({ id: ex.id, type: "spurious", kind, text: ex.text.slice(s.start, s.end) });
      }
      for (const s of g) {
        if (p.some((x) => overlaps(x, s))) c.recalled++;
        else errors.push({ id: ex.id, type: "missed", kind, text: s.text });
      }
    }
    for (const s of ex.spans) {
      for (let i = s.start; i < s.end; i++) {
        if (/\s/.test(ex.text[i]!)) continue;
        goldChars++;
        if (!predicted.some((p) => p.start <= i && i < p.end)) leakedChars++;
      }
    }
    for (const k of ex.keep) {
      overMasked[k.kind]!.total++;
      if (predicted.some((p) => overlaps(p, k))) overMasked[k.kind]!.masked++;
    }
    if (ex.spans.length === 0) {
      negatives++;
      if (predicted.length > 0) touched++;
    }
  }
  const perKind = Object.fromEntries(kinds.map((k) => [k, kindScore(counts[k].gold, counts[k].predicted, counts[k].correct, counts[k].recalled)])) as Record<PiiKind, KindScore>;
  const sum = (f: (c: (typeof counts)[PiiKind]) => number) => kinds.reduce((n, k) => n + f(counts[k]), 0);
  return {
    messages: examples.length,
    perKind,
    overall: kindScore(sum((c) => c.gold), sum((c) => c.predicted), sum((c) => c.correct), sum((c) => c.recalled)),
    leakedCharShare: goldChars === 0 ? 0 : leakedChars / goldChars,
    overMasked,
    negativesTouched: { touched, total: negatives },
    errors,
  };
}

/**
 * Deterministic made-up full names ("Kalira Moventi") for measuring name-index speed at a realistic list
 * size; they are not used for accuracy.
 */
export function syntheticNames(n: number, seed = 1): string[] {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "dr", "gr", "kl", "st", "th", "tr"];
  const vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"];
  const word = (syllables: number) => {
    let w = "";
    for (let i = 0; i < syllables; i++) w += onsets[Math.floor(next() * onsets.length)]! + vowels[Math.floor(next() * vowels.length)]!;
    if (next() < 0.5) w += ["n", "r", "s", "l", "th", "ck"][Math.floor(next() * 6)]!;
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const names = new Set<string>();
  while (names.size < n) names.add(`${word(2 + Math.floor(next() * 2))} ${word(2 + Math.floor(next() * 2))}`);
  return [...names];
}
