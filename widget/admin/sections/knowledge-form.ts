/**
 * The editor of one knowledge file: a form (title, tags, facts, the example questions as a list, the answer; for an
 * intent, its description and examples) or the raw Markdown source, and the file text it holds now.
 */
import { button, el } from "../shell.ts";
import { composeFile } from "./front-matter.ts";

/** What is edited, named by ids (the server derives the path). */
export type Target = { kind: "faq"; id: string; lang?: string; topic?: string } | { kind: "intent"; intent: string };
/** A file's front matter and body as the server parsed them (undefined when its YAML does not parse). */
export type Fields = { data: Record<string, unknown>; body: string } | undefined;

/** One file's editor. */
export interface FileEditor {
  readonly mode: "form" | "source";
  /** The whole file as the editor holds it now. */
  content(): string;
  /** Redraw as a form (with the fields parsed from the current source) or as the source. */
  show(mode: "form" | "source", fields?: Fields): void;
}

const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
const splitCommas = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);
const FAQ_ORDER = ["id", "title", "tags", "facts", "questions"];

/**
 * Draw an editor for `target` into `root`: a form when `fields` parsed, else the source. `onChange` runs on every edit.
 * Front-matter keys the form does not edit are kept as they were.
 */
export function createFileEditor(root: HTMLElement, target: Target, initial: string, fields: Fields, onChange: () => void): FileEditor {
  let mode: "form" | "source" = fields ? "form" : "source";
  let data: Record<string, unknown> = fields?.data ?? {};
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel);

  function draw(text: string, f: Fields) {
    root.replaceChildren();
    if (mode === "source" || !f) {
      const ta = el("textarea", "source");
      ta.id = "source";
      ta.setAttribute("aria-label", "Markdown source");
      ta.value = text;
      ta.addEventListener("input", onChange);
      root.append(ta);
      return;
    }
    const d = f.data;
    if (target.kind === "intent") {
      root.append(labelled("Description", input("description", String(d.description ?? ""))), listEditor("Examples", "examples", asList(d.examples)));
      return;
    }
    root.append(labelled("Title", input("title", String(d.title ?? ""))));
    if (!target.lang || d.tags !== undefined || d.facts !== undefined) {
      const row = el("div", "field-row");
      row.append(labelled("Tags (comma-separated)", input("tags", asList(d.tags).join(", "))), labelled("Policy facts", input("facts", asList(d.facts).join(", "))));
      root.append(row);
    }
    root.append(listEditor("Questions shoppers ask", "questions", asList(d.questions)));
    const ta = el("textarea", "body");
    ta.name = "body";
    ta.value = f.body;
    ta.addEventListener("input", onChange);
    root.append(labelled("Answer (Markdown)", ta));
  }

  function labelled(text: string, control: HTMLElement): HTMLElement {
    const wrap = el("div");
    const l = el("label", "field", text);
    control.id = `f-${text.toLowerCase().replace(/[^a-z]+/g, "-")}`;
    l.htmlFor = control.id;
    wrap.append(l, control);
    return wrap;
  }

  function input(name: string, value: string): HTMLInputElement {
    const i = el("input");
    i.name = name;
    i.value = value;
    i.style.width = "100%";
    i.addEventListener("input", onChange);
    return i;
  }

  function listEditor(label: string, name: string, items: string[]): HTMLElement {
    const wrap = el("div");
    wrap.append(el("label", "field", `${label} (${items.length})`));
    const ul = el("ul", "qlist");
    ul.dataset.name = name;
    const add = (value: string) => {
      const li = el("li");
      const i = el("input");
      i.value = value;
      i.setAttribute("aria-label", `${label} item`);
      i.addEventListener("input", onChange);
      li.append(i, button("✕", () => void (li.remove(), onChange()), "remove"));
      ul.append(li);
      return i;
    };
    items.forEach(add);
    wrap.append(ul, button(`Add ${name === "examples" ? "an example" : "a question"}`, () => add("").focus()));
    return wrap;
  }

  function content(): string {
    const src = q<HTMLTextAreaElement>("#source");
    if (src) return src.value;
    const val = (name: string) => q<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)?.value ?? "";
    const items = (name: string) => [...root.querySelectorAll<HTMLInputElement>(`ul[data-name="${name}"] input`)].map((i) => i.value.trim()).filter(Boolean);
    const next: Record<string, unknown> = { ...data };
    if (target.kind === "intent") {
      Object.assign(next, { intent: target.intent, description: val("description"), examples: items("examples") });
      return composeFile(Object.entries(next), "");
    }
    next.title = val("title");
    if (q('[name="tags"]')) Object.assign(next, { tags: splitCommas(val("tags")), facts: splitCommas(val("facts")) });
    next.questions = items("questions");
    if (!target.lang) next.id = target.id;
    const keys = [...FAQ_ORDER.filter((k) => k in next), ...Object.keys(next).filter((k) => !FAQ_ORDER.includes(k))];
    return composeFile(keys.map((k) => [k, next[k]] as const), val("body"));
  }

  draw(initial, fields);
  return {
    get mode() {
      return mode;
    },
    content,
    show(next, f) {
      const text = content();
      mode = next;
      if (f) data = f.data;
      draw(text, f);
    },
  };
}
