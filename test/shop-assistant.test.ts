/**
 * The shop assistant through the real WebSocket, as a shopper meets it (issue 9's "done when"): a product
 * attribute answered from the catalogue with a card, an honest "I don't have that" for a detail the
 * catalogue lacks, a request for a person that names a topic (handed off to that topic's team), a damage
 * report, and gibberish. The questions here are written for this test, not taken from the evaluation sets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WelcomeFrame } from "../server/protocol.ts";
import { connectChat } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: "true", DEMO_CUSTOMERS: "60", SUPPORT_HOURS: "always" });
}, 240_000);
afterAll(() => server?.close());

async function chat() {
  const client = await connectChat(server.url);
  client.send({ type: "hello" });
  const welcome = (await client.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
  return { client, conversationId: welcome.conversationId };
}

async function product(name: RegExp) {
  const found = (await server.storage.shop.listProducts()).find((p) => name.test(p.name));
  expect(found, String(name)).toBeDefined();
  return found!;
}

describe("the shop assistant over WebSocket", () => {
  it("answers a product's price from the catalogue, with its product card", async () => {
    const rower = await product(/fjord rower/i);
    const { client } = await chat();
    const reply = await client.ask("hi, how much does the ironpeak fjord rower cost these days?");
    expect(reply.action).toBe("product_info");
    expect(reply.products?.[0]).toMatchObject({ id: rower.id, name: rower.name });
    const dollars = (rower.priceCents / 100).toFixed(2).replace(/\.00$/, "");
    expect(reply.text.replace(/,/g, "")).toContain(dollars);
    expect(reply.text).not.toMatch(/^yes/i);
    client.close();
  });

  it("says honestly when the catalogue does not hold a detail, instead of inventing it", async () => {
    const jacket = await product(/^nordvik squall jacket$/i);
    const { client } = await chat();
    const reply = await client.ask("can the nordvik squall jacket go in the washing machine?");
    expect(reply.action).toBe("product_info");
    expect(reply.text).toMatch(/don't have|do not have|not sure/i);
    expect(reply.products?.[0]?.id).toBe(jacket.id);
    client.close();
  });

  it("hands a request for a person that names a topic to that topic's team", async () => {
    for (const [text, team] of [
      ["can i talk to a real person about getting my refund? it's been weeks", "returns"],
      ["get me an agent, my order FF-123456 never showed up", "orders"],
      ["I'd like to speak with someone who knows treadmills before I buy one", "equipment"],
      ["escalate to a human please, the kettlebell arrived cracked", "returns"],
    ] as const) {
      const { client, conversationId } = await chat();
      const reply = await client.ask(text);
      expect(reply.action, text).toBe("handoff");
      expect((await server.storage.handoff.getOpen(conversationId))?.team, text).toBe(team);
      client.close();
    }
  });

  it("answers a question about the people instead of handing off", async () => {
    const { client } = await chat();
    const reply = await client.ask("what hours can I chat with a real person?");
    expect(reply.action).toBe("answer");
    expect(reply.sources?.[0]?.id).toBe("support-hours");
    client.close();
  });

  it("answers a damage report with the damaged-in-transit policy or a person, never with products", async () => {
    const { client } = await chat();
    const reply = await client.ask("the box came crushed and the foam roller inside is cracked");
    expect(["answer", "handoff"]).toContain(reply.action);
    expect(reply.products ?? []).toHaveLength(0);
    if (reply.action === "answer") expect(reply.sources?.[0]?.id).toMatch(/damaged|warranty/);
    client.close();
  });

  it("meets gibberish with the fallback, not the greeting or an answer", async () => {
    for (const text of ["asdkjh qwpoe zzxv", "blorptastic"]) {
      const { client } = await chat();
      const reply = await client.ask(text);
      expect(reply.action, text).toBe("fallback");
      client.close();
    }
  });
});
