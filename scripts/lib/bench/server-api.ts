/**
 * What the benchmark asks a running instance over its admin API: runtime figures (GET /api/runtime) and
 * the stored transcript of each conversation, to count replies server-side.
 */
import type { RuntimeSnapshot } from "../../../server/cluster/index.ts";
import type { ChatMessageFrame } from "../../../server/protocol.ts";
import type { ShopperPool } from "./load.ts";

async function call<T>(url: string, token: string, init: { method?: string } = {}): Promise<T> {
  const res = await fetch(url, { method: init.method ?? "GET", headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The instance's runtime snapshot; `gc` collects garbage first (the instance must run with --expose-gc). */
export const runtimeOf = (url: string, token: string, gc = false) => call<RuntimeSnapshot>(`${url}/api/runtime${gc ? "?gc=1" : ""}`, token);

/** Start a new measurement window on the instance (event-loop delay, turn times). */
export const resetRuntime = (url: string, token: string) => call<{ ok: true }>(`${url}/api/runtime/reset`, token, { method: "POST" });

/** Replies counted in the database, per message the shoppers sent. */
export interface StoredCounts {
  /** Messages the shoppers sent. */
  sent: number;
  /** Stored exactly once. */
  storedOnce: number;
  /** With exactly one reply stored. */
  answeredOnce: number;
  /** Stored without any reply. */
  unanswered: number;
  /** With more than one reply stored. */
  answeredTwice: number;
}

/**
 * Read every pool conversation's transcript and count, per sent message id, its stored copies and replies.
 * @example const counts = await storedCounts(url, adminToken, pool);
 */
export async function storedCounts(url: string, token: string, pool: ShopperPool, concurrency = 20): Promise<StoredCounts> {
  const out: StoredCounts = { sent: 0, storedOnce: 0, answeredOnce: 0, unanswered: 0, answeredTwice: 0 };
  const entries = [...pool.sent].filter(([, ids]) => ids.length);
  for (let i = 0; i < entries.length; i += concurrency) {
    await Promise.all(
      entries.slice(i, i + concurrency).map(async ([shopper, ids]) => {
        const { messages } = await call<{ messages: ChatMessageFrame[] }>(`${url}/api/conversations/${shopper.conversationId}`, token);
        for (const id of ids) {
          out.sent++;
          if (messages.filter((m) => m.from === "shopper" && m.replyTo === id).length === 1) out.storedOnce++;
          const replies = messages.filter((m) => m.from !== "shopper" && m.replyTo === id).length;
          if (replies === 1) out.answeredOnce++;
          else if (replies === 0) out.unanswered++;
          else out.answeredTwice++;
        }
      }),
    );
  }
  return out;
}
