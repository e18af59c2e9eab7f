/**
 * The soak run behind `npm run soak`: N shoppers and A agents against one real server process that is killed with
 * SIGKILL every few minutes and restarted on the same data folder; afterwards the database is read to count, for
 * every message a shopper saw accepted (its echo arrived), whether it was stored (lost), answered, or answered twice.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { openStorage } from "../../../server/storage/index.ts";
import { spawnInstance, type InstanceProcess } from "../instance-process.ts";
import { MANY_SHOPPERS_ONE_ADDRESS } from "../one-address.ts";
import { createShopper, type Shopper } from "../shopper.ts";

/** Options of a soak run. */
export interface SoakOptions {
  shoppers: number;
  agents: number;
  minutes: number;
  /** Seconds between two SIGKILLs of the server. */
  killEverySeconds: number;
  /** Pause between a shopper's messages, ms (randomised ±50 %). */
  thinkMs: number;
  /** Share of new chats that ask for a person (work for the agents). */
  handoffShare: number;
  onProgress?: (p: SoakProgress) => void;
}

/** What the run has seen so far. */
export interface SoakProgress {
  elapsedS: number;
  sent: number;
  accepted: number;
  answered: number;
  kills: number;
}

/** The result of a soak run. */
export interface SoakReport {
  options: Omit<SoakOptions, "onProgress">;
  kills: number;
  restartMs: number[];
  sent: number;
  /** Echo seen by the shopper: the server stored it. */
  accepted: number;
  /** Accepted messages the database does not hold. */
  lost: number;
  /** Up to ten of them, for a look in the database. */
  lostSample: { id: string; conversationId: string }[];
  /** Accepted messages owed a reply (bot or ticket) with no reply stored. */
  unanswered: number;
  /** Accepted messages with more than one reply stored. */
  duplicated: number;
  /** Sent but never echoed by the end (the client would keep resending them). */
  neverAccepted: number;
  agentsAccepted: number;
  wallSeconds: number;
  /** The data folder, kept when a count is not zero. */
  dataDir?: string;
}

const QUESTIONS = [
  "do you ship to Canada?",
  "how long does standard shipping take?",
  "what is your return window?",
  "can I pay in 4 installments?",
  "do you sell gift cards?",
  "how do I reset my password?",
  "when will my refund arrive?",
  "do you price match?",
  "is there a warranty on treadmills?",
  "how much is express shipping?",
];
const HANDOFF = "I want to talk to a real person please";
const ADMIN = { email: "soak-admin@soak.example", password: "soak-admin-password-1" };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const jitter = (ms: number) => ms * (0.5 + Math.random());

/** Run the soak; resolves with the counts once the final database check is done. */
export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const t0 = performance.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ff-soak-"));
  const env: Record<string, string> = {
    DATA_DIR: dataDir, SEED_DEMO: "true", DEMO_CUSTOMERS: "300", DEMO_AGENTS: "false", SUPPORT_HOURS: "always",
    ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, KNOWLEDGE_WATCH: "false", LOG_LEVEL: "warn",
    CACHE_DIR: path.resolve(".cache/test-knowledge"),
    // Everyone comes from this machine's one address.
    ...MANY_SHOPPERS_ONE_ADDRESS, MAX_CONNECTIONS: "100000", LOGIN_MAX_PER_IP: "10000",
  };
  let server: InstanceProcess = await spawnInstance(env, { readyTimeoutMs: 900_000 });
  const port = new URL(server.url).port;
  const url = server.url;
  const restartMs: number[] = [];
  let kills = 0;
  let stopping = false;

  // Agents: created through the console API, each on its own socket, accepting offers, greeting and closing.
  const login = async (email: string, password: string) => {
    const r = await fetch(`${url}/agent/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
    if (!r.ok) throw new Error(`login ${email}: ${r.status}`);
    return ((await r.json()) as { token: string }).token;
  };
  const adminToken = await login(ADMIN.email, ADMIN.password);
  let agentsAccepted = 0;
  const agentSockets: WebSocket[] = [];
  for (let i = 0; i < o.agents; i++) {
    const email = `soak-agent-${i}@soak.example`;
    const password = `soak-agent-password-${i}`;
    await fetch(`${url}/agent/api/agents`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ email, name: `Agent ${i}`, password, capacity: 5 }),
    });
    const token = await login(email, password);
    const connect = () => {
      if (stopping) return;
      const ws = new WebSocket(`${url.replace(/^http/, "ws")}/agent/ws`, { headers: { authorization: `Bearer ${token}` } });
      agentSockets[i] = ws;
      ws.on("message", (data) => {
        const f = JSON.parse(data.toString()) as { type: string; entry?: { conversationId: string }; conversationId?: string; replyTo?: string };
        if (f.type === "offer" && f.entry) ws.send(JSON.stringify({ type: "accept", conversationId: f.entry.conversationId, ref: `acc-${f.entry.conversationId}` }));
        if (f.type === "ack" && f.replyTo?.startsWith("acc-") && f.conversationId) {
          agentsAccepted++;
          const c = f.conversationId;
          ws.send(JSON.stringify({ type: "message", conversationId: c, id: `hi-${c}`, text: "Hi, Agent here. How can I help?" }));
          setTimeout(() => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ type: "close", conversationId: c, resolution: "soak" })), 2000);
        }
      });
      ws.on("error", () => undefined);
      ws.on("close", () => void sleep(1000).then(connect));
    };
    connect();
  }

  // Shoppers: widget-like clients (outbox resent after a reconnect), reconnecting every second while the server is down.
  const sent = new Set<string>();
  const all: Shopper[] = [];
  const endAt = performance.now() + o.minutes * 60_000;
  const reconnect = async (s: Shopper) => {
    while (!stopping) {
      try {
        await s.connect(url);
        return;
      } catch {
        await sleep(jitter(1000));
      }
    }
  };
  const shopperLoop = async (n: number) => {
    await sleep(Math.random() * Math.min(30_000, o.thinkMs * 2));
    while (performance.now() < endAt) {
      const s: Shopper = createShopper({ prefix: `soak${n}-${all.length}`, onDrop: () => void reconnect(s) });
      all.push(s);
      await reconnect(s);
      const handoff = Math.random() < o.handoffShare;
      for (let turn = 0; turn < 6 && performance.now() < endAt; turn++) {
        const text = handoff && turn === 1 ? HANDOFF : QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)];
        const id = s.send(text);
        sent.add(id);
        await s.reply(id, 120_000).catch(() => undefined);
        if (text === HANDOFF) break;
        await sleep(jitter(o.thinkMs));
      }
      await s.close();
    }
  };
  const loops = Array.from({ length: o.shoppers }, (_, n) => shopperLoop(n));

  const count = () => {
    let accepted = 0;
    let answered = 0;
    for (const s of all) {
      for (const m of s.messages()) {
        if (m.from === "shopper" && m.replyTo) accepted++;
        else if (m.replyTo) answered++;
      }
    }
    return { accepted, answered };
  };
  const progress = setInterval(() => o.onProgress?.({ elapsedS: Math.round((performance.now() - t0) / 1000), sent: sent.size, kills, ...count() }), 5000);

  // The crash loop: SIGKILL, then start again on the same port and data.
  let nextKill = performance.now() + o.killEverySeconds * 1000;
  while (performance.now() < endAt) {
    await sleep(500);
    if (performance.now() < nextKill || performance.now() > endAt - 20_000) continue;
    await server.kill("SIGKILL");
    kills++;
    const r0 = performance.now();
    server = await spawnInstance({ ...env, PORT: port }, { readyTimeoutMs: 900_000 });
    restartMs.push(Math.round(performance.now() - r0));
    nextKill = performance.now() + o.killEverySeconds * 1000;
  }
  await Promise.all(loops);
  // Let replies owed after the last restart arrive.
  await sleep(5000);
  stopping = true;
  clearInterval(progress);
  for (const ws of agentSockets) ws?.close();
  // Each echo belongs to the conversation its connection was welcomed into (a shopper whose conversation an agent
  // closed gets a new one when it reconnects).
  const accepted = new Map<string, string>();
  for (const s of all) {
    const convOf = new Map<number, string>();
    for (const { frame, connection } of s.received) {
      if (frame.type === "welcome") convOf.set(connection, frame.conversationId);
      else if (frame.type === "message" && frame.from === "shopper" && frame.replyTo && convOf.has(connection)) accepted.set(frame.replyTo, convOf.get(connection)!);
    }
  }
  for (const s of all) await s.close();
  await server.kill("SIGTERM");

  // The database's word: every accepted message stored once, and answered once when a reply was owed.
  const storage = await openStorage({ sqlitePath: path.join(dataDir, "shop.db") });
  let lost = 0;
  const lostSample: { id: string; conversationId: string }[] = [];
  let unanswered = 0;
  let duplicated = 0;
  try {
    const conversations = new Set(accepted.values());
    const stored = new Map<string, { owed: boolean; replies: number }>();
    for (const c of conversations) {
      for (let after = 0; ; ) {
        const batch = await storage.conversations.messagesAfter(c, after, 500);
        for (const m of batch) {
          if (m.sender === "shopper" && m.clientId) stored.set(m.clientId, { owed: m.responder === "bot" || m.responder === "ticket", replies: stored.get(m.clientId)?.replies ?? 0 });
          else if (m.sender === "bot" && m.replyTo) {
            const e = stored.get(m.replyTo);
            if (e) e.replies++;
          }
        }
        if (batch.length < 500) break;
        after = batch[batch.length - 1].seq;
      }
    }
    for (const id of accepted.keys()) {
      const e = stored.get(id);
      if (!e) {
        lost++;
        if (lostSample.length < 10) lostSample.push({ id, conversationId: accepted.get(id)! });
      }
      else if (e.owed && e.replies === 0) unanswered++;
      else if (e.replies > 1) duplicated++;
    }
  } finally {
    await storage.close();
    // Kept for a look when something went wrong.
    if (!(lost || unanswered || duplicated)) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const { onProgress: _omit, ...options } = o;
  return {
    options, kills, restartMs, sent: sent.size, accepted: accepted.size, lost, lostSample, unanswered, duplicated,
    neverAccepted: [...sent].filter((id) => !accepted.has(id)).length, agentsAccepted, wallSeconds: Math.round((performance.now() - t0) / 1000),
    ...(lost || unanswered || duplicated ? { dataDir } : {}),
  };
}
