import fs from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import { signCustomerIdentity } from "../../server/dialogue/index.ts";
import { inferTeam } from "../../server/handoff/index.ts";
import type { ChatMessageFrame, ServerFrame, WelcomeFrame } from "../../server/protocol.ts";
import type { Customer, ShopRepository } from "../../server/storage/index.ts";
import { scoreCase, type CaseResult, type ObservedReply, type UnderstandingCase } from "./understanding-cases.ts";

/** A minimal chat session over the real WebSocket protocol, for evaluations. */
export interface EvalChat {
  welcome: WelcomeFrame;
  /** Send a message; resolves with the reply and the milliseconds until it arrived. */
  ask(text: string): Promise<{ reply: ChatMessageFrame; ms: number }>;
  close(): void;
}

let counter = 0;

/** Open a conversation (optionally as a signed customer). */
export async function openEvalChat(url: string, customer?: { id: string; secret: string }): Promise<EvalChat> {
  const ws = new WebSocket(url.replace(/^http/, "ws") + "/ws");
  const pending = new Map<string, (f: ChatMessageFrame) => void>();
  let onWelcome: (w: WelcomeFrame) => void = () => undefined;
  const welcomed = new Promise<WelcomeFrame>((r) => (onWelcome = r));
  const seen: string[] = [];
  ws.on("message", (data) => {
    seen.push(data.toString().slice(0, 300));
    const f = JSON.parse(data.toString()) as ServerFrame;
    if (f.type === "welcome") onWelcome(f);
    if (f.type === "message" && f.from !== "shopper" && f.replyTo) pending.get(f.replyTo)?.(f);
    if (f.type === "error" && f.replyTo) pending.get(f.replyTo)?.({ type: "message", seq: -1, from: "system", text: `error ${f.code}: ${f.message}`, replyTo: f.replyTo });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  ws.send(JSON.stringify({ type: "hello", ...(customer ? { customer: { id: customer.id, signature: signCustomerIdentity(customer.id, customer.secret) } } : {}) }));
  const welcome = await welcomed;
  return {
    welcome,
    ask(text) {
      const id = `eval-${++counter}`;
      const t0 = performance.now();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply to "${text}" within 30 s; last frames: ${seen.slice(-4).join(" | ")}`)), 30_000);
        pending.set(id, (reply) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve({ reply, ms: performance.now() - t0 });
        });
        ws.send(JSON.stringify({ type: "message", id, text }));
      });
    },
    close: () => ws.close(),
  };
}

/** One scripted turn and one scenario of test/data/dialogue-scenarios.json. */
export interface ScenarioTurn {
  say: string;
  expectAction: string;
  expectContains?: string[];
  expectNotContains?: string[];
}
/** A scripted multi-turn scenario. */
export interface Scenario {
  id: string;
  description: string;
  customer: "verified" | "anonymous" | "verified-high-risk" | "verified-high-value";
  turns: ScenarioTurn[];
}

/** Load the scripted dialogue scenarios kept in the repo. */
export function loadScenarios(file = path.resolve("test/data/dialogue-scenarios.json")): Scenario[] {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Scenario[];
}

/** Customers of the demo shop that play the scenario roles, chosen by what the models say about them. */
export interface ScenarioCast {
  verified: Customer;
  "verified-high-risk": Customer;
  "verified-high-value": Customer;
  /** Order and e-mail used in anonymous order scenarios. */
  anonymousOrder: { id: string; email: string };
  orderOf: Record<string, string>;
}

type Profile = { clv: { clvCents: number } | null; churn: { risk: number } | null; segment: { name: string } | null };

/**
 * Pick the cast from the server's database and its profile API: an ordinary customer with a shipped order, a
 * high-churn-risk customer with meaningful CLV, and a high-value customer.
 */
export async function pickCast(url: string, shop: ShopRepository, adminToken: string, thresholds: { highValueClvCents: number; riskMin: number; riskClvMinCents: number }): Promise<ScenarioCast> {
  {
    // The cast consents to profiling and marketing: upsell and retention offers need both (docs/privacy.md).
    const customers = (await shop.listCustomers()).filter((c) => c.profilingConsent && c.marketingConsent);
    const profile = async (id: string): Promise<Profile> => {
      const res = await fetch(`${url}/api/customers/${id}/profile?k=0`, { headers: { authorization: `Bearer ${adminToken}` } });
      if (!res.ok) throw new Error(`profile ${id}: HTTP ${res.status}`);
      return (await res.json()) as Profile;
    };
    const isHighValue = (p: Profile) => (p.clv?.clvCents ?? 0) >= thresholds.highValueClvCents || p.segment?.name === "champions" || p.segment?.name === "cant_lose";
    const find = async (personas: string[], ok: (p: Profile, c: Customer) => boolean | Promise<boolean>): Promise<Customer> => {
      const ordered = [...customers.filter((c) => personas.includes(c.persona ?? "")), ...customers.filter((c) => !personas.includes(c.persona ?? ""))];
      for (const c of ordered.slice(0, 600)) if (await ok(await profile(c.id), c)) return c;
      throw new Error(`no customer fits the role among personas ${personas.join(", ")}`);
    };
    const latest = async (c: Customer) => (await shop.listCustomerOrders(c.id, 1))[0];
    const verified = await find(
      ["seasonal", "bargain"],
      async (p, c) => !isHighValue(p) && (p.churn?.risk ?? 1) < thresholds.riskMin && ["shipped", "processing", "delivered"].includes((await latest(c))?.status ?? ""),
    );
    const risky = await find(["drifting"], (p) => !isHighValue(p) && (p.churn?.risk ?? 0) >= thresholds.riskMin && (p.clv?.clvCents ?? 0) >= thresholds.riskClvMinCents);
    const valuable = await find(["loyal"], (p) => isHighValue(p));
    const anon = (await latest(verified))!;
    return {
      verified,
      "verified-high-risk": risky,
      "verified-high-value": valuable,
      anonymousOrder: { id: anon.id, email: verified.email },
      orderOf: Object.fromEntries(await Promise.all([verified, risky, valuable].map(async (c) => [c.id, (await latest(c))?.id ?? "FF-000000"]))),
    };
  }
}

/** The result of one scripted turn. */
export interface TurnResult {
  scenario: string;
  customer: string;
  say: string;
  expected: string;
  got: string;
  ok: boolean;
  contentOk: boolean;
  ms: number;
  text: string;
}

/** Play every scenario in its own conversation and record each turn. */
export async function runScenarios(url: string, secret: string, scenarios: readonly Scenario[], cast: ScenarioCast, onTurn?: (r: TurnResult) => void): Promise<TurnResult[]> {
  const results: TurnResult[] = [];
  for (const s of scenarios) {
    const who = s.customer === "anonymous" ? undefined : cast[s.customer];
    const orderId = who ? cast.orderOf[who.id] : cast.anonymousOrder.id;
    const email = who ? who.email : cast.anonymousOrder.email;
    const fill = (t: string) => t.replaceAll("{orderId}", orderId).replaceAll("{email}", email).replaceAll("{wrongEmail}", "someone.else@example.org");
    const chat = await openEvalChat(url, who && { id: who.id, secret });
    try {
      for (const turn of s.turns) {
        const { reply, ms } = await chat.ask(fill(turn.say));
        const text = reply.text.toLowerCase();
        const contentOk =
          (turn.expectContains ?? []).every((c) => text.includes(fill(c).toLowerCase())) &&
          (turn.expectNotContains ?? []).every((c) => !text.includes(fill(c).toLowerCase()));
        const r: TurnResult = { scenario: s.id, customer: s.customer, say: fill(turn.say), expected: turn.expectAction, got: reply.action ?? reply.from, ok: reply.action === turn.expectAction, contentOk, ms, text: reply.text };
        results.push(r);
        onTurn?.(r);
      }
    } finally {
      chat.close();
    }
  }
  return results;
}

/** One single-turn case played against the server. */
export interface CaseRun {
  result: CaseResult;
  observed: ObservedReply;
  /** The top retrieval candidate the server considered (from its decision record), for the naive baseline. */
  topCandidate?: string;
  ms: number;
}

/** The decision record fields the evaluation reads; tolerant of a changed record shape. */
type DecisionsResponse = { decisions?: { decision?: { retrieval?: { candidates?: { id?: string }[] } } }[] };

async function topRetrievalCandidate(url: string, adminToken: string, conversationId: string): Promise<string | undefined> {
  const res = await fetch(`${url}/api/conversations/${conversationId}/decisions`, { headers: { authorization: `Bearer ${adminToken}` } });
  if (!res.ok) return undefined;
  const body = (await res.json()) as DecisionsResponse;
  return body.decisions?.at(-1)?.decision?.retrieval?.candidates?.[0]?.id;
}

/**
 * Ask every case as the first message of its own anonymous conversation and judge the reply (scoreCase). A handoff's
 * team is inferred from the turn exactly as the handoff queue does (inferTeam over the shopper message and the bot
 * turn). With `adminToken`, the top retrieval candidate of each turn is read from the decision record.
 */
export async function runCases(url: string, cases: readonly UnderstandingCase[], options: { adminToken?: string; onCase?: (r: CaseRun) => void } = {}): Promise<CaseRun[]> {
  const runs: CaseRun[] = [];
  for (const c of cases) {
    const chat = await openEvalChat(url);
    try {
      const { reply, ms } = await chat.ask(c.say);
      const action = reply.action ?? reply.from;
      const observed: ObservedReply = {
        action,
        text: reply.text,
        sources: (reply.sources ?? []).map((s) => s.id),
        products: (reply.products ?? []).map((p) => p.id),
        team:
          action === "handoff"
            ? inferTeam([
                { sender: "shopper", text: c.say },
                { sender: "bot", text: reply.text, action, intent: reply.intent?.name },
              ])
            : undefined,
      };
      const { outcome, why } = scoreCase(c, observed);
      const topCandidate = options.adminToken ? await topRetrievalCandidate(url, options.adminToken, chat.welcome.conversationId) : undefined;
      const run: CaseRun = { result: { id: c.id, category: c.category, split: c.split, say: c.say, outcome, why, action, sources: observed.sources }, observed, topCandidate, ms };
      runs.push(run);
      options.onCase?.(run);
    } finally {
      chat.close();
    }
  }
  return runs;
}
