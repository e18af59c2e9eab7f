/**
 * One chat message as the shopper sees it: sender, text (links made clickable), time, sources,
 * product cards, quick-reply chips and "Helpful?" buttons.
 */
import type { ChatMessageFrame } from "../server/protocol.ts";
import { appendLinkified, el } from "./dom.ts";
import { format, type WidgetFormatter } from "./i18n.ts";
import type { WidgetStrings } from "./strings.ts";
import { renderProductCards, type ProductCardContext } from "./product-cards.ts";

/** What a message row needs from the widget. */
export interface MessageRowContext {
  t: WidgetStrings;
  fmt: WidgetFormatter;
  /** The current agent's name ("" when unknown). */
  agentName(): string;
  /** Sends a quick reply as if typed. */
  chip(text: string): void;
  /** Rates an answer; true when the rating was sent. */
  feedback(rating: "up" | "down", seq: number): boolean;
  cards: ProductCardContext;
}

const RATED_ACTIONS = new Set(["answer", "recommend", "order_status"]);

/** The label of a message's sender in the shopper's language. */
export function senderLabel(m: ChatMessageFrame, ctx: Pick<MessageRowContext, "t" | "agentName">): string {
  if (m.from === "shopper") return ctx.t.you;
  if (m.from === "agent") return ctx.agentName() || ctx.t.agent;
  return m.from === "bot" ? ctx.t.assistant : ctx.t.notice;
}

/**
 * Draws one message (its `data-seq` attribute keeps the row findable).
 * @example list.appendChild(renderMessage(frame, ctx));
 */
export function renderMessage(m: ChatMessageFrame, ctx: MessageRowContext): HTMLElement {
  const { t } = ctx;
  const from = m.from === "shopper" || m.from === "agent" || m.from === "system" ? m.from : "bot";
  const row = el("div", `msg from-${from}`);
  row.dataset.seq = String(m.seq);
  if (m.from === "system") {
    appendLinkified(row, m.text);
    return row;
  }
  if (m.from === "agent") row.appendChild(el("div", "who", senderLabel(m, ctx)));
  const bubble = el("div", "bubble");
  bubble.appendChild(el("span", "sr", `${senderLabel(m, ctx)}: `));
  appendLinkified(bubble, m.text);
  row.appendChild(bubble);
  const when = m.createdAt ? ctx.fmt.time(m.createdAt) : "";
  if (when) row.appendChild(el("time", "meta", when, { datetime: m.createdAt as string }));
  if (m.sources && m.sources.length) {
    row.appendChild(el("div", "src", format(t.source, { list: m.sources.map((s) => s.title).join(" · ") })));
  }
  if (m.products && m.products.length) row.appendChild(renderProductCards(m.products, ctx.cards));
  if (m.quickReplies && m.quickReplies.length) {
    const quick = el("div", "quick");
    for (const q of m.quickReplies) {
      const chip = el("button", "chip", q, { type: "button" });
      chip.addEventListener("click", () => ctx.chip(q));
      quick.appendChild(chip);
    }
    row.appendChild(quick);
  }
  if (m.from === "bot" && m.action && RATED_ACTIONS.has(m.action)) {
    const fb = el("div", "fb", t.helpful);
    for (const [rating, word, label] of [["up", t.yes, t.yesHelpful], ["down", t.no, t.notHelpful]] as const) {
      const b = el("button", undefined, word, { type: "button", "aria-label": label });
      b.addEventListener("click", () => {
        if (!ctx.feedback(rating, m.seq)) return;
        // The thanks takes the pressed button's place and its focus, so keyboard users stay put.
        const thanks = el("span", "meta", t.thanksFeedback, { role: "status", tabindex: "-1" });
        fb.replaceChildren(thanks);
        thanks.focus();
      });
      fb.appendChild(b);
    }
    row.appendChild(fb);
  }
  return row;
}
