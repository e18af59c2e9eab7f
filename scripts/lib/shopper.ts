/**
 * A shopper over the real chat protocol that behaves like the widget (widget/chat-client.ts): it keeps
 * the session id and the highest seq it has drawn, holds every message in an outbox until its echo
 * arrives, and after a reconnect (to any instance) says `hello` with both and sends the outbox again.
 * Used by `npm run bench` and the cluster tests; records every frame with its arrival time.
 */
import WebSocket from "ws";
import type { ChatMessageFrame, ServerFrame, WelcomeFrame } from "../../server/protocol.ts";

/** A frame as received: on which connection (0, 1, …) and when (performance.now()). */
export interface ReceivedFrame {
  frame: ServerFrame;
  connection: number;
  at: number;
}

/** A protocol-level shopper. */
export interface Shopper {
  readonly sessionId: string | undefined;
  readonly conversationId: string | undefined;
  /** Highest message seq drawn so far. */
  readonly lastSeq: number;
  /** Every frame received, across connections. */
  readonly received: readonly ReceivedFrame[];
  /** Messages sent but not yet echoed (resent after a reconnect). */
  outbox(): readonly { id: string; text: string }[];
  /** Open a socket to `url` (http or ws), say hello (resuming when it has a session), resend the outbox. */
  connect(url: string): Promise<WelcomeFrame>;
  /** Send a message (kept in the outbox until echoed); returns its id. */
  send(text: string, id?: string): string;
  /** The first reply (bot, agent or system message with replyTo = id), or an error frame for it, with the time since it was first sent. */
  reply(id: string, timeoutMs?: number): Promise<{ frame: ChatMessageFrame | Extract<ServerFrame, { type: "error" }>; ms: number }>;
  /** Resolve with the first frame from index `from` on that matches. */
  waitFor(pred: (f: ServerFrame) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<ServerFrame>;
  /** Message frames received (each seq once: what the page would draw). */
  messages(): ChatMessageFrame[];
  /** Close the current socket (the shopper can connect again). */
  close(): Promise<void>;
  /** Drop the current socket abruptly, as a lost network would. */
  terminate(): void;
}

let counter = 0;

/**
 * Create a shopper (not yet connected).
 * @example const s = createShopper(); await s.connect(url); const id = s.send("do you ship to Norway?"); await s.reply(id);
 */
export function createShopper(
  options: { customer?: { id: string; signature: string }; locale?: string; prefix?: string; /** Called when the server side drops the socket (not after close()/terminate()). */ onDrop?: () => void } = {},
): Shopper {
  const received: ReceivedFrame[] = [];
  const outbox = new Map<string, string>();
  const sentAt = new Map<string, number>();
  const waiters = new Set<() => void>();
  const prefix = options.prefix ?? `s${process.pid}-${++counter}`;
  let ws: WebSocket | undefined;
  let connection = -1;
  let sessionId: string | undefined;
  let conversationId: string | undefined;
  let lastSeq = 0;
  let next = 0;

  const write = (frame: unknown) => {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  };
  const onFrame = (frame: ServerFrame, conn: number) => {
    received.push({ frame, connection: conn, at: performance.now() });
    if (frame.type === "message") {
      if (frame.seq > lastSeq) lastSeq = frame.seq;
      if (frame.from === "shopper" && frame.replyTo) outbox.delete(frame.replyTo);
    }
    for (const w of [...waiters]) w();
  };

  const shopper: Shopper = {
    get sessionId() {
      return sessionId;
    },
    get conversationId() {
      return conversationId;
    },
    get lastSeq() {
      return lastSeq;
    },
    received,
    outbox: () => [...outbox].map(([id, text]) => ({ id, text })),
    async connect(url) {
      const conn = ++connection;
      const from = received.length;
      const socket = new WebSocket(url.replace(/^http/, "ws") + "/ws");
      ws = socket;
      socket.on("message", (data) => onFrame(JSON.parse(data.toString()) as ServerFrame, conn));
      socket.on("error", () => undefined);
      socket.on("close", () => {
        if (ws === socket) options.onDrop?.();
      });
      await new Promise<void>((resolve, reject) => {
        socket.once("open", () => resolve());
        socket.once("error", reject);
      });
      write({ type: "hello", ...(sessionId ? { sessionId, lastSeq } : {}), ...(options.customer ? { customer: options.customer } : {}), ...(options.locale ? { locale: options.locale } : {}) });
      const welcome = (await shopper.waitFor((f) => f.type === "welcome", { from })) as WelcomeFrame;
      sessionId = welcome.sessionId;
      conversationId = welcome.conversationId;
      for (const [id, text] of outbox) write({ type: "message", id, text });
      return welcome;
    },
    send(text, id = `${prefix}-${++next}`) {
      outbox.set(id, text);
      if (!sentAt.has(id)) sentAt.set(id, performance.now());
      write({ type: "message", id, text });
      return id;
    },
    async reply(id, timeoutMs = 30_000) {
      const frame = (await shopper.waitFor(
        (f) => (f.type === "message" && f.from !== "shopper" && f.replyTo === id) || (f.type === "error" && f.replyTo === id),
        { timeoutMs },
      )) as ChatMessageFrame;
      const at = received.find((r) => r.frame === frame)!.at;
      return { frame, ms: at - (sentAt.get(id) ?? at) };
    },
    waitFor(pred, { from = 0, timeoutMs = 30_000 } = {}) {
      return new Promise<ServerFrame>((resolve, reject) => {
        let scanned = from;
        const check = () => {
          for (; scanned < received.length; scanned++) {
            if (!pred(received[scanned].frame)) continue;
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received[scanned].frame);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`shopper ${prefix}: timed out; last frames ${JSON.stringify(received.slice(-4).map((r) => r.frame)).slice(0, 800)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    messages() {
      const bySeq = new Map<number, ChatMessageFrame>();
      for (const { frame } of received) if (frame.type === "message" && !bySeq.has(frame.seq)) bySeq.set(frame.seq, frame);
      return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    },
    close() {
      const socket = ws;
      ws = undefined;
      if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise<void>((resolve) => {
        socket.once("close", () => resolve());
        socket.close();
      });
    },
    terminate() {
      ws?.terminate();
      ws = undefined;
    },
  };
  return shopper;
}
