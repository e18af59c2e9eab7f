/**
 * Memory per idle chat socket: open many sockets to one instance (run with --expose-gc), measure its
 * memory after a full collection before, after connecting, and after every socket said `hello` (each then
 * holds a conversation and a subscription), and divide by the number of sockets.
 */
import WebSocket from "ws";
import { runtimeOf, resetRuntime } from "./server-api.ts";

/** What the idle-socket measurement found. */
export interface IdleSocketResult {
  requested: number;
  /** Sockets that connected (the client machine's file limit or the server's cap may stop short). */
  opened: number;
  /** Sockets whose hello was answered. */
  welcomed: number;
  /** Why fewer than requested opened, if so. */
  stoppedBy?: string;
  /** Bytes per socket (RSS; heap + external) just connected, and after hello. */
  connectedBytes: { rss: number; heapAndExternal: number };
  helloBytes: { rss: number; heapAndExternal: number };
  /** The server's event-loop delay over 5 s with all sockets open and idle, ms. */
  idleLoop: { p99: number; max: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Open `count` sockets to `url`, `batch` at a time, and measure.
 * @example const r = await measureIdleSockets(url, adminToken, 10_000);
 */
export async function measureIdleSockets(url: string, token: string, count: number, onProgress?: (opened: number) => void, batch = 250): Promise<IdleSocketResult> {
  const wsUrl = url.replace(/^http/, "ws") + "/ws";
  const sockets: WebSocket[] = [];
  const memory = async () => {
    // Two full collections a moment apart, so garbage from before does not count for or against the sockets.
    await runtimeOf(url, token, true);
    await sleep(1000);
    const s = await runtimeOf(url, token, true);
    return { rss: s.memory.rssBytes, heap: s.memory.heapUsedBytes + s.memory.externalBytes };
  };
  const before = await memory();
  let stoppedBy: string | undefined;
  while (sockets.length < count && !stoppedBy) {
    const n = Math.min(batch, count - sockets.length);
    const opened = await Promise.allSettled(
      Array.from({ length: n }, () => {
        const ws = new WebSocket(wsUrl);
        return new Promise<WebSocket>((resolve, reject) => {
          ws.once("open", () => resolve(ws));
          ws.once("error", (err) => reject(err));
          ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
        });
      }),
    );
    for (const o of opened) {
      if (o.status === "fulfilled") sockets.push(o.value);
      else stoppedBy ??= (o.reason as Error).message;
    }
    onProgress?.(sockets.length);
  }
  const connected = await memory();
  let welcomed = 0;
  for (let i = 0; i < sockets.length; i += batch) {
    await Promise.all(
      sockets.slice(i, i + batch).map(
        (ws) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 30_000);
            ws.once("message", () => {
              welcomed++;
              clearTimeout(timer);
              resolve();
            });
            ws.send(JSON.stringify({ type: "hello" }));
          }),
      ),
    );
  }
  const hello = await memory();
  await resetRuntime(url, token);
  await sleep(5000);
  const idle = await runtimeOf(url, token);
  for (const ws of sockets) ws.terminate();
  const per = (after: { rss: number; heap: number }) => ({
    rss: Math.round((after.rss - before.rss) / Math.max(1, sockets.length)),
    heapAndExternal: Math.round((after.heap - before.heap) / Math.max(1, sockets.length)),
  });
  return {
    requested: count,
    opened: sockets.length,
    welcomed,
    ...(stoppedBy ? { stoppedBy } : {}),
    connectedBytes: per(connected),
    helloBytes: per(hello),
    idleLoop: { p99: idle.eventLoopDelayMs.p99, max: idle.eventLoopDelayMs.max },
  };
}
