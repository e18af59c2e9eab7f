import WebSocket from "ws";
import type { AgentServerFrame } from "../../server/protocol.ts";

/** A real agent console client: REST login, then the agent WebSocket with the session token. */
export interface AgentConsoleClient {
  readonly id: string;
  readonly token: string;
  readonly frames: AgentServerFrame[];
  /** Resolve with the first frame (from `fromIndex` on) that matches, or reject after `timeoutMs`. */
  waitFor(pred: (f: AgentServerFrame) => boolean, options?: { fromIndex?: number; timeoutMs?: number }): Promise<AgentServerFrame>;
  /** Send an action with a fresh `ref` and resolve with its `ack` or `error` frame. */
  act(frame: Record<string, unknown>, timeoutMs?: number): Promise<Extract<AgentServerFrame, { type: "ack" | "error" }>>;
  close(): void;
}

/** Log in over HTTP; returns the session token and the agent's id. */
export async function agentLogin(url: string, email: string, password: string): Promise<{ token: string; agent: { id: string } }> {
  const res = await fetch(`${url}/agent/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  const body = (await res.json()) as { token: string; agent: { id: string }; code?: string };
  if (!res.ok) throw new Error(`login of ${email} failed: ${res.status} ${body.code}`);
  return body;
}

/** Log in at `url` and open the console socket there. */
export async function connectAgentConsole(url: string, email: string, password: string): Promise<AgentConsoleClient> {
  const { token, agent } = await agentLogin(url, email, password);
  const ws = new WebSocket(url.replace(/^http/, "ws") + "/agent/ws", { headers: { authorization: `Bearer ${token}` } });
  const frames: AgentServerFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (data) => {
    frames.push(JSON.parse(data.toString()) as AgentServerFrame);
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  let ref = 0;
  const client: AgentConsoleClient = {
    id: agent.id,
    token,
    frames,
    waitFor(pred, { fromIndex = 0, timeoutMs = 20_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = frames.slice(fromIndex).find(pred);
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`agent ${agent.id} timed out; last frames ${JSON.stringify(frames.slice(-4)).slice(0, 900)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async act(frame, timeoutMs) {
      const r = `r${++ref}`;
      const from = frames.length;
      ws.send(JSON.stringify({ ...frame, ref: r }));
      return (await client.waitFor((f) => (f.type === "ack" || f.type === "error") && f.replyTo === r, { fromIndex: from, timeoutMs })) as Extract<
        AgentServerFrame,
        { type: "ack" | "error" }
      >;
    },
    close: () => ws.close(),
  };
  return client;
}
