/**
 * Export and erasure of one customer everywhere, through the real server: a customer with a rich
 * history (signed chat, an order look-up, an offer, feedback, a handoff with a note, an anonymous
 * out-of-hours ticket with their e-mail) is exported, erased, and then every table the database
 * catalogue lists and every file under DATA_DIR is searched for their id, name, e-mail and phone.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signCustomerIdentity } from "../server/dialogue/index.ts";
import type { ErasureReceipt } from "../server/privacy/index.ts";
import type { WelcomeFrame } from "../server/protocol.ts";
import { findTraces, listCatalogueTables, type Customer } from "../server/storage/index.ts";
import { connectChat, type ChatClient } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";
import { dropSchema, freshSchema, postgresAvailable, TEST_DATABASE_URL } from "./helpers/services.ts";

const ADMIN = { email: "admin@privacy.example", password: "admin-password-1" };
const PHONE = { typed: "+44 7911 123456", digits: "7911123456", spaced: "7911 123456" };

type Json = Record<string, unknown>;

async function call(server: TestServer, p: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<{ status: number; body: Json }> {
  const token = init.token === undefined ? server.config.adminToken : init.token;
  const res = await fetch(`${server.url}${p}`, {
    method: init.method ?? "GET",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function hello(server: TestServer, customer?: Customer): Promise<{ client: ChatClient; conversationId: string }> {
  const client = await connectChat(server.url);
  client.send({ type: "hello", ...(customer ? { customer: { id: customer.id, signature: signCustomerIdentity(customer.id, server.config.shopSecret) } } : {}) });
  const welcome = (await client.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
  return { client, conversationId: welcome.conversationId };
}

/** A customer with a shipped order whose id, name and e-mail occur nowhere else in the shop (so a trace is theirs). */
async function distinctCustomer(server: TestServer, exclude: readonly string[] = []): Promise<Customer> {
  const all = await server.storage.shop.listCustomers();
  const others = (c: Customer) => all.filter((x) => x.id !== c.id);
  for (const c of all) {
    if (exclude.includes(c.id) || !c.profilingConsent) continue;
    const latest = (await server.storage.shop.listCustomerOrders(c.id, 1))[0];
    if (latest?.status !== "shipped") continue;
    const clash = others(c).some((x) => [x.name, x.email, x.id].some((v) => [c.name, c.email].some((n) => v.toLowerCase().includes(n.toLowerCase()))));
    if (!clash) return c;
  }
  throw new Error("no customer with a distinct name and e-mail");
}

/** Poll `check` every 100 ms until it holds or 10 s pass. */
async function until(check: () => Promise<boolean>): Promise<boolean> {
  for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await check()) return true;
  return false;
}

/** Every file under a folder. */
function fileList(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Files under DATA_DIR that hold any of the needles (raw bytes, as typed and lower-cased). */
function fileTraces(dir: string, needles: readonly string[]): string[] {
  const hits: string[] = [];
  for (const file of fileList(dir)) {
    const bytes = fs.readFileSync(file);
    for (const n of needles) for (const form of new Set([n, n.toLowerCase()])) if (bytes.includes(Buffer.from(form))) hits.push(`${path.relative(dir, file)}: ${form}`);
  }
  return hits;
}

const dialects: { name: string; env: () => Promise<Record<string, string>>; cleanup?: () => Promise<void> }[] = [{ name: "SQLite", env: async () => ({}) }];
if (await postgresAvailable()) {
  const schema = freshSchema();
  dialects.push({ name: "PostgreSQL", env: async () => ({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema }), cleanup: () => dropSchema(schema) });
}

for (const dialect of dialects) {
  describe(`customer export and erasure through the real server (${dialect.name})`, () => {
    let server: TestServer;
    let customer: Customer;
    let exported: Json;
    let erased: { customerId: string; receipt: ErasureReceipt };
    let agentId: string;

    beforeAll(async () => {
      server = await startTestServer({
        ...(await dialect.env()),
        SEED_DEMO: "true", DEMO_CUSTOMERS: "150", HOLDOUT_SHARE: "0", SUPPORT_HOURS: "always", RATE_LIMIT_MESSAGES: "500",
        ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_AGENTS: "false",
      });
      customer = await distinctCustomer(server);
      // Offers go only to customers who consented to marketing.
      await server.storage.driver.run("UPDATE customers SET marketing_consent = 1 WHERE id = ?", [customer.id]);

      // A signed chat: an order look-up, personal details typed in, an offer, feedback.
      const chat = await hello(server, customer);
      expect((await chat.client.ask("where is my order?")).action).toBe("order_status");
      await chat.client.ask(`you can reach me on ${PHONE.typed} or ${customer.email}, I'm ${customer.name}`);
      const buy = await chat.client.ask("I'm getting the trail running shoes, anything else I need with them?");
      expect(["upsell", "smalltalk"]).toContain(buy.action);
      chat.client.send({ type: "feedback", rating: "up" });
      // A handoff: an agent accepts, reads the sidebar, writes a note, replies and closes.
      const handoff = await chat.client.ask("I want to talk to a real person please");
      expect(handoff.action).toBe("handoff");
      const login = await call(server, "/agent/api/login", { method: "POST", body: ADMIN, token: null });
      const token = login.body.token as string;
      agentId = (login.body.agent as { id: string }).id;
      const agent = (p: string, body?: unknown) => call(server, `/agent/api/conversations/${chat.conversationId}${p}`, { method: body ? "POST" : "GET", body, token });
      expect(await until(async () => (await agent("/accept", {})).status === 200)).toBe(true);
      expect((await agent("")).body).toMatchObject({ sidebar: { customer: { id: customer.id } } });
      expect((await agent("/notes", { text: `${customer.name} asked to be called on ${PHONE.typed}` })).status).toBe(200);
      expect((await agent("/messages", { id: "agent-1", text: "Happy to help, I'll sort it out." })).status).toBe(200);
      expect((await agent("/close", { resolution: "answered" })).status).toBe(200);
      chat.client.close();

      // An anonymous shopper leaves an out-of-hours ticket with the customer's e-mail.
      const anon = await hello(server);
      await server.app.services.handoff.tickets.start(anon.conversationId, "explicit");
      const ticketReply = await anon.client.ask(`please call me back on ${PHONE.typed}, my email is ${customer.email}`);
      expect(ticketReply.text).toMatch(/ticket #\d+/);
      anon.client.close();

      expect((await call(server, `/api/customers/${customer.id}/profile?k=0`)).status).toBe(200);
    }, 300_000);

    afterAll(async () => {
      await server?.close();
      await dialect.cleanup?.();
    });

    it("exports everything held about the customer as one JSON document", async () => {
      const res = await call(server, `/api/privacy/customers/${customer.id}/export`);
      expect(res.status).toBe(200);
      exported = res.body;
      const tables = exported.tables as Record<string, Json[]>;
      for (const t of ["customers", "orders", "order_items", "conversations", "messages", "dialogue_memory", "feedback", "handoffs", "agent_notes", "conversation_transitions", "tickets", "offers", "experiment_assignments", "audit_log"]) {
        expect(tables[t]?.length, t).toBeGreaterThan(0);
      }
      expect(tables.customers[0]).toMatchObject({ id: customer.id, email: customer.email, name: customer.name });
      expect(tables.tickets[0]).toMatchObject({ email: customer.email.toLowerCase() });
      expect(tables.messages.some((m) => (m.payload as Json).decision !== undefined)).toBe(true);
      // Typed personal data is stored masked.
      expect(JSON.stringify(tables.messages)).not.toContain(PHONE.spaced);
      expect((exported.insights as Json).profilingConsent).toBe(true);
      // The control for the file search below: before the erasure the SQLite files do hold the customer.
      if (dialect.name === "SQLite") expect(fileTraces(server.dataDir, [customer.email, customer.name]).length).toBeGreaterThan(0);
    });

    it("erases the customer and returns a signed receipt that verifies", async () => {
      const wrong = await call(server, `/api/privacy/customers/${customer.id}/erase`, { method: "POST", body: { confirm: "C99999" } });
      expect(wrong.status).toBe(400);
      expect(await server.storage.shop.getCustomer(customer.id)).toBeDefined();
      expect((await call(server, `/api/privacy/customers/${customer.id}/erase`, { method: "POST", body: { confirm: customer.id }, token: "wrong-token" })).status).toBe(401);

      const res = await call(server, `/api/privacy/customers/${customer.id}/erase`, { method: "POST", body: { confirm: customer.id, reason: "request 17" } });
      expect(res.status).toBe(200);
      erased = res.body as unknown as typeof erased;
      const r = erased.receipt;
      expect(r).toMatchObject({ requestedBy: "admin-token", reason: "request 17", pseudonym: expect.stringMatching(/^ERASED-/) });
      const rows = Object.fromEntries(r.tables.map((t) => [`${t.table}:${t.action}`, t.rows]));
      expect(rows["messages:deleted"]).toBeGreaterThanOrEqual(8);
      expect(rows["tickets:deleted"]).toBe(1);
      expect(rows["orders:pseudonymised"]).toBeGreaterThan(0);
      expect(rows["customers:anonymised"]).toBe(1);
      expect(r.caches.map((c) => c.name)).toContain("embedding cache");
      expect(r.files.filter((f) => f.count)).toEqual([]);
      console.log(`[privacy] ${dialect.name}: erased ${r.tables.reduce((n, t) => n + t.rows, 0)} rows in ${r.durationMs} ms`, JSON.stringify(rows));

      expect((await call(server, "/api/privacy/receipts/verify", { method: "POST", body: { receipt: r, customerId: customer.id } })).body).toEqual({ valid: true, subjectMatches: true });
      const tampered = { ...r, tables: r.tables.slice(1) };
      expect((await call(server, "/api/privacy/receipts/verify", { method: "POST", body: { receipt: tampered } })).body).toMatchObject({ valid: false });
      expect((await call(server, `/api/privacy/receipts/${r.id}`)).body).toEqual(r);
      expect(((await call(server, `/api/privacy/receipts?customerId=${customer.id}`)).body.receipts as unknown[]).length).toBe(1);
    });

    it("leaves no trace of the id, name, e-mail or phone in any table or any file under DATA_DIR", async () => {
      const needles = [customer.id, customer.name, customer.email, PHONE.typed, PHONE.spaced, PHONE.digits];
      const tables = await findTraces(server.storage.driver, needles);
      const files = fileTraces(server.dataDir, needles);
      const catalogue = await listCatalogueTables(server.storage.driver);
      console.log(`[privacy] ${dialect.name}: no-trace search over ${catalogue.length} tables (${catalogue.reduce((n, t) => n + t.columns.length, 0)} columns) and ${fileList(server.dataDir).length} files: ${tables.length} table hits, ${files.length} file hits`);
      expect(tables).toEqual([]);
      expect(files).toEqual([]);
      const embedder = server.app.services.embedder as unknown as { forget(m: (t: string) => boolean): number };
      expect(embedder.forget((t) => t.includes(customer.email.toLowerCase()) || t.includes(customer.id.toLowerCase()))).toBe(0);
      // The orders stay for accounting, under the pseudonym.
      const kept = await server.storage.shop.listCustomerOrders(erased.receipt.pseudonym, 500);
      const orders = (exported.tables as Record<string, Json[]>).orders;
      expect(kept.length).toBe(orders.length);
      expect(kept.reduce((n, o) => n + o.totalCents, 0)).toBe(orders.reduce((n, o) => n + Number(o.total_cents), 0));
    });

    it("keeps who touched the customer's data in the audit log, under the pseudonym", async () => {
      const before = await call(server, `/api/privacy/audit?customerId=${customer.id}`);
      expect(before.body.entries).toEqual([]);
      const res = await call(server, `/api/privacy/audit?customerId=${erased.receipt.pseudonym}`);
      const entries = res.body.entries as { actor: string; action: string }[];
      expect(entries.map((e) => `${e.actor} ${e.action}`)).toEqual(
        expect.arrayContaining([`agent:${agentId} sidebar.read`, `agent:${agentId} note.add`, "admin-token profile.read", "admin-token customer.export", "admin-token customer.erase"]),
      );
    });

    it("says a customer was erased when asked again, and refuses to erase one with a conversation with an agent", async () => {
      const again = await call(server, `/api/privacy/customers/${customer.id}/erase`, { method: "POST", body: { confirm: customer.id } });
      expect(again.status).toBe(404);
      expect(again.body.message).toMatch(/was erased at .* \(receipt /);
      const other = await distinctCustomer(server, [customer.id]);
      const chat = await hello(server, other);
      expect((await chat.client.ask("I want to talk to a real person please")).action).toBe("handoff");
      expect(await until(async () => (await server.storage.conversations.get(chat.conversationId))?.state === "queued")).toBe(true);
      const blocked = await call(server, `/api/privacy/customers/${other.id}/erase`, { method: "POST", body: { confirm: other.id } });
      expect(blocked).toMatchObject({ status: 409, body: { code: "CHAT_ERR_ERASURE_BLOCKED" } });
      expect(await server.storage.shop.getCustomer(other.id)).toBeDefined();
      chat.client.close();
    });
  });
}
