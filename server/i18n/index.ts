/** Languages: detecting the shopper's language, and the fixed replies in it. */
export { CATALOGUE_LANGUAGES, NOTE_LANGUAGES, INTL_LOCALE, localeLanguage, catalogueLanguage, type CatalogueLanguage } from "./languages.ts";
export { createEldScorer, type LanguageScorer, type EldSize } from "./eld-scorer.ts";
export {
  createLanguageDetector,
  fitLanguageWeights,
  localeOnly,
  detectorOnly,
  languageNeutralText,
  DEFAULT_LANGUAGE_WEIGHTS,
  type LanguageDetector,
  type LanguageGuess,
  type LanguageContext,
  type LanguageSource,
  type LanguageWeights,
  type LabelledMessage,
} from "./detect-language.ts";
export { CATALOGUES, t, placeholders, englishOnlyNote, quickReplyKey, type MessageParams, type LanguageNote } from "./catalogue.ts";
export { EN, type MessageKey, type MessageCatalogue } from "./messages/en.ts";
export { ENGLISH_ONLY_NOTES, type EnglishOnlyNote } from "./english-only-note.ts";
export { formatPrice, formatDate, formatDateRange, formatList, quote, describeOpeningHours, intlLocale, type OpeningWindow } from "./format.ts";
export {
  evaluateDetection,
  crossValidateDetection,
  tallyAnswers,
  chooseThreshold,
  noteOutcome,
  isShortMessage,
  type DetectionScore,
  type ExpectedAnswer,
  type AnswerOutcome,
  type AnswerTally,
  type NoteOutcome,
} from "./evaluation.ts";
export { isPersonRequest } from "./person-request.ts";
