import { describe, expect, it } from "vitest";
import { backoffDelay, createChatClient, type ChatClientOptions, type SocketLike, type StorageLike } from "./chat-client.ts";
import type { ChatMessageFrame, ServerFrame } from "../server/protocol.ts";

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}
  send(data: string): void {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open");
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.readyState = 3;
    this.onclose?.({});
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  serverSends(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(): void {
    this.close();
  }
  sentOfType(type: string): Record<string, unknown>[] {
    return this.sent.filter((f) => f.type === type);
  }
}

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

function manualTimers() {
  const pending: { fn: () => void; ms: number; id: number }[] = [];
  let next = 1;
  return {
    pending,
    set(fn: () => void, ms: number) {
      const id = next++;
      pending.push({ fn, ms, id });
      return id;
    },
    clear(handle: unknown) {
      const i = pending.findIndex((p) => p.id === handle);
      if (i >= 0) pending.splice(i, 1);
    },
    runNext() {
      const t = pending.shift();
      if (!t) throw new Error("no timer pending");
      t.fn();
      return t.ms;
    },
  };
}

function setup(extra: Partial<ChatClientOptions> = {}) {
  const sockets: FakeSocket[] = [];
  const timers = manualTimers();
  const storage = extra.storage ?? memoryStorage();
  const drawn: ChatMessageFrame[] = [];
  let ids = 0;
  const client = createChatClient({
    url: "ws://shop.test/ws",
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    storage,
    storageKey: "chat:test",
    timers,
    random: () => 0.5,
    newId: () => `m${++ids}`,
    ...extra,
    on: { message: (m, index) => drawn.splice(index, 0, m), ...extra.on },
  });
  const last = () => sockets[sockets.length - 1];
  return { client, sockets, timers, storage, drawn, last };
}

const msg = (seq: number, from: ChatMessageFrame["from"], text: string, replyTo?: string): ChatMessageFrame =>
  replyTo ? { type: "message", seq, from, text, replyTo } : { type: "message", seq, from, text };

describe("createChatClient", () => {
  it("hands a campaign frame to the UI, ignores a malformed one, and reports opened/dismissed only when online", () => {
    const got: unknown[] = [];
    const { client, last } = setup({ on: { campaign: (f) => void got.push(f) } });
    expect(client.campaignEvent("cmp_1", "opened")).toBe(false);
    client.start();
    last().open();
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    last().serverSends({ type: "campaign", campaignId: "cmp_1", text: "Hello", coupon: { code: "CMP-1", value: 10, currency: "USD" } });
    last().onmessage?.({ data: JSON.stringify({ type: "campaign", campaignId: 5 }) });
    expect(got).toEqual([{ type: "campaign", campaignId: "cmp_1", text: "Hello", coupon: { code: "CMP-1", value: 10, currency: "USD" } }]);
    expect(client.campaignEvent("cmp_1", "dismissed")).toBe(true);
    expect(last().sentOfType("campaign")).toEqual([{ type: "campaign", campaignId: "cmp_1", event: "dismissed" }]);
  });

  it("sends hello without a session on first contact and stores the session from welcome", () => {
    const { client, last, storage } = setup();
    client.start();
    last().open();
    expect(last().sent).toEqual([{ type: "hello" }]);
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    expect(client.status).toBe("online");
    expect(JSON.parse(storage.getItem("chat:test") ?? "{}").sessionId).toBe("s1");
  });

  it("resumes after a reconnect with the session id and the highest seq it holds", () => {
    const { client, last, timers } = setup();
    client.start();
    last().open();
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    last().serverSends(msg(1, "bot", "Hi!"));
    last().serverSends(msg(2, "shopper", "hello", "x"));
    last().serverSends(msg(3, "bot", "How can I help?"));
    last().drop();
    expect(client.status).toBe("offline");
    timers.runNext();
    last().open();
    expect(last().sent[0]).toEqual({ type: "hello", sessionId: "s1", lastSeq: 3 });
  });

  it("asks a fresh page for the whole history of a stored session", () => {
    const storage = memoryStorage();
    storage.setItem("chat:test", JSON.stringify({ sessionId: "s9", lastSeq: 7, outbox: [] }));
    const { client, last } = setup({ storage, customer: { id: "cust-1", signature: "abc" } });
    expect(client.storedLastSeq).toBe(7);
    client.start();
    last().open();
    expect(last().sent[0]).toEqual({ type: "hello", sessionId: "s9", lastSeq: 0, customer: { id: "cust-1", signature: "abc" } });
  });

  it("marks replayed messages an earlier page had received as not fresh, and everything of a new session as fresh", () => {
    const storage = memoryStorage();
    storage.setItem("chat:test", JSON.stringify({ sessionId: "s9", lastSeq: 2, outbox: [] }));
    const seen: [number, boolean][] = [];
    const { client, last } = setup({ storage, on: { message: (m, _i, fresh) => seen.push([m.seq, fresh]) } });
    client.start();
    last().open();
    last().serverSends({ type: "welcome", sessionId: "s9", conversationId: "c9", state: "bot" });
    for (const seq of [1, 2, 3]) last().serverSends(msg(seq, "bot", `m${seq}`));
    expect(seen).toEqual([[1, false], [2, false], [3, true]]);

    // The stored conversation was closed meanwhile: the server starts a new one, whose seq 1 is new.
    const again = memoryStorage();
    again.setItem("chat:test", JSON.stringify({ sessionId: "old", lastSeq: 5, outbox: [] }));
    const fresh: boolean[] = [];
    const second = setup({ storage: again, on: { message: (_m, _i, f) => fresh.push(f) } });
    second.client.start();
    second.last().open();
    second.last().serverSends({ type: "welcome", sessionId: "new", conversationId: "c2", state: "bot" });
    second.last().serverSends(msg(1, "bot", "hello again"));
    expect(fresh).toEqual([true]);
    expect(second.client.storedLastSeq).toBe(0);
  });

  it("says hello again at once with a new identity, keeping the session and what it holds", () => {
    const { client, last, sockets } = setup();
    client.start();
    last().open();
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    last().serverSends(msg(1, "bot", "Hi!"));
    client.setCustomer({ id: "C00042", signature: "f00d" });
    client.reconnect();
    expect(sockets).toHaveLength(2);
    expect(sockets[0].closed).toBe(true);
    last().open();
    expect(last().sent[0]).toEqual({ type: "hello", sessionId: "s1", lastSeq: 1, customer: { id: "C00042", signature: "f00d" } });
  });

  it("forgets the identity and the session on logout-style restart", () => {
    const { client, last, storage } = setup({ customer: { id: "C00042", signature: "f00d" } });
    client.start();
    last().open();
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot", customer: { id: "C00042" } });
    client.setCustomer(undefined);
    client.restart();
    expect(JSON.parse(storage.getItem("chat:test") ?? "{}").sessionId).toBeUndefined();
    last().open();
    expect(last().sent[0]).toEqual({ type: "hello" });
  });

  it("does not reconnect when it was never started", () => {
    const { client, sockets } = setup();
    client.reconnect();
    expect(sockets).toHaveLength(0);
  });

  it("ignores replayed messages it already holds and draws the rest in seq order", () => {
    const { client, last, timers, drawn } = setup();
    client.start();
    last().open();
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    last().serverSends(msg(1, "bot", "one"));
    last().serverSends(msg(3, "bot", "three"));
    last().serverSends(msg(2, "bot", "two"));
    last().drop();
    timers.runNext();
    last().open();
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    for (const seq of [1, 2, 3]) last().serverSends(msg(seq, "bot", `replay ${seq}`));
    last().serverSends(msg(4, "bot", "four"));
    expect(drawn.map((m) => m.text)).toEqual(["one", "two", "three", "four"]);
    expect(client.messages().map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it("re-sends unacknowledged messages with the same ids after a reconnect and clears them on echo", () => {
    const { client, last, timers } = setup();
    client.start();
    last().open();
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    const first = client.send("do you ship to Canada?");
    last().drop();
    const second = client.send("and to the UK?");
    expect(client.outbox().map((e) => e.id)).toEqual([first.id, second.id]);
    timers.runNext();
    last().open();
    expect(last().sentOfType("message")).toEqual([]); // nothing before welcome
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    expect(last().sentOfType("message")).toEqual([
      { type: "message", id: first.id, text: "do you ship to Canada?" },
      { type: "message", id: second.id, text: "and to the UK?" },
    ]);
    last().serverSends(msg(1, "shopper", "do you ship to Canada?", first.id));
    expect(client.outbox().map((e) => e.id)).toEqual([second.id]);
    last().serverSends(msg(2, "shopper", "and to the UK?", second.id));
    expect(client.outbox()).toEqual([]);
  });

  it("keeps the outbox across a page reload and sends it after the next welcome", () => {
    const storage = memoryStorage();
    const a = setup({ storage });
    a.client.start();
    a.last().open();
    a.last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    a.last().drop();
    const entry = a.client.send("where is my order?");
    a.client.stop();
    const b = setup({ storage });
    expect(b.client.outbox()).toEqual([entry]);
    b.client.start();
    b.last().open();
    b.last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    expect(b.last().sentOfType("message")).toEqual([{ type: "message", id: entry.id, text: "where is my order?" }]);
  });

  it("drops a refused message from the outbox and reports it", () => {
    const failed: string[] = [];
    const { client, last } = setup({ on: { failed: (id) => failed.push(id) } });
    client.start();
    last().open();
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    const entry = client.send("x".repeat(10));
    last().serverSends({ type: "error", code: "CHAT_ERR_RATE_LIMITED", message: "slow down", replyTo: entry.id });
    expect(failed).toEqual([entry.id]);
    expect(client.outbox()).toEqual([]);
  });

  it("starts a new conversation when the stored session is unknown to the server", () => {
    const storage = memoryStorage();
    storage.setItem("chat:test", JSON.stringify({ sessionId: "gone", lastSeq: 4, outbox: [] }));
    const { client, last } = setup({ storage });
    client.start();
    last().open();
    last().serverSends({ type: "error", code: "CHAT_ERR_SESSION_NOT_FOUND", message: "unknown session" });
    expect(last().sent[1]).toEqual({ type: "hello" });
    expect(client.sessionId).toBeUndefined();
  });

  it("sends typing only when it changes and turns it off when a message is sent", () => {
    const { client, last } = setup();
    client.start();
    last().open();
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    client.typing(true);
    client.typing(true);
    client.send("hi");
    expect(last().sent.slice(1).map((f) => f.type + (f.type === "typing" ? String(f.on) : ""))).toEqual([
      "typingtrue",
      "typingfalse",
      "message",
    ]);
  });

  it("waits longer after each failed attempt, up to the cap, and resets after a welcome", () => {
    const { client, last, timers } = setup();
    client.start();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      last().drop();
      delays.push(timers.runNext());
    }
    expect(delays).toEqual([375, 750, 1500, 3000, 6000, 7500, 7500, 7500]);
    last().open();
    last().serverSends({ type: "welcome", sessionId: "s1", conversationId: "c1", state: "bot" });
    last().drop();
    expect(timers.runNext()).toBe(375);
  });

  it("stops reconnecting after stop()", () => {
    const { client, last, timers, sockets } = setup();
    client.start();
    last().open();
    client.stop();
    expect(timers.pending).toEqual([]);
    expect(sockets).toHaveLength(1);
    expect(client.status).toBe("idle");
  });
});

describe("backoffDelay", () => {
  it("grows exponentially and never exceeds the cap", () => {
    const high = () => 0.999999;
    const delays = Array.from({ length: 12 }, (_, i) => backoffDelay(i, { baseMs: 500, capMs: 10_000 }, high));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
    expect(delays[0]).toBe(500);
    expect(delays[4]).toBe(8000);
    expect(Math.max(...delays)).toBe(10_000);
  });

  it("jitters between half and all of the exponential ceiling", () => {
    expect(backoffDelay(2, { baseMs: 500, capMs: 10_000 }, () => 0)).toBe(1000);
    expect(backoffDelay(2, { baseMs: 500, capMs: 10_000 }, () => 1)).toBe(2000);
    expect(backoffDelay(100, { baseMs: 500, capMs: 10_000 }, () => 0)).toBe(5000);
  });
});
