import { describe, expect, it } from "vitest";
import { pickAgent, type AgentLoad } from "./routing.ts";
import { inferTeam } from "./team.ts";

const agent = (id: string, skills: AgentLoad["skills"], over: Partial<AgentLoad> = {}): AgentLoad => ({ id, skills, capacity: 2, online: true, load: 0, lastAssignedAt: 0, ...over });

describe("routing", () => {
  it("prefers an agent with the exact skill, then a general agent", () => {
    const agents = [agent("gen", ["general"]), agent("ret", ["returns"])];
    expect(pickAgent("returns", agents)?.id).toBe("ret");
    expect(pickAgent("orders", agents)?.id).toBe("gen");
    expect(pickAgent("orders", [agent("ret", ["returns"])])).toBeUndefined();
  });

  it("skips agents at capacity, offline or excluded", () => {
    expect(pickAgent("returns", [agent("a", ["returns"], { load: 2 })])).toBeUndefined();
    expect(pickAgent("returns", [agent("a", ["returns"], { online: false })])).toBeUndefined();
    expect(pickAgent("returns", [agent("a", ["returns"])], new Set(["a"]))).toBeUndefined();
  });

  it("balances by load ratio, then by who has waited longest for a chat", () => {
    const agents = [agent("busy", ["orders"], { load: 1 }), agent("idle", ["orders"], { load: 0, lastAssignedAt: 50 }), agent("idler", ["orders"], { lastAssignedAt: 10 })];
    expect(pickAgent("orders", agents)?.id).toBe("idler");
  });

  it("prefers an agent who speaks the shopper's language, then falls back to anyone free", () => {
    const agents = [agent("en", ["returns"]), agent("es", ["general"], { languages: ["en", "es"] }), agent("de", ["returns"], { languages: ["de"], load: 1 })];
    expect(pickAgent("returns", agents, new Set(), "es")?.id).toBe("es");
    expect(pickAgent("returns", agents, new Set(), "de")?.id).toBe("de");
    expect(pickAgent("returns", agents, new Set(), "fr")?.id).toBe("en");
    expect(pickAgent("returns", agents, new Set(["es"]), "es")?.id).toBe("en");
    expect(pickAgent("returns", agents)?.id).toBe("en");
  });

  it("infers the team from the newest intent or keywords, else general", () => {
    expect(inferTeam([{ sender: "shopper", text: "I want to return my boots" }, { sender: "bot", text: "…", intent: "human_handoff" }])).toBe("returns");
    expect(inferTeam([{ sender: "bot", text: "…", intent: "order_status" }, { sender: "shopper", text: "a person please" }])).toBe("orders");
    expect(inferTeam([{ sender: "shopper", text: "which treadmill fits a small flat?" }])).toBe("equipment");
    expect(inferTeam([{ sender: "shopper", text: "hello, a human please" }])).toBe("general");
  });
});
