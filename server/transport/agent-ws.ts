import type { Logger } from "pino";
import { WebSocket, type RawData } from "ws";
import type { AuthService } from "../auth/index.ts";
import type { Config } from "../config.ts";
import { isAppError, type ErrorCode } from "../errors.ts";
import type { RateLimiter, RateLimitOptions } from "../cluster/index.ts";
import type { AgentConnection, Handoff } from "../handoff/index.ts";
import { AgentClientFrameSchemas, type AgentClientFrame, type AgentServerFrame } from "../protocol.ts";
import { parseFrame, type ParsedFrame } from "./frames.ts";
import { createSocketHost, type SocketServer } from "./socket-host.ts";
import { agentToken } from "./agent-auth.ts";
import type { ClientInfo } from "./web-security.ts";

/** What the agent socket needs from the rest of the server. */
export interface AgentSocketOptions {
  limits: Config["limits"];
  logger: Logger;
  auth: AuthService;
  handoff: Handoff;
  rateLimiter: (options: RateLimitOptions) => RateLimiter;
  /** The client's address and this server's origin (only the console's own pages may open this socket). */
  client: ClientInfo;
}

/** The agent console's WebSocket endpoint at /agent/ws (authenticated by the agent's session). */
export type AgentSocketServer = SocketServer;

/** Parse and validate one agent console frame against the protocol schemas. */
export function parseAgentFrame(text: string): ParsedFrame<AgentClientFrame> {
  return parseFrame<AgentClientFrame>(text, AgentClientFrameSchemas, "ref");
}

/**
 * Create the agent socket server. The upgrade is refused (HTTP 401) without a valid session; each
 * frame re-checks the session, so a logout or expiry ends the connection (close code 4401).
 */
export function createAgentSocketServer(options: AgentSocketOptions): AgentSocketServer {
  const { limits, logger } = options;
  // Agents type faster than shoppers and act on many chats: a higher budget than the shopper socket.
  const host = createSocketHost(limits, { rateMultiplier: 10, name: "agent", rateLimiter: options.rateLimiter, client: options.client, origins: "self" });
  const { wss } = host;
  const { auth, handoff } = options;
  let nextId = 0;

  function serve(ws: WebSocket, token: string, agentId: string, ip: string) {
    const connId = `a${++nextId}`;
    const log = logger.child({ conn: connId, agentId });
    host.track(ws, ip);
    const send = (frame: AgentServerFrame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
    };
    const sendError = (code: ErrorCode, message: string, replyTo?: string) => send({ type: "error", code, message, ...(replyTo ? { replyTo } : {}) });
    // Frames wait until the console is registered (its queue and watches are set up).
    const connecting: Promise<AgentConnection | undefined> = handoff.consoles.connect(agentId, send).catch((err) => {
      log.error({ err }, "agent console could not connect");
      ws.close(1011, "could not connect");
      return undefined;
    });
    const sessionCheck = setInterval(async () => {
      if (!(await auth.authenticate(token).catch(() => undefined))) ws.close(4401, "session ended");
    }, 30_000);
    sessionCheck.unref();

    ws.on("message", async (data: RawData, isBinary: boolean) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      if (size > limits.maxFrameBytes) {
        sendError("CHAT_ERR_FRAME_TOO_LARGE", `Frames are limited to ${limits.maxFrameBytes} bytes.`);
        ws.close(1009, "frame too large");
        return;
      }
      if (!(await host.messages.consume(connId)).ok) return sendError("CHAT_ERR_RATE_LIMITED", "Too many actions in a short time; slow down.");
      if (isBinary) return sendError("CHAT_ERR_INVALID_FRAME", "Only text frames are accepted.");
      const conn = await connecting;
      if (!conn) return;
      if (!(await auth.authenticate(token))) {
        sendError("CHAT_ERR_UNAUTHORIZED", "Your session has ended; log in again.");
        ws.close(4401, "session ended");
        return;
      }
      const parsed = parseAgentFrame(data.toString());
      if (!parsed.ok) return sendError(parsed.code, parsed.message, parsed.replyTo);
      const f = parsed.frame;
      try {
        switch (f.type) {
          case "open":
            conn.watch(f.conversationId);
            send({ type: "conversation", detail: await handoff.console.detail(f.conversationId, agentId) });
            break;
          case "unwatch":
            conn.unwatch(f.conversationId);
            break;
          case "accept":
            await handoff.queue.accept(agentId, f.conversationId);
            break;
          case "decline":
            await handoff.queue.decline(agentId, f.conversationId);
            break;
          case "message":
            await handoff.queue.sendMessage(agentId, f.conversationId, { id: f.id, text: f.text, productIds: f.productIds });
            break;
          case "typing":
            await handoff.queue.typing(agentId, f.conversationId, f.on);
            break;
          case "note":
            await handoff.notes.add(agentId, f.conversationId, f.text);
            break;
          case "transfer":
            await handoff.queue.transfer(agentId, f.conversationId, { toAgentId: f.toAgentId, team: f.team });
            break;
          case "handback":
            await handoff.queue.handBack(agentId, f.conversationId);
            break;
          case "close":
            await handoff.queue.close(agentId, f.conversationId, f.resolution);
            break;
        }
        if (f.type !== "typing") send({ type: "ack", conversationId: f.conversationId, ...(f.ref ? { replyTo: f.ref } : {}) });
      } catch (err) {
        if (isAppError(err)) return sendError(err.code, err.message, f.ref);
        log.error({ err }, "agent frame failed");
        sendError("CHAT_ERR_INTERNAL", `Something went wrong on our side (reference ${connId}).`, f.ref);
      }
    });
    ws.on("close", () => {
      clearInterval(sessionCheck);
      void connecting.then((c) => c?.close());
      void host.messages.delete(connId).catch(() => undefined);
    });
    ws.on("error", (err) => host.warn(log, { err: err.message }, "agent socket error"));
  }

  return {
    handleUpgrade(req, socket, head) {
      const token = agentToken(req);
      void auth.authenticate(token).then(
        (agent) => {
          if (!agent || !token) return host.refuse(socket, "401 Unauthorized");
          // Only the console's own pages: another site's page cannot ride the agent's cookie into this socket.
          const ip = host.admit(req, socket);
          if (ip === undefined) return;
          wss.handleUpgrade(req, socket, head, (ws) => serve(ws, token, agent.id, ip));
        },
        (err) => {
          logger.error({ err }, "agent socket authentication failed");
          host.refuse(socket, "503 Service Unavailable");
        },
      );
    },
    get connections() {
      return wss.clients.size;
    },
    close: () => host.close(),
  };
}
