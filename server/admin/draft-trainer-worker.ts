/**
 * Worker-thread entry for createDraftTrainer: loads its own embedder, then trains what each job asks for (a draft's
 * knowledge index, or a draft's intent model) and posts back the artifact. Not imported by anything else.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createEmbedder } from "../../models/embedders/index.ts";
import { trainIntentModel } from "../dialogue/intent-service.ts";
import { isAppError } from "../errors.ts";
import { buildKnowledgeIndex } from "../retrieval/index.ts";
import type { TrainerJob, TrainerReply, TrainerWorkerData } from "./draft-trainer.ts";

async function serve(): Promise<void> {
  const port = parentPort!;
  const data = workerData as TrainerWorkerData;
  const embedder = createEmbedder(data.embedder, { modelsDir: data.modelsDir, allowRemote: data.allowRemote, cache: { maxEntries: 20_000 } });
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (job: TrainerJob) => {
    // One job at a time: the worker exists to keep this CPU work off the main thread, not to run it twice as wide.
    queue = queue.then(async () => {
      try {
        const e = await embedder;
        if (job.kind === "index") {
          const index = await buildKnowledgeIndex({ embedder: e, faq: job.faq, negatives: job.negatives });
          port.postMessage({ id: job.id, ok: true, trained: index.toTrained() } satisfies TrainerReply);
        } else {
          const model = await trainIntentModel({ faq: [], translations: [], intents: job.intents }, e, job.seed);
          port.postMessage({ id: job.id, ok: true, intents: model.toArtifact() } satisfies TrainerReply);
        }
      } catch (err) {
        port.postMessage({ id: job.id, ok: false, message: err instanceof Error ? err.message : String(err), code: isAppError(err) ? err.code : undefined } satisfies TrainerReply);
      }
    });
  });
}

void serve();
