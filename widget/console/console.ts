/**
 * The agent console (served at /console): login, the live queue and my conversations over the agent
 * WebSocket, a conversation view with transcript, decision trail, notes, canned responses and
 * actions, and the customer sidebar. All decisions are the server's; this file only draws and sends.
 */
import type { AgentServerFrame, AgentStatusView, AgentView, ConversationDetail, QueueEntryView, TicketView, TranscriptMessage } from "../../server/protocol.ts";
import { messageRow, noteRow, renderSidebar } from "./conversation-view.ts";
import { languageName } from "./plain-words.ts";
import { enableArrowKeys, renderQueueLists, tickTimers } from "./queue-list.ts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = (tag: string, cls?: string, text?: string) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

interface State {
  me: AgentView | null;
  ws: WebSocket | null;
  queue: QueueEntryView[];
  mine: QueueEntryView[];
  agents: AgentStatusView[];
  offers: Set<string>;
  asOfSkew: number;
  open: ConversationDetail | null;
  canned: { id: number; title: string; text: string }[];
  refs: number;
  retry: number;
  /** A conversation claimed from the list: its reply box takes focus when it opens. */
  focusReplyFor: string | null;
}
const state: State = { me: null, ws: null, queue: [], mine: [], agents: [], offers: new Set(), asOfSkew: 0, open: null, canned: [], refs: 0, retry: 0, focusReplyFor: null };

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`/agent/api${path}`, { ...init, headers: { "content-type": "application/json", ...(init.headers ?? {}) }, credentials: "same-origin" });
  const body = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
  return body;
}

function send(frame: Record<string, unknown>) {
  if (state.ws?.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify({ ...frame, ref: `r${++state.refs}` }));
}

// ---- login ----

$("login").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("login-error").textContent = "";
  try {
    const r = await api<{ agent: AgentView }>("/login", { method: "POST", body: JSON.stringify({ email: $<HTMLInputElement>("email").value, password: $<HTMLInputElement>("password").value }) });
    start(r.agent);
  } catch (err) {
    $("login-error").textContent = (err as Error).message;
  }
});

$("logout").addEventListener("click", async () => {
  await api("/logout", { method: "POST" }).catch(() => undefined);
  state.ws?.close();
  state.ws = null;
  state.me = null;
  location.reload();
});

function start(agent: AgentView) {
  state.me = agent;
  $("login").classList.add("hidden");
  $("app").classList.remove("hidden");
  $("me").textContent = `${agent.name} (${agent.role}; ${agent.skills.join(", ")})`;
  connect();
  void loadCanned();
}

function connect() {
  const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/agent/ws`);
  state.ws = ws;
  $("conn").textContent = "connecting…";
  ws.onopen = () => {
    state.retry = 0;
    $("conn").textContent = "live";
    if (state.open) send({ type: "open", conversationId: state.open.conversationId });
  };
  ws.onmessage = (ev) => onFrame(JSON.parse(String(ev.data)) as AgentServerFrame);
  ws.onclose = (ev) => {
    $("conn").textContent = "offline";
    if (!state.me || state.ws !== ws) return;
    if (ev.code === 4401) return location.reload();
    setTimeout(connect, Math.min(10_000, 500 * 2 ** state.retry++));
  };
}

// ---- frames ----

function onFrame(f: AgentServerFrame) {
  switch (f.type) {
    case "ready":
      $("support").textContent = f.supportOpen ? "support open" : `support closed (${f.supportHours})`;
      break;
    case "queue":
      state.queue = f.queue;
      state.mine = f.mine;
      state.agents = f.agents;
      state.asOfSkew = Date.now() - Date.parse(f.asOf);
      $("ticket-count").textContent = String(f.openTickets);
      for (const id of [...state.offers]) if (!f.queue.some((e) => e.conversationId === id)) state.offers.delete(id);
      renderLists();
      if (state.open) {
        const entry = [...f.queue, ...f.mine].find((e) => e.conversationId === state.open!.conversationId) ?? null;
        state.open.entry = entry;
        if (entry) state.open.state = entry.status === "queued" ? "queued" : "agent";
        renderHead();
      }
      break;
    case "offer":
      state.offers.add(f.entry.conversationId);
      renderLists();
      break;
    case "offer_withdrawn":
      state.offers.delete(f.conversationId);
      renderLists();
      break;
    case "conversation":
      state.open = f.detail;
      renderConversation();
      break;
    case "event":
      onEvent(f.conversationId, f.frame);
      break;
    case "note":
      if (state.open?.conversationId === f.conversationId) {
        state.open.notes.push(f.note);
        $("transcript").append(noteRow(f.note));
        scrollDown();
      }
      break;
    case "error":
      toast(f.message);
      break;
    case "ack":
      break;
  }
}

function onEvent(conversationId: string, frame: Extract<AgentServerFrame, { type: "event" }>["frame"]) {
  const open = state.open;
  if (!open || open.conversationId !== conversationId) return;
  if (frame.type === "message") {
    if (open.transcript.some((m) => m.seq === frame.seq)) return;
    open.transcript.push(frame as TranscriptMessage);
    $("transcript").append(messageRow(frame));
    scrollDown();
    if (frame.from === "shopper") $("typing").textContent = "";
  } else if (frame.type === "typing" && frame.from === "shopper") {
    $("typing").textContent = frame.on ? "Shopper is typing…" : "";
  } else if (frame.type === "state") {
    open.state = frame.state;
    renderHead();
  }
}

// ---- lists ----

function openConversation(conversationId: string) {
  send({ type: "open", conversationId });
}

function renderLists() {
  renderQueueLists($("queue"), $("mine"), state.queue, state.mine, {
    offers: state.offers,
    openId: state.open?.conversationId,
    open: openConversation,
    accept(conversationId) {
      state.focusReplyFor = conversationId;
      send({ type: "accept", conversationId });
      openConversation(conversationId);
    },
    decline: (conversationId) => send({ type: "decline", conversationId }),
  });
  $("agents").replaceChildren(
    ...state.agents.map((a) => el("li", "meta", `${a.online ? "● online" : "○ offline"} · ${a.name} — ${a.load}/${a.capacity} chats (${a.skills.join(", ")})`)),
  );
  tickTimers(state.asOfSkew);
}
enableArrowKeys($("queue"));
enableArrowKeys($("mine"));
setInterval(() => tickTimers(state.asOfSkew), 1000);

// ---- conversation ----

function scrollDown() {
  const t = $("transcript");
  t.scrollTop = t.scrollHeight;
}

function renderConversation() {
  const d = state.open;
  if (!d) return;
  $("conv-empty").classList.add("hidden");
  for (const id of ["conv-head", "transcript", "composer"]) $(id).classList.remove("hidden");
  const rows: HTMLElement[] = [];
  const notes = [...d.notes];
  for (const m of d.transcript) {
    while (notes.length && notes[0].createdAt <= (m.createdAt ?? "")) rows.push(noteRow(notes.shift()!));
    rows.push(messageRow(m));
  }
  for (const n of notes) rows.push(noteRow(n));
  $("transcript").replaceChildren(...rows);
  $("typing").textContent = "";
  renderHead();
  renderSidebar($("side"), d.sidebar, { sendCard });
  renderLists();
  // After layout, so the newest message is what the agent sees first.
  scrollDown();
  requestAnimationFrame(scrollDown);
  if (state.focusReplyFor === d.conversationId) {
    state.focusReplyFor = null;
    $<HTMLTextAreaElement>("reply").focus();
  }
}

function sendCard(p: { id: string; name: string }) {
  if (!state.open) return;
  send({ type: "message", conversationId: state.open.conversationId, id: `c${Date.now()}-${p.id}`, text: `You might like the ${p.name}.`, productIds: [p.id] });
}

function renderHead() {
  const d = state.open;
  if (!d) return;
  const c = d.sidebar.customer;
  $("conv-title").textContent = c ? `${c.name} (${c.id})` : "Anonymous shopper";
  $("conv-state").textContent = d.entry?.agentName && d.state === "agent" ? `with ${d.entry.agentName}` : STATE_WORDS[d.state] ?? d.state;
  // The language the shopper writes in (detected per message), else the widget's locale.
  const lang = d.language ?? d.locale;
  $("conv-lang").textContent = lang ? `Shopper's language: ${languageName(lang)}` : "";
  $("conv-lang").classList.toggle("hidden", !lang);
  const mineNow = d.state === "agent" && d.entry?.agentId === state.me?.id;
  const isAdmin = state.me?.role === "admin";
  $<HTMLButtonElement>("accept").classList.toggle("hidden", d.state !== "queued");
  for (const id of ["transfer", "handback", "close", "send"]) $<HTMLButtonElement>(id).disabled = !(mineNow || (isAdmin && d.state === "agent"));
  if (isAdmin && d.state === "queued") $<HTMLButtonElement>("close").disabled = false;
  $<HTMLButtonElement>("send").disabled = !mineNow && !$<HTMLInputElement>("as-note").checked;
  const sel = $<HTMLSelectElement>("transfer-to");
  const choices: [string, string][] = [
    ...["orders", "returns", "equipment", "general"].map((t): [string, string] => [`team:${t}`, `Team: ${t}`]),
    ...state.agents.filter((a) => a.id !== state.me?.id).map((a): [string, string] => [`agent:${a.id}`, `${a.name} (${a.online ? "online" : "offline"})`]),
  ];
  const key = JSON.stringify(choices);
  if (sel.dataset.key === key) return;
  const chosen = sel.value;
  sel.replaceChildren(
    ...choices.map(([value, label]) => {
      const o = el("option", "", label) as HTMLOptionElement;
      o.value = value;
      return o;
    }),
  );
  sel.dataset.key = key;
  if (choices.some(([v]) => v === chosen)) sel.value = chosen;
}

const STATE_WORDS: Record<string, string> = { bot: "with the assistant", queued: "waiting in the queue", agent: "with an agent", closed: "closed" };

// ---- actions ----

$("accept").addEventListener("click", () => {
  if (!state.open) return;
  state.focusReplyFor = state.open.conversationId;
  send({ type: "accept", conversationId: state.open.conversationId });
  send({ type: "open", conversationId: state.open.conversationId });
});
$("handback").addEventListener("click", () => state.open && send({ type: "handback", conversationId: state.open.conversationId }));
$("close").addEventListener("click", () => {
  if (!state.open) return;
  const resolution = $<HTMLInputElement>("resolution").value.trim() || "resolved";
  send({ type: "close", conversationId: state.open.conversationId, resolution });
  $<HTMLInputElement>("resolution").value = "";
});
$("transfer").addEventListener("click", () => {
  if (!state.open) return;
  const [kind, id] = $<HTMLSelectElement>("transfer-to").value.split(":");
  send({ type: "transfer", conversationId: state.open.conversationId, ...(kind === "team" ? { team: id } : { toAgentId: id }) });
});
$("as-note").addEventListener("change", renderHead);

let typingOn = false;
let typingTimer: ReturnType<typeof setTimeout> | undefined;
function setTyping(on: boolean) {
  if (!state.open || state.open.state !== "agent" || typingOn === on || $<HTMLInputElement>("as-note").checked) return;
  typingOn = on;
  send({ type: "typing", conversationId: state.open.conversationId, on });
}
$("reply").addEventListener("input", () => {
  setTyping(true);
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => setTyping(false), 2500);
});
$("reply").addEventListener("keydown", (ev) => {
  const k = ev as KeyboardEvent;
  if (k.key === "Enter" && !k.shiftKey) {
    k.preventDefault();
    $<HTMLFormElement>("composer").requestSubmit();
  }
});
$("composer").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = $<HTMLTextAreaElement>("reply").value.trim();
  if (!text || !state.open) return;
  const conversationId = state.open.conversationId;
  if ($<HTMLInputElement>("as-note").checked) send({ type: "note", conversationId, text });
  else {
    send({ type: "message", conversationId, id: `m${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, text });
    setTyping(false);
  }
  $<HTMLTextAreaElement>("reply").value = "";
});
$("canned").addEventListener("change", () => {
  const c = state.canned.find((x) => String(x.id) === $<HTMLSelectElement>("canned").value);
  if (c) {
    const r = $<HTMLTextAreaElement>("reply");
    r.value = r.value ? `${r.value} ${c.text}` : c.text;
    r.focus();
  }
  $<HTMLSelectElement>("canned").value = "";
});

// ---- canned responses and tickets ----

async function loadCanned() {
  const r = await api<{ canned: { id: number; title: string; text: string }[] }>("/canned");
  state.canned = r.canned;
  const sel = $<HTMLSelectElement>("canned");
  sel.replaceChildren(el("option", "", "Canned response…"));
  (sel.firstChild as HTMLOptionElement).value = "";
  for (const c of r.canned) {
    const o = el("option", "", c.title) as HTMLOptionElement;
    o.value = String(c.id);
    sel.append(o);
  }
  const list = $("canned-list");
  list.replaceChildren(
    ...r.canned.map((c) => {
      const row = el("div", "entry");
      row.append(el("strong", "", c.title), el("div", "preview", c.text));
      const edit = el("button", "", "Edit");
      edit.addEventListener("click", () => {
        $<HTMLInputElement>("canned-id").value = String(c.id);
        $<HTMLInputElement>("canned-title").value = c.title;
        $<HTMLTextAreaElement>("canned-text").value = c.text;
      });
      const del = el("button", "", "Delete");
      del.addEventListener("click", async () => {
        await api(`/canned/${c.id}`, { method: "DELETE" }).catch((e: Error) => toast(e.message));
        void loadCanned();
      });
      row.append(edit, " ", del);
      return row;
    }),
  );
}
$("open-canned").addEventListener("click", () => $<HTMLDialogElement>("canned-dialog").showModal());
$("canned-new").addEventListener("click", () => {
  for (const id of ["canned-id", "canned-title", "canned-text"]) $<HTMLInputElement>(id).value = "";
});
$("canned-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const id = $<HTMLInputElement>("canned-id").value;
  const body = JSON.stringify({ title: $<HTMLInputElement>("canned-title").value, text: $<HTMLTextAreaElement>("canned-text").value });
  try {
    await api(id ? `/canned/${id}` : "/canned", { method: id ? "PUT" : "POST", body });
    $("canned-new").click();
    void loadCanned();
  } catch (err) {
    toast((err as Error).message);
  }
});

$("open-tickets").addEventListener("click", async () => {
  const r = await api<{ tickets: TicketView[] }>("/tickets");
  $("tickets").replaceChildren(
    ...(r.tickets.length
      ? r.tickets.map((t) => {
          const row = el("div", "entry");
          row.append(el("div", "meta", `#${t.id} · ${t.status} · ${new Date(t.createdAt).toLocaleString()} · ${t.email ?? "no email yet"}`), el("div", "", t.message || "—"));
          if (t.status === "open") {
            const b = el("button", "", "Mark done");
            b.addEventListener("click", async () => {
              await api(`/tickets/${t.id}/close`, { method: "POST" });
              row.remove();
            });
            row.append(b);
          }
          return row;
        })
      : [el("div", "meta", "No tickets.")]),
  );
  $<HTMLDialogElement>("tickets-dialog").showModal();
});

function toast(text: string) {
  const t = el("div", "msg from-system", text);
  t.setAttribute("role", "alert");
  t.style.cssText = "position:fixed;bottom:12px;left:50%;transform:translateX(-50%);z-index:9";
  document.body.append(t);
  setTimeout(() => t.remove(), 4000);
}

// Resume a session kept in the cookie.
api<{ agent: AgentView }>("/me").then((r) => start(r.agent), () => undefined);
