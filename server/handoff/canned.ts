import { AppError } from "../errors.ts";
import type { CannedResponse, HandoffStore } from "../storage/index.ts";

/** Canned responses created on a database without any. */
const DEFAULT_CANNED: { title: string; text: string }[] = [
  { title: "Greeting", text: "Hi, thanks for waiting! I've read your conversation with our assistant. Let me help you with this." },
  { title: "Checking", text: "Give me a moment while I look into this for you." },
  { title: "Returns window", text: "Most items can be returned within 30 days of delivery, unused and in their original packaging. Running shoes have a 60-day Run-It-In guarantee, even if worn outdoors." },
  { title: "Cancel before shipping", text: "An order can be cancelled free of charge until it ships; once it has shipped, it needs to be returned instead." },
  { title: "Anything else?", text: "Is there anything else I can help you with today?" },
];

/** Reusable agent replies. */
export interface CannedResponses {
  list(): Promise<CannedResponse[]>;
  save(agentId: string, c: { id?: number; title: string; text: string }): Promise<CannedResponse>;
  delete(id: number): Promise<void>;
  /** Create the defaults on a database without any. */
  seedDefaults(): Promise<void>;
}

/** Create the canned-response service. */
export function createCannedResponses(o: { store: HandoffStore; clock: () => Date }): CannedResponses {
  return {
    list: () => o.store.listCanned(),
    async save(agentId, c) {
      const title = c.title.trim();
      const text = c.text.trim();
      if (!title || title.length > 80 || !text || text.length > 4000) throw new AppError("CHAT_ERR_VALIDATION", "A canned response needs a title (1–80 characters) and a text (1–4000).");
      const saved = await o.store.upsertCanned({ id: c.id, title, text, updatedBy: agentId, updatedAt: o.clock().toISOString() });
      if (!saved) throw new AppError("CHAT_ERR_NOT_FOUND", "No such canned response.");
      return saved;
    },
    async delete(id) {
      if (!(await o.store.deleteCanned(id))) throw new AppError("CHAT_ERR_NOT_FOUND", "No such canned response.");
    },
    async seedDefaults() {
      if ((await o.store.countCanned()) > 0) return;
      for (const c of DEFAULT_CANNED) await o.store.upsertCanned({ ...c, updatedBy: null, updatedAt: o.clock().toISOString() });
    },
  };
}
