/**
 * Product cards in a bot or agent message: a horizontally scrolling, snapping row with previous/next
 * buttons and a fade that shows more cards follow. Each card has its image (or a placeholder), name
 * linking to the product page, price in the shopper's locale, stock, options, and "Add to cart" when
 * the page handles it (`FjellChat("on", "addToCart", fn)`).
 */
import type { ProductCard } from "../server/protocol.ts";
import { el, icon, linkAttrs, safeUrl } from "./dom.ts";
import { format, type WidgetFormatter } from "./i18n.ts";
import type { WidgetStrings } from "./strings.ts";

/** Stock state of a product or one of its variants. */
export type StockState = NonNullable<ProductCard["stock"]>;

/** What the page's `addToCart` listener receives. */
export interface AddToCartDetail {
  product: { id: string; name: string; price: number; currency: string; url?: string; image?: string };
  variant?: { id: string; label: string };
  quantity: number;
}

/** What the cards need from the widget. */
export interface ProductCardContext {
  t: WidgetStrings;
  fmt: WidgetFormatter;
  /** Present when the page listens for `addToCart`; resolves when the page added the item. */
  addToCart?: (detail: AddToCartDetail) => Promise<void>;
  /** Tells screen-reader users (and everyone) what happened. */
  announce(text: string, failed?: boolean): void;
}

const SCROLL_EDGE_PX = 2;

function stockLabel(t: WidgetStrings, stock: StockState | undefined): string {
  if (stock === "low_stock") return t.lowStock;
  if (stock === "out_of_stock") return t.outOfStock;
  return stock === "in_stock" ? t.inStock : "";
}

function card(p: ProductCard, ctx: ProductCardContext): HTMLElement {
  const { t } = ctx;
  const item = el("li", "card");
  const href = safeUrl(p.url);
  const src = safeUrl(p.image);
  // The picture repeats the name's link for the mouse; keyboard and screen readers use the name.
  const pic = href ? el("a", "pic", undefined, { ...linkAttrs(href), tabindex: "-1", "aria-hidden": "true" }) : el("div", "pic", undefined, { "aria-hidden": "true" });
  if (src) pic.appendChild(el("img", undefined, undefined, { src, alt: "", loading: "lazy", decoding: "async" }));
  else pic.appendChild(el("span", "ph", (p.name.trim()[0] || "?").toUpperCase()));
  const name = href ? el("a", "name", p.name, linkAttrs(href)) : el("span", "name", p.name);
  const price = el("span", "price", ctx.fmt.price(p.price, p.currency));
  const stock = el("span", "stock");
  item.append(pic, name, price, stock);

  const variants = Array.isArray(p.variants) ? p.variants.filter((v) => v && typeof v.id === "string" && typeof v.label === "string") : [];
  let select: HTMLSelectElement | undefined;
  if (variants.length) {
    select = el("select", "opt", undefined, { "aria-label": `${t.option}: ${p.name}` });
    for (const v of variants) {
      const option = el("option", undefined, v.stock === "out_of_stock" ? `${v.label} (${t.outOfStock})` : v.label, { value: v.id });
      if (v.stock === "out_of_stock") option.disabled = true;
      select.appendChild(option);
    }
    const firstAvailable = variants.find((v) => v.stock !== "out_of_stock");
    if (firstAvailable) select.value = firstAvailable.id;
    item.appendChild(select);
  }
  const chosen = () => (select ? variants.find((v) => v.id === select!.value) : undefined);
  const currentStock = (): StockState | undefined => (chosen()?.stock ?? p.stock);

  let add: HTMLButtonElement | undefined;
  const addToCart = ctx.addToCart;
  if (addToCart) {
    add = el("button", "add", t.addToCart, { type: "button", "aria-label": `${t.addToCart}: ${p.name}` });
    const button = add;
    button.addEventListener("click", () => {
      if (button.getAttribute("aria-busy") === "true") return;
      const v = chosen();
      const detail: AddToCartDetail = {
        product: { id: p.id, name: p.name, price: p.price, currency: p.currency || "USD", ...(p.url ? { url: p.url } : {}), ...(p.image ? { image: p.image } : {}) },
        ...(v ? { variant: { id: v.id, label: v.label } } : {}),
        quantity: 1,
      };
      const label = v ? `${p.name} (${v.label})` : p.name;
      button.setAttribute("aria-busy", "true");
      addToCart(detail).then(
        () => {
          button.textContent = `✓ ${t.added}`;
          ctx.announce(format(t.addedTo, { name: label }));
          setTimeout(() => (button.textContent = t.addToCart), 2500);
        },
        () => ctx.announce(format(t.addFailed, { name: label }), true),
      ).finally(() => button.removeAttribute("aria-busy"));
    });
    item.appendChild(add);
  }

  function showStock(): void {
    const s = currentStock();
    stock.textContent = stockLabel(t, s);
    stock.className = `stock ${s ? s.replace("_", "-") : ""}`;
    stock.hidden = !s;
    if (add) add.disabled = s === "out_of_stock";
  }
  select?.addEventListener("change", showStock);
  showStock();
  return item;
}

/**
 * Draws `products` as a scrolling row of cards with previous/next buttons.
 * @example row.appendChild(renderProductCards(message.products, { t, fmt, announce, addToCart }));
 */
export function renderProductCards(products: readonly ProductCard[], ctx: ProductCardContext): HTMLElement {
  const box = el("div", "carousel", undefined, { role: "group", "aria-label": ctx.t.products });
  const list = el("ul", "cards");
  for (const p of products) list.appendChild(card(p, ctx));
  const prev = el("button", "nav prev", undefined, { type: "button", "aria-label": ctx.t.previous });
  prev.appendChild(icon("M15.4 7.4 14 6l-6 6 6 6 1.4-1.4L10.8 12z"));
  const next = el("button", "nav next", undefined, { type: "button", "aria-label": ctx.t.next });
  next.appendChild(icon("M8.6 16.6 10 18l6-6-6-6-1.4 1.4 4.6 4.6z"));
  box.append(list, prev, next);

  // aria-disabled rather than disabled: a focused button must not lose focus when the row reaches its end.
  function update(): void {
    const more = list.scrollWidth - list.clientWidth > SCROLL_EDGE_PX;
    const atStart = list.scrollLeft <= SCROLL_EDGE_PX;
    const atEnd = list.scrollLeft + list.clientWidth >= list.scrollWidth - SCROLL_EDGE_PX;
    prev.setAttribute("aria-disabled", String(!more || atStart));
    next.setAttribute("aria-disabled", String(!more || atEnd));
    box.classList.toggle("more-after", more && !atEnd);
    box.classList.toggle("more-before", more && !atStart);
    box.classList.toggle("scrolls", more);
  }
  // Quick presses during a smooth scroll step on from where the scroll is going, not from where it is.
  let target: number | null = null;
  function step(direction: 1 | -1): void {
    const first = list.firstElementChild as HTMLElement | null;
    const gap = parseFloat(getComputedStyle(list).columnGap) || 0;
    const width = first ? first.getBoundingClientRect().width + gap : list.clientWidth;
    const max = list.scrollWidth - list.clientWidth;
    target = Math.max(0, Math.min(max, (target ?? list.scrollLeft) + direction * width));
    const smooth = !window.matchMedia || !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    list.scrollTo({ left: target, behavior: smooth ? "smooth" : "auto" });
  }
  prev.addEventListener("click", () => prev.getAttribute("aria-disabled") !== "true" && step(-1));
  next.addEventListener("click", () => next.getAttribute("aria-disabled") !== "true" && step(1));
  list.addEventListener("scroll", () => {
    if (target !== null && Math.abs(list.scrollLeft - target) < 2) target = null;
    update();
  }, { passive: true });
  list.addEventListener("scrollend", () => {
    target = null;
    update();
  });
  // Sizes are known once the row is in the page (and again when images load or the panel resizes).
  if (typeof ResizeObserver === "function") new ResizeObserver(update).observe(list);
  requestAnimationFrame(update);
  return box;
}
