/**
 * Structural checks on the hand-written evaluation data in test/data/, so a bad edit fails CI:
 * policy-questions.json (two shopper paraphrases per fact of server/demo-shop/POLICIES.md, with the entries that
 * state the fact), dialogue-scenarios.json (scripted multi-turn conversations with the action expected on every
 * turn) and cases/<category>.json (single-turn understanding cases, docs/evaluation.md).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CASE_FILE_CATEGORIES, CaseSchema, PolicyQuestionSchema, statesFigure, type CaseInput } from "../scripts/lib/understanding-cases.ts";
import { generateDemoShop } from "../server/demo-shop/index.ts";
import type { BotAction } from "../server/protocol.ts";
import { loadKnowledge } from "../server/retrieval/index.ts";

const POLICIES_FILE = new URL("../server/demo-shop/POLICIES.md", import.meta.url);
const QUESTIONS_FILE = new URL("./data/policy-questions.json", import.meta.url);
const SCENARIOS_FILE = new URL("./data/dialogue-scenarios.json", import.meta.url);

/** Every action the protocol defines; `satisfies` makes the compiler reject a name the protocol lacks. */
const ACTIONS = [
  "answer", "clarify", "order_status", "recommend", "upsell", "retention_offer", "handoff", "fallback", "smalltalk",
] as const satisfies readonly BotAction[];

const CUSTOMERS = ["verified", "anonymous", "verified-high-risk", "verified-high-value"] as const;
const PLACEHOLDERS = new Set(["{orderId}", "{email}", "{wrongEmail}"]);
/** How many numbered facts each section of POLICIES.md holds, in file order. */
const FACT_RANGES = { S: 8, R: 7, O: 5, P: 6, M: 5, W: 5, A: 4, C: 4 } as const;
/** A question sharing this many consecutive words with its fact copies the policy instead of paraphrasing it. */
const MAX_SHARED_WORDS = 5;

const NonEmpty = z.string().refine((s) => s.trim().length > 0, "must not be empty or blank");

const Turn = z.strictObject({
  say: NonEmpty,
  expectAction: z.enum(ACTIONS),
  expectContains: z.array(NonEmpty).min(1).optional(),
  expectNotContains: z.array(NonEmpty).min(1).optional(),
});

const Scenario = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "kebab-case id"),
  description: NonEmpty,
  customer: z.enum(CUSTOMERS),
  turns: z.array(Turn).min(1),
});

/** Fact id -> fact text, parsed from lines like "- S4. We ship to Canada ...". */
function readFacts(): Map<string, string> {
  const facts = new Map<string, string>();
  for (const line of readFileSync(POLICIES_FILE, "utf8").split("\n")) {
    const m = /^- ([A-Z]\d+)\. (.+)$/.exec(line.trim());
    if (m) facts.set(m[1]!, m[2]!);
  }
  return facts;
}

/** Reads and validates a data file without throwing, so a bad edit shows up as a failing test with the reason. */
function load<T>(file: URL, schema: z.ZodType<T>): { data: T | undefined; problem: string | undefined } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    return { data: undefined, problem: `not valid JSON: ${(err as Error).message}` };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { data: parsed.data, problem: undefined } : { data: undefined, problem: z.prettifyError(parsed.error) };
}

function words(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z0-9$.,'-]+/g, " ").replace(/[.,]+(\s|$)/g, " ").split(/\s+/).filter(Boolean);
}

/** The longest run of consecutive words two texts share. */
function longestSharedRun(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  let best = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < y.length; j++) {
      let k = 0;
      while (i + k < x.length && j + k < y.length && x[i + k] === y[j + k]) k++;
      best = Math.max(best, k);
    }
  }
  return best;
}

function placeholdersIn(text: string): string[] {
  return text.match(/\{[^}]*\}/g) ?? [];
}

describe("policy-questions.json", () => {
  const facts = readFacts();
  const loaded = load(QUESTIONS_FILE, z.array(PolicyQuestionSchema));
  const items = loaded.data ?? [];

  it("is valid JSON where every item has a fact id, a question and non-empty expected strings", () => {
    expect(loaded.problem).toBeUndefined();
  });

  it("reads every fact S1–S8, R1–R7, O1–O5, P1–P6, M1–M5, W1–W5, A1–A4, C1–C4 (44) from POLICIES.md", () => {
    const expected = Object.entries(FACT_RANGES).flatMap(([prefix, n]) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`));
    expect([...facts.keys()]).toEqual(expected);
  });

  it("asks exactly two questions about every fact and none about unknown facts", () => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item.fact, (counts.get(item.fact) ?? 0) + 1);
    expect([...counts.keys()].filter((id) => !facts.has(id))).toEqual([]);
    expect([...facts.keys()].filter((id) => counts.get(id) !== 2)).toEqual([]);
    expect(items).toHaveLength(2 * facts.size);
  });

  it("never repeats a question", () => {
    const seen = new Set(items.map((i) => i.question.trim().toLowerCase()));
    expect(seen.size).toBe(items.length);
  });

  it("only expects strings that the fact itself states, so a correct answer can contain them", () => {
    const missing: string[] = [];
    for (const item of items) {
      const text = facts.get(item.fact)!.toLowerCase();
      for (const e of item.expect) if (!text.includes(e.toLowerCase())) missing.push(`${item.fact}: expect "${e}"`);
      if (item.expectAny.length > 0 && !item.expectAny.some((e) => text.includes(e.toLowerCase()))) {
        missing.push(`${item.fact}: none of expectAny ${JSON.stringify(item.expectAny)}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("names only knowledge entries that state the question's fact", () => {
    const facts = new Map(loadKnowledge(path.resolve("knowledge")).faq.map((e) => [e.id, e.facts]));
    const bad = items.flatMap((i) => i.entries.filter((id) => !facts.get(id)?.includes(i.fact)).map((id) => `${i.fact}: ${id}`));
    expect(bad).toEqual([]);
  });

  it("paraphrases rather than copies the policy wording", () => {
    const copied = items
      .filter((i) => longestSharedRun(i.question, facts.get(i.fact)!) >= MAX_SHARED_WORDS)
      .map((i) => `${i.fact}: ${i.question}`);
    expect(copied).toEqual([]);
  });
});

describe("dialogue-scenarios.json", () => {
  const loaded = load(SCENARIOS_FILE, z.array(Scenario));
  const scenarios = loaded.data ?? [];

  it("is valid JSON where every turn has a known action and no string is empty", () => {
    expect(loaded.problem).toBeUndefined();
  });
  const allTurns = scenarios.flatMap((s) => s.turns.map((t) => ({ scenario: s, turn: t })));

  it("holds at least 70 scenarios with unique ids", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(70);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
  });

  it("expects every bot action at least once and uses every customer kind", () => {
    const actions = new Set(allTurns.map((t) => t.turn.expectAction));
    expect(ACTIONS.filter((a) => !actions.has(a))).toEqual([]);
    const customers = new Set(scenarios.map((s) => s.customer));
    expect(CUSTOMERS.filter((c) => !customers.has(c))).toEqual([]);
  });

  it("uses only the {orderId}, {email} and {wrongEmail} placeholders", () => {
    const unknown = allTurns.flatMap(({ scenario, turn }) =>
      [turn.say, ...(turn.expectContains ?? []), ...(turn.expectNotContains ?? [])]
        .flatMap(placeholdersIn)
        .filter((p) => !PLACEHOLDERS.has(p))
        .map((p) => `${scenario.id}: ${p}`),
    );
    expect(unknown).toEqual([]);
  });

  it("never expects an upsell in a complaint or an angry conversation", () => {
    const bad = scenarios
      .filter((s) => /^(complaint|angry)-/.test(s.id) && s.turns.some((t) => t.expectAction === "upsell"))
      .map((s) => s.id);
    expect(bad).toEqual([]);
  });

  it("expects retention offers only for high-risk customers", () => {
    const bad = allTurns
      .filter((t) => t.turn.expectAction === "retention_offer" && t.scenario.customer !== "verified-high-risk")
      .map((t) => t.scenario.id);
    expect(bad).toEqual([]);
  });

  it("asks anonymous shoppers for an order number and email before giving an order status", () => {
    const anonymousOrders = scenarios.filter((s) => s.customer === "anonymous" && s.turns[0]!.expectAction === "order_status");
    expect(anonymousOrders.length).toBeGreaterThanOrEqual(3);
    for (const s of anonymousOrders) {
      const first = s.turns[0]!;
      const mentionsEmail = (first.expectContains ?? []).some((e) => e.toLowerCase().includes("email"));
      const mentionsNumber = (first.expectContains ?? []).some((e) => e.toLowerCase().includes("order number"));
      expect(mentionsEmail || mentionsNumber, s.id).toBe(true);
    }
  });

  it("scripts a fallback followed by a handoff for two unhelpful turns in a row", () => {
    const escalations = scenarios.filter((s) =>
      s.turns.some((t, i) => t.expectAction === "fallback" && s.turns[i + 1]?.expectAction === "handoff"),
    );
    expect(escalations.length).toBeGreaterThanOrEqual(2);
  });

  it("uses a wrong email only in anonymous scenarios that also name the order", () => {
    const bad = scenarios
      .filter((s) => s.turns.some((t) => t.say.includes("{wrongEmail}")))
      .filter((s) => s.customer !== "anonymous" || !s.turns.some((t) => t.say.includes("{orderId}")))
      .map((s) => s.id);
    expect(bad).toEqual([]);
  });
});

describe("cases/<category>.json", () => {
  const files = CASE_FILE_CATEGORIES.map((category) => ({ category, ...load(new URL(`./data/cases/${category}.json`, import.meta.url), z.array(CaseSchema)) }));
  const all = files.flatMap((f) => (f.data ?? []).map((c) => ({ ...c, category: f.category })));
  const entryIds = new Set(loadKnowledge(path.resolve("knowledge")).faq.map((e) => e.id));
  const products = new Map(generateDemoShop({ seed: 42, customers: 1 }).products.map((p) => [p.id, p]));

  it("are valid JSON with an id, a split, a message and at least one expectation per case", () => {
    expect(files.filter((f) => f.problem).map((f) => `${f.category}: ${f.problem}`)).toEqual([]);
  });

  it("hold at least 40 cases per category, at least 15 of them held out, with unique ids and messages", () => {
    for (const f of files) {
      const cases: CaseInput[] = f.data ?? [];
      expect(cases.length, f.category).toBeGreaterThanOrEqual(40);
      expect(cases.filter((c) => c.split === "heldout").length, f.category).toBeGreaterThanOrEqual(15);
      expect(new Set(cases.map((c) => c.say.trim().toLowerCase())).size, f.category).toBe(cases.length);
    }
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it("expect only knowledge entries that exist", () => {
    const unknown = all.flatMap((c) => c.expect.flatMap((e) => (e.entries ?? []).filter((id) => !entryIds.has(id)).map((id) => `${c.id}: ${id}`)));
    expect(unknown).toEqual([]);
  });

  it("ask product questions about demo-shop products (seed 42) by a word of their name, with figures the product states", () => {
    const generic = new Set(["treadmill", "jacket", "tights", "tent", "socks", "shorts", "headlamp", "trekking", "poles", "sleeping", "bag", "mat", "bands", "the", "and", "of", "co."]);
    const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
    const bad: string[] = [];
    for (const c of all.filter((x) => x.category === "product-qa")) {
      for (const e of c.expect) {
        for (const id of e.products ?? []) {
          const p = products.get(id);
          if (!p) {
            bad.push(`${c.id}: no product ${id}`);
            continue;
          }
          const words = p.name.toLowerCase().split(/\s+/).filter((w) => !generic.has(w) && squash(w).length >= 3);
          if (!words.some((w) => squash(c.say).includes(squash(w)))) bad.push(`${c.id}: "${c.say}" names no word of ${p.name}`);
          const facts = `$${(p.priceCents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })} ${p.weightKg} kg ${p.description}`;
          // A warranty comes from the policy for the product's category (POLICIES.md W1, W2), not from the product record.
          if (c.asks !== "warranty") for (const g of e.figures ?? []) if (!g.some((f) => statesFigure(facts, f))) bad.push(`${c.id}: ${id} does not state ${g.join("/")}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it("expect a handoff with a team for every handoff-with-a-topic case, and never product cards for a damage report", () => {
    const noTeam = all.filter((c) => c.category === "handoff-topic" && !c.expect.every((e) => e.action === "handoff" && e.team)).map((c) => c.id);
    expect(noTeam).toEqual([]);
    const recommend = all.filter((c) => c.category === "damage" && c.expect.some((e) => ["recommend", "upsell"].includes(e.action))).map((c) => c.id);
    expect(recommend).toEqual([]);
  });
});

describe("knowledge/faq entries (English)", () => {
  // Translations (<id>.<lang>.md) are checked by their own rules.
  const entries = loadKnowledge(path.resolve("knowledge")).faq.filter((e) => !/\.[a-z]{2}\.md$/.test(e.file));

  it("never open with yes or no, so an answer reads right for every question that leads to it", () => {
    // "Do you ship to Canada?" and "How long does shipping to Canada take?" reach the same entry; "Yes!" fits only one.
    const opener = /^(yes|no|yep|nope|yeah|sure|of course|absolutely|certainly|unfortunately not)\b/i;
    expect(entries.filter((e) => opener.test(e.answer.trim())).map((e) => `${e.id}: ${e.answer.slice(0, 40)}`)).toEqual([]);
  });

  it("keep every held-out evaluation message out of their example questions", () => {
    const heldout = new Set(
      CASE_FILE_CATEGORIES.flatMap((c) => z.array(CaseSchema).parse(JSON.parse(readFileSync(new URL(`./data/cases/${c}.json`, import.meta.url), "utf8"))))
        .filter((c) => c.split === "heldout")
        .map((c) => c.say.trim().toLowerCase().replace(/[?!.]+$/, "")),
    );
    const leaked = entries.flatMap((e) => e.questions.filter((q) => heldout.has(q.trim().toLowerCase().replace(/[?!.]+$/, ""))).map((q) => `${e.id}: ${q}`));
    expect(leaked).toEqual([]);
  });

  it("have one overview entry per topic shoppers ask about as a whole, stating the figures of every option", () => {
    const byId = new Map(entries.map((e) => [e.id, e]));
    const overviews: Record<string, string[]> = {
      "shipping-options": ["3–5 business days", "$50", "$5.95", "$14.95", "$12.00", "$19.00", "30 kg", "$79", "2 p.m.", "tracking number"],
      "returns-overview": ["30 days", "60 days", "Books", "$6.50", "5–7 business days", "Exchanges", "7 days"],
      "payment-options": ["Visa", "PayPal", "Apple Pay", "Google Pay", "Pay in 4", "$100 to $2,000", "$25", "never expire", "One promo code", "USD"],
      "summit-club-overview": ["free to join", "1 point per $1", "$5 off", "24 hours", "$500", "1.5 points", "12 months"],
    };
    for (const [id, figures] of Object.entries(overviews)) {
      const e = byId.get(id);
      expect(e, id).toBeDefined();
      expect(e!.tags, id).toContain("overview");
      expect(figures.filter((f) => !e!.answer.includes(f)), id).toEqual([]);
    }
  });
});
