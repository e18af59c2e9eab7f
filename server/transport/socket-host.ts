import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import type { RateLimiter, RateLimitOptions } from "../cluster/index.ts";
import type { Config } from "../config.ts";

/** A WebSocket endpoint mounted on the HTTP server's upgrade event. */
export interface SocketServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly connections: number;
  close(): Promise<void>;
}

/** The plumbing both chat sockets share: the ws server, rate limiters, the heartbeat and the connection cap. */
export interface SocketHost {
  readonly wss: WebSocketServer;
  /** Counts chat messages (and agent actions): `rateLimitMessages` per window, times the endpoint's multiplier. */
  readonly messages: RateLimiter;
  /** Counts every other frame (hello, typing, feedback) with a budget ten times larger, so typing is never refused. */
  readonly frames: RateLimiter;
  /** Start heartbeat tracking of a new socket. */
  track(ws: WebSocket): void;
  /** Refuse an upgrade with an HTTP status line; true when refused. */
  refuse(socket: Duplex, status: "401 Unauthorized" | "403 Forbidden" | "429 Too Many Requests" | "503 Service Unavailable"): true;
  /** True when the connection cap is reached. */
  full(): boolean;
  close(): Promise<void>;
}

/** Options of the socket host. */
export interface SocketHostOptions {
  /** Multiplies the message budget (agents act on many chats). */
  rateMultiplier?: number;
  /** Separates this endpoint's counters. */
  name: string;
  /** Makes a limiter in the cluster's store (in memory, or Redis). */
  rateLimiter: (options: RateLimitOptions) => RateLimiter;
}

/**
 * Create the shared socket plumbing. ws drops frames over 4x the frame limit itself (between 1x and
 * 4x the endpoint answers with an error frame first); a socket that missed the previous ping's pong
 * is terminated on the next heartbeat.
 */
export function createSocketHost(limits: Config["limits"], options: SocketHostOptions): SocketHost {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes * 4, clientTracking: true });
  const durationS = Math.max(1, limits.rateLimitWindowMs / 1000);
  const points = limits.rateLimitMessages * (options.rateMultiplier ?? 1);
  const messages = options.rateLimiter({ points, durationS, keyPrefix: `${options.name}-messages` });
  const frames = options.rateLimiter({ points: points * 10, durationS, keyPrefix: `${options.name}-frames` });
  const alive = new WeakMap<WebSocket, boolean>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, limits.heartbeatMs);
  heartbeat.unref();
  return {
    wss,
    messages,
    frames,
    track(ws) {
      alive.set(ws, true);
      ws.on("pong", () => alive.set(ws, true));
    },
    refuse(socket, status) {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return true;
    },
    full: () => wss.clients.size >= limits.maxConnections,
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(1001, "server shutting down");
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
