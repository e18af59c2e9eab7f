/**
 * Unanswered questions (docs/unanswered-questions.md): shopper messages the assistant failed on — a fallback, a
 * low-confidence answer or a clarifying question, an answer rated "not helpful", a handoff because it did not
 * understand — collected from the stored (already PII-masked) messages and their decision records, grouped by meaning
 * with models/clustering over the app's embedder, with dismissed groups kept hidden and a draft FAQ entry per group.
 */
import { clusterQuestions, draftFaqEntry, matchDismissed, type FaqDraft, type QuestionCluster, type UnansweredQuestion } from "../../models/clustering/index.ts";
import type { Embedder } from "../../models/embedder.ts";
import { AppError } from "../errors.ts";
import type { AnalyticsStore, FeedbackFact, MessageFact, UnansweredDismissal } from "../storage/index.ts";
import type { DateRange } from "./types.ts";

/** An answer below this calibrated retrieval confidence counts as low-confidence (docs/metrics.md). */
export const LOW_CONFIDENCE = 0.6;
/** The handoff rule that fires when the assistant did not understand several turns in a row. */
const NOT_UNDERSTOOD_RULE = "handoff/repeated-fallback";

interface Decision { rule?: string; why?: string; retrieval?: { confidence?: number; candidates?: { id: string }[] } }

/** A collected question with the entry retrieval thought closest (for the draft's topic). */
export interface CollectedQuestion extends UnansweredQuestion {
  readonly nearestEntry?: string;
}

/**
 * The unanswered questions among the messages and feedback of a range, one per shopper message (the first reason
 * in the order fallback, handoff_no_answer, low_confidence, not_helpful). Gibberish fallbacks are left out: they
 * are not a gap in the knowledge.
 */
export function collectUnanswered(messages: readonly MessageFact[], feedback: readonly FeedbackFact[]): CollectedQuestion[] {
  const down = new Set(feedback.filter((f) => f.rating === "down" && f.seq !== null).map((f) => `${f.conversationId}:${f.seq}`));
  const asked = new Map<string, MessageFact>();
  for (const m of messages) if (m.sender === "shopper" && m.clientId) asked.set(`${m.conversationId}|${m.clientId}`, m);
  const out: CollectedQuestion[] = [];
  const seen = new Set<string>();
  for (const reply of messages) {
    if (reply.sender !== "bot" || !reply.replyTo) continue;
    const q = asked.get(`${reply.conversationId}|${reply.replyTo}`);
    if (!q || !q.text.trim()) continue;
    const d = (reply.payload?.decision ?? {}) as Decision;
    const confidence = d.retrieval?.confidence ?? 0;
    let kind: string | undefined;
    if (reply.action === "fallback" && d.why !== "gibberish") kind = "fallback";
    else if (reply.action === "handoff" && d.rule === NOT_UNDERSTOOD_RULE) kind = "handoff_no_answer";
    else if (reply.action === "clarify" || (reply.action === "answer" && confidence < LOW_CONFIDENCE)) kind = "low_confidence";
    else if (down.has(`${reply.conversationId}:${reply.seq}`)) kind = "not_helpful";
    const id = `${q.conversationId}:${q.seq}`;
    if (!kind || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, text: q.text, at: q.createdAt, kind, nearestEntry: d.retrieval?.candidates?.[0]?.id });
  }
  return out;
}

/** A cluster as the admin page lists it. */
export interface UnansweredCluster extends Omit<QuestionCluster, "centroid"> {
  readonly title: string;
}

/** The unanswered-questions list of a range. */
export interface UnansweredReport {
  readonly range: DateRange;
  readonly questions: number;
  readonly clusters: readonly UnansweredCluster[];
  /** Clusters hidden because an admin dismissed them. */
  readonly dismissedHidden: number;
  readonly unclustered: readonly UnansweredQuestion[];
  readonly ms: number;
}

/** Options of createUnanswered. */
export interface UnansweredOptions {
  analytics: AnalyticsStore;
  embedder: Pick<Embedder, "embed" | "dim">;
  /** Existing entry ids (a draft's id is made unique among them) and an entry's topic. */
  knowledge: () => { ids: ReadonlySet<string>; topicOf(id: string): string | undefined; topics: readonly string[] };
  clock?: () => Date;
}

/** The unanswered-questions service. */
export interface UnansweredService {
  list(range: DateRange): Promise<UnansweredReport>;
  /** A draft FAQ entry (title, example questions, a topic) from a cluster of the range's list. */
  draft(range: DateRange, key: string): Promise<FaqDraft & { topic: string }>;
  /** Hide a cluster (and what continues it) from now on. */
  dismiss(range: DateRange, key: string, by: string | null): Promise<UnansweredDismissal>;
  listDismissed(): Promise<UnansweredDismissal[]>;
  undismiss(id: number): Promise<void>;
}

/**
 * Create the unanswered-questions service.
 * @example const u = createUnanswered({ analytics: storage.analytics, embedder, knowledge: () => … });
 */
export function createUnanswered(o: UnansweredOptions): UnansweredService {
  const clock = o.clock ?? (() => new Date());
  const cluster = async (range: DateRange) => {
    const t0 = performance.now();
    const [messages, feedback, dismissed] = await Promise.all([o.analytics.messages(range.from, range.to), o.analytics.feedback(range.from, range.to), o.analytics.listDismissals()]);
    const questions = collectUnanswered(messages, feedback);
    const result = await clusterQuestions(questions, (texts) => o.embedder.embed(texts), { asOf: range.to });
    // Dismissals made with another embedder (other dimensions) cannot be compared and are skipped.
    const stored = dismissed.filter((d) => d.centroid.length === o.embedder.dim).map((d) => ({ centroid: Float32Array.from(d.centroid), members: d.members }));
    const visible = result.clusters.filter((c) => matchDismissed(c, stored) === -1);
    return { t0, questions, result, visible };
  };
  const find = async (range: DateRange, key: string) => {
    const run = await cluster(range);
    const c = run.result.clusters.find((x) => x.key === key);
    if (!c) throw new AppError("CHAT_ERR_NOT_FOUND", `No cluster "${key}" among the unanswered questions of this range (the list may have changed: reload it).`);
    return { run, c };
  };
  return {
    async list(range) {
      const { t0, questions, result, visible } = await cluster(range);
      return {
        range, questions: questions.length, dismissedHidden: result.clusters.length - visible.length, unclustered: result.unclustered.slice(0, 50),
        clusters: visible.map(({ centroid: _c, ...rest }) => ({ ...rest, title: rest.suggestedTitle })),
        ms: Math.round(performance.now() - t0),
      };
    },
    async draft(range, key) {
      const { run, c } = await find(range, key);
      const kb = o.knowledge();
      const d = draftFaqEntry(c);
      let id = d.id;
      for (let n = 2; kb.ids.has(id); n++) id = `${d.id}-${n}`;
      // The topic most of the members' nearest entries are in.
      const members = new Set(c.members);
      const votes = new Map<string, number>();
      for (const q of run.questions) {
        const t = members.has(q.id) && q.nearestEntry ? kb.topicOf(q.nearestEntry) : undefined;
        if (t) votes.set(t, (votes.get(t) ?? 0) + 1);
      }
      const topic = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? kb.topics[0] ?? "general";
      return { ...d, id, topic };
    },
    async dismiss(range, key, by) {
      const { c } = await find(range, key);
      return o.analytics.addDismissal({ clusterKey: c.key, title: c.suggestedTitle, centroid: Array.from(c.centroid), members: [...c.members], dismissedBy: by }, clock().toISOString());
    },
    listDismissed: () => o.analytics.listDismissals(),
    async undismiss(id) {
      if (!(await o.analytics.removeDismissal(id))) throw new AppError("CHAT_ERR_NOT_FOUND", `No dismissed cluster ${id}.`);
    },
  };
}
