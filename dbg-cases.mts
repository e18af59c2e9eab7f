import fs from "node:fs";
import { startTestServer } from "./test/helpers/server.ts";
import { connectChat } from "./test/helpers/chat-client.ts";
const split = process.argv[2] ?? "dev";
const s = await startTestServer({ SUPPORT_HOURS: "always" });
type C = { id: string; split: string; say: string; entries?: string[]; expect?: unknown };
const cases: C[] = [];
for (const q of JSON.parse(fs.readFileSync("test/data/policy-questions.json", "utf8"))) cases.push({ id: `policy-${q.fact}`, split: "dev", say: q.question, entries: q.entries });
for (const f of ["damage", "overview"]) for (const c of JSON.parse(fs.readFileSync(`test/data/cases/${f}.json`, "utf8"))) cases.push({ ...c, entries: c.expect?.flatMap((e: { entries?: string[] }) => e.entries ?? []) });
const out = fs.createWriteStream(`/tmp/cases-${split}.jsonl`);
for (const c of cases.filter((c) => c.split === split)) {
  const client = await connectChat(s.url);
  client.send({ type: "hello" });
  const w = (await client.waitFor((f) => f.type === "welcome")) as { conversationId: string };
  const r = await client.ask(c.say);
  const msgs = await s.storage.conversations.messagesAfter(w.conversationId, 0);
  const d = msgs.find((m) => m.sender === "bot")?.payload.decision as any;
  out.write(JSON.stringify({ id: c.id, say: c.say, expected: c.entries, action: r.action, source: r.sources?.map((x) => x.id), rule: d.rule, why: d.why, bar: d.bar, intent: [d.intent.label, d.intent.confidence, d.intent.outOfScope], conf: d.retrieval.confidence, cands: d.retrieval.candidates.map((x: any) => [x.id, x.fused]) }) + "\n");
  client.close();
}
out.end();
await s.close();
