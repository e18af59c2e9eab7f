import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSmallKnowledge } from "./helpers/small-knowledge.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const ADMIN = { email: "owner@shop.test", password: "owner-password-1" };
const AGENT = { email: "agent@shop.test", password: "agent-password-1" };
let server: TestServer;
let knowledgeDir: string;
let adminToken: string;
let agentToken: string;

async function login(email: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/agent/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** Call the admin API; `token` null sends no credentials, `header` false leaves out x-requested-with. */
async function call(method: string, url: string, options: { token?: string | null; body?: unknown; header?: boolean } = {}) {
  const token = options.token === undefined ? adminToken : options.token;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && options.header !== false) headers["x-requested-with"] = "test";
  const res = await fetch(`${server.url}${url}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, any> };
}

const express = { kind: "faq", id: "express-shipping" };
const expressFile = () => fs.readFileSync(path.join(knowledgeDir, "faq/shipping/express-shipping.md"), "utf8");

beforeAll(async () => {
  knowledgeDir = makeSmallKnowledge();
  server = await startTestServer({ KNOWLEDGE_DIR: knowledgeDir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  await server.app.services.auth.createAgent({ email: AGENT.email, name: "Agent", role: "agent", password: AGENT.password });
  adminToken = await login(ADMIN.email, ADMIN.password);
  agentToken = await login(AGENT.email, AGENT.password);
}, 240_000);

afterAll(async () => {
  await server?.close();
  if (knowledgeDir) fs.rmSync(knowledgeDir, { recursive: true, force: true });
});

describe("admin API", () => {
  it("serves the admin page to anyone, and the API to admins only: anonymous 401, agent 403, admin 200", async () => {
    const page = await fetch(`${server.url}/admin`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/admin.js");
    expect((await fetch(`${server.url}/admin.js`)).status).toBe(200);
    for (const url of ["/admin/api/knowledge", "/admin/api/faq/express-shipping", "/admin/api/versions"]) {
      expect((await call("GET", url, { token: null })).status, url).toBe(401);
      expect((await call("GET", url, { token: "not-a-session" })).status, url).toBe(401);
      const agent = await call("GET", url, { token: agentToken });
      expect(agent.status, url).toBe(403);
      expect(agent.body.code).toBe("CHAT_ERR_FORBIDDEN");
      expect((await call("GET", url)).status, url).toBe(200);
    }
    const write = { target: express, content: expressFile() };
    expect((await call("POST", "/admin/api/save", { token: null, body: write })).status).toBe(401);
    expect((await call("POST", "/admin/api/save", { token: agentToken, body: write })).status).toBe(403);
  });

  it("lists entries with their topics and translations and reads one file with its hash", async () => {
    const list = await call("GET", "/admin/api/knowledge");
    expect(list.body.topics).toEqual(["account", "contact", "payment", "returns", "shipping"]);
    expect(list.body.entries.find((e: { id: string }) => e.id === "express-shipping")).toMatchObject({ topic: "shipping", translations: ["es"], title: "Express shipping" });
    expect(list.body.intents.length).toBeGreaterThan(5);
    const file = await call("GET", "/admin/api/faq/express-shipping?lang=es");
    expect(file.body).toMatchObject({ rel: "faq/shipping/express-shipping.es.md", versions: 0, changedOutside: false });
    expect(file.body.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(file.body.fields.data.title).toBe("Envío exprés");
    expect((await call("GET", "/admin/api/faq/no-such-entry")).status).toBe(404);
  });

  it("refuses a change without the x-requested-with header (a form on another site cannot send it)", async () => {
    const before = expressFile();
    const r = await call("POST", "/admin/api/save", { body: { target: express, content: before.replace("$14.95", "$1.00") }, header: false });
    expect(r.status).toBe(403);
    expect(r.body.message).toMatch(/x-requested-with/);
    expect(expressFile()).toBe(before);
  });

  it("answers a broken change with the loader's precise error, and bad bodies with validation errors", async () => {
    const noAnswer = expressFile().replace(/---\n[^-]*$/, "---\n");
    const r = await call("POST", "/admin/api/save", { body: { target: express, content: noAnswer } });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: "CHAT_ERR_KNOWLEDGE" });
    expect(r.body.message).toMatch(/faq\/shipping\/express-shipping\.md: the answer .* is empty/);
    const yaml = await call("POST", "/admin/api/preview", { body: { target: express, content: "---\ntitle: [unclosed\n---\nx" } });
    expect(yaml.body).toMatchObject({ ok: false, error: expect.stringMatching(/express-shipping\.md: front matter is not valid YAML/) });
    expect((await call("POST", "/admin/api/save", { body: { target: { kind: "faq" }, content: "x" } })).body.code).toBe("CHAT_ERR_VALIDATION");
  });

  it("never writes outside the knowledge folder, whatever ids, topics, languages or URLs it is sent", async () => {
    const outside = path.join(path.dirname(knowledgeDir), "escaped.md");
    const content = "---\nid: x\ntitle: X\n---\nPwned.\n";
    const targets = [
      { kind: "faq", id: "../../escaped", topic: "shipping" },
      { kind: "faq", id: "escaped", topic: "../.." },
      { kind: "faq", id: "express-shipping", lang: "../../../escaped" },
      { kind: "intent", intent: "../../escaped" },
      { kind: "faq", id: "escaped", topic: "/tmp" },
    ];
    for (const target of targets) {
      const r = await call("POST", "/admin/api/save", { body: { target, content } });
      expect(r.status, JSON.stringify(target)).toBe(400);
      expect(r.body.code).toBe("CHAT_ERR_VALIDATION");
    }
    // A client-supplied path is not a field the API knows: it is refused, not used.
    for (const body of [{ target: { ...express, path: "../../escaped.md" }, content }, { target: express, content, path: "../../escaped.md" }]) {
      const r = await call("POST", "/admin/api/save", { body });
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/path/);
    }
    for (const url of ["/admin/api/faq/..%2F..%2Fescaped", "/admin/api/faq/%2e%2e", "/admin/api/intents/..%2f..%2fpackage", "/admin/api/faq/express-shipping?lang=..%2F..%2Fx"]) {
      const r = await call("GET", url);
      expect([400, 404], url).toContain(r.status);
    }
    expect(fs.existsSync(outside)).toBe(false);
    expect(fs.readdirSync(path.dirname(knowledgeDir)).filter((f) => f === "escaped.md" || f === "escaped.es.md")).toEqual([]);
  });

  it("saves an edit as versions, shows the history with a diff, refuses a stale save, and rolls back", async () => {
    const original = expressFile();
    const { body: file } = await call("GET", "/admin/api/faq/express-shipping");
    const edited = original.replace("1–2 business days", "1–3 business days");
    const checked = await call("POST", "/admin/api/check", { body: { target: express, content: edited } });
    expect(checked.status).toBe(200);
    expect(checked.body.report.after.total).toBe(7);
    const saved = await call("POST", "/admin/api/save", { body: { target: express, content: edited, baseHash: file.hash, note: "carrier is slower" } });
    expect(saved.status).toBe(200);
    expect(saved.body.status).toBe("saved");
    expect(expressFile()).toBe(edited);
    const stale = await call("POST", "/admin/api/save", { body: { target: express, content: edited.replace("$14.95", "$9.95"), baseHash: file.hash } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("CHAT_ERR_KNOWLEDGE_CONFLICT");
    const history = await call("GET", "/admin/api/faq/express-shipping/history");
    expect(history.body.versions.map((v: { action: string; author: string | null }) => [v.action, v.author])).toEqual([["edit", ADMIN.email], ["found", null]]);
    expect(history.body.versions[0].note).toBe("carrier is slower");
    const lines = history.body.versions[0].diff.hunks.flatMap((h: { lines: { type: string; text: string }[] }) => h.lines).filter((l: { type: string }) => l.type !== " ");
    expect(lines.map((l: { type: string; text: string }) => l.type)).toEqual(["-", "+"]);
    expect(lines[1].text).toContain("1–3 business days");
    const agentRollback = await call("POST", `/admin/api/versions/${history.body.versions[1].id}/rollback`, { token: agentToken, body: {} });
    expect(agentRollback.status).toBe(403);
    const back = await call("POST", `/admin/api/versions/${history.body.versions[1].id}/rollback`, { body: {} });
    expect(back.status).toBe(200);
    expect(expressFile()).toBe(original);
    const recent = await call("GET", "/admin/api/versions?limit=5");
    expect(recent.body.versions[0]).toMatchObject({ action: "rollback", path: "faq/shipping/express-shipping.md" });
    expect((await call("POST", "/admin/api/versions/999999/rollback", { body: {} })).status).toBe(404);
  }, 240_000);
});
