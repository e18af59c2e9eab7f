/**
 * The unanswered-questions section: what the assistant failed on (fallbacks, low-confidence answers, "not helpful",
 * handoffs for lack of an answer), grouped by meaning on the server, with counts, trend and examples. "Draft entry"
 * opens a new FAQ entry in the knowledge editor with the cluster's title and questions; "Dismiss" hides a cluster.
 */
import { api, button, el, toast, type AdminSection } from "../shell.ts";
import { openKnowledgeDraft, type KnowledgeDraft } from "./knowledge.ts";

interface Cluster {
  key: string;
  title: string;
  size: number;
  examples: string[];
  kinds: Record<string, number>;
  trend: { last7Days: number; previous7Days: number };
  countsByWeek: { period: string; count: number }[];
  firstSeen: string;
  lastSeen: string;
}
interface Report { range: { from: string; to: string }; questions: number; clusters: Cluster[]; dismissedHidden: number; unclustered: { id: string; text: string }[]; ms: number }

const KIND_LABEL: Record<string, string> = { fallback: "fallback", low_confidence: "low confidence", not_helpful: "not helpful", handoff_no_answer: "handed off" };

/** The unanswered-questions section of the admin area. */
export const unansweredSection: AdminSection = {
  id: "unanswered",
  title: "Unanswered",
  async mount(root) {
    root.classList.add("dash");
    const bar = el("form", "dash-range");
    const days = el("select");
    days.setAttribute("aria-label", "Period");
    for (const d of [30, 90, 180]) days.append(new Option(`last ${d} days`, String(d), false, d === 90));
    const info = el("span", "muted");
    bar.append(el("strong", "", "Unanswered questions"), days, info);
    const list = el("div", "clusters");
    root.append(bar, list);
    let query = "";

    const load = async () => {
      // The period ends on the newest conversation's day (the server's default end).
      query = `?days=${days.value}`;
      const r = await api<Report>(`/admin/api/unanswered${query}`);
      info.textContent = `${r.questions} questions, ${r.clusters.length} groups${r.dismissedHidden ? `, ${r.dismissedHidden} dismissed hidden` : ""} (${r.ms} ms)`;
      list.replaceChildren(...r.clusters.map(card));
      if (!r.clusters.length) list.append(el("div", "muted", "No groups of unanswered questions in this period."));
    };

    const card = (c: Cluster): HTMLElement => {
      const box = el("section", "cluster");
      box.dataset.key = c.key;
      box.setAttribute("aria-label", c.title);
      const head = el("div", "dash-chart-head");
      const arrow = c.trend.last7Days > c.trend.previous7Days ? "↑" : c.trend.last7Days < c.trend.previous7Days ? "↓" : "→";
      head.append(el("h3", "", c.title), el("span", "pill", `${c.size} asked`), el("span", "pill", `${arrow} ${c.trend.last7Days} last 7 days (${c.trend.previous7Days} before)`));
      for (const [k, n] of Object.entries(c.kinds)) head.append(el("span", "pill amber", `${KIND_LABEL[k] ?? k}: ${n}`));
      head.append(el("span", "grow"));
      head.append(button("Draft entry", () => void draft(c), "primary"), button("Dismiss", () => void dismiss(c, box), "danger"));
      const ul = el("ul", "examples");
      for (const e of c.examples) ul.append(el("li", "", e));
      const weeks = el("div", "muted small", `per week: ${c.countsByWeek.map((w) => `${w.period.slice(5)} ${w.count}`).join(" · ")}`);
      box.append(head, ul, weeks);
      return box;
    };

    const draft = async (c: Cluster) => {
      try {
        const { draft: d } = await api<{ draft: KnowledgeDraft }>(`/admin/api/unanswered/draft${query}`, { body: { key: c.key } });
        openKnowledgeDraft(d);
        toast(`Draft "${d.title}" opened in the knowledge editor: write the answer, check and publish.`);
      } catch (err) {
        toast((err as Error).message, "error");
      }
    };
    const dismiss = async (c: Cluster, box: HTMLElement) => {
      if (!confirm(`Dismiss "${c.title}"? It stays hidden, also when more such questions come in.`)) return;
      try {
        await api(`/admin/api/unanswered/dismiss${query}`, { body: { key: c.key } });
        box.remove();
        toast(`Dismissed "${c.title}".`);
      } catch (err) {
        toast((err as Error).message, "error");
      }
    };
    days.addEventListener("change", () => void load().catch((err: Error) => toast(err.message, "error")));
    await load();
  },
};
