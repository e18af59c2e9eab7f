import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pino, type Logger } from "pino";
import { buildApp, type App } from "./app.ts";
import { loadConfig, type Config } from "./config.ts";

/** A started server. */
export interface RunningServer {
  readonly url: string;
  readonly config: Config;
  /** Resolves with the app when the server is ready to chat; rejects if start-up failed. */
  readonly ready: Promise<App>;
  close(): Promise<void>;
}

/** Options of startServer beyond configuration. */
export interface StartOptions {
  argv?: readonly string[];
  /** Resolve only once ready (default true); the CLI starts listening first so /healthz can answer 503. */
  waitUntilReady?: boolean;
  logger?: Logger;
}

const notReady = JSON.stringify({ type: "error", code: "CHAT_ERR_NOT_READY", message: "The assistant is still starting; try again in a few seconds." });

/**
 * Listen at once, then build the app (server/app.ts). Until it is built — the one readiness gate — every
 * request is answered 503 (`/healthz` says "starting") and socket upgrades are refused; then the app
 * takes all traffic.
 * @example const server = await startServer({ PORT: "0", DATA_DIR: tmp }); await server.close();
 */
export async function startServer(env: Record<string, string | undefined> = {}, options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig(env, options.argv ?? []);
  const logger = options.logger ?? pino({ level: config.logLevel });
  let app: App | undefined;
  const server = http.createServer((req, res) => {
    if (app) return app.handleRequest(req, res);
    const health = req.url === "/healthz";
    res.writeHead(503, { "content-type": "application/json", "retry-after": "2" });
    res.end(health ? JSON.stringify({ status: "starting" }) : notReady);
  });
  server.on("upgrade", (req, socket, head) => {
    if (app) return app.handleUpgrade(req, socket, head);
    socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  const ready = buildApp(config, { logger }).then((built) => {
    app = built;
    logger.info({ url }, `ready: open ${url} in a browser`);
    return built;
  });
  ready.catch((err) => logger.fatal({ err }, "start-up failed"));
  let closing: Promise<void> | undefined;
  const running: RunningServer = {
    url,
    config,
    ready,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const built = await ready.catch(() => undefined);
        await built?.close();
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
  if (options.waitUntilReady !== false) {
    try {
      await ready;
    } catch (err) {
      await running.close();
      throw err;
    }
  }
  return running;
}

/** The command-line entry: configuration from the environment and flags, graceful shutdown on SIGTERM and SIGINT. */
async function main(): Promise<void> {
  let running: RunningServer;
  try {
    running = await startServer(process.env, { argv: process.argv.slice(2), waitUntilReady: false });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  console.log(`Fjell & Field assistant starting at ${running.url} (health: ${running.url}/healthz)`);
  running.ready.catch(() => process.exit(1));
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`stopping (${why})`);
    // A stop during start-up or a hung close must not keep the process alive forever.
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    await running.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  // `npm start` does not pass SIGTERM on to this process (npm exits, this one would run on, orphaned): stop when the
  // parent that started us goes away.
  if (process.env.npm_lifecycle_event) watchParent(() => void stop("npm exited"));
}

/** How long a graceful stop may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 15_000;

/** Call `onGone` once the parent process has exited (this process is re-parented). */
export function watchParent(onGone: () => void, everyMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onGone();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
