/** The dialogue engine: understand a turn, then ordered decision rules. */
export { createDialogueEngine, type DialogueEngine, type DialogueEngineOptions } from "./engine.ts";
export { DEFAULT_POLICY, type DialoguePolicy } from "./policy.ts";
export { DEFAULT_RULES } from "./rules/index.ts";
export type { Rule, RuleContext, RulePass } from "./rule.ts";
export * from "./types.ts";
