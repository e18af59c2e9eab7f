/**
 * What every admin section shares: the section contract, the API helper (session cookie, JSON, the
 * `x-requested-with` header on changes), DOM helpers and a toast. A section is a module that exports an
 * `AdminSection`; sections/index.ts lists them in tab order (docs/admin.md: adding a section).
 */

/** The signed-in admin. */
export interface AdminUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

/** One tab of the admin area. */
export interface AdminSection {
  /** URL fragment and element id suffix: /admin#knowledge. Lower-case letters and dashes. */
  id: string;
  /** The tab's label. */
  title: string;
  /** Draw the section into `root` once, the first time its tab opens. */
  mount(root: HTMLElement, ctx: { user: AdminUser }): void | Promise<void>;
  /** Called each time the tab is shown again. */
  shown?(): void;
}

/** An API error with the server's code (`CHAT_ERR_*`), status and body. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/**
 * Call the server's JSON API (same origin, with the console session cookie). Changes carry `x-requested-with`.
 * @example const list = await api<{ entries: unknown[] }>("/admin/api/knowledge");
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? (init.body === undefined ? "GET" : "POST");
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET") headers["x-requested-with"] = "fjell-admin";
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(path, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), credentials: "same-origin" });
  const body = (await res.json().catch(() => ({}))) as T & { message?: string; code?: string };
  if (!res.ok) throw new ApiError(body.message ?? `HTTP ${res.status}`, res.status, body.code, body);
  return body;
}

/** Create an element with a class and text (text is always set as text, never HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A button with a label and a click handler. */
export function button(label: string, onClick: () => void, cls?: string): HTMLButtonElement {
  const b = el("button", cls, label);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

/** Show a short message at the bottom of the page. */
export function toast(text: string, kind: "info" | "error" = "info"): void {
  const t = el("div", `toast ${kind}`, text);
  t.setAttribute("role", kind === "error" ? "alert" : "status");
  document.body.append(t);
  setTimeout(() => t.remove(), 5000);
}
