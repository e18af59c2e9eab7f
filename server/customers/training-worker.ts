/**
 * Worker-thread entry of {@link trainInWorker}: opens its own database connection and embedder, trains the customer
 * models from the live data and writes the artifact, so the server's event loop keeps answering chats meanwhile.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createEmbedder } from "../../models/embedders/index.ts";
import { openDriver, type StorageOptions } from "../storage/index.ts";
import { createCustomerInsights } from "./customer-insights.ts";

/** What the worker is started with. */
export interface TrainingWorkerData {
  storage: StorageOptions;
  artifactsDir: string;
  embedder: { spec: string; modelsDir: string; allowRemote: boolean };
}

/** What the worker answers. */
export type TrainingWorkerReply =
  | { ok: true; coldStart: { reason: string; missing: string[] } | null; buyers: number }
  | { ok: false; message: string };

async function run(data: TrainingWorkerData): Promise<TrainingWorkerReply> {
  const driver = await openDriver("databaseUrl" in data.storage ? { ...data.storage, poolSize: 2 } : data.storage);
  const embedder = await createEmbedder(data.embedder.spec, { modelsDir: data.embedder.modelsDir, allowRemote: data.embedder.allowRemote, cache: false, batch: false });
  try {
    const artifact = await createCustomerInsights({ db: driver, artifactsDir: data.artifactsDir, embedder }).train();
    return { ok: true, coldStart: artifact.coldStart ?? null, buyers: artifact.snapshot.buyers };
  } finally {
    await embedder.dispose?.();
    await driver.close();
  }
}

if (parentPort && workerData) {
  const port = parentPort;
  run(workerData as TrainingWorkerData).then(
    (reply) => port.postMessage(reply),
    (err: unknown) => port.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) } satisfies TrainingWorkerReply),
  );
}
