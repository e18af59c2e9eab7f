import type { LanguageScorer } from "./eld-scorer.ts";
import { localeLanguage, NOTE_LANGUAGES } from "./languages.ts";

/** Where the decision came from: the text itself, the browser locale, the conversation so far, or nothing (English). */
export type LanguageSource = "detector" | "locale" | "previous" | "default";

/** The shopper's language for one message. */
export interface LanguageGuess {
  /** ISO 639-1 code. */
  lang: string;
  /** Probability of `lang` under the fitted model (0-1). */
  confidence: number;
  /** The evidence that contributed most to choosing `lang`. */
  source: LanguageSource;
}

/** What is known besides the text: `hello.locale` (BCP 47) and the language of the conversation's previous message. */
export interface LanguageContext {
  locale?: string | null;
  previous?: string | null;
}

/**
 * Weights of the conditional-logit model that picks the language: utility(l) = detector(l) x (detector +
 * detectorLength x reliability) + detectorTop x reliability x [l is the detector's favourite] + locale x [l is the
 * locale's language] + previous x [l is the previous message's] + english x [l = en], softmax over the candidates. `reliability` grows with the number of letters
 * (CJK characters count triple), so a one-word message leans on the locale and the conversation.
 */
export interface LanguageWeights {
  detector: number;
  detectorLength: number;
  locale: number;
  previous: number;
  english: number;
  /** Weight of [l is the detector's favourite] x reliability: in a readable text the favourite wins by more than its score says. */
  detectorTop: number;
}

/**
 * Fitted on the dev split of test/data/lang-detect.json by `npm run eval:languages` (which prints the weights it
 * fits); the held-out split was not used.
 */
export const DEFAULT_LANGUAGE_WEIGHTS: LanguageWeights = Object.freeze({ detector: 1.5, detectorLength: 3.124, detectorTop: 8.082, locale: 5.864, previous: 2.756, english: -1.016 });

/** One labelled message, for fitting and evaluating. */
export interface LabelledMessage extends LanguageContext {
  text: string;
  lang: string;
}

/** Detects the shopper's language from a message and its context. */
export interface LanguageDetector {
  detect(text: string, context?: LanguageContext): LanguageGuess;
}

/** Letters counted towards reliability; 16 letters (about three words) make the text fully reliable. */
function reliability(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  const cjk = letters.filter((c) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(c)).length;
  return Math.min(1, (letters.length - cjk + 3 * cjk) / 16);
}

interface Features {
  candidates: string[];
  /** Per candidate: [detector score, detector score x reliability, is locale, is previous, is English, is the detector's favourite x reliability]. */
  x: number[][];
}

/**
 * Parts of a message that belong to no language: order numbers, e-mail addresses, links, numbers, and "ok", which
 * shoppers write in every language (eld reads a bare "ok" as Polish). They are removed before scoring.
 */
export function languageNeutralText(text: string): string {
  return text
    .replace(/\bFF[-\s]?\d{6}\b/gi, " ")
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, " ")
    .replace(/\bhttps?:\/\/\S+/gi, " ")
    .replace(/\b(?:ok(?:ay)?|okey|oki)\b/gi, " ")
    .replace(/[\p{N}\p{Extended_Pictographic}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function features(scorer: LanguageScorer, raw: string, context: LanguageContext): Features {
  const text = languageNeutralText(raw);
  const scores = text ? scorer.scores(text) : {};
  const loc = localeLanguage(context.locale);
  const prev = localeLanguage(context.previous);
  // A fixed universe keeps the probabilities honest when there is no evidence at all.
  const candidates = [...new Set<string>([...NOTE_LANGUAGES, ...Object.keys(scores), ...(loc ? [loc] : []), ...(prev ? [prev] : [])])];
  const r = reliability(text);
  // Only the rank matters for the favourite feature; a softmax ignores anything shared by all candidates.
  const top = Math.max(0, ...Object.values(scores));
  const x = candidates.map((l) => {
    const s = scores[l] ?? 0;
    return [s, s * r, l === loc ? 1 : 0, l === prev ? 1 : 0, l === "en" ? 1 : 0, s > 0 && s === top ? r : 0];
  });
  return { candidates, x };
}

const asVector = (w: LanguageWeights) => [w.detector, w.detectorLength, w.locale, w.previous, w.english, w.detectorTop];
const asWeights = (v: readonly number[]): LanguageWeights => ({ detector: v[0], detectorLength: v[1], locale: v[2], previous: v[3], english: v[4], detectorTop: v[5] });

function softmax(f: Features, w: readonly number[]): number[] {
  const u = f.x.map((row) => row.reduce((a, v, i) => a + v * w[i], 0));
  const max = Math.max(...u);
  const e = u.map((v) => Math.exp(v - max));
  const z = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / z);
}

/**
 * A language detector combining a scorer (eld) with the locale as a prior and the conversation's previous language.
 * @example createLanguageDetector({ scorer: createEldScorer() }).detect("ok", { locale: "es-MX", previous: "es" }) // { lang: "es", ... }
 */
export function createLanguageDetector(options: {
  scorer: LanguageScorer;
  weights?: LanguageWeights;
  /**
   * Common English words. A short message (under 16 letters) made only of them ("agent", "cancel FF-870146", "no")
   * stays English unless the locale or the conversation says otherwise: a detector reads one such word as French,
   * Spanish or Swedish about as often as English, and an English shop's shoppers mostly write English.
   */
  englishWords?: ReadonlySet<string>;
}): LanguageDetector {
  const w = asVector(options.weights ?? DEFAULT_LANGUAGE_WEIGHTS);
  const english = options.englishWords;
  return {
    detect(text, context = {}) {
      if (english && isPlainEnglish(text, context, english)) return { lang: "en", confidence: 1, source: "default" };
      const f = features(options.scorer, text, context);
      const p = softmax(f, w);
      // No evidence at all (nothing to read, no locale, no conversation): English, with the model's low confidence.
      if (f.x.every((row) => row[0] === 0 && row[2] === 0 && row[3] === 0)) return { lang: "en", confidence: p[f.candidates.indexOf("en")], source: "default" };
      let best = 0;
      for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
      const row = f.x[best];
      const parts: [LanguageSource, number][] = [
        ["detector", row[0] * w[0] + row[1] * w[1] + row[5] * w[5]],
        ["locale", row[2] * w[2]],
        ["previous", row[3] * w[3]],
      ];
      const top = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
      return { lang: f.candidates[best], confidence: p[best], source: top[1] > 0 ? top[0] : "default" };
    },
  };
}

/** A short text of common English words, with no locale or earlier message pointing to another language. */
function isPlainEnglish(text: string, context: LanguageContext, english: ReadonlySet<string>): boolean {
  const neutral = languageNeutralText(text);
  if (reliability(neutral) >= 1) return false;
  const loc = localeLanguage(context.locale);
  const prev = localeLanguage(context.previous);
  if ((loc && loc !== "en") || (prev && prev !== "en")) return false;
  const words = neutral.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.length > 0 && words.every((word) => english.has(word));
}

/**
 * Fit the weights by maximum likelihood (concave, so plain gradient ascent converges) with a small L2 penalty.
 * @example fitLanguageWeights(devMessages, createEldScorer())
 */
export function fitLanguageWeights(samples: readonly LabelledMessage[], scorer: LanguageScorer, options: { iterations?: number; l2?: number } = {}): LanguageWeights {
  const data = samples.map((s) => ({ f: features(scorer, s.text, s), gold: s.lang }));
  // Start from a neutral point, not the shipped weights, so a refit does not depend on what was fitted before.
  let w = [1, 1, 1, 1, 0, 1];
  const l2 = options.l2 ?? 0.01;
  const rate = 0.5;
  for (let it = 0; it < (options.iterations ?? 2000); it++) {
    const grad = w.map((v) => -l2 * v);
    for (const { f, gold } of data) {
      const p = softmax(f, w);
      const g = f.candidates.indexOf(gold);
      for (let i = 0; i < f.candidates.length; i++) {
        const target = i === g ? 1 : 0;
        for (let j = 0; j < w.length; j++) grad[j] += (target - p[i]) * f.x[i][j];
      }
    }
    w = w.map((v, j) => v + (rate * grad[j]) / data.length);
  }
  return asWeights(w.map((v) => Math.round(v * 1000) / 1000));
}

/** The locale's language, or English: the naive "trust the browser" baseline. */
export function localeOnly(context: LanguageContext): string {
  return localeLanguage(context.locale) ?? "en";
}

/** The scorer's top language, or English when it has none: the naive "trust the text" baseline. */
export function detectorOnly(scorer: LanguageScorer, text: string): string {
  const scores = Object.entries(scorer.scores(text));
  if (!scores.length) return "en";
  return scores.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}
