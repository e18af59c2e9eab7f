import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Logger } from "pino";
import type { App } from "../../server/app.ts";
import { startServer, type RunningServer } from "../../server/main.ts";
import type { Storage } from "../../server/storage/index.ts";

/** A real server on port 0 with its own temporary data folder (and optionally its own copy of the knowledge). */
export interface TestServer extends RunningServer {
  dataDir: string;
  knowledgeDir: string;
  /** The built app (its services), for checks below the protocol. */
  app: App;
  /** The server's storage, for checks of what was stored. */
  storage: Storage;
}

/** Start a real server for an integration test; `close()` also removes its temporary folders. */
export async function startTestServer(
  env: Record<string, string> = {},
  options: {
    copyKnowledge?: boolean;
    /** Fill the data folder before the server starts (e.g. a small shop's database). */
    prepare?: (dataDir: string) => Promise<void>;
    /** Log here instead of nowhere (e.g. to check what the log says). */
    logger?: Logger;
  } = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-data-"));
  await options.prepare?.(dataDir);
  let knowledgeDir = path.resolve("knowledge");
  if (options.copyKnowledge) {
    knowledgeDir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-kb-"));
    fs.cpSync(path.resolve("knowledge"), knowledgeDir, { recursive: true });
  }
  const server = await startServer({
    PORT: "0",
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: knowledgeDir,
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    // Built knowledge indexes are keyed by content, so test servers can share them safely.
    CACHE_DIR: path.resolve(".cache/test-knowledge"),
    KNOWLEDGE_WATCH: options.copyKnowledge ? "true" : "false",
    ...env,
  }, options.logger ? { logger: options.logger } : {});
  const app = await server.ready;
  return {
    ...server,
    url: server.url,
    config: server.config,
    ready: server.ready,
    app,
    storage: app.services.storage,
    dataDir,
    knowledgeDir,
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (options.copyKnowledge) fs.rmSync(knowledgeDir, { recursive: true, force: true });
    },
  };
}
