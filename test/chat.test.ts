import fs from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessageFrame, WelcomeFrame } from "../server/protocol.ts";
import { connectChat } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_MESSAGES: "200" });
});
afterAll(async () => {
  await server?.close();
});

async function hello(url: string, frame: Record<string, unknown> = {}) {
  const client = await connectChat(url);
  client.send({ type: "hello", ...frame });
  const welcome = (await client.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
  return { client, welcome };
}

describe("chat over WebSocket", () => {
  it("reports ready on /healthz", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", instance: expect.any(String), database: "sqlite", cluster: "memory" });
  });

  it("answers a policy question with its source and echoes the shopper's message first", async () => {
    const { client } = await hello(server.url);
    const reply = await client.ask("do you ship to Canada?", "q-canada");
    expect(reply).toMatchObject({ from: "bot", action: "answer", replyTo: "q-canada" });
    expect(reply.text).toContain("$12.00");
    expect(reply.sources?.[0]).toMatchObject({ id: expect.any(String), title: expect.stringMatching(/canada/i) });
    const echo = client.messages().find((m) => m.from === "shopper" && m.replyTo === "q-canada")!;
    expect(echo.seq).toBeLessThan(reply.seq);
    client.close();
  });

  it("stores every message, masked, before sending it", async () => {
    const { client, welcome } = await hello(server.url);
    await client.ask("my email is jane@example.com, do you ship to Canada?", "q-pii");
    client.close();
    const rows = await server.storage.driver.all<{ sender: string; text: string }>("SELECT sender, text FROM messages WHERE conversation_id = ? ORDER BY seq", [welcome.conversationId]);
    expect(rows.map((r) => r.sender)).toEqual(["shopper", "bot"]);
    expect(rows[0].text).toContain("[email]");
    expect(rows[0].text).not.toContain("jane@example.com");
  });

  it("replays exactly the missed messages after a reconnect", async () => {
    const first = await hello(server.url);
    await first.client.ask("hello", "r1");
    await first.client.ask("how long do returns take to be refunded?", "r2");
    const seqs = first.client.messages().map((m) => m.seq);
    expect(seqs).toEqual([1, 2, 3, 4]);
    first.client.close();

    const second = await hello(server.url, { sessionId: first.welcome.sessionId, lastSeq: 2 });
    expect(second.welcome.conversationId).toBe(first.welcome.conversationId);
    await second.client.waitFor((f) => f.type === "message" && f.seq === 4);
    await new Promise((r) => setTimeout(r, 100));
    expect(second.client.messages().map((m) => m.seq)).toEqual([3, 4]);
    second.client.close();
  });

  it("answers a duplicated client message id once", async () => {
    const { client } = await hello(server.url);
    await client.ask("can I pay with paypal?", "dup-1");
    client.send({ type: "message", id: "dup-1", text: "can I pay with paypal?" });
    await client.ask("thanks", "after-dup");
    const botReplies = client.messages().filter((m) => m.from === "bot" && m.replyTo === "dup-1");
    expect(botReplies).toHaveLength(1);
    const shopperSeqs = new Set(client.messages().filter((m) => m.from === "shopper" && m.replyTo === "dup-1").map((m) => m.seq));
    expect(shopperSeqs.size).toBe(1);
    client.close();
  });

  it("answers malformed frames with errors and keeps the connection open", async () => {
    const { client } = await hello(server.url);
    const cases: [string, string][] = [
      ["{not json", "CHAT_ERR_INVALID_JSON"],
      [JSON.stringify({ type: "shout", text: "x" }), "CHAT_ERR_UNKNOWN_TYPE"],
      [JSON.stringify({ type: "message", text: "no id" }), "CHAT_ERR_INVALID_FRAME"],
      [JSON.stringify({ type: "message", id: "e1", text: 42 }), "CHAT_ERR_INVALID_FRAME"],
      [JSON.stringify([1, 2]), "CHAT_ERR_INVALID_FRAME"],
      [JSON.stringify({ type: "feedback", rating: "meh" }), "CHAT_ERR_INVALID_FRAME"],
    ];
    for (const [raw, code] of cases) {
      const from = client.frames.length;
      client.sendRaw(raw);
      const err = await client.waitFor((f) => f.type === "error", { fromIndex: from });
      expect(err).toMatchObject({ code });
    }
    const reply = await client.ask("what payment methods do you accept?");
    expect(reply.action).toBe("answer");
    client.close();
  });

  it("refuses messages before hello", async () => {
    const client = await connectChat(server.url);
    client.send({ type: "message", id: "early", text: "hi" });
    expect(await client.waitFor((f) => f.type === "error")).toMatchObject({ code: "CHAT_ERR_NOT_STARTED", replyTo: "early" });
    client.close();
  });

  it("closes the connection on an oversize frame", async () => {
    const { client } = await hello(server.url);
    client.sendRaw(JSON.stringify({ type: "message", id: "big", text: "x".repeat(server.config.limits.maxFrameBytes + 10) }));
    expect(await client.waitFor((f) => f.type === "error")).toMatchObject({ code: "CHAT_ERR_FRAME_TOO_LARGE" });
    expect((await client.closed).code).toBe(1009);
  });

  it("stores feedback on an answer", async () => {
    const { client, welcome } = await hello(server.url);
    const reply = await client.ask("do you ship to the UK?");
    client.send({ type: "feedback", rating: "up", seq: reply.seq });
    await client.ask("thanks");
    client.close();
    const row = await server.storage.driver.get("SELECT rating, seq FROM feedback WHERE conversation_id = ?", [welcome.conversationId]);
    expect(row).toEqual({ rating: "up", seq: reply.seq });
  });

  it("falls back for out-of-scope messages and hands off after two in a row", async () => {
    const { client } = await hello(server.url);
    const a = await client.ask("what's the capital of Mongolia?");
    expect(a.action).toBe("fallback");
    const b = await client.ask("write me a poem about taxes");
    expect(b.action).toBe("handoff");
  });

  it("hands off on an explicit request for a human", async () => {
    const { client } = await hello(server.url);
    const r = await client.ask("I want to talk to a real person please");
    expect(r.action).toBe("handoff");
    client.close();
  });
});

describe("connection limits", () => {
  it("counts only messages against the rate limit, refuses the excess with its replyTo without storing it, and the heartbeat drops a dead socket", async () => {
    const s = await startTestServer({ RATE_LIMIT_MESSAGES: "5", RATE_LIMIT_WINDOW_MS: "60000", HEARTBEAT_MS: "200" });
    try {
      const { client, welcome } = await hello(s.url);
      // A shopper typing at a normal pace sends many typing frames: none of them is refused.
      for (let i = 0; i < 30; i++) client.send({ type: "typing", on: i % 2 === 0 });
      for (let i = 0; i < 7; i++) client.send({ type: "message", id: `flood-${i}`, text: `do you ship to Canada? (${i})` });
      const errors = await client.waitFor(() => client.frames.filter((f) => f.type === "error").length >= 2);
      void errors;
      const refused = client.frames.filter((f) => f.type === "error");
      expect(refused.map((e) => (e as { code: string }).code)).toEqual(["CHAT_ERR_RATE_LIMITED", "CHAT_ERR_RATE_LIMITED"]);
      expect(refused.map((e) => (e as { replyTo?: string }).replyTo).sort()).toEqual(["flood-5", "flood-6"]);
      await client.waitFor(() => client.messages().filter((m) => m.from === "bot").length >= 5);
      const stored = await s.storage.driver.all<{ client_id: string }>("SELECT client_id FROM messages WHERE conversation_id = ? AND sender = 'shopper' ORDER BY seq", [welcome.conversationId]);
      expect(stored.map((r) => r.client_id)).toEqual(["flood-0", "flood-1", "flood-2", "flood-3", "flood-4"]);

      // A client that never answers pings is terminated; a normal one survives many heartbeats.
      const dead = new WebSocket(s.url.replace(/^http/, "ws") + "/ws", { autoPong: false });
      const deadClosed = new Promise<number>((resolve) => dead.on("close", (code) => resolve(code)));
      await new Promise((r) => dead.once("open", r));
      const started = Date.now();
      expect(await deadClosed).toBe(1006);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(client.ws.readyState).toBe(WebSocket.OPEN);
      client.close();
    } finally {
      await s.close();
    }
  });
});

describe("live knowledge", () => {
  it("picks up an edited knowledge file without a restart", { timeout: 300_000 }, async () => {
    const s = await startTestServer({}, { copyKnowledge: true });
    try {
      const { client } = await hello(s.url);
      const before = s.app.services.knowledge.current().version;
      const file = path.join(s.knowledgeDir, "faq", "shipping", "zz-drone-delivery.md");
      fs.writeFileSync(
        file,
        "---\nid: drone-delivery\ntitle: Drone delivery\ntags: [shipping]\nquestions:\n  - Do you deliver by drone?\n  - can a drone bring my parcel\n---\nDrone delivery is available in Columbus for $9.99 per parcel.\n",
      );
      // Re-indexing takes seconds (longer on a busy machine): wait for the new knowledge, then ask.
      for (const started = Date.now(); s.app.services.knowledge.current().version === before; ) {
        if (Date.now() - started > 240_000) throw new Error("the knowledge was not re-indexed within 240 s");
        await new Promise((r) => setTimeout(r, 250));
      }
      const reply: ChatMessageFrame = await client.ask("do you deliver parcels by drone?");
      expect(reply.text).toContain("$9.99");
      expect(reply.sources?.[0].id).toBe("drone-delivery");
      client.close();
    } finally {
      await s.close();
    }
  });
});
