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
}

/**
 * The best free agent for a conversation needing `team`, or undefined: online, below capacity and
 * not excluded; agents with the exact skill first (a `general` conversation takes anyone), then
 * agents with the `general` skill; among them the lowest load ratio, then the longest idle.
 * @example pickAgent("returns", agents, new Set(["a1"]))?.id
 */
export function pickAgent(team: Team, agents: readonly AgentLoad[], exclude: ReadonlySet<string> = new Set()): AgentLoad | undefined {
  const free = agents.filter((a) => a.online && a.load < a.capacity && !exclude.has(a.id));
  const byFit = (a: AgentLoad, b: AgentLoad) => a.load / a.capacity - b.load / b.capacity || a.lastAssignedAt - b.lastAssignedAt || a.id.localeCompare(b.id);
  const exact = free.filter((a) => team === "general" || a.skills.includes(team)).sort(byFit);
  if (exact.length) return exact[0];
  return free.filter((a) => a.skills.includes("general")).sort(byFit)[0];
}
