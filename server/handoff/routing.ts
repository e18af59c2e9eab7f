import type { Team } from "../storage/index.ts";

/** What routing knows about one agent right now. */
export interface AgentLoad {
  id: string;
  skills: readonly Team[];
  capacity: number;
  online: boolean;
  /** Assigned conversations plus pending offers. */
  load: number;
  /** When the agent last received a conversation (ms since epoch; 0 if never). */
  lastAssignedAt: number;
  /** Languages the agent chats in (ISO 639-1); English when absent. */
  languages?: readonly string[];
}

/**
 * The best free agent for a conversation needing `team` (in the shopper's `language`), or undefined: online,
 * below capacity and not excluded; agents who speak the shopper's language first, then the rest; within
 * each, agents with the exact skill first (a `general` conversation takes anyone), then agents with the
 * `general` skill; among them the lowest load ratio, then the longest idle.
 * @example pickAgent("returns", agents, new Set(["a1"]), "es")?.id
 */
export function pickAgent(team: Team, agents: readonly AgentLoad[], exclude: ReadonlySet<string> = new Set(), language = "en"): AgentLoad | undefined {
  const free = agents.filter((a) => a.online && a.load < a.capacity && !exclude.has(a.id));
  if (language !== "en") {
    const speakers = free.filter((a) => (a.languages ?? ["en"]).includes(language));
    const best = speakers.length ? bySkill(team, speakers) : undefined;
    if (best) return best;
  }
  return bySkill(team, free);
}

function bySkill(team: Team, free: readonly AgentLoad[]): AgentLoad | undefined {
  const byFit = (a: AgentLoad, b: AgentLoad) => a.load / a.capacity - b.load / b.capacity || a.lastAssignedAt - b.lastAssignedAt || a.id.localeCompare(b.id);
  const exact = free.filter((a) => team === "general" || a.skills.includes(team)).sort(byFit);
  if (exact.length) return exact[0];
  return free.filter((a) => a.skills.includes("general")).sort(byFit)[0];
}
