/**
 * The bot's decision record (server/dialogue/engine.ts `DecisionRecord`) as readable lines for the
 * agent console: "Answered from 'Return window' — confidence 0.82 ≥ bar 0.5". Known fields become
 * sentences; fields added later are shown compactly as `name: value`, so nothing is hidden.
 */
import { churnBand, formatCents, formatPercent, labelWords } from "./plain-words.ts";

/** The parts of a transcript message the trail reads besides the decision. */
export interface DecidedMessage {
  action?: string;
  sources?: { id: string; title: string }[];
}

type Json = Record<string, unknown>;

const KNOWN = new Set(["rule", "why", "intent", "retrieval", "sentiment", "customer", "experiment", "handoffReason", "bar", "threshold", "language", "product"]);
const COMPACT_MAX = 140;

const isObject = (v: unknown): v is Json => !!v && typeof v === "object" && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
const score = (n: number) => String(Math.round(n * 100) / 100);
const ops = (s: string) => s.replace(/>=/g, "≥").replace(/<=/g, "≤");

/** The bar a rule applied: the record's `bar` ({ name, value, observed }) or `threshold`, else the number after `>=` or `below` in the reason. */
function barOf(d: Json, rule: string): number | undefined {
  const explicit = (isObject(d.bar) ? num(d.bar.value) : num(d.bar)) ?? num(d.threshold);
  if (explicit !== undefined) return explicit;
  const m = /(?:>=|≥|below)\s*(\d*\.?\d+)/.exec(rule);
  return m ? Number(m[1]) : undefined;
}

function decisionLine(d: Json, m: DecidedMessage, rule: string): string {
  const retrieval = isObject(d.retrieval) ? d.retrieval : {};
  const confidence = num(retrieval.confidence);
  const bar = barOf(d, rule);
  const source = m.sources?.[0]?.title;
  if (m.action === "handoff") return `Handed off to a person: ${ops(str(d.handoffReason) ?? rule)}`;
  if (source && (m.action === "answer" || m.action === "retention_offer")) {
    if (confidence !== undefined && bar !== undefined && confidence >= bar) return `Answered from "${source}" — confidence ${score(confidence)} ≥ bar ${score(bar)}`;
    return `Answered from "${source}" — ${ops(rule)}`;
  }
  if (m.action === "fallback" && confidence !== undefined && bar !== undefined && confidence < bar) {
    return `Not answered — best knowledge match confidence ${score(confidence)} < bar ${score(bar)}`;
  }
  return `Rule: ${ops(rule)}`;
}

/** The threshold the deciding rule applied, by its policy name: "Bar: answerMinConfidence 0.5 (observed 0.73)". */
function barLine(v: unknown): string | undefined {
  if (!isObject(v) || !str(v.name)) return undefined;
  const value = num(v.value);
  const observed = num(v.observed);
  return `Bar: ${v.name}${value !== undefined ? ` ${score(value)}` : ""}${observed !== undefined ? ` (observed ${score(observed)})` : ""}`;
}

function languageLine(v: unknown): string | undefined {
  if (!isObject(v) || !str(v.lang) || v.lang === "en") return undefined;
  const how = v.knowledge === "translated" ? "answered from translations" : v.knowledge === "none" ? "no translations: English-only note" : "";
  return `Language: ${v.lang}${how ? ` (${how})` : ""}`;
}

function productLine(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  const ids = Array.isArray(v.productIds) ? v.productIds.filter((x): x is string => typeof x === "string") : [];
  return `Product: ${str(v.attribute) ?? "question"} of ${ids.join(", ") || "?"}${v.kind === "detail_unknown" ? " (not in the catalogue)" : v.kind === "ambiguous" ? " (which one?)" : ""}`;
}

function intentLine(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  const label = str(v.label);
  const confidence = num(v.confidence);
  if (!label) return undefined;
  const top = Array.isArray(v.top) ? v.top.filter(isObject) : [];
  const others = top
    .filter((t) => str(t.label) && t.label !== label && (num(t.probability) ?? 0) >= 0.05)
    .slice(0, 2)
    .map((t) => `${labelWords(t.label as string)} ${score(num(t.probability) ?? 0)}`);
  const main = v.outOfScope === true ? `out of scope (closest: ${labelWords(label)}${confidence !== undefined ? ` ${score(confidence)}` : ""})` : `${labelWords(label)}${confidence !== undefined ? ` (${score(confidence)})` : ""}`;
  return `Intent: ${main}${others.length ? `; next: ${others.join(", ")}` : ""}`;
}

function retrievalLine(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  const confidence = num(v.confidence);
  const titles = (Array.isArray(v.candidates) ? v.candidates.filter(isObject) : [])
    .map((c) => str(c.title))
    .filter((t): t is string => !!t)
    .filter((t, i, all) => all.indexOf(t) === i)
    .slice(0, 3);
  if (confidence === undefined && !titles.length) return undefined;
  return `Knowledge: ${confidence !== undefined ? `confidence ${score(confidence)}` : "no confidence"}${titles.length ? `; best matches ${titles.map((t) => `"${t}"`).join(", ")}` : ""}`;
}

function sentimentLine(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  const s = num(v.score);
  const mood = v.strongNegative === true ? "strongly negative" : v.negative === true ? "negative" : s !== undefined && s > 0 ? "positive" : "neutral";
  return `Sentiment: ${mood}${s !== undefined ? ` (AFINN ${s > 0 ? "+" : ""}${s})` : ""}`;
}

function customerLine(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  const parts: string[] = [];
  const segment = str(v.segment);
  const stage = str(v.stage);
  if (segment || stage) parts.push([segment, stage].filter(Boolean).map((x) => labelWords(x as string)).join(", "));
  const clv = num(v.clvCents);
  if (clv !== undefined) parts.push(`CLV ${formatCents(clv)}`);
  const churn = num(v.churnRisk);
  if (churn !== undefined) parts.push(`churn risk ${churnBand(churn)} (${formatPercent(churn)})`);
  if (v.highValue === true) parts.push("high value");
  return `Customer ${str(v.id) ?? ""}${parts.length ? `: ${parts.join("; ")}` : ""}`.trim();
}

function experimentLine(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  const name = str(v.name) ?? "experiment";
  const arm = str(v.arm);
  const reason = str(v.reason);
  return `Experiment "${name}": ${arm ? `${arm} arm, ` : ""}${v.offered === true ? "offer shown" : "no offer shown"}${reason ? ` — ${ops(reason)}` : ""}`;
}

/** `name: value` in one short line (JSON for objects, cut at 140 characters). */
function compact(key: string, value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return `${key}: ${text.length > COMPACT_MAX ? `${text.slice(0, COMPACT_MAX - 1)}…` : text}`;
}

/**
 * Readable lines for one bot turn's decision record, most important first.
 * @example decisionLines({ rule: "retrieval confidence 0.82 >= 0.5", retrieval: { confidence: 0.82, candidates: [] } }, { action: "answer", sources: [{ id: "r", title: "Return window" }] })
 * // ["Answered from \"Return window\" — confidence 0.82 ≥ bar 0.5", "Knowledge: confidence 0.82"]
 */
export function decisionLines(decision: Json, message: DecidedMessage): string[] {
  // `why` is the reason in words; `rule` names the rule module (older records put the reason in `rule`).
  const rule = str(decision.why) ?? str(decision.rule) ?? "no rule recorded";
  const lines = [decisionLine(decision, message, rule)];
  if (str(decision.why) && str(decision.rule)) lines.push(`Decided by rule ${decision.rule}`);
  const parts = [
    barLine(decision.bar), productLine(decision.product), languageLine(decision.language), intentLine(decision.intent), retrievalLine(decision.retrieval),
    sentimentLine(decision.sentiment), customerLine(decision.customer), experimentLine(decision.experiment),
  ];
  for (const line of parts) {
    if (line) lines.push(line);
  }
  for (const [key, value] of Object.entries(decision)) {
    if (!KNOWN.has(key) && value !== undefined && value !== null) lines.push(compact(key, value));
  }
  return lines;
}
