/**
 * The console's queue and "my conversations" lists. Every entry is a list item whose main part is a
 * button (open the conversation) followed by Claim / Decline buttons, so Tab reaches everything and
 * ArrowUp / ArrowDown move between entries. Lists are redrawn on every queue update; the focused
 * control is found again afterwards so a keyboard user never loses their place.
 */
import type { QueueEntryView } from "../../server/protocol.ts";
import { labelWords, languageName } from "./plain-words.ts";

/** What the lists need from the console. */
export interface QueueListOptions {
  offers: ReadonlySet<string>;
  /** The conversation shown on the right, marked as current. */
  openId: string | undefined;
  open(conversationId: string): void;
  /** Claim (or accept an offer for) a queued conversation. */
  accept(conversationId: string): void;
  decline(conversationId: string): void;
}

const h = (tag: string, cls?: string, text?: string) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

function button(cls: string, text: string, role: string, label?: string): HTMLButtonElement {
  const b = h("button", cls, text) as HTMLButtonElement;
  b.type = "button";
  b.dataset.role = role;
  if (label) b.setAttribute("aria-label", label);
  return b;
}

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

function entryItem(e: QueueEntryView, kind: "queue" | "mine", o: QueueListOptions): HTMLElement {
  const offered = o.offers.has(e.conversationId);
  const who = e.customer ? `${e.customer.name} (${e.customer.id})` : "Anonymous shopper";
  const item = h("li", "entry");
  item.dataset.conversationId = e.conversationId;
  if (offered) item.classList.add("offered");
  const current = o.openId === e.conversationId;
  if (current) item.classList.add("active");

  const open = button("open", "", "open");
  if (current) open.setAttribute("aria-current", "true");
  const top = h("span", "line");
  top.append(h("span", `pill ${e.priorityClass}`, e.priorityClass), " ", h("span", "pill", e.team), " ");
  if (e.language && e.language !== "en") top.append(h("span", "pill lang", languageName(e.language)), " ");
  const timer = h("span", e.slaBreached ? "pill breach" : "pill", "");
  timer.dataset.queuedAt = e.queuedAt;
  timer.dataset.sla = String(e.slaSeconds);
  timer.dataset.waiting = String(e.waitingSeconds);
  timer.dataset.live = String(e.status === "queued");
  top.append(timer);
  if (e.position) top.append(" ", h("span", "meta", `#${e.position} in line`));
  if (offered) top.append(" ", h("span", "pill offer", "offered to you"));
  open.append(top, h("span", "line who", who), h("span", "line preview", e.preview || "—"), h("span", "line meta", labelWords(e.reason)));
  open.addEventListener("click", () => o.open(e.conversationId));
  item.append(open);

  if (kind === "queue") {
    const actions = h("span", "actions");
    const accept = button("primary", offered ? "Accept offer" : "Claim", "accept", `${offered ? "Accept offer" : "Claim"}: ${who}`);
    accept.dataset.action = "accept";
    accept.addEventListener("click", () => o.accept(e.conversationId));
    actions.append(accept);
    if (offered) {
      const decline = button("", "Decline", "decline", `Decline: ${who}`);
      decline.addEventListener("click", () => o.decline(e.conversationId));
      actions.append(" ", decline);
    }
    item.append(actions);
  }
  return item;
}

/** Where focus was inside a list, by conversation and control, so the redraw can restore it. */
function focusedControl(): { conversationId: string; role: string } | null {
  const active = document.activeElement as HTMLElement | null;
  const item = active?.closest<HTMLElement>("li.entry");
  if (!active || !item || !active.dataset.role) return null;
  return { conversationId: item.dataset.conversationId ?? "", role: active.dataset.role };
}

function restoreFocus(was: { conversationId: string; role: string } | null, lists: HTMLElement[]): void {
  if (!was || document.activeElement !== document.body) return;
  const items = lists.flatMap((l) => Array.from(l.querySelectorAll<HTMLElement>("li.entry")));
  const item = items.find((i) => i.dataset.conversationId === was.conversationId);
  // The same control, else the entry's main button (a claimed chat moves from the queue to "mine").
  const target = item?.querySelector<HTMLElement>(`[data-role="${was.role}"]`) ?? item?.querySelector<HTMLElement>('[data-role="open"]');
  target?.focus();
}

/**
 * Redraws the queue and "my conversations" lists, keeping keyboard focus on the same control.
 * @example renderQueueLists($("queue"), $("mine"), state.queue, state.mine, { offers, openId, open, accept, decline });
 */
export function renderQueueLists(queueEl: HTMLElement, mineEl: HTMLElement, queue: readonly QueueEntryView[], mine: readonly QueueEntryView[], o: QueueListOptions): void {
  const was = focusedControl();
  queueEl.replaceChildren(...(queue.length ? queue.map((e) => entryItem(e, "queue", o)) : [h("li", "meta", "Nobody is waiting.")]));
  mineEl.replaceChildren(...(mine.length ? mine.map((e) => entryItem(e, "mine", o)) : [h("li", "meta", "No conversations assigned to you.")]));
  restoreFocus(was, [queueEl, mineEl]);
}

/** ArrowUp / ArrowDown (and Home / End) move between the entries' main buttons of a list. */
export function enableArrowKeys(listEl: HTMLElement): void {
  listEl.addEventListener("keydown", (ev) => {
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(ev.key)) return;
    const buttons = Array.from(listEl.querySelectorAll<HTMLElement>('[data-role="open"]'));
    const at = buttons.indexOf((document.activeElement as HTMLElement).closest("li.entry")?.querySelector<HTMLElement>('[data-role="open"]') as HTMLElement);
    if (!buttons.length || at < 0) return;
    ev.preventDefault();
    const next = ev.key === "Home" ? 0 : ev.key === "End" ? buttons.length - 1 : Math.min(buttons.length - 1, Math.max(0, at + (ev.key === "ArrowDown" ? 1 : -1)));
    buttons[next].focus();
  });
}

/** Updates every waiting-time pill: `m:ss / SLA m:ss`, marked when the SLA is breached. */
export function tickTimers(clockSkewMs: number): void {
  for (const t of document.querySelectorAll<HTMLElement>("[data-queued-at]")) {
    const live = t.dataset.live === "true";
    const waited = live ? (Date.now() - clockSkewMs - Date.parse(t.dataset.queuedAt!)) / 1000 : Number(t.dataset.waiting);
    const sla = Number(t.dataset.sla);
    t.textContent = `${mmss(Math.max(0, waited))} / SLA ${mmss(sla)}`;
    t.className = waited > sla ? "pill breach" : "pill";
    if (waited > sla) t.title = "SLA breached";
  }
}
