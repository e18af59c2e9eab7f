/**
 * The knowledge section: browse and search FAQ entries and intents, edit one (a form with the questions as a list,
 * or the raw Markdown), see it as the chat shows it, check it against the question set, try questions on the draft,
 * publish (confirming when answers get worse), and read or roll back its history.
 */
import { api, ApiError, button, el, toast, type AdminSection } from "../shell.ts";
import { composeFile } from "./front-matter.ts";
import { createFileEditor, type Fields, type FileEditor, type Target } from "./knowledge-form.ts";
import { chatBubble, figuresView, replyView, reportView, versionView, type FigureMention, type RegressionReport, type TryReply, type VersionView } from "./knowledge-views.ts";

interface EntrySummary { id: string; topic: string; title: string; tags: string[]; questions: string[]; answer: string; translations: string[] }
interface ListResult { entries: EntrySummary[]; intents: { intent: string; description: string; examples: number }[]; topics: string[]; problem?: string }
interface FileResult { rel: string; content: string; fields: Fields; hash: string; translations: string[]; versions: number; changedOutside: boolean }
interface Preview { ok: boolean; error?: string; fields?: Fields; entry?: { title: string; answer: string }; intent?: { examples: string[] }; figures: FigureMention[] }
type SaveResult = { status: "saved"; versions: VersionView[]; report: RegressionReport; figures: FigureMention[] } | { status: "needs_confirmation"; report: RegressionReport; figures: FigureMention[] };

interface OpenFile {
  target: Target;
  /** Hash of the file as loaded (null: a new file), sent with a save to catch concurrent edits. */
  baseHash: string | null;
  translations: string[];
}

const listKey = (t: Target) => (t.kind === "intent" ? `intent:${t.intent}` : `faq:${t.id}`);
const targetPath = (t: Target) => (t.kind === "intent" ? `/admin/api/intents/${encodeURIComponent(t.intent)}` : `/admin/api/faq/${encodeURIComponent(t.id)}${t.lang ? `?lang=${encodeURIComponent(t.lang)}` : ""}`);
const historyPath = (t: Target) => (t.kind === "intent" ? `/admin/api/intents/${encodeURIComponent(t.intent)}/history` : `/admin/api/faq/${encodeURIComponent(t.id)}/history${t.lang ? `?lang=${encodeURIComponent(t.lang)}` : ""}`);

/** A new FAQ entry prepared elsewhere (an unanswered-questions cluster): opened in the editor, unpublished. */
export interface KnowledgeDraft {
  id: string;
  topic: string;
  title: string;
  tags: readonly string[];
  questions: readonly string[];
}

// The page has one knowledge editor; a draft asked for before it is drawn waits here until it mounts.
let editorUi: ReturnType<typeof createKnowledgeUi> | undefined;
let pendingDraft: KnowledgeDraft | undefined;

/**
 * Open a draft entry in the knowledge editor (switching to its tab): the owner writes the answer, checks and publishes.
 * @example openKnowledgeDraft({ id: "gift-wrap", topic: "orders", title: "Gift wrap", tags: [], questions: ["do you gift wrap?"] });
 */
export function openKnowledgeDraft(draft: KnowledgeDraft): void {
  if (editorUi) editorUi.openDraft(draft);
  else pendingDraft = draft;
  location.hash = "#knowledge";
}

/** The knowledge section of the admin area. */
export const knowledgeSection: AdminSection = {
  id: "knowledge",
  title: "Knowledge",
  async mount(root) {
    const ui = createKnowledgeUi(root);
    editorUi = ui;
    await ui.refreshList();
    if (pendingDraft) {
      ui.openDraft(pendingDraft);
      pendingDraft = undefined;
    }
  },
};

function createKnowledgeUi(root: HTMLElement) {
  let list: ListResult = { entries: [], intents: [], topics: [] };
  let open: OpenFile | null = null;
  let editor: FileEditor | null = null;
  let dirty = false;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  let conversation = `try-${Math.random().toString(36).slice(2, 10)}`;

  // ---- layout ----
  root.replaceChildren();
  const grid = el("div", "kb");
  const listCol = el("div", "list");
  const editorCol = el("div", "editor");
  const side = el("div", "side");
  grid.append(listCol, editorCol, side);
  root.append(grid);

  const search = el("input");
  search.type = "search";
  search.placeholder = "Search entries, questions, answers…";
  search.setAttribute("aria-label", "Search knowledge");
  const listBody = el("div");
  const newRow = el("div", "actions");
  newRow.append(button("New entry", () => newEntry()), button("New intent", () => newIntent()));
  listCol.append(search, newRow, listBody);
  search.addEventListener("input", () => drawList());

  editorCol.append(el("div", "muted", "Pick an entry or an intent on the left."));

  const subtabs = el("div", "subtabs");
  const panes: Record<string, HTMLElement> = {};
  for (const [id, label] of [["preview", "Preview"], ["check", "Check"], ["try", "Try it"], ["history", "History"]] as const) {
    const b = button(label, () => showPane(id));
    b.dataset.pane = id;
    b.setAttribute("role", "tab");
    subtabs.append(b);
    panes[id] = el("div", "pane");
    panes[id].id = `pane-${id}`;
  }
  const busy = el("div", "busy hidden");
  busy.setAttribute("role", "status");
  side.append(subtabs, busy, ...Object.values(panes));
  showPane("preview");

  function showPane(id: string) {
    for (const b of subtabs.querySelectorAll("button")) b.setAttribute("aria-selected", String(b.dataset.pane === id));
    for (const [k, p] of Object.entries(panes)) p.classList.toggle("hidden", k !== id);
    if (id === "history") void drawHistory();
  }

  // ---- busy state: a spinner and the server's progress while an index builds or the questions run ----
  async function whileBusy<T>(label: string, fn: () => Promise<T>): Promise<T> {
    busy.classList.remove("hidden");
    busy.replaceChildren(el("span", "spinner"), el("span", "busy-text", `${label}…`));
    const started = Date.now();
    const poll = setInterval(async () => {
      const a = await api<{ activity: { stage: string; done?: number; total?: number } | null }>("/admin/api/activity").catch(() => ({ activity: null }));
      const secs = Math.round((Date.now() - started) / 1000);
      const stage = a.activity ? `${a.activity.stage}${a.activity.total ? ` ${a.activity.done ?? 0}/${a.activity.total}` : ""}` : label;
      busy.querySelector(".busy-text")!.textContent = `${stage}… (${secs} s; building an index takes a few seconds)`;
    }, 700);
    for (const b of editorCol.querySelectorAll<HTMLButtonElement>("button[data-heavy]")) b.disabled = true;
    try {
      return await fn();
    } finally {
      clearInterval(poll);
      busy.classList.add("hidden");
      for (const b of editorCol.querySelectorAll<HTMLButtonElement>("button[data-heavy]")) b.disabled = false;
    }
  }

  // ---- list ----
  async function refreshList() {
    list = await api<ListResult>("/admin/api/knowledge");
    drawList();
  }

  function drawList() {
    const q = search.value.trim().toLowerCase();
    const hit = (e: EntrySummary) => !q || [e.id, e.title, e.answer, ...e.tags, ...e.questions].some((s) => s.toLowerCase().includes(q));
    listBody.replaceChildren();
    if (list.problem) listBody.append(el("div", "error-box", `The knowledge on disk does not load: ${list.problem}`));
    for (const topic of list.topics) {
      const entries = list.entries.filter((e) => e.topic === topic && hit(e));
      if (!entries.length) continue;
      listBody.append(el("div", "topic", topic));
      for (const e of entries) {
        const b = button("", () => void openFile({ kind: "faq", id: e.id }), "item");
        b.append(el("span", "", e.title), el("small", "", ` ${e.id}${e.translations.length ? ` · ${e.translations.join(", ")}` : ""}`));
        b.dataset.key = `faq:${e.id}`;
        listBody.append(b);
      }
    }
    const intents = list.intents.filter((i) => !q || `${i.intent} ${i.description}`.toLowerCase().includes(q));
    if (intents.length) listBody.append(el("div", "topic", "intents"));
    for (const i of intents) {
      const b = button("", () => void openFile({ kind: "intent", intent: i.intent }), "item");
      b.append(el("span", "", i.intent), el("small", "", ` ${i.examples} examples`));
      b.dataset.key = `intent:${i.intent}`;
      listBody.append(b);
    }
    markActive();
  }

  function markActive() {
    for (const b of listBody.querySelectorAll<HTMLElement>(".item")) b.classList.toggle("active", !!open && b.dataset.key === listKey(open.target));
  }

  // ---- opening and the editor ----
  async function openFile(target: Target) {
    if (dirty && !confirm("Discard your unpublished changes?")) return;
    const file = await api<FileResult>(targetPath(target));
    conversation = `try-${Math.random().toString(36).slice(2, 10)}`;
    drawEditor(target, file.content, file.fields, file.hash, file.translations, file.changedOutside);
  }

  function newEntry() {
    const id = prompt("The new entry's id (kebab-case, never renamed later), e.g. gift-wrapping:")?.trim();
    if (!id) return;
    const topic = prompt(`Its topic (${list.topics.join(", ")}, or a new one):`, list.topics[0])?.trim();
    if (!topic) return;
    const data = { id, title: "", tags: [], facts: [], questions: [] };
    drawEditor({ kind: "faq", id, topic }, composeFile(Object.entries(data), ""), { data, body: "" }, null, [], false);
  }

  function openDraft(d: KnowledgeDraft) {
    if (dirty && !confirm("Discard your unpublished changes?")) return;
    const data = { id: d.id, title: d.title, tags: [...d.tags], facts: [] as string[], questions: [...d.questions] };
    drawEditor({ kind: "faq", id: d.id, topic: d.topic }, composeFile(Object.entries(data), ""), { data, body: "" }, null, [], false);
  }

  function newIntent() {
    const intent = prompt("The new intent's name (snake_case), e.g. gift_wrapping:")?.trim();
    if (!intent) return;
    const data = { intent, description: "", examples: [] };
    drawEditor({ kind: "intent", intent }, composeFile(Object.entries(data), ""), { data, body: "" }, null, [], false);
  }

  async function newTranslation(id: string) {
    const lang = prompt("Language code of the translation (es, de, fr, zh-Hans, …):")?.trim();
    if (!lang) return;
    const english = await api<FileResult>(targetPath({ kind: "faq", id }));
    const data = { title: String(english.fields?.data.title ?? ""), questions: [] as string[] };
    drawEditor({ kind: "faq", id, lang }, composeFile(Object.entries(data), english.fields?.body ?? ""), { data, body: english.fields?.body ?? "" }, null, english.translations, false);
  }

  function drawEditor(target: Target, content: string, fields: Fields, baseHash: string | null, translations: string[], changedOutside: boolean) {
    open = { target, baseHash, translations };
    dirty = baseHash === null;
    editorCol.replaceChildren();
    const head = el("div", "editor-head");
    const title = target.kind === "intent" ? `Intent ${target.intent}` : `${target.id}${target.lang ? ` (${target.lang})` : ""}`;
    head.append(el("h3", "", title));
    if (baseHash === null) head.append(el("span", "pill amber", "new, not published"));
    if (target.kind === "faq") {
      const langs = el("select");
      langs.setAttribute("aria-label", "Language");
      for (const l of ["", ...translations]) langs.append(new Option(l ? l : "English", l, false, (target.lang ?? "") === l));
      langs.append(new Option("Add a translation…", "+"));
      langs.addEventListener("change", () => {
        if (langs.value === "+") void newTranslation(target.id);
        else void openFile({ kind: "faq", id: target.id, lang: langs.value || undefined });
      });
      head.append(langs);
    }
    head.append(el("span", "grow"));
    const modeBtn = button(fields ? "Edit source" : "Edit as form", () => void switchMode());
    modeBtn.id = "mode";
    head.append(modeBtn);
    editorCol.append(head);
    if (changedOutside) editorCol.append(el("div", "warn-box", "This file was changed on disk since its last version here (git or a text editor); your next save records that text as a version first."));
    const body = el("div", "editor-body");
    editorCol.append(body);
    editor = createFileEditor(body, target, content, fields, changed);
    const actions = el("div", "actions");
    const check = button("Check", () => void runCheck(), "");
    check.dataset.heavy = "1";
    const publish = button("Publish", () => void runSave(false), "primary");
    publish.dataset.heavy = "1";
    publish.id = "publish";
    const del = button(target.kind === "faq" && !target.lang ? "Delete entry" : "Delete", () => void runDelete(), "danger");
    del.dataset.heavy = "1";
    const discard = button("Discard changes", () => {
      dirty = false;
      if (baseHash !== null) return void openFile(target);
      open = null;
      editor = null;
      editorCol.replaceChildren(el("div", "muted", "Discarded. Pick an entry or an intent on the left."));
      markActive();
    });
    actions.append(check, publish, discard);
    if (baseHash !== null) actions.append(del);
    editorCol.append(actions, el("div", "save-result"));
    markActive();
    for (const p of Object.values(panes)) p.replaceChildren();
    drawTryPane();
    showPane("preview");
    schedulePreview(0);
  }

  async function switchMode() {
    if (!editor || !open) return;
    if (editor.mode === "source") {
      const p = await api<Preview>("/admin/api/preview", { body: { target: open.target, content: editor.content() } });
      if (!p.fields) return toast("The front matter is not valid YAML; fix it in the source first.", "error");
      editor.show("form", p.fields);
    } else {
      editor.show("source");
    }
    editorCol.querySelector("#mode")!.textContent = editor.mode === "form" ? "Edit source" : "Edit as form";
  }

  function currentContent(): string {
    return editor?.content() ?? "";
  }

  function changed() {
    dirty = true;
    panes.check.replaceChildren(el("div", "muted", "Changed since the last check."));
    schedulePreview(300);
  }

  // ---- preview (validation as you type) ----
  function schedulePreview(ms: number) {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => void drawPreview(), ms);
  }

  async function drawPreview() {
    if (!open) return;
    const p = await api<Preview>("/admin/api/preview", { body: { target: open.target, content: currentContent() } }).catch((err: Error) => ({ ok: false, error: err.message, figures: [] }) as Preview);
    const pane = panes.preview;
    pane.replaceChildren();
    if (!p.ok) {
      const box = el("div", "error-box", p.error ?? "Not valid.");
      box.id = "validation";
      pane.append(box);
      return;
    }
    const ok = el("div", "pill good", "Valid: the whole knowledge base loads with this change.");
    ok.id = "validation";
    pane.append(ok);
    if (p.entry) pane.append(el("h2", "", "How the chat shows it"), el("div", "chat"));
    if (p.entry) pane.lastElementChild!.append(chatBubble(p.entry.answer, p.entry.title));
    if (p.intent) pane.append(el("div", "muted", `${p.intent.examples.length} examples; a changed intent is retrained for the check.`));
    const figs = figuresView(p.figures, (id, lang) => void openFile({ kind: "faq", id, lang }));
    if (figs) pane.append(figs);
  }

  // ---- check, publish, delete ----
  async function runCheck() {
    if (!open) return;
    showPane("check");
    panes.check.replaceChildren();
    try {
      const r = await whileBusy("Checking", () => api<Preview & { report?: RegressionReport; ms?: number; intentsRetrained?: boolean }>("/admin/api/check", { body: { target: open!.target, content: currentContent() } }));
      if (!r.ok) {
        panes.check.append(el("div", "error-box", r.error ?? "Not valid."));
        return;
      }
      if (r.report) panes.check.append(reportView(r.report));
      const figs = figuresView(r.figures, (id, lang) => void openFile({ kind: "faq", id, lang }));
      if (figs) panes.check.append(figs);
      panes.check.append(el("div", "muted", `Checked in ${((r.ms ?? 0) / 1000).toFixed(1)} s${r.intentsRetrained ? " (with the intent model retrained on the draft)" : ""}.`));
    } catch (err) {
      panes.check.append(el("div", "error-box", (err as Error).message));
    }
  }

  async function runSave(confirmRegression: boolean, content: string | null = currentContent()) {
    if (!open) return;
    const target = open.target;
    showPane("check");
    panes.check.replaceChildren();
    try {
      const r = await whileBusy(content === null ? "Deleting" : "Publishing", () =>
        api<SaveResult>("/admin/api/save", { body: { target, content, baseHash: open!.baseHash, confirmRegression } }),
      );
      afterSave(r, target, content === null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && (err.body as SaveResult).status === "needs_confirmation") {
        const r = err.body as SaveResult;
        panes.check.append(reportView(r.report));
        const figs = figuresView(r.figures, (id, lang) => void openFile({ kind: "faq", id, lang }));
        if (figs) panes.check.append(figs);
        const b = button(`Publish anyway (${r.report.worse} answer${r.report.worse === 1 ? "" : "s"} get worse)`, () => void runSave(true, content), "danger");
        b.id = "confirm-publish";
        panes.check.append(el("p", "", "This change makes some answers worse. Publish it anyway? The version records that you confirmed it."), b);
        return;
      }
      panes.check.append(el("div", "error-box", (err as Error).message));
    }
  }

  function afterSave(r: SaveResult, target: Target, deleted: boolean) {
    if (r.status !== "saved") return;
    dirty = false;
    const main = r.versions.at(-1);
    toast(deleted ? "Deleted. The assistant no longer answers from it." : `Published as version ${main?.version ?? "?"}. The assistant answers from it now.`);
    const result = el("div", "pill good", deleted ? "Deleted." : `Published: version ${main?.version}.`);
    result.id = "saved";
    panes.check.append(result, reportView(r.report));
    const figs = figuresView(r.figures, (id, lang) => void openFile({ kind: "faq", id, lang }));
    if (figs) panes.check.append(figs);
    void refreshList();
    if (deleted) {
      open = null;
      editor = null;
      editorCol.replaceChildren(el("div", "muted", "Deleted. Its history stays; pick another entry on the left."));
    } else {
      void api<FileResult>(targetPath(target)).then((f) => {
        if (open && listKey(open.target) === listKey(target)) open.baseHash = f.hash;
      });
    }
  }

  async function runDelete() {
    if (!open) return;
    const t = open.target;
    const what = t.kind === "faq" && !t.lang ? `entry "${t.id}"${open.translations.length ? ` and its translations (${open.translations.join(", ")})` : ""}` : "this file";
    if (!confirm(`Delete ${what}? Its history stays and it can be restored.`)) return;
    await runSave(false, null);
  }

  // ---- try it ----
  function drawTryPane() {
    const pane = panes.try;
    const form = el("form");
    const q = el("input");
    q.placeholder = "Ask as a shopper would…";
    q.setAttribute("aria-label", "Question to try");
    q.style.width = "75%";
    const ask = el("button", "primary", "Ask");
    ask.type = "submit";
    form.append(q, ask, el("div", "muted", "Answers from your draft (not yet published) and from the published knowledge, each with the decision trail."));
    const out = el("div");
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      if (!open || !q.value.trim()) return;
      const question = q.value.trim();
      try {
        const r = await whileBusy("Asking", () => api<{ draft: TryReply; published: TryReply }>("/admin/api/try", { body: { target: open!.target, content: currentContent(), question, conversation } }));
        out.replaceChildren(replyView("Draft", question, r.draft), replyView("Published", question, r.published));
      } catch (err) {
        out.replaceChildren(el("div", "error-box", (err as Error).message));
      }
    });
    pane.append(form, out);
  }

  // ---- history ----
  async function drawHistory() {
    if (!open) return;
    const target = open.target;
    const pane = panes.history;
    const { versions } = await api<{ versions: VersionView[] }>(historyPath(target));
    pane.replaceChildren();
    if (!versions.length) pane.append(el("div", "muted", "No versions yet: the first save here records the text found on disk, then yours."));
    versions.forEach((v, i) => pane.append(versionView(v, i === 0, (ver) => void rollback(ver))));
  }

  async function rollback(v: VersionView, confirmRegression = false) {
    if (!open) return;
    const target = open.target;
    if (!confirmRegression && !confirm(`Roll back to version ${v.version}? This saves a new version with that text.`)) return;
    try {
      const r = await whileBusy("Rolling back", () => api<SaveResult>(`/admin/api/versions/${v.id}/rollback`, { body: { confirmRegression } }));
      afterSave(r, target, v.deleted);
      if (!v.deleted) await openFile(target);
      showPane("history");
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && (err.body as SaveResult).status === "needs_confirmation") {
        showPane("check");
        panes.check.replaceChildren(reportView((err.body as SaveResult).report), button("Roll back anyway", () => void rollback(v, true), "danger"));
        return;
      }
      toast((err as Error).message, "error");
    }
  }

  return { refreshList, openDraft };
}
