/**
 * Drawing the knowledge section's results: the chat preview, the regression report, figures left behind in other
 * entries, "Try it" replies with their decision trail, and version history with diffs. Only draws; no decisions.
 */
import { button, el } from "../shell.ts";

/** Counts of one run of the question set. */
export interface RunSummary {
  right: number;
  missed: number;
  wrong: number;
  total: number;
}

/** One question's result. */
export interface CaseResult {
  id: string;
  outcome: "right" | "missed" | "wrong";
  action: string;
  entry?: string;
  rule: string;
}

/** The regression report of a check or save (server/admin/regression.ts). */
export interface RegressionReport {
  before: RunSummary;
  after: RunSummary;
  changed: { id: string; question: string; expected: string; before: CaseResult; after: CaseResult; worse: boolean }[];
  worse: number;
  better: number;
  staleCases: string[];
}

/** Another entry still stating a changed figure. */
export interface FigureMention {
  id: string;
  lang?: string;
  title: string;
  figures: string[];
  excerpt: string;
}

/** A bot reply from "Try it". */
export interface TryReply {
  text: string;
  action: string;
  sources?: { id: string; title: string }[];
  intent?: { name: string; confidence: number };
  decision: {
    rule: string;
    why: string;
    intent: { label: string; confidence: number; outOfScope: boolean };
    retrieval: { confidence: number; candidates: { id: string; title: string; dense: number; lexical: number; fused: number }[] };
    bar?: { name: string; value: number; observed: number };
  };
}

/** A stored version with its diff. */
export interface VersionView {
  id: number;
  version: number;
  action: string;
  author: string | null;
  createdAt: string;
  note: string | null;
  rollbackOf: number | null;
  regressionConfirmed: boolean;
  gate: { before?: RunSummary; after?: RunSummary; worse?: number; better?: number } | null;
  deleted: boolean;
  diff: { added: number; removed: number; hunks: { header: string; lines: { type: "+" | "-" | " "; text: string }[] }[] };
}

/** A bot message as the widget draws it: the text (already plain, as the server sends it) and its source. */
export function chatBubble(text: string, source?: string): HTMLElement {
  const wrap = el("div");
  wrap.append(el("div", "bubble", text));
  if (source) wrap.append(el("div", "src", `Source: ${source}`));
  return wrap;
}

const outcomeText = (r: CaseResult) => `${r.outcome}: ${r.action === "answer" ? `answered from ${r.entry}` : r.action}`;

/** The report: counts before → after, then every question that changed. */
export function reportView(r: RegressionReport): HTMLElement {
  const box = el("div", "report-view");
  const verdict = r.worse > 0 ? el("div", "warn-box", `${r.worse} question${r.worse === 1 ? "" : "s"} would get worse${r.better ? `, ${r.better} better` : ""}.`) : el("div", "pill good", r.better ? `No question gets worse; ${r.better} get better.` : "No question gets worse.");
  verdict.dataset.testid = "verdict";
  box.append(verdict);
  const counts = el("div", "counts");
  for (const k of ["right", "missed", "wrong"] as const) {
    const d = el("div");
    const delta = r.after[k] - r.before[k];
    d.append(el("strong", "", `${k}: ${r.before[k]} → ${r.after[k]}`));
    if (delta) d.append(el("span", `pill ${(k === "right") === delta > 0 ? "good" : "bad"}`, ` ${delta > 0 ? "+" : ""}${delta}`));
    counts.append(d);
  }
  box.append(counts, el("div", "muted", `${r.after.total} questions from knowledge/tests; "missed" = no answer or another action, "wrong" = answered from the wrong entry.`));
  if (r.staleCases.length) box.append(el("div", "warn-box", `These test questions name an entry that no longer exists: ${r.staleCases.join(", ")}.`));
  if (r.changed.length) {
    const t = el("table", "report");
    const head = el("tr");
    for (const h of ["question", "expected", "before", "after"]) head.append(el("th", "", h));
    t.append(head);
    for (const c of r.changed) {
      const tr = el("tr", c.worse ? "worse" : c.after.outcome === "right" ? "better" : "");
      tr.append(el("td", "", c.question), el("td", "", c.expected), el("td", "", outcomeText(c.before)), el("td", "", outcomeText(c.after)));
      t.append(tr);
    }
    box.append(el("h2", "", "Questions that changed"), t);
  }
  return box;
}

/** Entries still stating a figure the edit changed, each with a link to open it. */
export function figuresView(figures: readonly FigureMention[], open: (id: string, lang?: string) => void): HTMLElement | null {
  if (!figures.length) return null;
  const box = el("div", "warn-box figures");
  box.append(el("strong", "", "You changed a figure that other entries still state:"));
  const ul = el("ul");
  for (const f of figures) {
    const li = el("li");
    li.append(button(`${f.title}${f.lang ? ` (${f.lang})` : ""}`, () => open(f.id, f.lang)), el("span", "", ` says ${f.figures.join(", ")}: `), el("em", "", f.excerpt));
    ul.append(li);
  }
  box.append(ul);
  return box;
}

/** A "Try it" reply with its decision trail. */
export function replyView(label: string, question: string, r: TryReply): HTMLElement {
  const box = el("div", "chat");
  box.append(el("h2", "", label), el("div", "bubble shopper", question), chatBubble(r.text, r.sources?.map((s) => s.title).join(" · ")));
  const d = r.decision;
  const trail = el("details", "trail");
  trail.open = true;
  trail.append(el("summary", "", `${r.action} — rule ${d.rule}: ${d.why}`));
  const facts = [
    `intent ${d.intent.label} (${d.intent.confidence}${d.intent.outOfScope ? ", out of scope" : ""})`,
    `retrieval confidence ${d.retrieval.confidence}`,
    d.bar ? `bar ${d.bar.name} ${d.bar.value}` : "",
  ].filter(Boolean);
  trail.append(el("div", "", facts.join(" · ")));
  if (d.retrieval.candidates.length) {
    const t = el("table");
    const head = el("tr");
    for (const h of ["candidate", "dense", "lexical", "fused"]) head.append(el("th", "", h));
    t.append(head);
    for (const c of d.retrieval.candidates.slice(0, 4)) {
      const tr = el("tr");
      tr.append(el("td", "", c.id), el("td", "", String(c.dense)), el("td", "", String(c.lexical)), el("td", "", String(c.fused)));
      t.append(tr);
    }
    trail.append(t);
  }
  box.append(trail);
  return box;
}

/** One version: who, when, what, the check's counts, its diff, and a rollback button (not on the newest). */
export function versionView(v: VersionView, newest: boolean, rollback: (v: VersionView) => void): HTMLElement {
  const box = el("div", "version");
  box.dataset.version = String(v.version);
  const meta = el("div", "meta");
  const who = v.action === "found" ? "found on disk" : (v.author ?? "unknown");
  meta.append(el("strong", "", `v${v.version}`), el("span", "pill", v.action), el("span", "", who), el("span", "muted", new Date(v.createdAt).toLocaleString()));
  if (v.gate?.after && v.gate.before) meta.append(el("span", "pill", `right ${v.gate.before.right} → ${v.gate.after.right}`));
  if (v.regressionConfirmed) meta.append(el("span", "pill bad", `saved although ${v.gate?.worse ?? "some"} got worse`));
  meta.append(el("span", "muted", `+${v.diff.added} −${v.diff.removed}`));
  if (!newest) meta.append(button(v.deleted ? "Restore this deletion" : "Roll back to this", () => rollback(v)));
  box.append(meta);
  if (v.note) box.append(el("div", "muted", v.note));
  const details = el("details");
  details.append(el("summary", "", "diff"));
  const pre = el("pre", "diff");
  for (const h of v.diff.hunks) {
    pre.append(el("div", "hunk", h.header));
    for (const l of h.lines) pre.append(el("div", l.type === "+" ? "add" : l.type === "-" ? "del" : "", `${l.type}${l.text}`));
  }
  details.append(pre);
  box.append(details);
  return box;
}
