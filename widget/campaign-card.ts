/**
 * The proactive campaign message in the chat panel (docs/campaigns.md): its text, the customer's coupon code and
 * product cards, and a dismiss button. Data is only written with `textContent` / `createElement`.
 */
import type { CampaignFrame } from "../server/protocol.ts";
import { el } from "./dom.ts";
import { format } from "./i18n.ts";
import { renderProductCards, type ProductCardContext } from "./product-cards.ts";

/** What the card needs from the panel. */
export interface CampaignCardContext extends ProductCardContext {
  /** The shopper dismissed it (the card is removed already). */
  dismissed(campaignId: string): void;
}

/** Draw a campaign message as a card. */
export function renderCampaignCard(frame: CampaignFrame, ctx: CampaignCardContext): HTMLElement {
  const { t, fmt } = ctx;
  const box = el("section", "campaign", undefined, { "aria-label": t.campaignLabel, "data-campaign": frame.campaignId });
  const close = el("button", "cx", "×", { type: "button", "aria-label": t.campaignDismiss, title: t.campaignDismiss });
  close.addEventListener("click", () => {
    box.remove();
    ctx.dismissed(frame.campaignId);
  });
  box.append(close, el("p", "ct", frame.text));
  if (frame.coupon && typeof frame.coupon.code === "string") {
    box.appendChild(el("p", "cc", format(t.campaignCode, { code: frame.coupon.code, value: fmt.price(frame.coupon.value, frame.coupon.currency) })));
  }
  if (Array.isArray(frame.products) && frame.products.length) box.appendChild(renderProductCards(frame.products, ctx));
  return box;
}
