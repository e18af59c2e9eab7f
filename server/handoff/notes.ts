import type { EventBus } from "../cluster/index.ts";
import { AppError } from "../errors.ts";
import type { NoteView } from "../protocol.ts";
import type { AuditSink } from "../privacy/audit-log.ts";
import type { ConversationStore, HandoffStore } from "../storage/index.ts";
import type { AgentDirectory } from "./deps.ts";

/** Internal notes on a conversation (never shown to the shopper). */
export interface Notes {
  add(agentId: string, conversationId: string, text: string): Promise<NoteView>;
  list(conversationId: string): Promise<NoteView[]>;
}

/** Create the notes service: stored, then shown on every console watching the conversation. */
export function createNotes(o: { store: HandoffStore; conversations: ConversationStore; agents: AgentDirectory; bus: EventBus; clock: () => Date; audit?: AuditSink }): Notes {
  return {
    async add(agentId, conversationId, text) {
      const agent = await o.agents.getAgent(agentId);
      if (!agent || agent.disabled) throw new AppError("CHAT_ERR_UNAUTHORIZED", "Unknown or disabled agent.");
      const conv = await o.conversations.get(conversationId);
      if (!conv) throw new AppError("CHAT_ERR_NOT_FOUND", "No such conversation.");
      const n = await o.store.addNote(conversationId, agentId, text, o.clock().toISOString());
      await o.audit?.record({ actor: `agent:${agentId}`, action: "note.add", subject: conv.customerId, conversationId, detail: { note: n.id } });
      const note: NoteView = { id: n.id, agentId, agentName: agent.name, text: n.text, createdAt: n.createdAt };
      o.bus.publish("console.note", { conversationId, note });
      return note;
    },
    async list(conversationId) {
      const names = new Map((await o.agents.listAgents()).map((a) => [a.id, a.name]));
      return (await o.store.notes(conversationId)).map((n) => ({ id: n.id, agentId: n.agentId, agentName: names.get(n.agentId) ?? "agent", text: n.text, createdAt: n.createdAt }));
    },
  };
}
