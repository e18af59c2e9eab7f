/**
 * Handoff benchmark against a real server (temporary data folder, port 0):
 *  1. latency from a shopper's handoff request to the agent console receiving the queued
 *     conversation, over `--handoffs` sequential handoffs (p50/p99), split into the bot's turn and
 *     the queue-to-console step;
 *  2. relay fidelity: `--messages` messages relayed between a shopper and an agent (half each way,
 *     sent back to back), counting how many arrived exactly once and in order.
 * Usage: npm run bench:handoff -- [--handoffs 100] [--messages 1000] [--json]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { startServer } from "../server/main.ts";
import { MANY_SHOPPERS_ONE_ADDRESS } from "./lib/one-address.ts";
import type { AgentServerFrame, ServerFrame } from "../server/protocol.ts";
import { createProgress, flagBool, flagString, parseArgs, percentile } from "./lib/index.ts";

interface Socket<F> {
  frames: F[];
  send(frame: unknown): void;
  next(pred: (f: F) => boolean, fromIndex: number, timeoutMs?: number): Promise<{ frame: F; at: number }>;
  close(): void;
}

async function open<F>(url: string, headers: Record<string, string> = {}): Promise<Socket<F>> {
  const ws = new WebSocket(url, { headers });
  const frames: F[] = [];
  const times: number[] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (d) => {
    frames.push(JSON.parse(d.toString()) as F);
    times.push(performance.now());
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return {
    frames,
    send: (f) => ws.send(JSON.stringify(f)),
    next(pred, fromIndex, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (let i = fromIndex; i < frames.length; i++) {
            if (pred(frames[i])) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve({ frame: frames[i], at: times[i] });
              return true;
            }
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error("timed out waiting for a frame"));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => ws.close(),
  };
}

async function json<T>(url: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? "GET",
    headers: { "content-type": "application/json", ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Count messages that arrived exactly once and in the order sent. */
function fidelity(sent: readonly string[], received: readonly string[]) {
  const counts = new Map<string, number>();
  for (const r of received) counts.set(r, (counts.get(r) ?? 0) + 1);
  const once = sent.filter((s) => counts.get(s) === 1).length;
  const firstIndex = new Map<string, number>();
  received.forEach((r, i) => firstIndex.has(r) || firstIndex.set(r, i));
  // In order: the message arrived once and after every earlier-sent message that arrived.
  let inOrder = 0;
  let last = -1;
  for (const s of sent) {
    const i = firstIndex.get(s);
    if (i === undefined) continue;
    if (i > last && counts.get(s) === 1) inOrder++;
    last = Math.max(last, i);
  }
  return { sent: sent.length, received: received.length, exactlyOnce: once, exactlyOnceInOrder: inOrder, lost: sent.filter((s) => !counts.has(s)).length, duplicated: [...counts.values()].filter((c) => c > 1).length };
}

/** Ways to ask for a person; each handoff uses a different text. */
const PHRASES = [
  "I want to talk to a real person please",
  "can I speak to a human agent",
  "let me talk to someone from your support team",
  "please connect me with a real person",
  "I need to speak with a human",
];

async function main() {
  const args = parseArgs(process.argv.slice(2), { valued: ["handoffs", "messages"], boolean: ["json"] });
  const handoffs = Number(flagString(args, "handoffs") ?? 100);
  const messages = Number(flagString(args, "messages") ?? 1000);
  const asJson = flagBool(args, "json");
  if (!Number.isInteger(handoffs) || handoffs < 1 || !Number.isInteger(messages) || messages < 2) throw new Error("--handoffs must be >= 1 and --messages >= 2 (integers)");

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-handoff-"));
  const log = (s: string) => asJson || console.error(s);
  log("starting a server (this takes a few seconds)…");
  const server = await startServer({
    PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", SEED_DEMO: "false", KNOWLEDGE_WATCH: "false", SUPPORT_HOURS: "always",
    ADMIN_EMAIL: "bench-admin@example.com", ADMIN_PASSWORD: "bench-admin-pw", ...MANY_SHOPPERS_ONE_ADDRESS, RATE_LIMIT_WINDOW_MS: "1000",
  });
  const wsUrl = server.url.replace(/^http/, "ws");
  try {
    const admin = await json<{ token: string }>(`${server.url}/agent/api/login`, { method: "POST", body: { email: "bench-admin@example.com", password: "bench-admin-pw" } });
    await json(`${server.url}/agent/api/agents`, { method: "POST", token: admin.token, body: { email: "bench-agent@example.com", name: "Bench", password: "bench-agent-pw", skills: ["orders", "returns", "equipment", "general"], capacity: 50 } });
    const { token } = await json<{ token: string }>(`${server.url}/agent/api/login`, { method: "POST", body: { email: "bench-agent@example.com", password: "bench-agent-pw" } });
    const agent = await open<AgentServerFrame>(`${wsUrl}/agent/ws`, { authorization: `Bearer ${token}` });
    await agent.next((f) => f.type === "queue", 0);

    // 1. handoff latency
    const total: number[] = [];
    const botTurn: number[] = [];
    const toConsole: number[] = [];
    const bar = createProgress({ label: "handoffs", total: handoffs, enabled: !asJson && Boolean(process.stderr.isTTY) });
    for (let i = 0; i < handoffs; i++) {
      const shopper = await open<ServerFrame>(`${wsUrl}/ws`);
      shopper.send({ type: "hello" });
      const welcome = (await shopper.next((f) => f.type === "welcome", 0)).frame as Extract<ServerFrame, { type: "welcome" }>;
      const cid = welcome.conversationId;
      const from = agent.frames.length;
      const sFrom = shopper.frames.length;
      const t0 = performance.now();
      // A different text each time, so the embedding cache does not flatter the bot's turn.
      shopper.send({ type: "message", id: `h${i}`, text: `${PHRASES[i % PHRASES.length]} (case ${1000 + i})` });
      const [reply, seen] = await Promise.all([
        shopper.next((f) => f.type === "message" && f.from === "bot" && f.replyTo === `h${i}`, sFrom),
        agent.next((f) => f.type === "queue" && f.queue.some((e) => e.conversationId === cid), from),
      ]);
      if ((reply.frame as Extract<ServerFrame, { type: "message" }>).action !== "handoff") {
        throw new Error(`handoff ${i}: the bot did not hand off on "${PHRASES[i % PHRASES.length]}"`);
      }
      total.push(seen.at - t0);
      botTurn.push(reply.at - t0);
      toConsole.push(seen.at - reply.at);
      // Free the slot: accept and close.
      agent.send({ type: "accept", conversationId: cid });
      agent.send({ type: "close", conversationId: cid, resolution: "bench" });
      await shopper.next((f) => f.type === "state" && f.state === "closed", sFrom);
      shopper.close();
      bar.increment();
    }
    bar.stop();

    // 2. relay fidelity
    const shopper = await open<ServerFrame>(`${wsUrl}/ws`);
    shopper.send({ type: "hello" });
    const welcome = (await shopper.next((f) => f.type === "welcome", 0)).frame as Extract<ServerFrame, { type: "welcome" }>;
    const cid = welcome.conversationId;
    shopper.send({ type: "message", id: "relay-handoff", text: "I want to talk to a real person please" });
    await agent.next((f) => f.type === "queue" && f.queue.some((e) => e.conversationId === cid), 0);
    agent.send({ type: "accept", conversationId: cid });
    await shopper.next((f) => f.type === "state" && f.state === "agent", 0);
    const half = Math.floor(messages / 2);
    const toAgent = Array.from({ length: half }, (_, i) => `shopper message ${i}`);
    const toShopper = Array.from({ length: messages - half }, (_, i) => `agent message ${i}`);
    const aFrom = agent.frames.length;
    const sFrom = shopper.frames.length;
    const t0 = performance.now();
    for (let i = 0; i < Math.max(toAgent.length, toShopper.length); i++) {
      if (i < toAgent.length) shopper.send({ type: "message", id: `r${i}`, text: toAgent[i] });
      if (i < toShopper.length) agent.send({ type: "message", conversationId: cid, id: `a${i}`, text: toShopper[i] });
    }
    const isShopperMsg = (f: AgentServerFrame) => f.type === "event" && f.conversationId === cid && f.frame.type === "message" && f.frame.from === "shopper";
    const isAgentMsg = (f: ServerFrame) => f.type === "message" && f.from === "agent";
    await Promise.all([
      agent.next((f) => isShopperMsg(f) && (f as { frame: { text: string } }).frame.text === toAgent[toAgent.length - 1], aFrom, 120_000),
      shopper.next((f) => isAgentMsg(f) && (f as { text: string }).text === toShopper[toShopper.length - 1], sFrom, 120_000),
    ]).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1000)); // late duplicates would show up here
    const relayMs = performance.now() - t0;
    const gotByAgent = agent.frames.slice(aFrom).filter(isShopperMsg).map((f) => ((f as Extract<AgentServerFrame, { type: "event" }>).frame as { text: string }).text);
    const gotByShopper = shopper.frames.slice(sFrom).filter(isAgentMsg).map((f) => (f as { text: string }).text);
    const a = fidelity(toAgent, gotByAgent);
    const b = fidelity(toShopper, gotByShopper);
    const botReplies = shopper.frames.slice(sFrom).filter((f) => f.type === "message" && f.from === "bot").length;
    shopper.close();
    agent.close();

    const r = (x: number) => Math.round(x * 10) / 10;
    const result = {
      handoffs,
      latencyMs: {
        total: { p50: r(percentile(total, 50)), p99: r(percentile(total, 99)), max: r(Math.max(...total)) },
        botTurn: { p50: r(percentile(botTurn, 50)), p99: r(percentile(botTurn, 99)) },
        queueToConsole: { p50: r(percentile(toConsole, 50)), p99: r(percentile(toConsole, 99)) },
      },
      relay: {
        messages,
        shopperToAgent: a,
        agentToShopper: b,
        exactlyOnceInOrder: a.exactlyOnceInOrder + b.exactlyOnceInOrder,
        botRepliesWhileAgent: botReplies,
        seconds: r(relayMs / 1000),
      },
    };
    if (asJson) console.log(JSON.stringify(result, null, 2));
    else {
      const l = result.latencyMs;
      console.log(`handoff request -> agent console, ${handoffs} handoffs (ms):`);
      console.log(`  total            p50 ${l.total.p50}  p99 ${l.total.p99}  max ${l.total.max}`);
      console.log(`  bot turn         p50 ${l.botTurn.p50}  p99 ${l.botTurn.p99}`);
      console.log(`  queue -> console p50 ${l.queueToConsole.p50}  p99 ${l.queueToConsole.p99}`);
      console.log(`relay of ${messages} messages (${half} shopper->agent, ${messages - half} agent->shopper) in ${result.relay.seconds} s:`);
      console.log(`  exactly once and in order: ${result.relay.exactlyOnceInOrder}/${messages}`);
      console.log(`  shopper->agent ${JSON.stringify(a)}`);
      console.log(`  agent->shopper ${JSON.stringify(b)}`);
      console.log(`  bot replies while the agent had the chat: ${botReplies}`);
    }
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
