/**
 * The regression gate over drafts: the shipped question set asked of the dialogue engine running on a draft's index
 * and intent model, each draft's answers cached by content, and two drafts compared.
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { createDialogueEngine, type DialoguePolicy } from "../dialogue/index.ts";
import type { DraftKnowledge } from "./draft-knowledge.ts";
import { compareRuns, loadRegressionCases, runRegression, type CaseResult, type RegressionCase, type RegressionReport } from "./regression.ts";

/** Options of createRegressionGate. */
export interface RegressionGateOptions {
  /** The knowledge folder whose tests/*.json hold the cases (read again on each run, so edits to them count at once). */
  knowledgeDir: string;
  /** The dialogue policy, as configured for the live engine. */
  policy?: Partial<DialoguePolicy>;
}

/** Runs and compares the question set on drafts. */
export interface RegressionGate {
  cases(): RegressionCase[];
  /** Every case's result on a draft (cached by draft and cases). */
  run(draft: DraftKnowledge, onProgress?: (done: number, total: number) => void): Promise<CaseResult[]>;
  /** Before (e.g. the published knowledge) and after (the draft). */
  compare(before: DraftKnowledge, after: DraftKnowledge, onProgress?: (done: number, total: number) => void): Promise<RegressionReport>;
}

/**
 * Create the gate. The engine it asks is the live one's (createDialogueEngine with the same policy) without shop or
 * customer data, so every case depends on the knowledge and the intent examples only and the result is the same on
 * the server and in `npm run kb:check`.
 */
export function createRegressionGate(options: RegressionGateOptions): RegressionGate {
  const results = new LRUCache<string, Promise<CaseResult[]>>({ max: 8 });
  const cases = () => loadRegressionCases(options.knowledgeDir);
  async function run(draft: DraftKnowledge, onProgress?: (done: number, total: number) => void, list = cases()): Promise<CaseResult[]> {
    const key = `${draft.hash}:${createHash("sha256").update(JSON.stringify(list)).digest("hex")}`;
    let job = results.get(key);
    if (!job) {
      const engine = createDialogueEngine({ knowledge: () => draft.index, intents: () => draft.intents, policy: options.policy });
      job = runRegression(engine, list, onProgress);
      results.set(key, job);
      job.catch(() => results.delete(key));
    }
    return job;
  }
  return {
    cases,
    run: (draft, onProgress) => run(draft, onProgress),
    async compare(before, after, onProgress) {
      const list = cases();
      const total = list.length * 2;
      const b = await run(before, (done) => onProgress?.(done, total), list);
      const a = await run(after, (done) => onProgress?.(list.length + done, total), list);
      return compareRuns(list, b, a, new Set(after.base.faq.map((e) => e.id)));
    },
  };
}
