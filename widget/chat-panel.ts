/**
 * The chat widget on the page: a launcher button and a modal chat dialog in an open shadow root, wired
 * to the protocol client. Message data is only ever written with `textContent` / `createElement`.
 */
import type { ChatMessageFrame, ErrorFrame, StateFrame } from "../server/protocol.ts";
import { createChatClient, type ConnectionStatus, type OutboxEntry, type SocketLike } from "./chat-client.ts";
import { createComposer } from "./composer.ts";
import { appendLinkified, el, icon, recall, remember, storageOrUndefined, tabbables } from "./dom.ts";
import { createFormatter, format, pickLocale } from "./i18n.ts";
import { WIDGET_STRINGS, type WidgetStrings } from "./strings.ts";
import { renderCampaignCard } from "./campaign-card.ts";
import { renderMessage } from "./message-row.ts";
import type { AddToCartDetail } from "./product-cards.ts";
import type { BootOptions, Identity, WidgetEvents, WidgetInstance } from "./sdk.ts";
import { createReadAloud } from "./voice.ts";
import { WIDGET_STYLES } from "./widget-styles.ts";

/** The protocol's limit on a shopper message (docs/protocol.md). */
export const MAX_MESSAGE_CHARS = 4000;
const TYPING_SAFETY_MS = 20_000;
const NOTICE_MS = 8000;
const READ_ALOUD_KEY = "fjell-chat-read-aloud";

function politeError(t: WidgetStrings, f: ErrorFrame): string {
  const known: Record<string, string> = {
    CHAT_ERR_RATE_LIMITED: t.errRateLimited,
    CHAT_ERR_CONVERSATION_CLOSED: t.errClosed,
    CHAT_ERR_TOO_MANY_SESSIONS: t.errBusy,
    CHAT_ERR_NOT_READY: t.errNotReady,
    CHAT_ERR_BAD_SIGNATURE: t.errSignature,
  };
  return known[f.code] || format(t.errOther, { message: f.message });
}

/**
 * Draws the widget into the page and connects it (the script API calls this on `boot`).
 * @example const widget = mountChatWidget({ title: "Fjell & Field", server: "https://chat.example" }, createWidgetEvents());
 */
export function mountChatWidget(options: BootOptions, events: WidgetEvents): WidgetInstance {
  const server = (options.server || location.origin).replace(/\/+$/, "");
  const browserLanguages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  const lang = pickLocale(options.locale, browserLanguages);
  const t = WIDGET_STRINGS[lang.language];
  const fmt = createFormatter(lang.formatLocale);
  const title = options.title || t.title;
  const session = storageOrUndefined("sessionStorage");
  const local = storageOrUndefined("localStorage");
  const openKey = `fjell-chat-open:${server}`;

  const host = el("div", undefined, undefined, { id: "fjell-chat" });
  if (options.color && window.CSS && window.CSS.supports("color", options.color)) host.style.setProperty("--ff-accent", options.color);
  const shadow = host.attachShadow({ mode: "open" });
  const style = el("style");
  style.textContent = WIDGET_STYLES;
  const root = el("div", "root", undefined, { lang: lang.formatLocale });

  const launcher = el("button", "launcher", undefined, { type: "button", "aria-label": t.openChat, "aria-expanded": "false", "aria-controls": "ff-panel", "aria-haspopup": "dialog" });
  launcher.appendChild(icon("M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm3 6v2h2v-2H7zm4 0v2h2v-2h-2zm4 0v2h2v-2h-2z"));
  const badge = el("span", "badge", "", { "aria-hidden": "true" });
  badge.hidden = true;
  launcher.appendChild(badge);

  const panel = el("div", "panel", undefined, { id: "ff-panel", role: "dialog", "aria-modal": "true", "aria-label": format(t.dialog, { title }) });
  panel.hidden = true;
  const head = el("div", "head");
  const titles = el("div", "titles");
  const heading = el("h2", "title", title);
  const sub = el("div", "sub", t.assistantSub);
  titles.append(heading, sub);
  const readAloud = createReadAloud(lang.formatLocale);
  let speaking = readAloud.supported && recall(local, READ_ALOUD_KEY) === "1";
  const speakBtn = el("button", "hb", undefined, { type: "button", "aria-label": t.readAloud, "aria-pressed": String(speaking), title: t.readAloud });
  speakBtn.appendChild(icon("M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"));
  speakBtn.hidden = !readAloud.supported;
  const closeBtn = el("button", "hb", "×", { type: "button", "aria-label": t.closeChat });
  head.append(titles, speakBtn, closeBtn);
  const statusBar = el("div", "status", "", { role: "status" });
  statusBar.hidden = true;
  const queueBanner = el("div", "queue", "", { role: "status" });
  queueBanner.hidden = true;

  const scroll = el("div", "scroll");
  const hint = el("p", "hint", t.hint);
  const list = el("div", "list", undefined, { role: "log", "aria-live": "polite", "aria-label": t.messages });
  const pendingBox = el("div", "list");
  const typingRow = el("div", "typing", undefined, { role: "status", "aria-label": format(t.typing, { who: t.assistant }) });
  typingRow.append(el("i"), el("i"), el("i"));
  typingRow.hidden = true;
  const closedNote = el("div", "msg note");
  const restartBtn = el("button", "primary", t.newChat, { type: "button" });
  // CSAT: rating the whole conversation is a feedback frame without a seq.
  const csat = el("div", "fb", t.rateChat);
  for (const [rating, word, label] of [["up", t.good, t.rateGood], ["down", t.bad, t.rateBad]] as const) {
    const b = el("button", undefined, word, { type: "button", "aria-label": label });
    b.addEventListener("click", () => {
      if (!client.feedback(rating)) return;
      const thanks = el("span", "meta", t.thanksRating, { tabindex: "-1", role: "status" });
      csat.replaceChildren(thanks);
      thanks.focus();
    });
    csat.appendChild(b);
  }
  closedNote.append(el("div", undefined, t.chatEnded), csat, restartBtn);
  closedNote.hidden = true;
  scroll.append(hint, list, pendingBox, closedNote, typingRow);

  const notice = el("div", "notice", "", { role: "alert" });
  notice.hidden = true;
  const announcer = el("div", "sr", "", { role: "status" });

  let rows: HTMLElement[] = [];
  const pendingRows = new Map<string, HTMLElement>();
  const pendingTexts = new WeakMap<HTMLElement, string>();
  let isOpen = false;
  let unread = 0;
  let typingSafety: ReturnType<typeof setTimeout> | undefined;
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  let lastState: string | undefined;
  let agentName = "";

  const nearBottom = () => scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 80;
  const toBottom = () => (scroll.scrollTop = scroll.scrollHeight);
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
    noticeTimer = setTimeout(() => keepBottom(() => (notice.hidden = true)), NOTICE_MS);
  }

  const composer = createComposer({
    t,
    fmt,
    locale: lang.locale,
    maxLength: MAX_MESSAGE_CHARS,
    send: (text) => sendText(text),
    typing: (on) => client.typing(on),
    notice: showNotice,
    keepBottom,
  });
  const input = composer.input;

  panel.append(head, statusBar, queueBanner, scroll, notice, composer.form, announcer);
  root.append(panel, launcher);
  shadow.append(style, root);
  document.body.appendChild(host);

  const rowContext = {
    t,
    fmt,
    agentName: () => agentName,
    chip(text: string) {
      sendText(text);
      // The chips disappear with the next message: keep the keyboard in the conversation.
      input.focus();
    },
    feedback: (rating: "up" | "down", seq: number) => client.feedback(rating, seq),
    cards: {
      t,
      fmt,
      get addToCart() {
        return events.has("addToCart") ? (detail: AddToCartDetail) => events.request("addToCart", detail) : undefined;
      },
      announce(text: string, failed?: boolean) {
        if (failed) showNotice(text);
        else announcer.textContent = text;
      },
    },
  };

  function setUnread(n: number): void {
    if (n !== unread) events.emit("unread", n);
    unread = n;
    badge.textContent = n > 9 ? "9+" : String(n);
    badge.hidden = n === 0;
    launcher.setAttribute("aria-label", n ? format(t.openChatUnread, { n }) : t.openChat);
  }

  function setTypingIndicator(on: boolean, who = t.assistant): void {
    clearTimeout(typingSafety);
    typingRow.setAttribute("aria-label", format(t.typing, { who }));
    typingRow.hidden = !on;
    // A lost "typing off" must not leave the dots forever.
    if (on) typingSafety = setTimeout(() => (typingRow.hidden = true), TYPING_SAFETY_MS);
    if (on && nearBottom()) toBottom();
  }

  function drawPending(entry: OutboxEntry): void {
    const row = el("div", "msg from-shopper sending");
    row.dataset.id = entry.id;
    const bubble = el("div", "bubble");
    bubble.appendChild(el("span", "sr", `${t.you}: `));
    appendLinkified(bubble, entry.text);
    row.append(bubble, el("div", "meta", t.sending));
    pendingTexts.set(row, entry.text);
    pendingRows.set(entry.id, row);
    pendingBox.appendChild(row);
    hint.hidden = true;
  }

  function describeState(f: StateFrame): string {
    if (f.state === "queued") return f.position ? format(t.queuedAt, { n: f.position }) : t.queued;
    if (f.state === "agent") return format(t.chattingWith, { name: agentName || t.anAgent });
    return f.state === "closed" ? t.closedState : t.assistantSub;
  }

  function showState(f: StateFrame): void {
    if (f.agentName) agentName = f.agentName;
    sub.textContent = describeState(f);
    const closed = f.state === "closed";
    keepBottom(() => {
      queueBanner.textContent = f.position ? format(t.queueNoteAt, { n: f.position }) : t.queueNote;
      queueBanner.hidden = f.state !== "queued";
      closedNote.hidden = !closed;
    });
    const hadInput = shadow.activeElement === input;
    composer.setClosed(closed);
    if (closed) typingRow.hidden = true;
    // A disabled input drops focus: hand it to the way forward.
    if (closed && hadInput) restartBtn.focus();
    if (lastState !== f.state) events.emit("state", { state: f.state, ...(f.position ? { position: f.position } : {}), ...(agentName ? { agentName } : {}) });
    lastState = f.state;
  }

  const client = createChatClient({
    url: `${server.replace(/^http/, "ws")}/ws`,
    // The DOM WebSocket is a SocketLike; its handler types are just narrower than the interface.
    createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
    storage: local,
    storageKey: `fjell-chat:${server}`,
    customer: options.customerId && options.signature ? { id: options.customerId, signature: options.signature } : undefined,
    locale: lang.locale.slice(0, 35),
    on: {
      message(m: ChatMessageFrame, index: number, fresh: boolean) {
        const stick = nearBottom() || m.from === "shopper";
        const row = renderMessage(m, rowContext);
        const before = rows[index];
        if (before) list.insertBefore(row, before);
        else list.appendChild(row);
        rows.splice(index, 0, row);
        hint.hidden = true;
        if (m.from === "bot" || m.from === "agent") {
          setTypingIndicator(false);
          if (fresh && !isOpen) setUnread(unread + 1);
          if (fresh && isOpen && speaking) readAloud.speak(m.text);
        }
        if (fresh) events.emit("message", m);
        if (stick) toBottom();
      },
      pending(entry) {
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
        if (meta) meta.textContent = `${t.notSent} `;
        // Refused (too fast, or invalid): the shopper sends it again with one click, as a new message.
        const text = pendingTexts.get(row);
        if (meta && text !== undefined) {
          const retry = el("button", "retry", t.retry, { type: "button" });
          retry.addEventListener("click", () => {
            row.remove();
            client.send(text);
          });
          meta.appendChild(retry);
        }
      },
      state: (f) => showState(f),
      typing(f) {
        if (f.from === "bot" || f.from === "agent") setTypingIndicator(f.on, f.from === "agent" ? agentName || t.agent : t.assistant);
      },
      error: (f) => showNotice(politeError(t, f)),
      status(s: ConnectionStatus) {
        const text = s === "connecting" ? t.connecting : s === "offline" ? t.offline : "";
        statusBar.textContent = text;
        statusBar.hidden = !text;
      },
      campaign(f) {
        // Shown above the conversation; "opened" once the shopper has the panel open with it in view.
        const card = renderCampaignCard(f, { ...rowContext.cards, dismissed: (id) => client.campaignEvent(id, "dismissed") });
        list.before(card);
        unseenCampaign = f.campaignId;
        if (isOpen) markCampaignSeen();
        else setUnread(unread + 1);
      },
      reset() {
        list.replaceChildren();
        rows = [];
        const keep = new Set(client.outbox().map((e) => e.id));
        for (const row of Array.from(pendingBox.children) as HTMLElement[]) {
          const id = row.dataset.id ?? "";
          if (keep.has(id)) continue;
          row.remove();
          pendingRows.delete(id);
        }
        hint.hidden = false;
        agentName = "";
        showState({ type: "state", state: "bot" });
      },
    },
  });
  // Draw messages still waiting in the outbox from before a reload.
  for (const entry of client.outbox()) drawPending(entry);

  function sendText(raw: string): void {
    const text = raw.trim();
    if (!text) return;
    if (text.length > MAX_MESSAGE_CHARS) {
      showNotice(format(t.tooLong, { max: fmt.count(MAX_MESSAGE_CHARS) }));
      return;
    }
    // Writing to an ended chat starts a new one rather than failing with "Not sent".
    if (lastState === "closed") client.restart();
    client.start();
    client.send(text);
  }

  let unseenCampaign: string | null = null;
  function markCampaignSeen(): void {
    if (unseenCampaign && client.campaignEvent(unseenCampaign, "opened")) unseenCampaign = null;
  }

  function open(focus = true): void {
    client.start();
    markCampaignSeen();
    isOpen = true;
    panel.hidden = false;
    root.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    setUnread(0);
    remember(session, openKey, "1");
    toBottom();
    if (focus) (input.disabled ? restartBtn : input).focus();
    events.emit("open", undefined);
  }

  function close(returnFocus = shadow.activeElement !== null): void {
    if (!isOpen) return;
    isOpen = false;
    composer.stop();
    readAloud.cancel();
    panel.hidden = true;
    root.classList.remove("open");
    launcher.setAttribute("aria-expanded", "false");
    remember(session, openKey, null);
    if (returnFocus) launcher.focus();
    events.emit("close", undefined);
  }

  launcher.addEventListener("click", () => (isOpen ? close() : open()));
  closeBtn.addEventListener("click", () => close(true));
  speakBtn.addEventListener("click", () => {
    speaking = !speaking;
    speakBtn.setAttribute("aria-pressed", String(speaking));
    remember(local, READ_ALOUD_KEY, speaking ? "1" : null);
    if (!speaking) readAloud.cancel();
  });
  restartBtn.addEventListener("click", () => {
    client.restart();
    client.start();
    input.focus();
  });
  // The dialog is modal: Tab and Shift+Tab cycle inside it; Escape closes it from anywhere in the widget.
  root.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && isOpen) {
      e.preventDefault();
      close(true);
      return;
    }
    if (e.key !== "Tab" || !isOpen || !panel.contains(e.target as Node)) return;
    const stops = tabbables(panel);
    if (!stops.length) return;
    const first = stops[0];
    const last = stops[stops.length - 1];
    const at = shadow.activeElement;
    if (e.shiftKey && (at === first || !stops.includes(at as HTMLElement))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (at === last || !stops.includes(at as HTMLElement))) {
      e.preventDefault();
      first.focus();
    }
  });
  // If focus fell out of the widget (a pressed control went away), Escape still closes it.
  const onDocumentKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && isOpen && (document.activeElement === document.body || document.activeElement === null)) close(true);
  };
  document.addEventListener("keydown", onDocumentKey);

  // Resume an ongoing conversation right away (agent replies, unread badge); otherwise connect on first open.
  if (recall(session, openKey) === "1") open(false);
  else if (client.sessionId || client.outbox().length) client.start();

  return {
    open: () => open(),
    close: () => close(),
    send(text: string) {
      if (!isOpen) open(false);
      sendText(String(text));
    },
    identify(identity: Identity) {
      client.setCustomer({ id: identity.customerId, signature: identity.signature });
      client.reconnect();
    },
    logout() {
      client.setCustomer(undefined);
      client.restart();
      setUnread(0);
    },
    destroy() {
      client.stop();
      composer.stop();
      readAloud.cancel();
      clearTimeout(typingSafety);
      clearTimeout(noticeTimer);
      document.removeEventListener("keydown", onDocumentKey);
      host.remove();
    },
  };
}
