import { englishOnlyNote } from "./catalogue.ts";
import { createLanguageDetector, detectorOnly, fitLanguageWeights, localeOnly, type LabelledMessage, type LanguageDetector } from "./detect-language.ts";
import type { LanguageScorer } from "./eld-scorer.ts";

/** A message is short when it has at most three words (or six CJK characters): where detectors are unreliable. */
export function isShortMessage(text: string): boolean {
  const cjk = (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? []).length;
  if (cjk > 0) return cjk <= 6;
  return text.trim().split(/\s+/).filter(Boolean).length <= 3;
}

/** Accuracy of one method, overall and on short and long messages. */
export interface DetectionScore {
  method: string;
  accuracy: number;
  short: number;
  long: number;
  n: number;
  nShort: number;
}

/** Score language detection against labels, with the two naive baselines (locale only, detector only) in the same run. */
export function evaluateDetection(messages: readonly LabelledMessage[], detectors: Readonly<Record<string, LanguageDetector>>, scorer: LanguageScorer): DetectionScore[] {
  const methods: Record<string, (m: LabelledMessage) => string> = {
    "locale only": (m) => localeOnly(m),
    "detector only": (m) => detectorOnly(scorer, m.text),
  };
  for (const [name, d] of Object.entries(detectors)) methods[name] = (m) => d.detect(m.text, m).lang;
  const short = messages.filter((m) => isShortMessage(m.text));
  const long = messages.filter((m) => !isShortMessage(m.text));
  const acc = (rows: readonly LabelledMessage[], f: (m: LabelledMessage) => string) => (rows.length ? rows.filter((m) => f(m) === m.lang).length / rows.length : 0);
  return Object.entries(methods).map(([method, f]) => ({ method, accuracy: acc(messages, f), short: acc(short, f), long: acc(long, f), n: messages.length, nShort: short.length }));
}

/** Accuracy of the combined detector under k-fold cross-validation (weights fitted on the other folds each time). */
export function crossValidateDetection(messages: readonly LabelledMessage[], scorer: LanguageScorer, folds = 4): number {
  let right = 0;
  for (let f = 0; f < folds; f++) {
    const train = messages.filter((_, i) => i % folds !== f);
    const test = messages.filter((_, i) => i % folds === f);
    const d = createLanguageDetector({ scorer, weights: fitLanguageWeights(train, scorer) });
    right += test.filter((m) => d.detect(m.text, m).lang === m.lang).length;
  }
  return messages.length ? right / messages.length : 0;
}

/** A question with the entries that answer it (none: any answer is wrong). */
export interface ExpectedAnswer {
  question: string;
  expect: readonly string[];
}

/** What the system did with one question: its top entry and calibrated confidence. */
export interface AnswerOutcome {
  question: string;
  expect: readonly string[];
  top: string | undefined;
  confidence: number;
}

/** Right answers, wrong answers (a different entry, or any entry for an unanswerable question) and fallbacks. */
export interface AnswerTally {
  threshold: number;
  n: number;
  right: number;
  wrong: number;
  fallback: number;
  wrongRate: number;
}

/** Tally outcomes at a confidence threshold: below it the assistant falls back instead of answering. */
export function tallyAnswers(outcomes: readonly AnswerOutcome[], threshold: number): AnswerTally {
  let right = 0;
  let wrong = 0;
  let fallback = 0;
  for (const o of outcomes) {
    if (!o.top || o.confidence < threshold) fallback++;
    else if (o.expect.includes(o.top)) right++;
    else wrong++;
  }
  return { threshold, n: outcomes.length, right, wrong, fallback, wrongRate: outcomes.length ? wrong / outcomes.length : 0 };
}

/**
 * The lowest threshold (on a 0.05 grid) whose wrong-answer rate is at most `maxWrongRate`: choose it on dev
 * questions, then report held-out questions at it.
 */
export function chooseThreshold(outcomes: readonly AnswerOutcome[], maxWrongRate = 0.02): number {
  for (let i = 0; i <= 20; i++) {
    const th = Math.round(i * 5) / 100;
    if (tallyAnswers(outcomes, th).wrongRate <= maxWrongRate) return th;
  }
  return 1;
}

/** A question in a language without translations, and whether the reply was the note in that language. */
export interface NoteOutcome {
  lang: string;
  question: string;
  detected: string;
  /** The language the reply's note is written in, or undefined when the reply would be English only. */
  replyLang: string | undefined;
  /** What the scorer reads the note as (an independent check that the text really is in that language). */
  replyReadAs: string | undefined;
  ok: boolean;
}

/** The reply to a question in a language with no translations: the English-only note in the detected language. */
export function noteOutcome(q: { lang: string; question: string; locale?: string | null }, detector: LanguageDetector, scorer: LanguageScorer): NoteOutcome {
  const detected = detector.detect(q.question, { locale: q.locale }).lang;
  const note = englishOnlyNote(detected);
  const replyReadAs = note ? detectorOnly(scorer, note.text) : undefined;
  return { lang: q.lang, question: q.question, detected, replyLang: note?.lang, replyReadAs, ok: note?.lang === q.lang && replyReadAs === q.lang };
}
