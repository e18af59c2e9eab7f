import type { Logger } from "pino";
import { WebSocket, type RawData } from "ws";
import type { RateLimiter, RateLimitOptions } from "../cluster/index.ts";
import type { Config } from "../config.ts";
import type { ConversationRouter } from "../dialogue/index.ts";
import { isAppError, type ErrorCode } from "../errors.ts";
import { ClientFrameSchemas, type CampaignFrame, type ClientFrame, type ServerFrame } from "../protocol.ts";
import { parseFrame, type ParsedFrame } from "./frames.ts";
import { createSocketHost, type SocketServer } from "./socket-host.ts";
import type { ClientInfo } from "./web-security.ts";

/** What the chat socket needs from the rest of the server. */
export interface ChatSocketOptions {
  limits: Config["limits"];
  logger: Logger;
  router: ConversationRouter;
  rateLimiter: (options: RateLimitOptions) => RateLimiter;
  /** The client's address and this server's origin. */
  client: ClientInfo;
  /** Shop pages allowed to open the widget socket (SHOP_ORIGINS). */
  origins: "*" | readonly string[];
  /** Told how long each shopper message took, from arrival to its reply sent (ms). */
  onTurn?: (ms: number) => void;
  /** Called with the code of every error frame sent (metrics). */
  onError?: (code: ErrorCode) => void;
  /** Proactive campaign messages for verified customers (docs/campaigns.md). */
  campaigns?: {
    proactiveFor(customerId: string): Promise<CampaignFrame | null>;
    record(customerId: string, campaignId: string, event: "opened" | "dismissed"): Promise<unknown>;
  };
}

/** The WebSocket endpoint at /ws: parse, validate, call the conversation router, serialise. */
export type ChatSocketServer = SocketServer;

/** Parse and validate one shopper frame against the protocol schemas. */
export function parseClientFrame(text: string): ParsedFrame<ClientFrame> {
  return parseFrame<ClientFrame>(text, ClientFrameSchemas, "id");
}

/**
 * Create the chat WebSocket server. Limits are on by default: frame size (oversize closes with
 * 1009), message rate (only chat messages count; a refused message gets an error with its `replyTo`
 * and is not stored, so the client can resend it), a larger budget for other frames (repeated flooding
 * closes with 1008), connection count, and a ping/pong heartbeat that drops dead sockets.
 */
export function createChatSocketServer(options: ChatSocketOptions): ChatSocketServer {
  const { limits, logger, router } = options;
  const host = createSocketHost(limits, { name: "chat", rateLimiter: options.rateLimiter, client: options.client, origins: options.origins });
  const { wss } = host;
  let nextId = 0;

  wss.on("connection", (ws: WebSocket, _req: unknown, ip: string) => {
    const connId = `c${++nextId}`;
    const log = logger.child({ conn: connId });
    host.track(ws, ip);
    // A socket that never says hello only holds a slot: closed after HELLO_TIMEOUT_MS.
    const helloTimer = setTimeout(() => {
      if (!conversationId) ws.close(4408, "no hello");
    }, limits.helloTimeoutMs);
    helloTimer.unref();
    let conversationId: string | undefined;
    let customerId: string | null = null;
    let unsubscribe: (() => void) | undefined;
    // Frames after a hello wait for it to finish (the conversation id comes from it); they keep their order.
    let started: Promise<void> = Promise.resolve();
    let strikes = 0;

    const send = (frame: ServerFrame) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
    };
    const sendError = (code: ErrorCode, message: string, replyTo?: string) => {
      options.onError?.(code);
      send({ type: "error", code, message, ...(replyTo ? { replyTo } : {}) });
    };
    const fail = (err: unknown, replyTo?: string) => {
      if (isAppError(err)) return sendError(err.code, err.message, replyTo);
      log.error({ err }, "chat frame failed");
      sendError("CHAT_ERR_INTERNAL", `Something went wrong on our side (reference ${connId}).`, replyTo);
    };
    const limited = async (limiter: RateLimiter) => {
      const r = await limiter.consume(connId);
      if (r.ok) {
        strikes = 0;
        return false;
      }
      if (++strikes >= 3 * limits.rateLimitMessages) ws.close(1008, "rate limit");
      return true;
    };

    ws.on("message", async (data: RawData, isBinary: boolean) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      if (size > limits.maxFrameBytes) {
        sendError("CHAT_ERR_FRAME_TOO_LARGE", `Frames are limited to ${limits.maxFrameBytes} bytes.`);
        ws.close(1009, "frame too large");
        return;
      }
      try {
        if (isBinary) {
          if (!(await limited(host.frames))) sendError("CHAT_ERR_INVALID_FRAME", "Only text frames are accepted.");
          return;
        }
        const parsed = parseClientFrame(data.toString());
        const isMessage = parsed.ok && parsed.frame.type === "message";
        if (await limited(isMessage ? host.messages : host.frames)) {
          const replyTo = parsed.ok ? (parsed.frame.type === "message" ? parsed.frame.id : undefined) : parsed.replyTo;
          return sendError("CHAT_ERR_RATE_LIMITED", "You're sending messages too fast; please wait a moment and send it again.", replyTo);
        }
        if (!parsed.ok) return sendError(parsed.code, parsed.message, parsed.replyTo);
        const frame = parsed.frame;
        const replyTo = frame.type === "message" ? frame.id : undefined;
        try {
          if (frame.type === "hello") {
            const previous = started;
            started = (async () => {
              await previous;
              unsubscribe?.();
              const res = await router.hello(frame, send);
              conversationId = res.conversation.id;
              customerId = res.conversation.customerId ?? null;
              unsubscribe = res.unsubscribe;
              if (ws.readyState !== WebSocket.OPEN) unsubscribe();
            })();
            await started;
            // A proactive message follows the welcome; a failure here must not spoil the chat.
            if (customerId && options.campaigns) {
              const who = customerId;
              await options.campaigns.proactiveFor(who).then((f) => f && send(f), (err) => log.error({ err }, "proactive campaign message failed"));
            }
            return;
          }
          await started.catch(() => undefined);
          if (!conversationId) return sendError("CHAT_ERR_NOT_STARTED", "Send a `hello` frame first.", replyTo);
          if (frame.type === "message") {
            const t0 = performance.now();
            await router.message(conversationId, frame, ip);
            options.onTurn?.(performance.now() - t0);
          }
          else if (frame.type === "typing") router.typing(conversationId, frame.on);
          else if (frame.type === "feedback") await router.feedback(conversationId, frame);
          else if (frame.type === "campaign") {
            if (!customerId || !options.campaigns) return sendError("CHAT_ERR_NOT_FOUND", "No campaign message was shown in this conversation.");
            await options.campaigns.record(customerId, frame.campaignId, frame.event);
          }
        } catch (err) {
          fail(err, replyTo);
        }
      } catch (err) {
        fail(err);
      }
    });
    ws.on("close", () => {
      clearTimeout(helloTimer);
      unsubscribe?.();
      void host.messages.delete(connId).catch(() => undefined);
      void host.frames.delete(connId).catch(() => undefined);
    });
    ws.on("error", (err) => host.warn(log, { err: err.message }, "chat socket error"));
  });

  return {
    handleUpgrade(req, socket, head) {
      const ip = host.admit(req, socket);
      if (ip === undefined) return;
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req, ip));
    },
    get connections() {
      return wss.clients.size;
    },
    close: () => host.close(),
  };
}
