import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChat } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const ADMIN = { email: "owner@shop.test", password: "owner-password-1" };
const AGENT = { email: "agent@shop.test", password: "agent-password-1" };
let server: TestServer;
let adminToken: string;
let agentToken: string;

async function login(email: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/agent/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function call(method: string, url: string, options: { token?: string | null; body?: unknown } = {}) {
  const token = options.token === undefined ? adminToken : options.token;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-requested-with"] = "test";
  const res = await fetch(`${server.url}${url}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  let body: Record<string, any> | null = null;
  try {
    body = JSON.parse(text) as Record<string, any>;
  } catch {
    body = null;
  }
  return { status: res.status, body, text, headers: res.headers };
}

beforeAll(async () => {
  // The demo shop with its seeded chat history (closed conversations, handoffs, ratings, offers).
  server = await startTestServer({ SEED_DEMO: "true", DEMO_CUSTOMERS: "300", ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, RATE_LIMIT_MESSAGES: "200" });
  await server.app.services.auth.createAgent({ email: AGENT.email, name: "Agent", role: "agent", password: AGENT.password });
  adminToken = await login(ADMIN.email, ADMIN.password);
  agentToken = await login(AGENT.email, AGENT.password);
}, 300_000);

afterAll(async () => {
  await server?.close();
});

const RANGE = "from=2026-08-01&to=2026-11-28";

describe("analytics and unanswered-questions API", () => {
  it("refuses every new route to anonymous callers (401) and agents (403)", async () => {
    const routes: [string, string, unknown?][] = [
      ["GET", `/admin/api/analytics?${RANGE}`],
      ["GET", `/admin/api/analytics/conversations.csv?${RANGE}`],
      ["GET", `/admin/api/unanswered?${RANGE}`],
      ["POST", `/admin/api/unanswered/draft?${RANGE}`, { key: "x" }],
      ["POST", `/admin/api/unanswered/dismiss?${RANGE}`, { key: "x" }],
      ["GET", "/admin/api/unanswered/dismissed"],
      ["DELETE", "/admin/api/unanswered/dismissed/1"],
    ];
    for (const [method, url, body] of routes) {
      expect((await call(method, url, { token: null, body })).status, `${method} ${url}`).toBe(401);
      const agent = await call(method, url, { token: agentToken, body });
      expect(agent.status, `${method} ${url}`).toBe(403);
      expect(agent.body?.code).toBe("CHAT_ERR_FORBIDDEN");
    }
  });

  it("computes every chart from the seeded history, all closed and none queued", async () => {
    const open = await server.storage.handoff.listOpen();
    expect(open).toHaveLength(0);
    const { status, body } = await call("GET", `/admin/api/analytics?${RANGE}`);
    expect(status).toBe(200);
    const d = body as { summary: Record<string, number>; charts: { id: string; rows: unknown[][]; columns: string[] }[] };
    expect(d.summary.conversations).toBeGreaterThan(50);
    expect(d.summary.containmentRate).toBeGreaterThan(0.5);
    expect(d.summary.containmentRate).toBeLessThan(1);
    expect(d.summary.csatBot).toBeGreaterThan(0);
    expect(d.summary.csatPeople).toBeGreaterThan(0);
    const chart = (id: string) => d.charts.find((c) => c.id === id)!;
    const total = (id: string, col: number) => chart(id).rows.reduce((s, r) => s + Number(r[col] ?? 0), 0);
    expect(total("conversations", 1)).toBe(d.summary.conversations);
    expect(chart("handoff-reasons").rows.map((r) => r[0])).toContain("handoff/explicit-request");
    expect(total("flags", 2)).toBeGreaterThan(0);
    expect(chart("intents").rows.length).toBeGreaterThan(2);
    expect(chart("topics").rows.length).toBeGreaterThan(2);
    expect(chart("entries-most-used").rows.length).toBeGreaterThan(0);
    expect(chart("conversion").rows).toHaveLength(2);
    expect(total("retention", 1)).toBeGreaterThan(0);
    expect(total("customer-value", 1)).toBeGreaterThan(0);
    expect(chart("lifecycle").rows).toHaveLength(12);
    expect(chart("experiments").rows.map((r) => r[0])).toEqual(expect.arrayContaining(["retention", "upsell"]));
    expect(chart("response-times").rows.every((r) => Number(r[3]) > 0)).toBe(true);
  });

  it("downloads a chart as CSV with its header, and refuses a bad range or an unknown chart", async () => {
    const csv = await call("GET", `/admin/api/analytics/conversations.csv?${RANGE}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="conversations_2026-08-01_2026-11-28.csv"/);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe("day,conversations,handed_off");
    expect(lines).toHaveLength(1 + 120);
    expect((await call("GET", "/admin/api/analytics?from=2026-13-01")).status).toBe(400);
    expect((await call("GET", "/admin/api/analytics?from=2026-11-02&to=2026-11-01")).body?.code).toBe("CHAT_ERR_VALIDATION");
    expect((await call("GET", `/admin/api/analytics/nope.csv?${RANGE}`)).status).toBe(404);
  });

  it("lists unanswered questions by meaning, drafts an entry from a cluster, and dismisses it until undone", async () => {
    const list = await call("GET", `/admin/api/unanswered?${RANGE}`);
    expect(list.status).toBe(200);
    const clusters = list.body!.clusters as { key: string; title: string; size: number; examples: string[]; kinds: Record<string, number>; countsByDay: unknown[]; trend: unknown }[];
    expect(clusters.length).toBeGreaterThanOrEqual(3);
    const gift = clusters.find((c) => c.examples.some((e) => /gift/i.test(e)))!;
    expect(gift, JSON.stringify(clusters.map((c) => c.examples))).toBeDefined();
    // One meaning per cluster: no price-match question among the gift-wrap ones.
    expect(gift.examples.every((e) => !/price|klarna|student/i.test(e))).toBe(true);
    expect(gift.countsByDay.length).toBeGreaterThan(0);

    const draft = await call("POST", `/admin/api/unanswered/draft?${RANGE}`, { body: { key: gift.key } });
    expect(draft.status).toBe(200);
    expect(draft.body!.draft.questions.length).toBeGreaterThan(1);
    expect(draft.body!.draft.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(typeof draft.body!.draft.topic).toBe("string");

    expect((await call("POST", `/admin/api/unanswered/draft?${RANGE}`, { body: { key: gift.key, path: "../x" } })).status).toBe(400);
    expect((await call("POST", `/admin/api/unanswered/dismiss?${RANGE}`, { body: { key: "no-such-cluster" } })).status).toBe(404);
    const dismissed = await call("POST", `/admin/api/unanswered/dismiss?${RANGE}`, { body: { key: gift.key } });
    expect(dismissed.status).toBe(200);
    const after = await call("GET", `/admin/api/unanswered?${RANGE}`);
    expect((after.body!.clusters as { key: string }[]).some((c) => c.key === gift.key)).toBe(false);
    expect(after.body!.dismissedHidden).toBe(1);
    const stored = await call("GET", "/admin/api/unanswered/dismissed");
    expect(stored.body!.dismissed).toHaveLength(1);
    expect((await call("DELETE", `/admin/api/unanswered/dismissed/${stored.body!.dismissed[0].id}`)).status).toBe(200);
    const back = await call("GET", `/admin/api/unanswered?${RANGE}`);
    expect((back.body!.clusters as { key: string }[]).some((c) => c.key === gift.key)).toBe(true);
  });

  it("serves Prometheus metrics to a loopback caller, counting turns by action", async () => {
    const client = await connectChat(server.url);
    client.send({ type: "hello" });
    await client.waitFor((f) => f.type === "welcome");
    await client.ask("do you ship to Canada?", "m-1");
    client.close();
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/fjell_turns_total\{action="answer"\} [1-9]/);
    expect(text).toMatch(/fjell_turn_duration_seconds_bucket\{le="\+Inf",action="answer"\} [1-9]/);
    expect(text).toMatch(/fjell_queue_length 0/);
    expect(text).toMatch(/fjell_sockets_open\{kind="chat"\} \d/);
    expect(text).toContain("fjell_embedder_batch_size_bucket");
  });
});
