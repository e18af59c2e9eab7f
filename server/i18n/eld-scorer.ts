import { NOTE_LANGUAGES } from "./languages.ts";

/** Scores of candidate languages (ISO 639-1) for a text, higher is likelier; languages left out scored nothing. */
export interface LanguageScorer {
  readonly name: string;
  scores(text: string): Readonly<Record<string, number>>;
}

/** eld's n-gram databases: larger ones are more accurate on short text and slower to load (docs/languages.md). */
export type EldSize = "small" | "medium" | "large";

interface EldInstance {
  detect(text: string): { getScores(): Record<string, number> };
  newInstance(): EldInstance;
  setLanguageSubset(languages: string[] | false): Record<number, string>;
}

// Each size is its own module holding its database; import only the one asked for.
async function loadEld(size: EldSize): Promise<EldInstance> {
  switch (size) {
    case "small":
      return (await import("eld/small")).eld as EldInstance;
    case "medium":
      return (await import("eld/medium")).eld as EldInstance;
    case "large":
      return (await import("eld/large")).eld as EldInstance;
    default:
      throw new Error(`unknown eld size "${String(size)}"; use small, medium or large`);
  }
}

/**
 * The language scores of eld (Nito-ELD, an n-gram detector over 60 languages), limited to `languages` (default:
 * the languages the assistant can reply in, NOTE_LANGUAGES). Limiting matters: unlimited, eld reads short Spanish
 * such as "garantia del remo" as Catalan, a language we cannot reply in, while Spanish would serve that shopper;
 * pass `false` for all 60. eld keeps a module-level instance with settings; we take our own so nothing else changes it.
 * @example (await createEldScorer()).scores("¿dónde está mi pedido?") // { es: 0.8, pt: 0.6, ... }
 */
export async function createEldScorer(size: EldSize = "small", options: { languages?: readonly string[] | false } = {}): Promise<LanguageScorer> {
  const detector = (await loadEld(size)).newInstance();
  const languages = options.languages ?? NOTE_LANGUAGES;
  if (languages) {
    const kept = Object.values(detector.setLanguageSubset([...languages]));
    const missing = languages.filter((l) => !kept.includes(l));
    if (missing.length) throw new Error(`eld has no model for: ${missing.join(", ")}`);
  }
  return {
    name: `eld-${size}${languages ? `:${languages.length}` : ""}`,
    scores(text) {
      // eld returns {} for text it cannot read (digits only, emoji, a short word it has no n-grams for).
      return detector.detect(text).getScores();
    },
  };
}
