/**
 * The embeddable chat widget. A shop adds one tag:
 * `<script src="https://assistant.example/widget.js" data-title="Fjell & Field" data-color="#2f5d50" defer></script>`
 * and gets a launcher button and a chat panel, drawn in a shadow root so no styles leak either way.
 * Message data is only ever written with `textContent` / `createElement`, never as HTML.
 */
import { createChatClient, type ConnectionStatus, type OutboxEntry, type SocketLike } from "./chat-client.ts";
import type { ChatMessageFrame, ErrorFrame, ProductCard, StateFrame } from "../server/protocol.ts";

/** The global API a shop page (or a test) can call: `window.FjellChat.open()`. */
export interface FjellChatApi {
  open(): void;
  close(): void;
  send(text: string): void;
}

declare global {
  interface Window {
    FjellChat?: FjellChatApi;
  }
}

const MAX_TEXT = 4000;
const TYPING_IDLE_MS = 3000;
const TYPING_SAFETY_MS = 20_000;

const STYLES = `
:host{all:initial}
[hidden]{display:none!important}
*{box-sizing:border-box}
.root{--a:var(--ff-accent,#2f5d50);--afg:var(--ff-accent-fg,#fff);--bg:var(--ff-bg,#fff);--fg:var(--ff-fg,#1d2421);--mu:var(--ff-muted,#5f6b66);--bb:var(--ff-bot-bg,#eef2f0);--r:var(--ff-radius,16px);--off:var(--ff-offset,20px);font:15px/1.45 var(--ff-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);color:var(--fg)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
button{font:inherit;color:inherit;cursor:pointer}
:focus-visible{outline:3px solid var(--a);outline-offset:2px}
.launcher{position:fixed;right:var(--off);bottom:var(--off);z-index:var(--ff-z,2147483000);width:58px;height:58px;border:0;border-radius:50%;background:var(--a);color:var(--afg);box-shadow:0 6px 20px rgba(0,0,0,.22);display:grid;place-items:center;transition:transform .15s}
.launcher:hover{transform:scale(1.06)}
.launcher svg{width:26px;height:26px}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#c8372d;color:#fff;font-size:12px;font-weight:700;line-height:20px;text-align:center}
.panel{position:fixed;right:var(--off);bottom:calc(var(--off) + 72px);z-index:var(--ff-z,2147483000);width:min(380px,calc(100vw - 2*var(--off)));height:min(600px,calc(100vh - 120px));display:flex;flex-direction:column;background:var(--bg);border-radius:var(--r);box-shadow:0 12px 40px rgba(0,0,0,.25);overflow:hidden;animation:pop .18s ease-out}
@keyframes pop{from{opacity:0;transform:translateY(12px)}}
.head{display:flex;align-items:center;gap:10px;padding:14px 14px 14px 18px;background:var(--a);color:var(--afg)}
.titles{flex:1;min-width:0}
.title{margin:0;font-size:16px;font-weight:650}
.sub{font-size:12.5px;opacity:.85}
.x{border:0;background:transparent;color:inherit;width:34px;height:34px;border-radius:50%;font-size:22px;line-height:1}
.x:hover{background:rgba(255,255,255,.15)}
.status{padding:4px 12px;font-size:12px;text-align:center;background:#fff4d6;color:#6b5200}
.scroll{flex:1;overflow-y:auto;padding:14px 14px 6px;overscroll-behavior:contain}
.hint{margin:4px 0 12px;color:var(--mu);font-size:13px;text-align:center}
.msg{display:flex;flex-direction:column;align-items:flex-start;margin:0 0 10px;max-width:100%}
.bubble{max-width:85%;padding:9px 13px;border-radius:var(--r);background:var(--bb);white-space:pre-wrap;overflow-wrap:anywhere}
.bubble a{color:inherit}
.from-shopper{align-items:flex-end}
.from-shopper .bubble{background:var(--a);color:var(--afg);border-bottom-right-radius:4px}
.from-bot .bubble,.from-agent .bubble{border-bottom-left-radius:4px}
.from-agent .bubble{background:#e7eefb}
.who{font-size:12px;color:var(--mu);margin:0 0 2px 4px}
.from-system,.note{align-items:center;color:var(--mu);font-size:12.5px;text-align:center;margin:6px 0 12px}
.note button{margin-top:6px}
.sending .bubble{opacity:.6}
.failed .bubble{opacity:1;background:#fbe3e1;color:#7a1c14}
.meta{font-size:11.5px;color:var(--mu);margin:3px 4px 0}
.src{font-size:12px;color:var(--mu);margin:4px 4px 0}
.quick{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.msg:not(:last-child) .quick{display:none}
.chip,.note button,.retry{border:1.5px solid var(--a);background:transparent;color:var(--a);border-radius:999px;padding:5px 12px;font-size:13.5px}
.chip:hover,.note button:hover{background:var(--a);color:var(--afg)}
.cards{display:flex;gap:8px;overflow-x:auto;max-width:100%;margin-top:8px;padding-bottom:4px}
.card{flex:0 0 148px;display:flex;flex-direction:column;border:1px solid #dfe5e2;border-radius:12px;overflow:hidden;background:var(--bg);color:var(--fg);text-decoration:none}
.card img{width:100%;height:96px;object-fit:cover;background:#f1f3f2}
.card b{font-weight:600;font-size:13.5px;padding:7px 9px 0}
.card span{font-size:13px;color:var(--a);font-weight:650;padding:2px 9px 8px}
.fb{display:flex;align-items:center;gap:2px;margin:3px 4px 0;font-size:11.5px;color:var(--mu)}
.fb button{border:0;background:transparent;border-radius:6px;padding:1px 6px;font-size:11.5px;color:var(--mu);text-decoration:underline}
.fb button:hover{color:var(--fg);background:var(--bb)}
.typing{display:inline-flex;gap:4px;padding:12px 14px;border-radius:var(--r);background:var(--bb);margin:0 0 10px}
.typing i{width:7px;height:7px;border-radius:50%;background:var(--mu);animation:dot 1.2s infinite}
.typing i:nth-child(2){animation-delay:.15s}.typing i:nth-child(3){animation-delay:.3s}
@keyframes dot{0%,60%,100%{opacity:.3;transform:none}30%{opacity:1;transform:translateY(-3px)}}
.notice{margin:0 12px 6px;padding:7px 10px;border-radius:10px;background:#fbe3e1;color:#7a1c14;font-size:13px}
.compose{display:flex;align-items:flex-end;gap:8px;padding:10px 12px 12px;border-top:1px solid #e4e8e6}
textarea{flex:1;resize:none;max-height:120px;min-height:40px;padding:9px 12px;border:1.5px solid #cfd7d3;border-radius:12px;font:inherit;color:var(--fg);background:var(--bg)}
textarea:focus{outline:none;border-color:var(--a)}
.send{flex:0 0 40px;height:40px;border:0;border-radius:50%;background:var(--a);color:var(--afg);display:grid;place-items:center}
.send svg{width:18px;height:18px}
@media (max-width:520px){.panel{inset:0;width:100%;height:100%;border-radius:0}.open .launcher{display:none}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;

type Props = Record<string, string>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string, props?: Props): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  if (props) for (const k in props) node.setAttribute(k, props[k]);
  return node;
}

function icon(path: string): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const p = document.createElementNS(ns, "path");
  p.setAttribute("d", path);
  p.setAttribute("fill", "currentColor");
  svg.appendChild(p);
  return svg;
}

/** Only http(s) links and images (resolved against the page), never `javascript:` or `data:`. */
function safeUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw, location.href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Appends `text` to `parent` as text nodes, turning bare http(s) URLs into links (built as nodes). */
function appendLinkified(parent: HTMLElement, text: string): void {
  const re = /\bhttps?:\/\/[^\s<>"']+/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let url = m[0];
    const trail = /[.,;:!?)\]]+$/.exec(url);
    if (trail) url = url.slice(0, -trail[0].length);
    const href = safeUrl(url);
    if (!href) continue;
    parent.appendChild(document.createTextNode(text.slice(at, m.index)));
    parent.appendChild(el("a", undefined, url, { href, target: "_blank", rel: "noopener noreferrer" }));
    at = m.index + url.length;
  }
  parent.appendChild(document.createTextNode(text.slice(at)));
}

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** Formats a price in dollars as `$1,299.00`. */
function formatPrice(price: number): string {
  return Number.isFinite(price) ? money.format(price) : "";
}

const POLITE_ERRORS: Record<string, string> = {
  CHAT_ERR_RATE_LIMITED: "You're sending messages quickly. Please wait a moment and try again.",
  CHAT_ERR_CONVERSATION_CLOSED: "This conversation has ended. Start a new chat to continue.",
  CHAT_ERR_TOO_MANY_SESSIONS: "Our chat is very busy right now. We'll keep trying to connect.",
  CHAT_ERR_NOT_READY: "The assistant is starting up. Please try again in a moment.",
  CHAT_ERR_BAD_SIGNATURE: "We couldn't verify your account, so order details aren't available in this chat.",
};

interface WidgetConfig {
  title: string;
  color?: string;
  server: string;
  customer?: { id: string; signature: string };
}

function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  const data = script ? script.dataset : ({} as DOMStringMap);
  let server = data.server || "";
  if (!server) server = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  const id = data.customerId;
  const signature = data.customerSignature;
  return {
    title: data.title || "Chat with us",
    color: data.color,
    server: server.replace(/\/+$/, ""),
    customer: id && signature ? { id, signature } : undefined,
  };
}

function storageOrUndefined(kind: "localStorage" | "sessionStorage"): Storage | undefined {
  try {
    const s = window[kind];
    return s || undefined;
  } catch {
    // Blocked storage (some privacy settings throw on access): run without resume.
    return undefined;
  }
}

function mount(config: WidgetConfig): FjellChatApi {
  const session = storageOrUndefined("sessionStorage");
  const openKey = `fjell-chat-open:${config.server}`;
  const wsUrl = `${config.server.replace(/^http/, "ws")}/ws`;

  const host = el("div", undefined, undefined, { id: "fjell-chat" });
  if (config.color && window.CSS && window.CSS.supports("color", config.color)) {
    host.style.setProperty("--ff-accent", config.color);
  }
  const shadow = host.attachShadow({ mode: "open" });
  const style = el("style");
  style.textContent = STYLES;
  const root = el("div", "root");

  const launcher = el("button", "launcher", undefined, { type: "button", "aria-label": "Open chat", "aria-expanded": "false", "aria-controls": "ff-panel" });
  launcher.appendChild(icon("M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm3 6v2h2v-2H7zm4 0v2h2v-2h-2zm4 0v2h2v-2h-2z"));
  const badge = el("span", "badge", "", { "aria-hidden": "true" });
  badge.hidden = true;
  launcher.appendChild(badge);

  const panel = el("div", "panel", undefined, { id: "ff-panel", role: "dialog", "aria-label": `${config.title} chat` });
  panel.hidden = true;
  const head = el("div", "head");
  const titles = el("div", "titles");
  const title = el("h2", "title", config.title);
  const sub = el("div", "sub", "Virtual assistant");
  titles.append(title, sub);
  const closeBtn = el("button", "x", "×", { type: "button", "aria-label": "Close chat" });
  head.append(titles, closeBtn);
  const statusBar = el("div", "status", "", { role: "status" });
  statusBar.hidden = true;

  const scroll = el("div", "scroll");
  const hint = el("p", "hint", "Ask about orders, shipping, returns or gear.");
  const list = el("div", "list", undefined, { role: "log", "aria-live": "polite", "aria-label": "Messages" });
  const pendingBox = el("div", "list");
  const typingRow = el("div", "typing", undefined, { role: "status", "aria-label": "Typing" });
  typingRow.append(el("i"), el("i"), el("i"));
  typingRow.hidden = true;
  const closedNote = el("div", "msg note", "This conversation has ended.");
  const restartBtn = el("button", undefined, "Start a new chat", { type: "button" });
  // CSAT: rating the whole conversation is a feedback frame without a seq.
  const csat = el("div", "fb", "How was this chat?");
  for (const [rating, word, label] of [["up", "Good", "Rate this chat good"], ["down", "Bad", "Rate this chat bad"]] as const) {
    const b = el("button", undefined, word, { type: "button", "aria-label": label });
    b.addEventListener("click", () => {
      if (client.feedback(rating)) csat.replaceChildren(el("span", "meta", "Thanks for rating this chat"));
    });
    csat.appendChild(b);
  }
  closedNote.append(csat, restartBtn);
  closedNote.hidden = true;
  scroll.append(hint, list, pendingBox, closedNote, typingRow);

  const notice = el("div", "notice", "", { role: "alert" });
  notice.hidden = true;

  const form = el("form", "compose");
  const input = el("textarea", undefined, undefined, {
    rows: "1",
    maxlength: String(MAX_TEXT),
    placeholder: "Type your message…",
    "aria-label": "Message",
    enterkeyhint: "send",
  });
  const sendBtn = el("button", "send", undefined, { type: "submit", "aria-label": "Send" });
  sendBtn.appendChild(icon("M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z"));
  form.append(input, sendBtn);

  panel.append(head, statusBar, scroll, notice, form);
  root.append(panel, launcher);
  shadow.append(style, root);
  document.body.appendChild(host);

  // Rows mirror the client's seq-ordered history, so an out-of-order message is inserted in place.
  let rows: HTMLElement[] = [];
  const pendingRows = new Map<string, HTMLElement>();
  let isOpen = false;
  let unread = 0;
  let typingSafety: ReturnType<typeof setTimeout> | undefined;
  let typingIdle: ReturnType<typeof setTimeout> | undefined;
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  let lastState: string | undefined;
  let agentName = "";

  function nearBottom(): boolean {
    return scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 80;
  }
  function toBottom(): void {
    scroll.scrollTop = scroll.scrollHeight;
  }

  /** Runs a layout change (notice, taller input) without losing the bottom of the conversation. */
  function keepBottom(change: () => void): void {
    const stick = nearBottom();
    change();
    if (stick) toBottom();
  }

  function showNotice(text: string): void {
    keepBottom(() => {
      notice.textContent = text;
      notice.hidden = false;
    });
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => keepBottom(() => (notice.hidden = true)), 8000);
  }

  function senderLabel(m: ChatMessageFrame): string {
    if (m.from === "shopper") return "You";
    if (m.from === "agent") return agentName || "Agent";
    return m.from === "bot" ? "Assistant" : "Notice";
  }

  function productCard(p: ProductCard): HTMLElement {
    const href = safeUrl(p.url);
    const card = href ? el("a", "card", undefined, { href, target: "_blank", rel: "noopener noreferrer" }) : el("div", "card");
    const img = safeUrl(p.image);
    if (img) card.appendChild(el("img", undefined, undefined, { src: img, alt: "", loading: "lazy" }));
    card.append(el("b", undefined, p.name), el("span", undefined, formatPrice(p.price)));
    return card;
  }

  function renderMessage(m: ChatMessageFrame): HTMLElement {
    const row = el("div", `msg from-${m.from === "shopper" || m.from === "agent" || m.from === "system" ? m.from : "bot"}`);
    row.dataset.seq = String(m.seq);
    if (m.from === "system") {
      appendLinkified(row, m.text);
      return row;
    }
    if (m.from === "agent") row.appendChild(el("div", "who", senderLabel(m)));
    const bubble = el("div", "bubble");
    bubble.appendChild(el("span", "sr", `${senderLabel(m)}: `));
    appendLinkified(bubble, m.text);
    row.appendChild(bubble);
    if (m.sources && m.sources.length) {
      row.appendChild(el("div", "src", `Source: ${m.sources.map((s) => s.title).join(" · ")}`));
    }
    if (m.products && m.products.length) {
      const cards = el("div", "cards");
      for (const p of m.products) cards.appendChild(productCard(p));
      row.appendChild(cards);
    }
    if (m.quickReplies && m.quickReplies.length) {
      const quick = el("div", "quick");
      for (const q of m.quickReplies) {
        const chip = el("button", "chip", q, { type: "button" });
        chip.addEventListener("click", () => sendText(q));
        quick.appendChild(chip);
      }
      row.appendChild(quick);
    }
    if (m.from === "bot" && (m.action === "answer" || m.action === "recommend" || m.action === "order_status")) {
      const fb = el("div", "fb", "Helpful?");
      for (const [rating, word, label] of [["up", "Yes", "Yes, helpful"], ["down", "No", "No, not helpful"]] as const) {
        const b = el("button", undefined, word, { type: "button", "aria-label": label });
        b.addEventListener("click", () => {
          if (client.feedback(rating, m.seq)) fb.replaceChildren(el("span", "meta", "Thanks for the feedback"));
        });
        fb.appendChild(b);
      }
      row.appendChild(fb);
    }
    return row;
  }

  function addNote(text: string): void {
    list.appendChild(el("div", "msg note", text));
    toBottom();
  }

  function describeState(f: StateFrame): string {
    if (f.state === "queued") return f.position ? `Waiting for an agent · you're #${f.position} in line` : "Waiting for an agent";
    if (f.state === "agent") return `Chatting with ${agentName || "an agent"}`;
    if (f.state === "closed") return "Conversation closed";
    return "Virtual assistant";
  }

  function setUnread(n: number): void {
    unread = n;
    badge.textContent = n > 9 ? "9+" : String(n);
    badge.hidden = n === 0;
    launcher.setAttribute("aria-label", n ? `Open chat, ${n} unread` : "Open chat");
  }

  function setTypingIndicator(on: boolean, who = "Assistant"): void {
    clearTimeout(typingSafety);
    typingRow.setAttribute("aria-label", `${who} is typing`);
    typingRow.hidden = !on;
    // A lost "typing off" must not leave the dots forever.
    if (on) typingSafety = setTimeout(() => (typingRow.hidden = true), TYPING_SAFETY_MS);
    if (on && nearBottom()) toBottom();
  }

  function drawPending(entry: OutboxEntry): void {
    const row = el("div", "msg from-shopper sending");
    row.dataset.id = entry.id;
    const bubble = el("div", "bubble");
    bubble.appendChild(el("span", "sr", "You: "));
    appendLinkified(bubble, entry.text);
    row.append(bubble, el("div", "meta", "Sending…"));
    pendingRows.set(entry.id, row);
    pendingBox.appendChild(row);
    hint.hidden = true;
  }

  function statusText(s: ConnectionStatus): string {
    return s === "connecting" ? "Connecting…" : s === "offline" ? "You're offline. Reconnecting…" : "";
  }

  const client = createChatClient({
    url: wsUrl,
    // The DOM WebSocket is a SocketLike; its handler types are just narrower than the interface.
    createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
    storage: storageOrUndefined("localStorage"),
    storageKey: `fjell-chat:${config.server}`,
    customer: config.customer,
    locale: navigator.language ? navigator.language.slice(0, 35) : undefined,
    on: {
      message(m, index) {
        const stick = nearBottom() || m.from === "shopper";
        const row = renderMessage(m);
        const before = rows[index];
        if (before) list.insertBefore(row, before);
        else list.appendChild(row);
        rows.splice(index, 0, row);
        hint.hidden = true;
        if (m.from === "bot" || m.from === "agent") {
          setTypingIndicator(false);
          if (!isOpen && m.seq > client.storedLastSeq) setUnread(unread + 1);
        }
        if (stick) toBottom();
      },
      pending(entry: OutboxEntry) {
        drawPending(entry);
        toBottom();
      },
      acknowledged(id) {
        pendingRows.get(id)?.remove();
        pendingRows.delete(id);
      },
      failed(id) {
        const row = pendingRows.get(id);
        pendingRows.delete(id);
        if (!row) return;
        row.className = "msg from-shopper failed";
        const meta = row.querySelector(".meta");
        if (meta) meta.textContent = "Not sent";
      },
      state(f, initial) {
        if (f.agentName) agentName = f.agentName;
        sub.textContent = describeState(f);
        const changed = lastState !== undefined && lastState !== f.state;
        lastState = f.state;
        keepBottom(() => (closedNote.hidden = f.state !== "closed"));
        if (changed && !initial) {
          if (f.state === "queued") addNote(`You're in the queue for a human agent${f.position ? ` (position ${f.position})` : ""}.`);
          else if (f.state === "agent") addNote(`${agentName || "An agent"} joined the chat.`);
          else if (f.state === "bot") addNote("You're chatting with our assistant again.");
        }
      },
      typing(f) {
        if (f.from === "bot" || f.from === "agent") setTypingIndicator(f.on, f.from === "agent" ? agentName || "Agent" : "Assistant");
      },
      error(f: ErrorFrame) {
        showNotice(POLITE_ERRORS[f.code] || `Sorry, that didn't go through: ${f.message}`);
      },
      status(s) {
        const text = statusText(s);
        statusBar.textContent = text;
        statusBar.hidden = !text;
      },
      reset() {
        list.replaceChildren();
        rows = [];
        closedNote.hidden = true;
        const keep = new Set(client.outbox().map((e) => e.id));
        for (const row of Array.from(pendingBox.children) as HTMLElement[]) {
          const id = row.dataset.id ?? "";
          if (keep.has(id)) continue;
          row.remove();
          pendingRows.delete(id);
        }
        hint.hidden = false;
        lastState = undefined;
        sub.textContent = "Virtual assistant";
      },
    },
  });
  // Draw messages still waiting in the outbox from before a reload.
  for (const entry of client.outbox()) drawPending(entry);

  function autosize(): void {
    keepBottom(() => {
      input.style.height = "auto";
      input.style.height = `${Math.min(input.scrollHeight + 3, 120)}px`;
    });
  }

  function sendText(raw: string): void {
    const text = raw.trim();
    if (!text) return;
    if (text.length > MAX_TEXT) {
      showNotice(`Messages can be up to ${MAX_TEXT} characters.`);
      return;
    }
    client.start();
    clearTimeout(typingIdle);
    client.send(text);
  }

  function open(focus = true): void {
    client.start();
    isOpen = true;
    panel.hidden = false;
    root.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    setUnread(0);
    try {
      session?.setItem(openKey, "1");
    } catch {
      // Not remembering the panel state is harmless.
    }
    toBottom();
    if (focus) input.focus();
  }

  function close(): void {
    const hadFocus = shadow.activeElement !== null;
    isOpen = false;
    panel.hidden = true;
    root.classList.remove("open");
    launcher.setAttribute("aria-expanded", "false");
    try {
      session?.removeItem(openKey);
    } catch {
      // See open().
    }
    if (hadFocus) launcher.focus();
  }

  launcher.addEventListener("click", () => (isOpen ? close() : open()));
  closeBtn.addEventListener("click", close);
  restartBtn.addEventListener("click", () => {
    client.restart();
    input.focus();
  });
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      sendFromInput();
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    sendFromInput();
  });
  input.addEventListener("input", () => {
    autosize();
    clearTimeout(typingIdle);
    if (!input.value.trim()) {
      client.typing(false);
      return;
    }
    client.typing(true);
    typingIdle = setTimeout(() => client.typing(false), TYPING_IDLE_MS);
  });

  function sendFromInput(): void {
    const value = input.value;
    if (!value.trim()) return;
    input.value = "";
    autosize();
    sendText(value);
    input.focus();
  }

  // Resume an ongoing conversation right away (agent replies, unread badge); otherwise connect on first open.
  let wasOpen = false;
  try {
    wasOpen = session?.getItem(openKey) === "1";
  } catch {
    wasOpen = false;
  }
  if (wasOpen) open(false);
  else if (client.sessionId || client.outbox().length) client.start();

  return {
    open: () => open(),
    close,
    send(text: string) {
      if (!isOpen) open(false);
      sendText(String(text));
    },
  };
}

// Captured synchronously: `document.currentScript` is only set while this script first runs.
const currentScript = (document.currentScript as HTMLScriptElement | null) || document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');

function boot(): void {
  if (window.FjellChat) return;
  window.FjellChat = mount(readConfig(currentScript));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
