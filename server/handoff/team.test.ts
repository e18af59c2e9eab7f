import { describe, expect, it } from "vitest";
import { inferTeam } from "./team.ts";

const shopper = (text: string) => [{ sender: "shopper", text }];

describe("inferTeam", () => {
  it("routes the topic a request for a person names to its team", () => {
    expect(inferTeam(shopper("can I talk to someone about exchanging my shoes for a bigger size"))).toBe("returns");
    expect(inferTeam(shopper("get me a human, I'm cancelling my order"))).toBe("orders");
    expect(inferTeam(shopper("I need a person for a warranty claim on my rower"))).toBe("returns");
    expect(inferTeam(shopper("agent please, my parcel never arrived and the tracking is stuck"))).toBe("orders");
    expect(inferTeam(shopper("a real person please, I want my money refunded"))).toBe("returns");
  });

  it("prefers the intent of the bot's last turn, newest first, and falls back to general", () => {
    expect(inferTeam([{ sender: "shopper", text: "hello" }, { sender: "bot", text: "…", intent: "order_status" }])).toBe("orders");
    expect(inferTeam(shopper("just let me talk to a human"))).toBe("general");
  });
});
