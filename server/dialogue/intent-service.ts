import type { Logger } from "pino";
import type { Embedder } from "../../models/embedder.ts";
import { trainIntentClassifier, type IntentClassifier } from "../../models/intents/index.ts";
import type { KnowledgeBase, KnowledgeService } from "../retrieval/index.ts";
import type { IntentModel } from "./engine/index.ts";

/**
 * Train the intent model from the knowledge's intent files (all but `faq`, which retrieval answers), as the live
 * service does; the admin area trains one for a draft whose intent examples changed.
 */
export async function trainIntentModel(base: KnowledgeBase, embedder: Embedder, seed: number): Promise<IntentClassifier> {
  const examples = base.intents.flatMap((d) => d.examples.map((text) => ({ text, label: d.intent })));
  return trainIntentClassifier(examples, embedder, { seed, oosLabel: "out_of_scope" });
}

/**
 * The live intent model: trained from the knowledge at start, retrained after every knowledge reload;
 * turns in flight keep the model they started with.
 * @example const intents = await createIntentService({ knowledge, embedder, seed: 42, logger });
 */
export async function createIntentService(options: { knowledge: KnowledgeService; embedder: Embedder; seed: number; logger: Logger }): Promise<IntentModel> {
  let model = await trainIntentModel(options.knowledge.current().base, options.embedder, options.seed);
  options.knowledge.onReload(async (base) => {
    model = await trainIntentModel(base, options.embedder, options.seed);
    options.logger.info("intent model retrained after a knowledge change");
  });
  return { classify: (text) => model.classify(text) };
}
