/** Human handoff: the persisted queue, priority and SLA, routing by skill and capacity, support hours, tickets, agent actions. */
export {
  createHandoffService, type AgentConnection, type AgentDirectory, type HandoffService, type HandoffServiceOptions, type InsightsSource, type ShopLookup,
} from "./handoff-service.ts";
export { basePriority, classifyReason, DEFAULT_PRIORITY, priorityScore, type BasePriority, type HandoffReasonKind, type PriorityConfig, type PriorityInput } from "./priority.ts";
export { pickAgent, type AgentLoad } from "./routing.ts";
export { DEFAULT_SUPPORT_HOURS, parseSupportHours, type SupportHours } from "./support-hours.ts";
export { inferTeam, type TurnHint } from "./team.ts";
export { startHandoff, type StartHandoffOptions } from "./setup.ts";
