import fs from "node:fs";
import { pino } from "pino";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessageFrame, ServerFrame } from "../server/protocol.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { writeSmallShop } from "./helpers/small-shop.ts";

const ADMIN = { email: "boss@sec.example", password: "boss-password-1" };
let server: TestServer;
const logLines: string[] = [];
let ipCounter = 0;
/** A fresh client address per test (TRUST_PROXY=true takes it from X-Forwarded-For). */
const freshIp = () => `203.0.113.${++ipCounter}`;

beforeAll(async () => {
  server = await startTestServer({
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    TRUST_PROXY: "true",
    LOGIN_MAX_PER_IP: "3",
    SHOP_ORIGINS: "https://shop.example",
    MAX_SOCKETS_PER_IP: "2",
    HELLO_TIMEOUT_MS: "400",
    // Two demo agents get generated passwords besides the configured admin.
    DEMO_AGENTS: "true",
    ORDER_CHECKS_PER_IP: "3",
    ORDER_CHECKS_PER_EMAIL: "4",
    HANDOFFS_PER_IP: "2",
    SUPPORT_HOURS: "always",
  }, { prepare: (dir) => writeSmallShop(dir, 5), logger: pino({ level: "info" }, { write: (line: string) => void logLines.push(line) }) });
}, 600_000);
afterAll(async () => {
  await server?.close();
});

async function login(ip: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/agent/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip, ...headers },
    body: JSON.stringify(ADMIN),
  });
}

async function sessionCookie(): Promise<string> {
  const res = await login(freshIp());
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0];
}

/** Try a socket upgrade; resolves with the HTTP status of a refusal, or "open" (then closes it). */
function upgrade(path: string, headers: Record<string, string>): Promise<number | "open"> {
  return new Promise((resolve) => {
    const ws = new WebSocket(server.url.replace(/^http/, "ws") + path, { headers });
    ws.once("open", () => {
      resolve("open");
      ws.close();
    });
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", () => undefined);
  });
}

describe("security headers", () => {
  it("console and admin pages cannot be framed and allow only their own scripts", async () => {
    for (const page of ["/console", "/admin"]) {
      const res = await fetch(server.url + page);
      expect(res.status).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    }
  });

  it("the widget script may be loaded by a shop page on another origin", async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("cross-site requests (CSRF)", () => {
  it("refuses a state change carried by the console cookie from another site, accepts it from our own pages", async () => {
    const cookie = await sessionCookie();
    const canned = (headers: Record<string, string>) =>
      fetch(`${server.url}/agent/api/canned`, { method: "POST", headers: { "content-type": "application/json", cookie, ...headers }, body: JSON.stringify({ title: "Hi", text: "Hello there" }) });
    const before = (await (await fetch(`${server.url}/agent/api/canned`, { headers: { cookie } })).json()).canned.length;
    const evil = await canned({ origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect((await evil.json()).code).toBe("CHAT_ERR_FORBIDDEN");
    expect((await canned({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await canned({ "sec-fetch-site": "same-site" })).status).toBe(403);
    // Nothing was saved by the refused calls.
    expect((await (await fetch(`${server.url}/agent/api/canned`, { headers: { cookie } })).json()).canned.length).toBe(before);
    const own = await canned({ origin: new URL(server.url).origin, "sec-fetch-site": "same-origin" });
    expect(own.status).toBeLessThan(300);
    // The admin API and the /api routes behind the same cookie are guarded too.
    const api = await fetch(`${server.url}/api/admin/api-keys`, { method: "POST", headers: { "content-type": "application/json", cookie, origin: "https://evil.example" }, body: JSON.stringify({ name: "x", scopes: ["analytics:read"] }) });
    expect(api.status).toBe(403);
  });

  it("refuses a login posted from another site", async () => {
    const res = await login(freshIp(), { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});

describe("session cookies", () => {
  it("are Secure when the browser came over https (through a trusted proxy), and not on plain http", async () => {
    const tls = await login(freshIp(), { "x-forwarded-proto": "https" });
    expect(tls.headers.get("set-cookie")).toMatch(/; Secure/);
    const plain = await login(freshIp());
    expect(plain.headers.get("set-cookie")).not.toMatch(/Secure/);
  });
});

describe("login limits", () => {
  it("limits login attempts per client address, for unknown and known e-mails alike", async () => {
    const ip = freshIp();
    const attempt = (email: string) =>
      fetch(`${server.url}/agent/api/login`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": ip }, body: JSON.stringify({ email, password: "wrong-password" }) });
    const statuses = [];
    for (const email of ["a@x.example", "b@x.example", ADMIN.email, "c@x.example"]) statuses.push((await attempt(email)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Another address is not affected, and the admin was not locked by the three tries.
    expect((await login(freshIp())).status).toBe(200);
  });
});

describe("socket origins and caps", () => {
  it("the widget socket accepts the configured shop origins only (and clients without an Origin)", async () => {
    expect(await upgrade("/ws", { origin: "https://evil.example", "x-forwarded-for": freshIp() })).toBe(403);
    expect(await upgrade("/ws", { origin: "https://shop.example", "x-forwarded-for": freshIp() })).toBe("open");
    expect(await upgrade("/ws", { "x-forwarded-for": freshIp() })).toBe("open");
  });

  it("the agent socket accepts the console's own origin only", async () => {
    const cookie = await sessionCookie();
    expect(await upgrade("/agent/ws", { cookie, origin: "https://evil.example", "x-forwarded-for": freshIp() })).toBe(403);
    expect(await upgrade("/agent/ws", { cookie, origin: new URL(server.url).origin, "x-forwarded-for": freshIp() })).toBe("open");
  });

  it("caps open sockets per client address and closes a socket that never says hello", async () => {
    const ip = freshIp();
    const open = () => new WebSocket(server.url.replace(/^http/, "ws") + "/ws", { headers: { "x-forwarded-for": ip } });
    const a = open();
    const b = open();
    await Promise.all([a, b].map((ws) => new Promise((r) => ws.once("open", r))));
    expect(await upgrade("/ws", { "x-forwarded-for": ip })).toBe(429);
    // Neither said hello: both are closed after HELLO_TIMEOUT_MS, which frees the address's slots.
    const closes = await Promise.all([a, b].map((ws) => new Promise<number>((r) => ws.once("close", (code) => r(code)))));
    expect(closes).toEqual([4408, 4408]);
    expect(await upgrade("/ws", { "x-forwarded-for": ip })).toBe("open");
  });
});

describe("first-start credentials", () => {
  it("writes generated passwords to a 0600 file in DATA_DIR, never to the log", async () => {
    const file = `${server.dataDir}/initial-credentials.txt`;
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, "utf8");
    const passwords = [...text.matchAll(/(\S+@\S+)\s+password: (\S+)/g)].filter((m) => !m[2].startsWith("(")).map((m) => m[2]);
    expect(passwords.length).toBe(2);
    const log = logLines.join("");
    expect(log).toContain("initial-credentials.txt");
    for (const p of [...passwords, ADMIN.password]) expect(log).not.toContain(p);
    // The generated passwords work.
    const sam = await fetch(`${server.url}/agent/api/login`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": freshIp() }, body: JSON.stringify({ email: "sam@fjell-field.example", password: passwords[0] }) });
    expect(sam.status).toBe(200);
  });
});

/** Start a new conversation from `ip` (a new socket, a new session) and ask one question; resolves with the bot's reply. */
async function askFrom(ip: string, text: string): Promise<ChatMessageFrame> {
  const ws = new WebSocket(server.url.replace(/^http/, "ws") + "/ws", { headers: { "x-forwarded-for": ip } });
  const frames: ServerFrame[] = [];
  const id = `m-${Math.random().toString(36).slice(2)}`;
  const reply = new Promise<ChatMessageFrame>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply to ${text}: ${JSON.stringify(frames)}`)), 30_000);
    ws.on("message", (data) => {
      const f = JSON.parse(data.toString()) as ServerFrame;
      frames.push(f);
      if (f.type === "welcome") ws.send(JSON.stringify({ type: "message", id, text }));
      if (f.type === "message" && f.from !== "shopper" && f.replyTo === id) {
        clearTimeout(timer);
        resolve(f);
      }
    });
  });
  await new Promise((r) => ws.once("open", r));
  ws.send(JSON.stringify({ type: "hello" }));
  try {
    return await reply;
  } finally {
    ws.close();
  }
}

describe("guessing orders across conversations", () => {
  const TOO_MANY = /can't check more orders/;
  it("limits anonymous order checks per address, however many new chats it opens", async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) {
      const r = await askFrom(ip, `where is my order FF-900000? my email is guess${i}@nowhere.example`);
      expect(r.text).not.toMatch(TOO_MANY);
      expect(r.text).not.toContain("1Z00");
    }
    // The fourth check, in a fresh conversation, is refused even with the right e-mail: nothing is looked up.
    const refused = await askFrom(ip, "where is my order FF-900000? my email is buyer1@example.com");
    expect(refused.text).toMatch(TOO_MANY);
    expect(refused.text).not.toContain("1Z00");
    // Another address with the right details is answered.
    const ok = await askFrom(freshIp(), "where is my order FF-900000? my email is buyer1@example.com");
    expect(ok.text).toContain("FF-900000");
    expect(ok.text).toContain("1Z00");
  });

  it("limits checks per e-mail across addresses", async () => {
    for (let i = 0; i < 4; i++) expect((await askFrom(freshIp(), `status of order FF-900010? email wrong-mail@nowhere.example`)).text).not.toMatch(TOO_MANY);
    expect((await askFrom(freshIp(), "status of order FF-900010? email wrong-mail@nowhere.example")).text).toMatch(TOO_MANY);
  });
});

describe("filling the agents' queue", () => {
  it("caps handoffs per address across conversations", async () => {
    const ip = freshIp();
    const actions = [];
    for (let i = 0; i < 3; i++) actions.push((await askFrom(ip, "I want to talk to a real person please")).action);
    expect(actions).toEqual(["handoff", "handoff", "fallback"]);
    expect((await askFrom(freshIp(), "I want to talk to a real person please")).action).toBe("handoff");
  });
});

describe("log flooding", () => {
  it("logs at most ten socket problems a minute, however many bad frames arrive", async () => {
    const before = logLines.filter((l) => l.includes("chat socket error")).length;
    for (let i = 0; i < 25; i++) {
      const ws = new WebSocket(server.url.replace(/^http/, "ws") + "/ws", { headers: { "x-forwarded-for": freshIp() } });
      await new Promise((r) => ws.once("open", r));
      const closed = new Promise((r) => ws.once("close", r));
      ws.on("error", () => undefined);
      // Over four times MAX_FRAME_BYTES: the ws library rejects it as a protocol error.
      ws.send("x".repeat(16_384 * 4 + 100));
      await closed;
    }
    const after = logLines.filter((l) => l.includes("chat socket error")).length;
    expect(after - before).toBeGreaterThan(0);
    expect(after - before).toBeLessThanOrEqual(10);
  });
});
