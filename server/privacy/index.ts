export { createPiiMasker, type PiiMasker, type PiiMaskerOptions } from "./masker.ts";
export { maskPii, luhnValid, type MaskResult } from "./mask.ts";
export { PII_KINDS, PII_PLACEHOLDERS, emptyCounts, type PiiKind, type PiiSpan, type PiiCounts, type PiiMaskResult } from "./types.ts";
export type { NameMatching } from "./names.ts";
export type { PhoneOptions } from "./phone.ts";
export { naiveFindPii } from "./naive-mask.ts";
export { parsePiiDataset, scorePiiFinder, syntheticNames, KEEP_KINDS, type PiiDataset, type PiiExample, type PiiScore, type KindScore, type GoldSpan } from "./eval.ts";
export { probeUnlabelled, probeEntities, type EntityRow, type EntityProbe, type UnlabelledProbe } from "./eval-external.ts";
