/**
 * The console's conversation parts: transcript rows (with the bot's decision trail as readable
 * lines), internal notes, and the customer sidebar in plain words.
 */
import type { ChatMessageFrame, CustomerSidebar, NoteView, ProductCard, TranscriptMessage } from "../../server/protocol.ts";
import { decisionLines } from "./decision-trail.ts";
import { buyingAgain, churnBand, expectedSpend, formatCents, formatDate, formatPercent, formatPrice, labelWords, plainReason } from "./plain-words.ts";

const h = (tag: string, cls?: string, text?: string) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

const timeOf = (iso: string | undefined) => new Date(iso ?? Date.now()).toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit" });

/** One transcript message; a bot turn carries a "Why" disclosure with its decision trail. */
export function messageRow(m: ChatMessageFrame | TranscriptMessage): HTMLElement {
  const row = h("div", `msg from-${m.from}`);
  row.dataset.seq = String(m.seq);
  const who = m.from === "shopper" ? "Shopper" : m.from === "bot" ? `Assistant${m.action ? ` · ${labelWords(m.action)}` : ""}` : m.from === "agent" ? "Agent" : "System";
  row.append(h("span", "who", `${who} · ${timeOf(m.createdAt)}`));
  row.append(h("span", "text", m.text));
  if (m.products?.length) {
    const cards = h("div", "cards");
    for (const p of m.products) cards.append(h("span", "card", `${p.name} · ${formatPrice(p.price, p.currency)}`));
    row.append(cards);
  }
  const decision = (m as TranscriptMessage).decision;
  if (decision) {
    const d = h("details");
    const rule = typeof decision.why === "string" ? decision.why : typeof decision.rule === "string" ? decision.rule : "decision";
    const lines = h("ul", "trail");
    for (const line of decisionLines(decision, m)) lines.append(h("li", "", line));
    d.append(h("summary", "", `Why: ${rule.replace(/>=/g, "≥").replace(/<=/g, "≤")}`), lines);
    row.append(d);
  }
  return row;
}

/** An internal note in the transcript. */
export function noteRow(n: NoteView): HTMLElement {
  return h("div", "msg note", `Note by ${n.agentName} · ${timeOf(n.createdAt)}: ${n.text}`);
}

/** Options of the sidebar: what "Send card" does. */
export interface SidebarOptions {
  sendCard(product: ProductCard): void;
}

/**
 * Draws the customer sidebar: who, how much they buy, what the models expect (in words), recent
 * orders and recommendations an agent can send as cards.
 */
export function renderSidebar(side: HTMLElement, s: CustomerSidebar, o: SidebarOptions): void {
  const parts: HTMLElement[] = [];
  const heading = (t: string) => h("h2", "", t);
  if (s.customer) {
    parts.push(heading("Customer"));
    const dl = h("dl");
    const row = (k: string, v: string) => dl.append(h("dt", "", k), h("dd", "", v));
    row("Name", s.customer.name);
    row("Email", s.customer.email);
    row("Country", s.customer.country);
    row("Customer since", formatDate(s.customer.memberSince));
    if (s.customer.summitMember) row("Member", "Summit Club");
    if (s.segment) row("Segment", labelWords(s.segment));
    if (s.stage) row("Stage", labelWords(s.stage));
    if (s.profile) row("Orders", `${s.profile.orders} · ${formatCents(s.profile.monetaryCents)} spent`);
    if (s.profile?.recencyDays != null) row("Last order", daysAgo(s.profile.recencyDays));
    parts.push(dl);
  }
  if (s.clv || s.churn) {
    parts.push(heading("Outlook"));
    const ul = h("ul", "outlook");
    if (s.clv) {
      ul.append(h("li", "", capitalise(buyingAgain(s.clv.probabilityAlive))));
      ul.append(h("li", "", expectedSpend(s.clv.clvCents, s.clv.horizonMonths)));
    }
    if (s.churn) {
      const band = churnBand(s.churn.risk);
      const li = h("li", `churn ${band}`, `Churn risk: ${band}`);
      li.title = `Model estimate ${formatPercent(s.churn.risk)}`;
      ul.append(li);
    }
    parts.push(ul);
    if (s.churn?.reasons.length) {
      const reasons = h("ul", "reasons");
      for (const r of s.churn.reasons) reasons.append(h("li", r.direction, `${r.direction === "raises" ? "↑" : "↓"} ${plainReason(r.text)}`));
      parts.push(h("div", "meta", "Why this churn risk"), reasons);
    }
  }
  if (s.orders.length) {
    parts.push(heading("Recent orders"));
    const ul = h("ul");
    for (const o of s.orders) {
      const tracking = o.trackingNumber ? ` · ${o.carrier ?? ""} ${o.trackingNumber}` : "";
      ul.append(h("li", "", `${o.id} · ${formatDate(o.placedAt)} · ${labelWords(o.status)} · ${formatCents(o.totalCents)}${tracking}`));
    }
    parts.push(ul);
  }
  if (s.recommendations.length) {
    parts.push(heading("Recommendations"));
    for (const p of s.recommendations) {
      const card = h("div", "card");
      card.append(h("div", "", `${p.name} · ${formatPrice(p.price, p.currency)}`));
      if (p.reason) card.append(h("div", "meta", p.reason));
      const b = h("button", "", "Send card") as HTMLButtonElement;
      b.type = "button";
      b.setAttribute("aria-label", `Send card: ${p.name}`);
      b.addEventListener("click", () => o.sendCard(p));
      card.append(b);
      parts.push(card);
    }
  }
  for (const n of s.notes) parts.push(h("p", "meta", n));
  side.replaceChildren(...(parts.length ? parts : [h("div", "empty", "No customer details.")]));
}

function daysAgo(days: number): string {
  const n = Math.round(days);
  return n <= 0 ? "today" : n === 1 ? "yesterday" : `${n} days ago`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
