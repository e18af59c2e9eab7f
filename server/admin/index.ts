/** The admin area's knowledge workspace: drafts, the regression gate, figures, versions, and the service over them. */
export { createKnowledgeAdmin, type KnowledgeAdmin, type KnowledgeAdminOptions, type ChangeInput, type CheckResult, type PreviewResult, type SaveOutcome, type TryReply, type Activity, type EntrySummary } from "./knowledge-admin.ts";
export { createDraftBuilder, hashFiles, hashText, type DraftBuilder, type DraftBuilderOptions, type DraftKnowledge, type DraftStage } from "./draft-knowledge.ts";
export { createDraftTrainer, type DraftTrainer } from "./draft-trainer.ts";
export { createRegressionGate, type RegressionGate, type RegressionGateOptions } from "./gate.ts";
export {
  loadRegressionCases, runRegression, compareRuns, summarize, judge, expectation, REGRESSION_DIR,
  type RegressionCase, type CaseResult, type CaseOutcome, type RegressionReport, type RunSummary, type ChangedCase,
} from "./regression.ts";
export { extractFigures, changedFigures, stillMentioned, type Figure, type FigureKind, type FigureMention, type FigureSource } from "./figures.ts";
export { checkTarget, describeKnowledgePath, faqPath, intentPath, resolveInside, type KnowledgeTarget, type KnowledgePathInfo } from "./paths.ts";
export { planChange, applyOps, writeOps, locateTarget, MAX_FILE_BYTES, type FileOp, type PlannedChange } from "./knowledge-files.ts";
export { lineDiff, recordSave, fileHistory, type Author, type VersionView, type DiffLine } from "./versions.ts";
