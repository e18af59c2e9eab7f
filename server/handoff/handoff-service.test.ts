import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createAuthService } from "../auth/index.ts";
import { createConversationService, type BotReply, type DecisionRecord, type DialogueEngine } from "../dialogue/index.ts";
import type { AgentServerFrame, ServerFrame } from "../protocol.ts";
import { createAuthStore, createConversationStore, createHandoffStore, openDatabase } from "../storage/index.ts";
import { createHandoffService } from "./handoff-service.ts";
import { parseSupportHours } from "./support-hours.ts";

/** A scripted engine: hands off when asked for a person, otherwise answers. */
const engine: DialogueEngine = {
  async respond(text): Promise<BotReply> {
    const decision = { intent: { label: "x", confidence: 1, outOfScope: false }, retrieval: { confidence: 0, candidates: [] }, rule: "" } as unknown as DecisionRecord;
    if (/person/.test(text)) return { text: "Passing you to a person.", action: "handoff", decision: { ...decision, rule: "explicit request for a human", handoffReason: "explicit request for a human" } };
    return { text: "An answer.", action: "answer", decision: { ...decision, rule: "answer" } };
  },
};

async function setup(supportHours: string) {
  let t = new Date("2026-03-04T15:00:00Z").getTime(); // Wednesday 10:00 in New York
  const clock = () => new Date(t);
  const db = openDatabase(":memory:");
  const store = createConversationStore(db, clock);
  const logger = pino({ level: "silent" });
  const auth = createAuthService({ store: createAuthStore(db), sessionTtlMs: 3600e3, maxFailedLogins: 5, lockoutMs: 1000, clock });
  let handoff: ReturnType<typeof createHandoffService> | undefined;
  const conversations = createConversationService({
    store, engine: () => engine, shopSecret: "secret-secret", logger,
    afterBotReply: (id, m, r) => handoff?.afterBotReply(id, m, r),
    interceptShopperMessage: (id, m) => handoff?.interceptShopperMessage(id, m) ?? false,
    onSubscribe: (id, l) => handoff?.onSubscribe(id, l),
  });
  handoff = createHandoffService({
    store: createHandoffStore(db), conversations, conversationStore: store, agents: auth,
    shop: { getCustomer: () => undefined, listCustomerOrders: () => [], getProduct: () => undefined },
    supportHours: parseSupportHours(supportHours), offerTimeoutMs: 10_000, logger, clock, tickMs: 60_000,
  });
  handoff.start();
  const shopper = () => {
    const { conversation } = conversations.hello({ type: "hello" });
    const frames: ServerFrame[] = [];
    conversations.subscribe(conversation.id, (f) => frames.push(f));
    let n = 0;
    return { id: conversation.id, frames, say: (text: string) => conversations.message(conversation.id, { type: "message", id: `m${++n}`, text }) };
  };
  return { handoff, auth, shopper, db, advance: (ms: number) => (t += ms), stop: () => (handoff!.stop(), db.close()) };
}

describe("handoff service", () => {
  it("takes a message with an email outside support hours and files a ticket instead of queueing", async () => {
    const s = await setup("Mon-Fri 03:00-04:00 @America/New_York");
    const a = s.shopper();
    await a.say("I need a person");
    const texts = () => a.frames.filter((f) => f.type === "message").map((f) => (f as { text: string }).text);
    expect(texts().at(-1)).toMatch(/offline right now.*within one business day/);
    expect(a.frames.some((f) => f.type === "state")).toBe(false);
    await a.say("my order arrived damaged");
    expect(texts().at(-1)).toMatch(/what email address/i);
    await a.say("it's jo@example.com thanks");
    expect(texts().at(-1)).toMatch(/ticket #1.*one business day/);
    const [ticket] = s.handoff.listTickets("open");
    expect(ticket).toMatchObject({ email: "jo@example.com", status: "open", reason: "explicit request for a human" });
    expect(ticket.message).toContain("my order arrived damaged");
    expect(ticket.message).not.toContain("jo@example.com");
    await a.say("what is the return policy?");
    expect(texts().at(-1)).toBe("An answer.");
    s.stop();
  });

  it("re-offers a lapsed offer to the next free agent and orders the queue by priority", async () => {
    const s = await setup("always");
    const ann = await s.auth.createAgent({ email: "ann@x.example", name: "Ann", password: "password-1" });
    const ben = await s.auth.createAgent({ email: "ben@x.example", name: "Ben", password: "password-1" });
    const annFrames: AgentServerFrame[] = [];
    const benFrames: AgentServerFrame[] = [];
    s.handoff.connect(ann.id, (f) => annFrames.push(f));
    s.handoff.connect(ben.id, (f) => benFrames.push(f));
    const a = s.shopper();
    await a.say("a person please");
    const first = [...annFrames, ...benFrames].find((f) => f.type === "offer") as Extract<AgentServerFrame, { type: "offer" }>;
    expect(first.entry.conversationId).toBe(a.id);
    const firstAgent = annFrames.includes(first) ? "ann" : "ben";
    s.advance(11_000);
    const b = s.shopper();
    await b.say("a person please");
    const other = firstAgent === "ann" ? benFrames : annFrames;
    expect(other.some((f) => f.type === "offer" && f.entry.conversationId === a.id)).toBe(true);
    const q = s.handoff.queueFor(ann.id);
    expect(q.queue.map((e) => e.conversationId)).toEqual([a.id, b.id]);
    expect(q.queue[0]).toMatchObject({ position: 1, slaBreached: false });
    s.advance(700_000);
    expect(s.handoff.queueFor(ann.id).queue[0].slaBreached).toBe(true);
    expect(b.frames.filter((f) => f.type === "state").at(-1)).toMatchObject({ state: "queued", position: 2 });
    s.stop();
  });
});
