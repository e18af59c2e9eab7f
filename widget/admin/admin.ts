/**
 * The admin area's shell (served at /admin): log in with a console account, check the admin role, and show the
 * sections (sections/index.ts) as tabs, one per URL fragment. Every decision is the server's; this only draws.
 */
import { SECTIONS } from "./sections/index.ts";
import { api, ApiError, el, type AdminUser } from "./shell.ts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const mounted = new Set<string>();
let user: AdminUser | null = null;

async function start(): Promise<void> {
  try {
    user = (await api<{ agent: AdminUser }>("/admin/api/me")).agent;
  } catch (err) {
    showLogin(err instanceof ApiError && err.status === 403 ? "This account is not an admin. Log in with an admin account." : "");
    return;
  }
  $("login").classList.add("hidden");
  $("app").classList.remove("hidden");
  $("me").textContent = `${user.name} (${user.email})`;
  const tabs = $("tabs");
  tabs.replaceChildren();
  for (const s of SECTIONS) {
    const a = el("a", "tab", s.title);
    a.href = `#${s.id}`;
    a.id = `tab-${s.id}`;
    a.setAttribute("role", "tab");
    tabs.append(a);
  }
  await show();
}

async function show(): Promise<void> {
  if (!user) return;
  const wanted = location.hash.slice(1);
  const section = SECTIONS.find((s) => s.id === wanted) ?? SECTIONS[0];
  for (const s of SECTIONS) {
    $(`tab-${s.id}`).setAttribute("aria-selected", String(s === section));
    document.getElementById(`section-${s.id}`)?.classList.toggle("hidden", s !== section);
  }
  if (!mounted.has(section.id)) {
    mounted.add(section.id);
    const root = el("section", "section");
    root.id = `section-${section.id}`;
    root.setAttribute("aria-label", section.title);
    $("sections").append(root);
    await section.mount(root, { user });
  } else {
    section.shown?.();
  }
}

function showLogin(message: string): void {
  $("app").classList.add("hidden");
  $("login").classList.remove("hidden");
  $("login-error").textContent = message;
}

$("login").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("login-error").textContent = "";
  try {
    // The agent console's login: one account and one session for /console and /admin.
    await api("/agent/api/login", { body: { email: $<HTMLInputElement>("email").value, password: $<HTMLInputElement>("password").value } });
    await start();
  } catch (err) {
    $("login-error").textContent = (err as Error).message;
  }
});

$("logout").addEventListener("click", async () => {
  await api("/agent/api/logout", { method: "POST" }).catch(() => undefined);
  location.reload();
});

window.addEventListener("hashchange", () => void show());
void start();
