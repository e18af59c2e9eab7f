/**
 * The chat widget's protocol and state logic, free of any DOM: connect, `hello`/resume, the outbox of
 * unacknowledged messages, seq de-duplication and ordering, and reconnect backoff. The socket, storage
 * and timers are passed in, so it runs the same in a browser and under a unit test with a fake socket.
 */
import type {
  CampaignFrame,
  ChatMessageFrame,
  ClientFrame,
  ConversationState,
  ErrorFrame,
  HelloFrame,
  ServerTypingFrame,
  StateFrame,
  WelcomeFrame,
} from "../server/protocol.ts";

/** The part of a browser `WebSocket` the client uses (a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** The part of `localStorage` the client uses to survive a page reload. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Timer functions, injectable so tests control time. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Reconnect delays: exponential from `baseMs`, capped at `capMs`, with jitter. */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/** A shopper message waiting for the server's echo; re-sent with the same `id` after a reconnect. */
export interface OutboxEntry {
  id: string;
  text: string;
}

/** Connection status shown to the shopper: `idle` before the first connect. */
export type ConnectionStatus = "idle" | "connecting" | "online" | "offline";

/** Callbacks the UI registers; every one is optional. */
export interface ChatClientHandlers {
  /**
   * A new message, to be drawn at `index` of the seq-ordered history; `fresh` is false for a message an
   * earlier page of this session had already received (a replay after a reload).
   */
  message?(message: ChatMessageFrame, index: number, fresh: boolean): void;
  /** A shopper message was queued in the outbox (draw it as "sending"). */
  pending?(entry: OutboxEntry): void;
  /** The server stored an outbox message (its echo arrived). */
  acknowledged?(id: string, message: ChatMessageFrame): void;
  /** The server refused an outbox message; it is dropped from the outbox. */
  failed?(id: string, error: ErrorFrame): void;
  /** The conversation state (from `welcome` with `initial: true`, or a `state` frame). */
  state?(frame: StateFrame, initial: boolean): void;
  typing?(frame: ServerTypingFrame): void;
  error?(frame: ErrorFrame): void;
  status?(status: ConnectionStatus): void;
  welcome?(frame: WelcomeFrame): void;
  /** The server started a new conversation: forget every drawn message. */
  reset?(): void;
  /** A proactive campaign message for this customer (docs/campaigns.md). */
  campaign?(frame: CampaignFrame): void;
}

/** Everything `createChatClient` needs. */
export interface ChatClientOptions {
  /** WebSocket URL, e.g. `wss://shop.example/ws`. */
  url: string;
  createSocket(url: string): SocketLike;
  storage?: StorageLike;
  /** Key under which session id, last seq and outbox are stored (one per server origin). */
  storageKey?: string;
  customer?: { id: string; signature: string };
  locale?: string;
  timers?: Timers;
  backoff?: BackoffOptions;
  random?: () => number;
  newId?: () => string;
  on?: ChatClientHandlers;
}

/** A connected (or reconnecting) chat session. */
export interface ChatClient {
  /** Opens the socket (idempotent); reconnects by itself until `stop()`. */
  start(): void;
  /** Closes the socket and stops reconnecting. */
  stop(): void;
  /** Sends a shopper message (or queues it while offline); returns its outbox entry. */
  send(text: string): OutboxEntry;
  /** Sends a typing indicator, only when it changes. */
  typing(on: boolean): void;
  /** Rates one answer (`seq`) or the whole conversation. */
  feedback(rating: "up" | "down", seq?: number): boolean;
  /** Forgets the session and starts a new conversation. */
  restart(): void;
  /** Reports that the shopper saw (`opened`) or dismissed a campaign message; false when offline. */
  campaignEvent(campaignId: string, event: "opened" | "dismissed"): boolean;
  /** Sets (or clears, with undefined) the signed customer sent in the next `hello`. */
  setCustomer(customer: { id: string; signature: string } | undefined): void;
  /** When running, drops the socket and says `hello` again right away (e.g. with a new identity). */
  reconnect(): void;
  /** Messages received so far, in seq order. */
  messages(): readonly ChatMessageFrame[];
  /** Messages not yet acknowledged by the server. */
  outbox(): readonly OutboxEntry[];
  readonly status: ConnectionStatus;
  readonly sessionId: string | undefined;
  /** Highest seq received in this page. */
  readonly lastSeq: number;
  /** Highest seq a previous page had received in this session (from storage); 0 for a new session. */
  readonly storedLastSeq: number;
}

const OPEN = 1;

/** Default reconnect delays: 0.5 s doubling up to a 10 s cap. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 10_000 };

/**
 * Delay before reconnect attempt `attempt` (0-based): `min(cap, base·2^attempt)`, jittered to between
 * half and all of it ("equal jitter", https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/)
 * so a server restart is not hit by every client at once.
 * @example backoffDelay(0, DEFAULT_BACKOFF, () => 1) // 500
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A client message id: `crypto.randomUUID()` where available, else a random hex string. */
export function createMessageId(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  let id = "";
  for (let i = 0; i < 32; i++) id += Math.floor(Math.random() * 16).toString(16);
  return id;
}

interface StoredSession {
  sessionId?: string;
  lastSeq?: number;
  outbox?: OutboxEntry[];
}

function readStored(storage: StorageLike | undefined, key: string): StoredSession {
  if (!storage) return {};
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? "{}");
    if (!parsed || typeof parsed !== "object") return {};
    const s = parsed as StoredSession;
    return {
      sessionId: typeof s.sessionId === "string" ? s.sessionId : undefined,
      lastSeq: typeof s.lastSeq === "number" ? s.lastSeq : 0,
      outbox: Array.isArray(s.outbox) ? s.outbox.filter((e) => e && typeof e.id === "string" && typeof e.text === "string") : [],
    };
  } catch {
    // Corrupt or blocked storage: start fresh rather than failing to load the widget.
    return {};
  }
}

function isMessageFrame(frame: Record<string, unknown>): frame is Record<string, unknown> & ChatMessageFrame {
  return (
    typeof frame.seq === "number" &&
    Number.isInteger(frame.seq) &&
    frame.seq > 0 &&
    typeof frame.text === "string" &&
    typeof frame.from === "string"
  );
}

/**
 * Creates the protocol client. On open it sends `hello` (with `sessionId` and `lastSeq` when resuming),
 * re-sends the outbox after `welcome`, drops replayed messages it already holds, and reconnects with
 * backoff after a close.
 * @example
 * const client = createChatClient({ url: "wss://shop.example/ws", createSocket: (u) => new WebSocket(u), on: { message: draw } });
 * client.start(); client.send("Do you ship to Canada?");
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const on = options.on ?? {};
  const storage = options.storage;
  const storageKey = options.storageKey ?? "fjell-chat";
  const timers: Timers = options.timers ?? {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const newId = options.newId ?? createMessageId;

  const stored = readStored(storage, storageKey);
  let sessionId = stored.sessionId;
  let storedLastSeq = stored.lastSeq ?? 0;
  let customer = options.customer;
  let outbox: OutboxEntry[] = stored.outbox ?? [];
  const history: ChatMessageFrame[] = [];
  const seen = new Set<number>();
  let lastSeq = 0;

  let socket: SocketLike | null = null;
  let welcomed = false;
  let running = false;
  let attempt = 0;
  let retryTimer: unknown = null;
  let status: ConnectionStatus = "idle";
  let typingOn = false;

  function persist(): void {
    if (!storage) return;
    try {
      const value: StoredSession = { sessionId, lastSeq: Math.max(lastSeq, storedLastSeq), outbox };
      storage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // Storage full or disabled (private mode): the chat still works, it just will not resume.
    }
  }

  function setStatus(next: ConnectionStatus): void {
    if (next === status) return;
    status = next;
    on.status?.(next);
  }

  function write(frame: ClientFrame): boolean {
    if (!socket || socket.readyState !== OPEN || (!welcomed && frame.type !== "hello")) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  function sendHello(): void {
    const hello: HelloFrame = { type: "hello" };
    if (sessionId) {
      hello.sessionId = sessionId;
      // The page holds messages up to `lastSeq`; a fresh page holds none and asks for the whole history.
      hello.lastSeq = lastSeq;
    }
    if (customer) hello.customer = customer;
    if (options.locale) hello.locale = options.locale;
    write(hello);
  }

  function forgetConversation(): void {
    history.length = 0;
    seen.clear();
    lastSeq = 0;
    storedLastSeq = 0;
    on.reset?.();
  }

  function connect(): void {
    retryTimer = null;
    if (!running) return;
    setStatus("connecting");
    welcomed = false;
    let ws: SocketLike;
    try {
      ws = options.createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket === ws) sendHello();
    };
    ws.onmessage = (event) => {
      if (socket === ws && typeof event.data === "string") receive(event.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      welcomed = false;
      typingOn = false;
      scheduleReconnect();
    };
    ws.onerror = () => {
      // A close event follows an error; closing here makes sure of it.
      if (socket === ws) ws.close();
    };
  }

  function scheduleReconnect(): void {
    if (!running) {
      setStatus("idle");
      return;
    }
    setStatus("offline");
    if (retryTimer !== null) return;
    retryTimer = timers.set(connect, backoffDelay(attempt++, backoff, random));
  }

  function receive(data: string): void {
    let frame: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(data);
      if (!parsed || typeof parsed !== "object" || typeof (parsed as { type?: unknown }).type !== "string") return;
      frame = parsed as Record<string, unknown>;
    } catch {
      return;
    }
    switch (frame.type) {
      case "welcome":
        return onWelcome(frame as unknown as WelcomeFrame);
      case "message":
        if (isMessageFrame(frame)) onMessage(frame);
        return;
      case "state":
        if (typeof frame.state === "string") on.state?.(frame as unknown as StateFrame, false);
        return;
      case "typing":
        if (typeof frame.on === "boolean") on.typing?.(frame as unknown as ServerTypingFrame);
        return;
      case "error":
        return onError(frame as unknown as ErrorFrame);
      case "campaign":
        if (typeof frame.campaignId === "string" && typeof frame.text === "string") on.campaign?.(frame as unknown as CampaignFrame);
        return;
      default:
        // Unknown frame types are ignored: the protocol may grow new ones.
        return;
    }
  }

  function onWelcome(frame: WelcomeFrame): void {
    if (typeof frame.sessionId !== "string") return;
    if (sessionId !== frame.sessionId) {
      // A new conversation: nothing of it was seen before, whatever the stored seq of the old one said.
      if (history.length > 0) forgetConversation();
      storedLastSeq = 0;
    }
    sessionId = frame.sessionId;
    welcomed = true;
    attempt = 0;
    persist();
    setStatus("online");
    on.welcome?.(frame);
    if (typeof frame.state === "string") on.state?.({ type: "state", state: frame.state as ConversationState }, true);
    for (const entry of outbox) write({ type: "message", id: entry.id, text: entry.text });
  }

  function onMessage(frame: ChatMessageFrame): void {
    if (seen.has(frame.seq)) return;
    seen.add(frame.seq);
    let index = history.length;
    while (index > 0 && history[index - 1].seq > frame.seq) index--;
    history.splice(index, 0, frame);
    if (frame.seq > lastSeq) lastSeq = frame.seq;
    let acknowledged = false;
    if (frame.from === "shopper" && frame.replyTo) {
      const before = outbox.length;
      outbox = outbox.filter((e) => e.id !== frame.replyTo);
      acknowledged = outbox.length !== before;
    }
    persist();
    if (acknowledged) on.acknowledged?.(frame.replyTo as string, frame);
    on.message?.(frame, index, frame.seq > storedLastSeq);
  }

  function onError(frame: ErrorFrame): void {
    if (frame.code === "CHAT_ERR_SESSION_NOT_FOUND" && !welcomed) {
      // The stored session expired on the server: start a new conversation on this same socket.
      sessionId = undefined;
      forgetConversation();
      persist();
      sendHello();
      return;
    }
    if (frame.replyTo && outbox.some((e) => e.id === frame.replyTo)) {
      outbox = outbox.filter((e) => e.id !== frame.replyTo);
      persist();
      on.failed?.(frame.replyTo, frame);
    }
    on.error?.(frame);
  }

  function start(): void {
    if (running) return;
    running = true;
    connect();
  }

  function stop(): void {
    running = false;
    if (retryTimer !== null) timers.clear(retryTimer);
    retryTimer = null;
    const ws = socket;
    socket = null;
    welcomed = false;
    ws?.close();
    setStatus("idle");
  }

  function typing(value: boolean): void {
    if (value === typingOn) return;
    if (write({ type: "typing", on: value })) typingOn = value;
  }

  return {
    start,
    stop,
    send(text: string) {
      const entry: OutboxEntry = { id: newId(), text };
      outbox.push(entry);
      persist();
      on.pending?.(entry);
      typing(false);
      write({ type: "message", id: entry.id, text });
      return entry;
    },
    typing,
    feedback(rating, seq) {
      const frame: ClientFrame = seq === undefined ? { type: "feedback", rating } : { type: "feedback", rating, seq };
      return write(frame);
    },
    campaignEvent(campaignId, event) {
      return write({ type: "campaign", campaignId, event });
    },
    restart() {
      const wasRunning = running;
      stop();
      sessionId = undefined;
      outbox = [];
      forgetConversation();
      persist();
      attempt = 0;
      if (wasRunning) start();
    },
    setCustomer(next) {
      customer = next;
    },
    reconnect() {
      if (!running) return;
      stop();
      attempt = 0;
      start();
    },
    messages: () => history,
    outbox: () => outbox,
    get status() {
      return status;
    },
    get sessionId() {
      return sessionId;
    },
    get lastSeq() {
      return lastSeq;
    },
    get storedLastSeq() {
      return storedLastSeq;
    },
  };
}
