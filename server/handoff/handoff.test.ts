import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createAuthService } from "../auth/index.ts";
import { createMemoryBus, createMemoryLock } from "../cluster/index.ts";
import { createMemoryLeader } from "../cluster/leader.ts";
import { createMemoryPresence } from "../cluster/presence.ts";
import { agentRelay, createConversationLog, createConversationRouter, type Responder } from "../dialogue/index.ts";
import type { AgentServerFrame, ServerFrame } from "../protocol.ts";
import { createStorage } from "../storage/index.ts";
import { migrate } from "../storage/migrate.ts";
import { createSqliteDriver } from "../storage/sqlite-driver.ts";
import { createHandoff } from "./handoff.ts";
import { parseSupportHours } from "./support-hours.ts";

/** A scripted bot: hands off when asked for a person, otherwise answers. */
const bot: Responder = {
  name: "bot",
  showsTyping: false,
  async respond({ conversation, message }) {
    if (/person/.test(message.text)) {
      return {
        reply: { text: "Passing you to a person.", action: "handoff" },
        events: [{ type: "handoff.requested", payload: { conversationId: conversation.id, reason: "explicit request for a human" } }],
      };
    }
    return { reply: { text: "An answer.", action: "answer" } };
  },
};

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function setup(supportHours: string) {
  let t = new Date("2026-03-04T15:00:00Z").getTime(); // Wednesday 10:00 in New York
  const clock = () => new Date(t);
  const driver = createSqliteDriver(":memory:");
  await migrate(driver);
  const storage = createStorage(driver);
  const logger = pino({ level: "silent" });
  const bus = createMemoryBus(logger);
  const auth = createAuthService({ store: storage.auth, sessionTtlMs: 3600e3, maxFailedLogins: 5, lockoutMs: 1000, clock });
  const log = createConversationLog({ store: storage.conversations, bus });
  const handoff = createHandoff({
    storage, cluster: { bus, presence: createMemoryPresence(), leader: createMemoryLeader() }, log, agents: auth,
    supportHours: parseSupportHours(supportHours), offerTimeoutMs: 10_000, logger, clock, tickMs: 60_000,
    productCard: (p) => ({ id: p.id, name: p.name, price: p.priceCents / 100 }),
  });
  const router = createConversationRouter({
    store: storage.conversations, log, bus, locks: createMemoryLock(), logger, mask: (s) => s,
    responders: { bot, ticket: handoff.tickets.responder, agent: agentRelay },
    ticketOpen: (id) => handoff.tickets.collecting(id),
    queueStatus: (id) => handoff.views.status(id),
    identify: async () => ({ id: null }),
  });
  await handoff.start();
  const shopper = async () => {
    const frames: ServerFrame[] = [];
    const { conversation } = await router.hello({ type: "hello" }, (f) => frames.push(f));
    let n = 0;
    return { id: conversation.id, frames, say: (text: string) => router.message(conversation.id, { type: "message", id: `m${++n}`, text }) };
  };
  return { handoff, auth, shopper, storage, advance: (ms: number) => (t += ms), stop: async () => (handoff.stop(), await driver.close()) };
}

describe("handoff", () => {
  it("takes a message with an email outside support hours and files a ticket instead of queueing", async () => {
    const s = await setup("Mon-Fri 03:00-04:00 @America/New_York");
    const a = await s.shopper();
    const texts = () => a.frames.filter((f) => f.type === "message").map((f) => (f as { text: string }).text);
    await a.say("I need a person");
    await until(() => /offline right now.*within one business day/.test(texts().at(-1) ?? ""), "the out-of-hours note");
    expect(a.frames.some((f) => f.type === "state")).toBe(false);
    await a.say("my order arrived damaged");
    expect(texts().at(-1)).toMatch(/what email address/i);
    await a.say("it's jo@example.com thanks");
    expect(texts().at(-1)).toMatch(/ticket #1.*one business day/);
    const [ticket] = await s.handoff.tickets.list("open");
    expect(ticket).toMatchObject({ email: "jo@example.com", status: "open", reason: "explicit request for a human" });
    expect(ticket.message).toContain("my order arrived damaged");
    await a.say("what is the return policy?");
    expect(texts().at(-1)).toBe("An answer.");
    await s.stop();
  });

  it("re-offers a lapsed offer to the next free agent, orders the queue by priority and flags an SLA breach once", async () => {
    const s = await setup("always");
    const ann = await s.auth.createAgent({ email: "ann@x.example", name: "Ann", password: "password-1" });
    const ben = await s.auth.createAgent({ email: "ben@x.example", name: "Ben", password: "password-1" });
    const annFrames: AgentServerFrame[] = [];
    const benFrames: AgentServerFrame[] = [];
    await s.handoff.consoles.connect(ann.id, (f) => annFrames.push(f));
    await s.handoff.consoles.connect(ben.id, (f) => benFrames.push(f));
    const offers = () => [...annFrames, ...benFrames].filter((f): f is Extract<AgentServerFrame, { type: "offer" }> => f.type === "offer");
    const a = await s.shopper();
    await a.say("a person please");
    await until(() => offers().length > 0, "an offer");
    const first = offers()[0];
    expect(first.entry.conversationId).toBe(a.id);
    const firstAgent = annFrames.includes(first) ? "ann" : "ben";
    s.advance(11_000);
    const b = await s.shopper();
    await b.say("a person please");
    const other = firstAgent === "ann" ? benFrames : annFrames;
    await until(() => other.some((f) => f.type === "offer" && f.entry.conversationId === a.id), "the re-offer to the other agent");
    const q = await s.handoff.views.snapshot(ann.id);
    expect(q.queue.map((e) => e.conversationId)).toEqual([a.id, b.id]);
    expect(q.queue[0]).toMatchObject({ position: 1, slaBreached: false });
    s.advance(700_000);
    expect((await s.handoff.views.snapshot(ann.id)).queue[0].slaBreached).toBe(true);
    s.handoff.dispatcher.poke();
    await until(async () => (await s.storage.handoff.getOpen(a.id))?.slaBreachedAt !== null, "the stored SLA flag");
    await until(() => b.frames.filter((f) => f.type === "state").at(-1)?.type === "state", "b's queue state");
    expect(b.frames.filter((f) => f.type === "state").at(-1)).toMatchObject({ state: "queued", position: 2 });
    await s.stop();
  });

  it("gives a conversation to the first of two agents who accept it; the second is told who has it", async () => {
    const s = await setup("always");
    const ann = await s.auth.createAgent({ email: "ann@x.example", name: "Ann", password: "password-1" });
    const ben = await s.auth.createAgent({ email: "ben@x.example", name: "Ben", password: "password-1" });
    const a = await s.shopper();
    await a.say("a person please");
    await until(async () => (await s.storage.conversations.get(a.id))?.state === "queued", "the queued state");
    const results = await Promise.allSettled([s.handoff.queue.accept(ann.id, a.id), s.handoff.queue.accept(ben.id, a.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "CHAT_ERR_HANDOFF_CONFLICT", message: expect.stringMatching(/(Ann|Ben) has already taken/) });
    await until(() => a.frames.some((f) => f.type === "message" && /has joined the chat/.test(f.text)), "the joined notice");
    expect(a.frames.filter((f) => f.type === "message" && /has joined the chat/.test(f.text))).toHaveLength(1);
    // While a person has the chat, the bot stays silent.
    await a.say("hello?");
    expect(a.frames.filter((f) => f.type === "message" && f.from === "bot").map((f) => (f as { text: string }).text)).toEqual(["Passing you to a person."]);
    await s.stop();
  });
});
