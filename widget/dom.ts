/**
 * Small DOM helpers of the chat widget. Everything is built with `createElement` and `textContent`,
 * never from HTML strings, so message data cannot become markup.
 */

/**
 * Creates an element with an optional class, text and attributes.
 * @example el("button", "chip", "Track my order", { type: "button" })
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string, attrs?: Record<string, string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  if (attrs) for (const k in attrs) node.setAttribute(k, attrs[k]);
  return node;
}

/** A 24×24 one-path SVG icon, hidden from assistive technology (its button carries the label). */
export function icon(path: string): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const p = document.createElementNS(ns, "path");
  p.setAttribute("d", path);
  p.setAttribute("fill", "currentColor");
  svg.appendChild(p);
  return svg;
}

/** Only http(s) links and images (resolved against the page), never `javascript:` or `data:`. */
export function safeUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw, location.href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Link attributes: same-origin pages open in place (the chat resumes there), others in a new tab. */
export function linkAttrs(href: string): Record<string, string> {
  return new URL(href).origin === location.origin ? { href } : { href, target: "_blank", rel: "noopener noreferrer" };
}

/** Appends `text` to `parent` as text nodes, turning bare http(s) URLs into links (built as nodes). */
export function appendLinkified(parent: HTMLElement, text: string): void {
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

/** `localStorage` / `sessionStorage`, or undefined where the browser blocks it (some privacy settings throw). */
export function storageOrUndefined(kind: "localStorage" | "sessionStorage"): Storage | undefined {
  try {
    return window[kind] || undefined;
  } catch {
    return undefined;
  }
}

/** Stores (or, with null, removes) a small preference; blocked or full storage only means it is not remembered. */
export function remember(storage: Storage | undefined, key: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Not remembering a preference is harmless.
  }
}

/** Reads a stored preference; null when absent or when storage is blocked. */
export function recall(storage: Storage | undefined, key: string): string | null {
  try {
    return storage ? storage.getItem(key) : null;
  } catch {
    return null;
  }
}

/** The elements Tab can reach inside `container`, in DOM order (visible and enabled only). */
export function tabbables(container: ParentNode): HTMLElement[] {
  const all = container.querySelectorAll<HTMLElement>("a[href],button,textarea,input,select,[tabindex]");
  return Array.from(all).filter(
    (e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0 && !e.closest("[hidden],[inert]"),
  );
}
