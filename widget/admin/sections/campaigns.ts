/**
 * The Campaigns section: define a campaign (audience from the customer models, message, channels, schedule, budget,
 * holdout), see its audience count and a sample as you edit, list campaigns, pause or stop them, export the e-mail
 * channel as CSV, and open the results. Every rule is checked on the server; this only draws.
 */
import { api, ApiError, button, el, toast, type AdminSection } from "../shell.ts";
import { renderResults, type ResultsView } from "./campaign-results.ts";

const STAGES = ["new", "active", "growing", "at_risk", "churned"];
const SEGMENTS = ["champions", "loyal", "potential_loyalists", "new", "promising", "need_attention", "at_risk", "cant_lose", "hibernating", "lost"];

interface CampaignRow { id: string; name: string; status: string; stopReason: string | null; channels: string[]; holdoutShare: number; budgetCents: number; startsAt: string }
interface Preview { count: number; withoutConsent: number; sample: { id: string; name: string; stage: string | null; segment: string | null; clvCents: number | null; churnRisk: number | null }[] }

function field(label: string, input: HTMLElement): HTMLLabelElement {
  const l = el("label", "cfield");
  l.append(el("span", undefined, label), input);
  return l;
}
function input(name: string, type = "text", value = ""): HTMLInputElement {
  const i = el("input");
  i.name = name;
  i.type = type;
  i.value = value;
  if (type === "number") i.step = "any";
  return i;
}
function checks(name: string, values: string[]): HTMLFieldSetElement {
  const f = el("fieldset", "checks");
  f.append(el("legend", undefined, name));
  for (const v of values) {
    const l = el("label");
    const c = el("input");
    c.type = "checkbox";
    c.name = name;
    c.value = v;
    l.append(c, document.createTextNode(` ${v.replace(/_/g, " ")}`));
    f.append(l);
  }
  return f;
}

/** The campaign form's value as the API's JSON (empty fields left out, so the server's defaults apply). */
function readForm(form: HTMLFormElement): Record<string, unknown> {
  const v = (n: string) => (form.elements.namedItem(n) as HTMLInputElement | null)?.value.trim() ?? "";
  const num = (n: string) => (v(n) === "" ? undefined : Number(v(n)));
  const checked = (n: string) => Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${n}"]:checked`)).map((c) => c.value);
  const rangeOf = (a: string, b: string, k = 1) => (num(a) === undefined && num(b) === undefined ? undefined : { min: num(a) === undefined ? undefined : num(a)! * k, max: num(b) === undefined ? undefined : num(b)! * k });
  const audience: Record<string, unknown> = {};
  if (checked("stages").length) audience.stages = checked("stages");
  if (checked("segments").length) audience.segments = checked("segments");
  const churn = rangeOf("churnMin", "churnMax");
  if (churn) audience.churnRisk = churn;
  const clv = rangeOf("clvMin", "clvMax", 100);
  if (clv) audience.clvCents = clv;
  const last = rangeOf("lastMin", "lastMax");
  if (last) audience.lastPurchaseDays = last;
  if (v("categories")) audience.categories = v("categories").split(",").map((s) => s.trim()).filter(Boolean);
  const coupon = num("couponShare") === undefined ? null : { shareOfClv: num("couponShare")! / 100, minCents: Math.round((num("couponMin") ?? 5) * 100), maxCents: Math.round((num("couponMax") ?? 25) * 100) };
  const trigger = v("trigger") === "became_at_risk" ? { kind: "became_at_risk" } : v("trigger") === "first_purchase" ? { kind: "first_purchase", daysAgo: num("triggerDays") ?? 30 } : { kind: "none" };
  return {
    name: v("name"), audience, message: { text: v("text"), coupon, productCards: num("productCards") ?? 0 }, channels: checked("channels"), trigger,
    startsAt: v("startsAt") ? new Date(v("startsAt")).toISOString() : undefined, endsAt: v("endsAt") ? new Date(v("endsAt")).toISOString() : undefined,
    budgetCents: Math.round((num("budget") ?? 0) * 100), holdoutShare: (num("holdout") ?? 20) / 100, conversionWindowDays: num("window"),
    earlyStop: (form.elements.namedItem("earlyStop") as HTMLInputElement).checked, status: "active",
  };
}

function buildForm(): HTMLFormElement {
  const form = el("form", "cform");
  form.setAttribute("aria-label", "New campaign");
  const text = el("textarea");
  text.name = "text";
  text.rows = 3;
  text.value = "We miss you, {firstName}! Here is something for your next order.";
  const trigger = el("select");
  trigger.name = "trigger";
  for (const [value, label] of [["none", "any visit"], ["became_at_risk", "became at risk"], ["first_purchase", "N days after the first purchase"]]) {
    const o = el("option", undefined, label);
    o.value = value;
    trigger.append(o);
  }
  const channels = checks("channels", ["widget", "email"]);
  (channels.querySelector('input[value="widget"]') as HTMLInputElement).checked = true;
  const early = el("input");
  early.type = "checkbox";
  early.name = "earlyStop";
  form.append(
    el("h2", undefined, "New campaign"),
    field("Name", input("name")),
    el("h2", undefined, "Audience (marketing consent always required)"),
    checks("stages", STAGES), checks("segments", SEGMENTS),
    el("div", "crow"),
  );
  const row1 = form.lastElementChild as HTMLElement;
  row1.append(field("Churn risk min", input("churnMin", "number")), field("max", input("churnMax", "number")), field("CLV min $", input("clvMin", "number")), field("max $", input("clvMax", "number")));
  const row2 = el("div", "crow");
  row2.append(field("Last purchase ≥ days", input("lastMin", "number")), field("≤ days", input("lastMax", "number")), field("Categories (comma)", input("categories")));
  const row3 = el("div", "crow");
  row3.append(field("Coupon % of CLV", input("couponShare", "number")), field("min $", input("couponMin", "number", "5")), field("max $", input("couponMax", "number", "25")), field("Product cards", input("productCards", "number", "2")));
  const row4 = el("div", "crow");
  row4.append(field("Trigger", trigger), field("N days", input("triggerDays", "number", "30")), field("Starts", input("startsAt", "datetime-local")), field("Ends", input("endsAt", "datetime-local")));
  const row5 = el("div", "crow");
  row5.append(field("Budget $", input("budget", "number", "500")), field("Holdout %", input("holdout", "number", "20")), field("Window days", input("window", "number", "14")), field("Early stop (always-valid test)", early));
  form.append(row2, el("h2", undefined, "Message"), field("Text", text), row3, channels, el("h2", undefined, "Schedule and experiment"), row4, row5);
  return form;
}

/** The Campaigns tab. */
export const campaignsSection: AdminSection = {
  id: "campaigns",
  title: "Campaigns",
  mount(root) {
    const wrap = el("div", "cmp");
    const left = el("div");
    const right = el("div", "side");
    wrap.append(left, right);
    root.append(wrap);
    const form = buildForm();
    const audience = el("div", "audience");
    audience.setAttribute("aria-live", "polite");
    const list = el("div", "clist");
    const errors = el("div", "error-box hidden");
    errors.setAttribute("role", "alert");
    const create = button("Create and start", () => void submit(), "primary");
    left.append(form, errors, el("div", "actions"));
    (left.lastElementChild as HTMLElement).append(create);
    right.append(el("h2", undefined, "Audience now"), audience, el("h2", undefined, "Campaigns"), list, el("div", "results"));
    const results = right.lastElementChild as HTMLElement;

    let timer: ReturnType<typeof setTimeout> | undefined;
    const showError = (err: unknown) => {
      errors.textContent = err instanceof ApiError ? err.message : String(err);
      errors.classList.remove("hidden");
    };
    async function preview(): Promise<void> {
      try {
        const p = await api<Preview>("/admin/api/campaigns/preview", { body: { draft: { ...readForm(form), name: "preview" }, sample: 5 } });
        audience.replaceChildren(el("p", "count", `${p.count} customers`), el("p", "muted", `${p.withoutConsent} more match but have not given marketing consent`));
        const ul = el("ul");
        for (const m of p.sample) ul.append(el("li", undefined, `${m.name} (${m.id}) — ${m.stage ?? "?"}, ${m.segment ?? "?"}, CLV ${m.clvCents === null ? "?" : `$${(m.clvCents / 100).toFixed(0)}`}`));
        audience.append(ul);
        errors.classList.add("hidden");
      } catch (err) {
        audience.replaceChildren(el("p", "muted", err instanceof ApiError ? err.message : String(err)));
      }
    }
    form.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => void preview(), 300);
    });
    async function refresh(): Promise<void> {
      const { campaigns } = await api<{ campaigns: CampaignRow[] }>("/admin/api/campaigns");
      list.replaceChildren(...campaigns.map((c) => {
        const row = el("div", "version");
        row.dataset.id = c.id;
        const meta = el("div", "meta");
        meta.append(el("strong", undefined, c.name), el("span", `pill ${c.status === "active" ? "good" : c.status === "stopped" ? "bad" : "amber"}`, c.status), el("span", "muted", c.channels.join(" + ")));
        const acts = el("div", "meta");
        acts.append(button("Results", () => void show(c.id)));
        if (c.status === "active") acts.append(button("Pause", () => void patch(c.id, { status: "paused" })));
        if (c.status === "paused" || c.status === "draft") acts.append(button("Start", () => void patch(c.id, { status: "active" })));
        if (c.status !== "stopped") acts.append(button("Stop", () => void patch(c.id, { status: "stopped" }), "danger"));
        if (c.channels.includes("email")) acts.append(button("Export e-mail CSV", () => void exportCsv(c.id)));
        row.append(meta, acts);
        if (c.stopReason) row.append(el("div", "muted", c.stopReason));
        return row;
      }));
      if (!campaigns.length) list.append(el("p", "muted", "No campaigns yet."));
    }
    async function patch(id: string, body: object): Promise<void> {
      try {
        await api(`/admin/api/campaigns/${id}`, { method: "PATCH", body });
        await refresh();
      } catch (err) {
        toast(err instanceof ApiError ? err.message : String(err), "error");
      }
    }
    async function show(id: string): Promise<void> {
      try {
        renderResults(results, await api<ResultsView>(`/admin/api/campaigns/${id}/results`));
        await refresh();
      } catch (err) {
        toast(err instanceof ApiError ? err.message : String(err), "error");
      }
    }
    async function exportCsv(id: string): Promise<void> {
      const res = await fetch(`/admin/api/campaigns/${id}/export?format=csv`, { method: "POST", headers: { "x-requested-with": "fjell-admin" }, credentials: "same-origin" });
      if (!res.ok) return toast(`Export failed (HTTP ${res.status})`, "error");
      const a = el("a");
      a.href = URL.createObjectURL(await res.blob());
      a.download = `${id}.csv`;
      a.click();
      toast("Exported the treated customers for your e-mail tool.");
    }
    async function submit(): Promise<void> {
      try {
        const { campaign } = await api<{ campaign: CampaignRow }>("/admin/api/campaigns", { body: readForm(form) });
        errors.classList.add("hidden");
        toast(`Campaign “${campaign.name}” created.`);
        await refresh();
      } catch (err) {
        showError(err);
      }
    }
    void preview();
    void refresh();
  },
};
