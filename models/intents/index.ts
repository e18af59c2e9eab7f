export {
  trainIntentClassifier,
  loadIntentClassifier,
  type IntentClassifier,
  type IntentClassifierOptions,
  type IntentClassifierArtifact,
  type IntentClassifierMetrics,
  type IntentExample,
  type IntentPrediction,
  type IntentScore,
} from "./intent-classifier.ts";
export {
  trainIntentHead,
  loadIntentHead,
  type IntentHead,
  type IntentHeadArtifact,
  type IntentHeadMetrics,
  type IntentHeadOptions,
  type HeadInput,
  type HeadValidation,
  type SparseVector,
} from "./intent-head.ts";
export { fitLexicalFeaturizer, loadLexicalFeaturizer, tokenize, type LexicalFeaturizer, type LexicalFeatureOptions, type LexicalFeaturizerArtifact } from "./lexical-features.ts";
export { calibrateOosThreshold, type OosCalibration, type OosCalibrationOptions, type OosCalibrationSample } from "./out-of-scope.ts";
export { createRandom, shuffleInPlace, gaussian, type Random } from "./random.ts";
