/**
 * What a crash leaves behind, on one instance (SQLite): shopper messages stored (and echoed) but never
 * answered. The cluster test shows the same across two instances on PostgreSQL and Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShopper } from "../scripts/lib/shopper.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

/** Store a shopper message as the router does, as if the instance died before answering it. */
const storeUnanswered = (server: TestServer, conversationId: string, clientId: string, text: string) =>
  server.storage.conversations.append(conversationId, { sender: "shopper", clientId, replyTo: clientId, text, action: null, payload: {}, responder: "bot" });

describe("messages a crash left unanswered", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_MESSAGES: "200" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("are answered once, in order, when the shopper resumes the conversation", async () => {
    const shopper = createShopper();
    await shopper.connect(server.url);
    await shopper.reply(shopper.send("hello"));
    await shopper.close();
    const cid = shopper.conversationId!;
    await storeUnanswered(server, cid, "lost-1", "do you ship to norway");
    await storeUnanswered(server, cid, "lost-2", "what is your returns policy");

    await shopper.connect(server.url);
    const [r1, r2] = [await shopper.reply("lost-1"), await shopper.reply("lost-2")];
    expect(r1.frame).toMatchObject({ from: "bot", replyTo: "lost-1" });
    expect(r2.frame).toMatchObject({ from: "bot", replyTo: "lost-2" });
    expect((r1.frame as { seq: number }).seq).toBeLessThan((r2.frame as { seq: number }).seq);

    // Resuming again (or on another instance) answers nothing twice.
    await shopper.close();
    await shopper.connect(server.url);
    await server.app.services.router.drain();
    const stored = await server.storage.conversations.messagesAfter(cid, 0);
    for (const id of ["lost-1", "lost-2"]) expect(stored.filter((m) => m.sender === "bot" && m.replyTo === id)).toHaveLength(1);
    await shopper.close();
  });

  it("are answered when the shopper resends the stored id, once, and a second resend adds nothing", async () => {
    const shopper = createShopper();
    await shopper.connect(server.url);
    const cid = shopper.conversationId!;
    await storeUnanswered(server, cid, "lost-5", "do you sell gift cards");
    // The widget resends what it never saw answered, with the same id, on the socket it has.
    shopper.send("do you sell gift cards", "lost-5");
    const first = await shopper.reply("lost-5");
    expect(first.frame).toMatchObject({ from: "bot", replyTo: "lost-5" });
    // A second resend is acknowledged again and answers nothing new (the socket already holds the reply).
    const seen = shopper.received.length;
    shopper.send("do you sell gift cards", "lost-5");
    await server.app.services.router.drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(shopper.received.slice(seen).filter((r) => r.frame.type === "message" && r.frame.from === "bot")).toEqual([]);
    const stored = await server.storage.conversations.messagesAfter(cid, 0);
    expect(stored.filter((m) => m.sender === "bot" && m.replyTo === "lost-5")).toHaveLength(1);
    expect(stored.filter((m) => m.sender === "shopper" && m.clientId === "lost-5")).toHaveLength(1);
    await shopper.close();
  });

  it("are answered by recover() at start, and a later resume adds nothing", async () => {
    const shopper = createShopper();
    await shopper.connect(server.url);
    await shopper.close();
    const cid = shopper.conversationId!;
    await storeUnanswered(server, cid, "lost-3", "how long does delivery take");

    expect(await server.app.services.router.recover(new Date(Date.now() - 60_000).toISOString())).toBe(1);
    await shopper.connect(server.url);
    await server.app.services.router.drain();
    const stored = await server.storage.conversations.messagesAfter(cid, 0);
    expect(stored.filter((m) => m.sender === "bot" && m.replyTo === "lost-3")).toHaveLength(1);
    expect(shopper.messages().filter((m) => m.replyTo === "lost-3").map((m) => m.from)).toEqual(["shopper", "bot"]);
    await shopper.close();
  });
});
