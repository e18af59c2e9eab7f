/**
 * Probes of a PII masker on text written by others (the public intent datasets): how much it masks in
 * messages that hold no personal data, and how it treats entities those datasets labelled (Bitext's
 * person names should be masked; its order ids, invoice ids, amounts and cities should not).
 */
import { PII_KINDS, type PiiKind, type PiiSpan } from "./types.ts";

/** A message with the entity its dataset labelled in it (empty type: none). */
export interface EntityRow {
  text: string;
  entityType: string;
  entityValue: string;
}

/** What a masker did to one labelled entity type. */
export interface EntityProbe {
  total: number;
  /** Entities overlapped by a masked span of any kind. */
  masked: number;
  maskedAs: Partial<Record<PiiKind, number>>;
}

/** What a masker did on messages of a dataset. */
export interface UnlabelledProbe {
  messages: number;
  /** Messages in which something was masked. */
  touched: number;
  spans: Record<PiiKind, number>;
  /** Up to `sampleSize` masked snippets with a little context, to read. */
  samples: string[];
}

/** Mask every message and count what was masked, keeping a few snippets to read. */
export function probeUnlabelled(texts: readonly string[], find: (text: string) => PiiSpan[], sampleSize = 12): UnlabelledProbe {
  const spans = Object.fromEntries(PII_KINDS.map((k) => [k, 0])) as Record<PiiKind, number>;
  const samples: string[] = [];
  let touched = 0;
  for (const text of texts) {
    const found = find(text);
    if (found.length) touched++;
    for (const s of found) {
      spans[s.kind]++;
      if (samples.length < sampleSize) samples.push(`${s.kind}: …${text.slice(Math.max(0, s.start - 20), s.start)}⟦${text.slice(s.start, s.end)}⟧${text.slice(s.end, s.end + 20)}…`);
    }
  }
  return { messages: texts.length, touched, spans, samples };
}

/** Per labelled entity type, how often the masker masked the entity (and as what). */
export function probeEntities(rows: readonly EntityRow[], find: (text: string) => PiiSpan[]): Record<string, EntityProbe> {
  const out: Record<string, EntityProbe> = {};
  for (const row of rows) {
    if (!row.entityType) continue;
    const at = row.entityValue ? row.text.toLowerCase().indexOf(row.entityValue.toLowerCase()) : -1;
    if (at < 0) continue; // Bitext sometimes normalises the value ("Platinum" for "platinum", "4587345" for "00004587345")
    const probe = (out[row.entityType] ??= { total: 0, masked: 0, maskedAs: {} });
    probe.total++;
    const end = at + row.entityValue.length;
    const hit = find(row.text).find((s) => s.start < end && at < s.end);
    if (hit) {
      probe.masked++;
      probe.maskedAs[hit.kind] = (probe.maskedAs[hit.kind] ?? 0) + 1;
    }
  }
  return out;
}
