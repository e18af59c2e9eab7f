import { findAddresses } from "./address.ts";
import { findCards } from "./card.ts";
import { commonWords } from "./common-words.ts";
import { findEmails } from "./email.ts";
import { findIbans } from "./iban.ts";
import { buildNameIndex, type NameIndex } from "./name-index.ts";
import { findNames, type NameMatching } from "./names.ts";
import { findPhones, type PhoneOptions } from "./phone.ts";
import { emptyCounts, PII_KINDS, PII_PLACEHOLDERS, type PiiKind, type PiiMaskResult, type PiiSpan } from "./types.ts";

/** Options of `createPiiMasker`. */
export interface PiiMaskerOptions {
  /** The shop's customers' full names ("Anna Kowalski"); replace them later with `setKnownNames`. */
  knownNames?: Iterable<string>;
  /** "careful" (default) or "loose" name matching (see `NameMatching`). */
  nameMatching?: NameMatching;
  /** Mask capitalised uncommon words after "my name is" / "I'm" or as a signature even when not a known name (default true). */
  unknownNamesFromCues?: boolean;
  /** Which kinds to look for (default: all). */
  kinds?: readonly PiiKind[];
  phone?: PhoneOptions;
}

/** Masks personal data in text before it is stored, embedded, indexed or logged. */
export interface PiiMasker {
  /** Replace every piece of personal data with its placeholder ([email] [phone] [card] [iban] [address] [name]). */
  mask(text: string): PiiMaskResult;
  /** Replace the list of known customer names (builds a new index; masking in progress is not affected). */
  setKnownNames(names: Iterable<string>): void;
  /** How many known names the index holds. */
  readonly knownNameCount: number;
}

/**
 * Create a PII masker. Detectors run in the order of `PII_KINDS`; where two finds overlap, the earlier kind
 * wins (an e-mail's local part is not also a name, an IBAN's digits not also a phone number).
 * @example
 * const masker = createPiiMasker({ knownNames: ["Anna Kowalski"] });
 * masker.mask("this is Anna Kowalski, card 4111.1111.1111.1111").text // "this is [name], card [card]"
 */
export function createPiiMasker(options: PiiMaskerOptions = {}): PiiMasker {
  const kinds = new Set(options.kinds ?? PII_KINDS);
  const nameOptions = {
    matching: options.nameMatching ?? "careful",
    unknownFromCues: options.unknownNamesFromCues ?? true,
    commonWords: kinds.has("name") ? commonWords() : new Set<string>(),
  } as const;
  let index: NameIndex | null = options.knownNames ? buildNameIndex(options.knownNames) : null;

  const detectors: Record<PiiKind, (text: string) => PiiSpan[]> = {
    email: findEmails,
    iban: findIbans,
    card: findCards,
    phone: (text) => findPhones(text, options.phone),
    address: findAddresses,
    name: (text) => findNames(text, index, nameOptions),
  };

  return {
    mask(text) {
      if (typeof text !== "string") throw new TypeError("maskPii: text must be a string");
      const chosen: PiiSpan[] = [];
      for (const kind of PII_KINDS) {
        if (!kinds.has(kind)) continue;
        for (const span of mergeSameKind(detectors[kind](text))) {
          if (!chosen.some((c) => c.start < span.end && span.start < c.end)) chosen.push(span);
        }
      }
      return replaceSpans(text, chosen.sort((a, b) => a.start - b.start));
    },
    setKnownNames(names) {
      index = buildNameIndex(names);
    },
    get knownNameCount() {
      return index?.size ?? 0;
    },
  };
}

/** Merge overlapping or touching spans of one kind ("42 Maple Street, Apt 3B" found whole and as "Apt 3B"). */
function mergeSameKind(spans: PiiSpan[]): PiiSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PiiSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Build the masked text and the counts from non-overlapping spans sorted by start. */
function replaceSpans(text: string, spans: PiiSpan[]): PiiMaskResult {
  const found = emptyCounts();
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + PII_PLACEHOLDERS[s.kind];
    at = s.end;
    found[s.kind]++;
  }
  return { text: out + text.slice(at), found, spans };
}
