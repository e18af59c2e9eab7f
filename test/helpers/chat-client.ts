import WebSocket from "ws";
import type { ChatMessageFrame, ServerFrame } from "../../server/protocol.ts";

/** A real WebSocket chat client that records every frame and can wait for one. */
export interface ChatClient {
  frames: ServerFrame[];
  send(frame: unknown): void;
  sendRaw(data: string | Buffer): void;
  /** Resolve with the first frame (from `fromIndex` on) matching `pred`, or reject after `timeoutMs`. */
  waitFor<T extends ServerFrame>(pred: (f: ServerFrame) => f is T, options?: { timeoutMs?: number; fromIndex?: number }): Promise<T>;
  waitFor(pred: (f: ServerFrame) => boolean, options?: { timeoutMs?: number; fromIndex?: number }): Promise<ServerFrame>;
  /** Send a shopper message and resolve with the bot's (or agent's) reply to it. */
  ask(text: string, id?: string): Promise<ChatMessageFrame>;
  messages(): ChatMessageFrame[];
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
  ws: WebSocket;
}

let counter = 0;

/** Connect to `${url}/ws`. */
export async function connectChat(url: string): Promise<ChatClient> {
  const ws = new WebSocket(url.replace(/^http/, "ws") + "/ws");
  const frames: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (data) => {
    frames.push(JSON.parse(data.toString()) as ServerFrame);
    for (const w of [...waiters]) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const client: ChatClient = {
    frames,
    ws,
    closed,
    send: (frame) => ws.send(JSON.stringify(frame)),
    sendRaw: (data) => ws.send(data),
    waitFor(pred: (f: ServerFrame) => boolean, options: { timeoutMs?: number; fromIndex?: number } = {}) {
      const { timeoutMs = 30_000, fromIndex = 0 } = options;
      return new Promise<ServerFrame>((resolve, reject) => {
        const check = () => {
          const hit = frames.slice(fromIndex).find(pred);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for a frame; got ${JSON.stringify(frames.slice(fromIndex)).slice(0, 800)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async ask(text, id = `m${++counter}-${Date.now()}`) {
      const from = frames.length;
      client.send({ type: "message", id, text });
      return (await client.waitFor((f) => f.type === "message" && f.from !== "shopper" && f.replyTo === id, { fromIndex: from })) as ChatMessageFrame;
    },
    messages: () => frames.filter((f): f is ChatMessageFrame => f.type === "message"),
    close: () => ws.close(),
  } as ChatClient;
  return client;
}
