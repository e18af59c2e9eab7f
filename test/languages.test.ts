import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WelcomeFrame } from "../server/protocol.ts";
import { connectChat } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ SUPPORT_HOURS: "always" });
}, 240_000);
afterAll(() => server?.close());

async function hello(locale?: string) {
  const client = await connectChat(server.url);
  client.send({ type: "hello", ...(locale ? { locale } : {}) });
  const welcome = (await client.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
  return { client, welcome };
}

describe("the shopper's language", () => {
  it("answers a Spanish conversation from the Spanish translation of the entry", async () => {
    const { client, welcome } = await hello("es-ES");
    const reply = await client.ask("cuanto tarda el envio normal a estados unidos?");
    expect(reply.action).toBe("answer");
    expect(reply.sources?.[0]?.id).toBe("standard-shipping-time");
    expect(reply.text).toMatch(/días hábiles/);
    const greeting = await client.ask("gracias!");
    expect(greeting.text).not.toMatch(/You're welcome/);
    expect((await server.storage.conversations.get(welcome.conversationId))?.language).toBe("es");
    client.close();
  });

  it("tells a German shopper, in German, that it answers in English, and hands off on the quick reply", async () => {
    const { client } = await hello("de-DE");
    const note = await client.ask("Wie lange dauert der Versand nach Kanada?");
    expect(note.action).toBe("language_note");
    expect(note.text).toMatch(/Englisch/);
    expect(note.quickReplies).toHaveLength(2);
    const person = await client.ask(note.quickReplies![0]);
    expect(person.action).toBe("handoff");
    expect(person.text).not.toMatch(/I'm passing/);
    client.close();
  });

  it("keeps answering an English shopper in English whatever the widget's locale", async () => {
    const { client } = await hello("fr-FR");
    const reply = await client.ask("how long does standard shipping take?");
    expect(reply.action).toBe("answer");
    expect(reply.text).toMatch(/business days/);
    client.close();
  });
});
