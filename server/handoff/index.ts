/** Human handoff: the persisted queue, dispatch by skill and capacity, priority and SLA, support hours, tickets, the agent console's actions and views. */
export { createHandoff, type Handoff, type HandoffOptions } from "./handoff.ts";
export type { AgentConnection, AgentConsoles } from "./consoles.ts";
export type { AgentDirectory, HandoffShop, InsightsSource } from "./deps.ts";
export type { HandoffQueue } from "./queue.ts";
export type { TicketDesk } from "./tickets.ts";
export { basePriority, classifyReason, DEFAULT_PRIORITY, priorityScore, type BasePriority, type HandoffReasonKind, type PriorityConfig, type PriorityInput } from "./priority.ts";
export { pickAgent, type AgentLoad } from "./routing.ts";
export { DEFAULT_SUPPORT_HOURS, parseSupportHours, type SupportHours } from "./support-hours.ts";
export { inferTeam, type TurnHint } from "./team.ts";
