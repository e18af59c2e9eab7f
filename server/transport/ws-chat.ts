import type { Logger } from "pino";
import { WebSocket, type RawData } from "ws";
import type { Config } from "../config.ts";
import type { ConversationService } from "../dialogue/index.ts";
import { isAppError, type ErrorCode } from "../errors.ts";
import { ClientFrameSchemas, type ClientFrame, type ServerFrame } from "../protocol.ts";
import { parseFrame, type ParsedFrame } from "./frames.ts";
import { createSocketHost, type SocketServer } from "./socket-host.ts";

/** What the chat socket needs from the rest of the server. */
export interface ChatSocketOptions {
  limits: Config["limits"];
  logger: Logger;
  /** The conversation service once the server is ready, undefined while starting. */
  conversations: () => ConversationService | undefined;
}

/** The WebSocket endpoint at /ws: parse, validate, call the conversation service, serialise. */
export type ChatSocketServer = SocketServer;

/** Parse and validate one shopper frame against the protocol schemas. */
export function parseClientFrame(text: string): ParsedFrame<ClientFrame> {
  return parseFrame<ClientFrame>(text, ClientFrameSchemas, "id");
}

/**
 * Create the chat WebSocket server. Limits are on by default: frame size (oversize closes with
 * 1009), message rate (errors, then a 1008 close on repeated flooding), connection count, and a
 * ping/pong heartbeat that drops dead sockets.
 */
export function createChatSocketServer(options: ChatSocketOptions): ChatSocketServer {
  const { limits, logger } = options;
  // ws itself drops frames far over the limit; between 1x and 4x we answer with an error frame first.
  const host = createSocketHost(limits);
  const { wss, limiter } = host;
  let nextId = 0;

  wss.on("connection", (ws: WebSocket) => {
    const connId = `c${++nextId}`;
    const log = logger.child({ conn: connId });
    host.track(ws);
    let conversationId: string | undefined;
    let unsubscribe: (() => void) | undefined;
    let strikes = 0;

    const send = (frame: ServerFrame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
    };
    const sendError = (code: ErrorCode, message: string, replyTo?: string) => send({ type: "error", code, message, ...(replyTo ? { replyTo } : {}) });
    const fail = (err: unknown, replyTo?: string) => {
      if (isAppError(err)) return sendError(err.code, err.message, replyTo);
      log.error({ err }, "chat frame failed");
      sendError("CHAT_ERR_INTERNAL", `Something went wrong on our side (reference ${connId}).`, replyTo);
    };

    ws.on("message", async (data: RawData, isBinary: boolean) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      if (size > limits.maxFrameBytes) {
        sendError("CHAT_ERR_FRAME_TOO_LARGE", `Frames are limited to ${limits.maxFrameBytes} bytes.`);
        ws.close(1009, "frame too large");
        return;
      }
      try {
        await limiter.consume(connId);
        strikes = 0;
      } catch {
        strikes++;
        sendError("CHAT_ERR_RATE_LIMITED", "You're sending messages too fast; please wait a moment.");
        if (strikes >= 3 * limits.rateLimitMessages) ws.close(1008, "rate limit");
        return;
      }
      if (isBinary) return sendError("CHAT_ERR_INVALID_FRAME", "Only text frames are accepted.");
      const parsed = parseClientFrame(data.toString());
      if (!parsed.ok) return sendError(parsed.code, parsed.message, parsed.replyTo);
      const frame = parsed.frame;
      const service = options.conversations();
      const replyTo = frame.type === "message" ? frame.id : undefined;
      if (!service) return sendError("CHAT_ERR_NOT_READY", "The assistant is still starting; try again in a few seconds.", replyTo);
      try {
        if (frame.type === "hello") {
          const res = service.hello(frame);
          unsubscribe?.();
          conversationId = res.conversation.id;
          send(res.welcome);
          if (res.warning) sendError(res.warning.code, res.warning.message);
          for (const m of res.replay) send(m);
          if (res.conversation.state !== "bot") send({ type: "state", state: res.conversation.state });
          unsubscribe = service.subscribe(conversationId, send);
          return;
        }
        if (!conversationId) return sendError("CHAT_ERR_NOT_STARTED", "Send a `hello` frame first.", replyTo);
        if (frame.type === "message") await service.message(conversationId, frame);
        else if (frame.type === "typing") service.typing(conversationId, frame.on);
        else if (frame.type === "feedback") service.feedback(conversationId, frame);
      } catch (err) {
        fail(err, replyTo);
      }
    });
    ws.on("close", () => {
      unsubscribe?.();
      limiter.delete(connId).catch(() => undefined);
    });
    ws.on("error", (err) => log.warn({ err: err.message }, "chat socket error"));
  });

  return {
    handleUpgrade(req, socket, head) {
      if (host.full()) {
        host.refuse(socket, "503 Service Unavailable");
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    get connections() {
      return wss.clients.size;
    },
    close: () => host.close(),
  };
}
