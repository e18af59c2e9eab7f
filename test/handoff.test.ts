import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentServerFrame, ChatMessageFrame, ConversationDetail, QueueEntryView, StateFrame, WelcomeFrame } from "../server/protocol.ts";
import { startServer, type RunningServer } from "../server/main.ts";
import { connectChat, type ChatClient } from "./helpers/chat-client.ts";

const ADMIN = { email: "admin@test.example", password: "admin-password-1" };
const ENV = {
  PORT: "0",
  LOG_LEVEL: "silent",
  SEED_DEMO: "false",
  KNOWLEDGE_WATCH: "false",
  SUPPORT_HOURS: "always",
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  RATE_LIMIT_MESSAGES: "500",
  LOGIN_MAX_ATTEMPTS: "3",
  OFFER_TIMEOUT_S: "30",
  // Built knowledge indexes are keyed by content, so test servers share them (see helpers/server.ts).
  CACHE_DIR: path.resolve(".cache/test-knowledge"),
};

/** A real agent console client: REST login, then the agent WebSocket with the session token. */
interface AgentClient {
  token: string;
  id: string;
  frames: AgentServerFrame[];
  send(frame: Record<string, unknown>): void;
  waitFor<T extends AgentServerFrame>(pred: (f: AgentServerFrame) => boolean, options?: { fromIndex?: number; timeoutMs?: number }): Promise<T>;
  /** The latest `queue` frame. */
  lastQueue(): Extract<AgentServerFrame, { type: "queue" }> | undefined;
  close(): void;
}

async function login(url: string, email: string, password: string): Promise<{ token: string; agent: { id: string } }> {
  const res = await fetch(`${url}/agent/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  const body = (await res.json()) as { token: string; agent: { id: string }; code?: string };
  if (!res.ok) throw Object.assign(new Error(`login failed: ${res.status} ${body.code}`), { status: res.status, code: body.code });
  return body;
}

async function connectAgent(url: string, email: string, password: string): Promise<AgentClient> {
  const { token, agent } = await login(url, email, password);
  const ws = new WebSocket(url.replace(/^http/, "ws") + "/agent/ws", { headers: { authorization: `Bearer ${token}` } });
  const frames: AgentServerFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (data) => {
    frames.push(JSON.parse(data.toString()) as AgentServerFrame);
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  let ref = 0;
  const client: AgentClient = {
    token,
    id: agent.id,
    frames,
    send: (frame) => ws.send(JSON.stringify({ ref: `r${++ref}`, ...frame })),
    waitFor<T extends AgentServerFrame>(pred: (f: AgentServerFrame) => boolean, options: { fromIndex?: number; timeoutMs?: number } = {}) {
      const { fromIndex = 0, timeoutMs = 15_000 } = options;
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          const hit = frames.slice(fromIndex).find(pred);
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit as T);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`agent timed out; last frames ${JSON.stringify(frames.slice(-4)).slice(0, 900)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    lastQueue: () => [...frames].reverse().find((f): f is Extract<AgentServerFrame, { type: "queue" }> => f.type === "queue"),
    close: () => ws.close(),
  };
  await client.waitFor((f) => f.type === "queue");
  return client;
}

async function api<T>(url: string, token: string, p: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}/agent/api${p}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function shopper(url: string, frame: Record<string, unknown> = {}) {
  const client = await connectChat(url);
  client.send({ type: "hello", ...frame });
  const welcome = (await client.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
  return { client, welcome };
}

/** Ask for a person and wait until the conversation is queued. */
async function handOff(client: ChatClient, text = "I want to talk to a real person please"): Promise<StateFrame> {
  const from = client.frames.length;
  const reply = await client.ask(text);
  expect(reply.action).toBe("handoff");
  return (await client.waitFor((f) => f.type === "state" && f.state === "queued", { fromIndex: from })) as StateFrame;
}

const inQueue = (a: AgentClient, conversationId: string) => (f: AgentServerFrame) =>
  f.type === "queue" && f.queue.some((e) => e.conversationId === conversationId);
const offered = (conversationId: string) => (f: AgentServerFrame) => f.type === "offer" && f.entry.conversationId === conversationId;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: RunningServer;
let dataDir: string;
let adminToken: string;
const agents: Record<string, { email: string; password: string; id?: string }> = {
  alice: { email: "alice@test.example", password: "alice-password" },
  bob: { email: "bob@test.example", password: "bob-password" },
  carol: { email: "carol@test.example", password: "carol-password" },
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-handoff-"));
  server = await startServer({ ...ENV, DATA_DIR: dataDir, KNOWLEDGE_DIR: path.resolve("knowledge") });
  adminToken = (await login(server.url, ADMIN.email, ADMIN.password)).token;
  const specs = {
    alice: { name: "Alice", skills: ["returns", "general"], capacity: 1 },
    bob: { name: "Bob", skills: ["orders"], capacity: 1 },
    carol: { name: "Carol", skills: ["equipment"], capacity: 2 },
  } as const;
  for (const [key, spec] of Object.entries(specs)) {
    const res = await api<{ id: string }>(server.url, adminToken, "/agents", { method: "POST", body: { ...spec, email: agents[key].email, password: agents[key].password } });
    expect(res.status).toBe(201);
    agents[key].id = res.body.id;
  }
});

afterAll(async () => {
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("handoff to a human agent", () => {
  it("queues with a position, relays both ways while the bot stays silent, closes and stores the CSAT rating", async () => {
    const alice = await connectAgent(server.url, agents.alice.email, agents.alice.password);
    try {
      const { client, welcome } = await shopper(server.url);
      const cid = welcome.conversationId;
      const queued = await handOff(client);
      expect(queued.position).toBe(1);

      const offer = await alice.waitFor<Extract<AgentServerFrame, { type: "offer" }>>(offered(cid));
      expect(offer.entry).toMatchObject({ status: "queued", team: "general", position: 1, slaBreached: false });
      expect(alice.lastQueue()?.queue.find((e) => e.conversationId === cid)?.offeredTo).toBe(alice.id);

      // The console sees the whole transcript, including the bot's turns and why it handed off.
      let from = alice.frames.length;
      alice.send({ type: "open", conversationId: cid });
      const detail = (await alice.waitFor<Extract<AgentServerFrame, { type: "conversation" }>>((f) => f.type === "conversation", { fromIndex: from })).detail;
      const handoffTurn = detail.transcript.find((m) => m.from === "bot" && m.action === "handoff");
      expect(handoffTurn?.decision).toMatchObject({ rule: "handoff/explicit-request", why: expect.stringMatching(/explicit request/), bar: { name: "intentMinConfidence" } });
      expect(detail.sidebar.notes[0]).toMatch(/anonymous/i);

      let sFrom = client.frames.length;
      alice.send({ type: "accept", conversationId: cid });
      const joined = (await client.waitFor((f) => f.type === "state" && f.state === "agent", { fromIndex: sFrom })) as StateFrame;
      expect(joined.agentName).toBe("Alice");
      await client.waitFor((f) => f.type === "message" && f.from === "system" && /Alice/.test(f.text), { fromIndex: sFrom });

      // Shopper -> agent, with typing, and no bot reply while an agent has the conversation.
      from = alice.frames.length;
      client.send({ type: "typing", on: true });
      await alice.waitFor((f) => f.type === "event" && f.conversationId === cid && f.frame.type === "typing" && f.frame.from === "shopper" && f.frame.on, { fromIndex: from });
      client.send({ type: "message", id: "s-1", text: "do you ship to Canada?" });
      const relayed = await alice.waitFor<Extract<AgentServerFrame, { type: "event" }>>(
        (f) => f.type === "event" && f.frame.type === "message" && f.frame.from === "shopper" && f.frame.replyTo === "s-1",
        { fromIndex: from },
      );
      expect((relayed.frame as ChatMessageFrame).text).toBe("do you ship to Canada?");

      // Agent -> shopper, with typing.
      sFrom = client.frames.length;
      alice.send({ type: "typing", conversationId: cid, on: true });
      await client.waitFor((f) => f.type === "typing" && f.from === "agent" && f.on, { fromIndex: sFrom });
      alice.send({ type: "message", conversationId: cid, id: "a-1", text: "Yes, we ship to Canada for $12." });
      const agentMsg = (await client.waitFor((f) => f.type === "message" && f.from === "agent", { fromIndex: sFrom })) as ChatMessageFrame;
      expect(agentMsg.text).toBe("Yes, we ship to Canada for $12.");
      await sleep(1500);
      expect(client.messages().filter((m) => m.from === "bot" && m.seq > queued.position!).filter((m) => m.replyTo === "s-1")).toHaveLength(0);

      // Internal notes never reach the shopper.
      from = alice.frames.length;
      alice.send({ type: "note", conversationId: cid, text: "secret: customer sounds in a hurry" });
      await alice.waitFor((f) => f.type === "note" && f.conversationId === cid, { fromIndex: from });

      sFrom = client.frames.length;
      alice.send({ type: "close", conversationId: cid, resolution: "answered shipping question" });
      await client.waitFor((f) => f.type === "state" && f.state === "closed", { fromIndex: sFrom });
      const ask = client.messages().find((m) => m.from === "system" && /rate this conversation/i.test(m.text));
      expect(ask).toBeDefined();
      client.send({ type: "feedback", rating: "up" });
      await sleep(300);
      expect(JSON.stringify(client.frames)).not.toContain("secret:");

      const after = await api<ConversationDetail>(server.url, alice.token, `/conversations/${cid}`);
      expect(after.body.csat).toBe("up");
      expect(after.body.state).toBe("closed");
      expect(after.body.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(["bot>queued", "queued>agent", "agent>closed"]);
      expect(after.body.notes.map((n) => n.text)).toEqual(["secret: customer sounds in a hurry"]);
      client.close();
    } finally {
      alice.close();
    }
  });

  it("routes by skill and capacity, re-offers when an agent frees up, and hands back to the bot", async () => {
    const alice = await connectAgent(server.url, agents.alice.email, agents.alice.password);
    const bob = await connectAgent(server.url, agents.bob.email, agents.bob.password);
    try {
      const a = await shopper(server.url);
      await a.client.ask("I want to return my hiking boots, they don't fit");
      await handOff(a.client, "can I talk to a human please");
      const offerA = await alice.waitFor<Extract<AgentServerFrame, { type: "offer" }>>(offered(a.welcome.conversationId));
      expect(offerA.entry.team).toBe("returns");
      expect(bob.frames.some(offered(a.welcome.conversationId))).toBe(false);

      const b = await shopper(server.url);
      await b.client.ask("where is my order? it was supposed to be delivered yesterday");
      await handOff(b.client, "I want to speak to a real person");
      const offerB = await bob.waitFor<Extract<AgentServerFrame, { type: "offer" }>>(offered(b.welcome.conversationId));
      expect(offerB.entry.team).toBe("orders");

      alice.send({ type: "accept", conversationId: a.welcome.conversationId });
      await a.client.waitFor((f) => f.type === "state" && f.state === "agent");

      // Alice is at capacity (1) and Bob lacks the skill: a second returns chat waits unoffered.
      const c = await shopper(server.url);
      await c.client.ask("I need a refund for a broken treadmill");
      const cq = await handOff(c.client, "please get me a human agent");
      const cid = c.welcome.conversationId;
      const entry = (await alice.waitFor<Extract<AgentServerFrame, { type: "queue" }>>(inQueue(alice, cid))).queue.find((e) => e.conversationId === cid) as QueueEntryView;
      expect(entry.team).toBe("returns");
      expect(cq.position).toBeGreaterThanOrEqual(1);
      await sleep(1500);
      expect(alice.frames.some(offered(cid))).toBe(false);
      expect(alice.lastQueue()?.queue.find((e) => e.conversationId === cid)?.offeredTo).toBeUndefined();

      // Handing A back to the bot frees Alice: C is offered to her.
      const from = a.client.frames.length;
      alice.send({ type: "handback", conversationId: a.welcome.conversationId });
      await a.client.waitFor((f) => f.type === "state" && f.state === "bot", { fromIndex: from });
      await alice.waitFor(offered(cid));
      const botAgain = await a.client.ask("do you ship to Canada?");
      expect(botAgain.from).toBe("bot");

      // Anyone can claim by hand; a second claim is refused.
      bob.send({ type: "accept", conversationId: b.welcome.conversationId });
      await b.client.waitFor((f) => f.type === "state" && f.state === "agent");
      const bFrom = bob.frames.length;
      bob.send({ type: "accept", conversationId: cid, ref: "claim-c" });
      await bob.waitFor((f) => f.type === "ack" && f.replyTo === "claim-c", { fromIndex: bFrom });
      const aFrom = alice.frames.length;
      alice.send({ type: "accept", conversationId: cid, ref: "late" });
      expect(await alice.waitFor((f) => f.type === "error" && f.replyTo === "late", { fromIndex: aFrom })).toMatchObject({ code: "CHAT_ERR_HANDOFF_CONFLICT" });

      // Transfer to another agent keeps the history.
      const cFrom = c.client.frames.length;
      bob.send({ type: "transfer", conversationId: cid, toAgentId: agents.carol.id });
      const st = (await c.client.waitFor((f) => f.type === "state" && f.state === "agent" && (f as StateFrame).agentName === "Carol", { fromIndex: cFrom })) as StateFrame;
      expect(st.agentName).toBe("Carol");
      const moved = await api<ConversationDetail>(server.url, adminToken, `/conversations/${cid}`);
      expect(moved.body.entry?.agentId).toBe(agents.carol.id);
      expect(moved.body.transcript.some((m) => m.from === "shopper" && /refund/.test(m.text))).toBe(true);

      for (const [agent, id] of [[bob, b.welcome.conversationId]] as const) agent.send({ type: "close", conversationId: id, resolution: "done" });
      await api(server.url, adminToken, `/conversations/${cid}/close`, { method: "POST", body: { resolution: "done" } });
      for (const s of [a, b, c]) s.client.close();
    } finally {
      alice.close();
      bob.close();
    }
  });

  it("refuses unauthenticated agent sockets and API calls, non-admins on admin routes, and locks out repeated failures", async () => {
    const noAuth = await fetch(`${server.url}/agent/api/queue`);
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ code: "CHAT_ERR_UNAUTHORIZED" });
    expect((await api(server.url, "not-a-real-token", "/queue")).status).toBe(401);

    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(server.url.replace(/^http/, "ws") + "/agent/ws");
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => reject(new Error("an unauthenticated agent socket was accepted")));
      ws.on("error", () => undefined);
    });
    expect(status).toBe(401);

    const bob = await login(server.url, agents.bob.email, agents.bob.password);
    const forbidden = await api(server.url, bob.token, "/agents", { method: "POST", body: { email: "x@y.example", name: "X", password: "password123" } });
    expect(forbidden.status).toBe(403);
    const out = await api(server.url, bob.token, "/logout", { method: "POST" });
    expect(out.status).toBe(200);
    expect((await api(server.url, bob.token, "/queue")).status).toBe(401);

    // A locked account, a wrong password and an unknown e-mail get the same answer (nothing tells which e-mails are accounts).
    const answers: string[] = [];
    const attempt = (email: string, password: string) =>
      login(server.url, email, password).then(
        () => "logged in",
        (e: { code: string; message: string }) => `${e.code}: ${e.message}`,
      );
    for (let i = 0; i < 4; i++) answers.push(await attempt(agents.carol.email, "wrong-password"));
    answers.push(await attempt(agents.carol.email, agents.carol.password));
    answers.push(await attempt("nobody@test.example", "wrong-password"));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^CHAT_ERR_UNAUTHORIZED: /);
  });

  it("keeps queued and assigned conversations across a restart", async () => {
    const alice = await connectAgent(server.url, agents.alice.email, agents.alice.password);
    const assigned = await shopper(server.url);
    await handOff(assigned.client);
    alice.send({ type: "accept", conversationId: assigned.welcome.conversationId });
    await assigned.client.waitFor((f) => f.type === "state" && f.state === "agent");
    const waiting = await shopper(server.url);
    await handOff(waiting.client);
    await alice.waitFor(inQueue(alice, waiting.welcome.conversationId));
    alice.close();
    assigned.client.close();
    waiting.client.close();
    await server.close();

    server = await startServer({ ...ENV, DATA_DIR: dataDir, KNOWLEDGE_DIR: path.resolve("knowledge") });
    const again = await connectAgent(server.url, agents.alice.email, agents.alice.password);
    try {
      const q = again.lastQueue()!;
      expect(q.mine.map((e) => e.conversationId)).toContain(assigned.welcome.conversationId);
      expect(q.queue.map((e) => e.conversationId)).toContain(waiting.welcome.conversationId);

      const resumed = await shopper(server.url, { sessionId: waiting.welcome.sessionId, lastSeq: 100 });
      expect(resumed.welcome).toMatchObject({ conversationId: waiting.welcome.conversationId, state: "queued" });
      const pos = (await resumed.client.waitFor((f) => f.type === "state" && (f as StateFrame).position !== undefined)) as StateFrame;
      expect(pos.position).toBe(1);
      // Still silent after the restart.
      resumed.client.send({ type: "message", id: "after-restart", text: "hello? anyone?" });
      await resumed.client.waitFor((f) => f.type === "message" && f.replyTo === "after-restart");
      await sleep(1000);
      expect(resumed.client.messages().filter((m) => m.from === "bot" && m.replyTo === "after-restart")).toHaveLength(0);
      resumed.client.close();
    } finally {
      again.close();
    }
  });
});
