import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import type { RateLimiter, RateLimitOptions } from "../cluster/index.ts";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { originAllowed, type ClientInfo } from "./web-security.ts";

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
  /**
   * Check an upgrade before accepting it: the page's Origin (403), the connection cap (503) and the cap per client
   * address (429). Returns the client's address, or undefined when the upgrade was refused.
   */
  admit(req: IncomingMessage, socket: Duplex): string | undefined;
  /** Start heartbeat tracking of a new socket, counted against its client address until it closes. */
  track(ws: WebSocket, ip: string): void;
  /** Refuse an upgrade with an HTTP status line; true when refused. */
  refuse(socket: Duplex, status: "401 Unauthorized" | "403 Forbidden" | "429 Too Many Requests" | "503 Service Unavailable"): true;
  /** True when the connection cap is reached. */
  full(): boolean;
  /**
   * Log a client's socket problem (bad frames, protocol errors) at warn, at most LOGGED_PROBLEMS_PER_MINUTE lines a
   * minute per endpoint; the rest are counted and reported in one line, so a flood of bad frames cannot flood the log.
   */
  warn(log: Logger, fields: Record<string, unknown>, message: string): void;
  close(): Promise<void>;
}

/** Socket problems logged per minute and endpoint before the rest are only counted. */
export const LOGGED_PROBLEMS_PER_MINUTE = 10;

/** Options of the socket host. */
export interface SocketHostOptions {
  /** Multiplies the message budget (agents act on many chats). */
  rateMultiplier?: number;
  /** Separates this endpoint's counters. */
  name: string;
  /** Makes a limiter in the cluster's store (in memory, or Redis). */
  rateLimiter: (options: RateLimitOptions) => RateLimiter;
  /** The client's address and this server's origin. */
  client: ClientInfo;
  /** Pages allowed to open this socket: "*", "self" (this server's own pages) or a list of origins. */
  origins: "*" | "self" | readonly string[];
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
  const perIp = new Map<string, number>();
  let problems = { since: 0, logged: 0, suppressed: 0 };
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
    admit(req, socket) {
      if (!originAllowed(req, options.origins, options.client)) {
        socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 26\r\n\r\nOrigin not allowed (403).\n");
        return undefined;
      }
      if (wss.clients.size >= limits.maxConnections) {
        this.refuse(socket, "503 Service Unavailable");
        return undefined;
      }
      const ip = options.client.ip(req);
      if ((perIp.get(ip) ?? 0) >= limits.maxSocketsPerIp) {
        this.refuse(socket, "429 Too Many Requests");
        return undefined;
      }
      return ip;
    },
    track(ws, ip) {
      alive.set(ws, true);
      ws.on("pong", () => alive.set(ws, true));
      perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
      ws.once("close", () => {
        const n = (perIp.get(ip) ?? 1) - 1;
        if (n > 0) perIp.set(ip, n);
        else perIp.delete(ip);
      });
    },
    refuse(socket, status) {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return true;
    },
    full: () => wss.clients.size >= limits.maxConnections,
    warn(log, fields, message) {
      const now = Date.now();
      if (now - problems.since >= 60_000) {
        if (problems.suppressed) log.warn({ suppressed: problems.suppressed }, `${problems.suppressed} more ${options.name} socket problems in the last minute were not logged`);
        problems = { since: now, logged: 0, suppressed: 0 };
      }
      if (problems.logged < LOGGED_PROBLEMS_PER_MINUTE) {
        problems.logged++;
        log.warn(fields, message);
      } else problems.suppressed++;
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(1001, "server shutting down");
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
