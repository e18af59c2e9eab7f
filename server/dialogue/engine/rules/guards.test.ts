import { describe, expect, it } from "vitest";
import { looksLikePersonRequest } from "./guards.ts";

describe("looksLikePersonRequest", () => {
  it("reads the shapes of an English request for a person, whatever the topic", () => {
    for (const text of [
      "can I speak to someone about a damaged tent",
      "pls connect me with an agent, my refund is missing",
      "escalate this to a manager",
      "get me a human, the bot keeps looping",
      "we need to talk to customer service about a bulk order",
      "is there anyone I could talk to about gym flooring?",
      "Representative please",
      "live agent now",
      "I'd like a real person to look at my order",
    ]) expect(looksLikePersonRequest(text), text).toBe(true);
  });

  it("does not read questions that only mention people as requests", () => {
    for (const text of [
      "do I need someone at home to sign for the treadmill?",
      "will a person help carry the rower inside?",
      "are your agents trained on running shoes?",
      "my husband ordered this as a gift for someone",
      "how many people can sleep in the basecamp tent",
      "what does customer service do on weekends",
    ]) expect(looksLikePersonRequest(text), text).toBe(false);
  });
});
