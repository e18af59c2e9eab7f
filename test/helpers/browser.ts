/**
 * Headless Chromium for browser tests: the Debian package at /usr/bin/chromium (scripts/install-browser.sh),
 * driven by playwright-core, with everything that would reach the network switched off; plus axe-core
 * accessibility checks and a keyboard helper.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

/** Where scripts/install-browser.sh puts Chromium. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Launches headless Chromium; close it with `await browser.close()`.
 * @example const browser = await launchBrowser(); const page = await browser.newPage();
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
      // Test pages fulfilled by page.route() count as "public"; let them reach the test server on 127.0.0.1.
      "--disable-features=LocalNetworkAccessChecks",
    ],
  });
}

/** One axe-core rule violation, reduced to what a failing test should print. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const require = createRequire(import.meta.url);

/**
 * Runs axe-core (WCAG 2.x A/AA rules and best practices) in the page, shadow roots included, and returns
 * the violations of at least `minImpact` (default "serious": serious and critical).
 * @example expect(await axeViolations(page)).toEqual([]);
 */
export async function axeViolations(page: Page, options: { include?: string; minImpact?: "minor" | "moderate" | "serious" | "critical" } = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
  // Evaluated through the DevTools protocol rather than added as an inline <script>, which the pages' CSP blocks.
  if (!loaded) await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const order = ["minor", "moderate", "serious", "critical"];
  const min = order.indexOf(options.minImpact ?? "serious");
  const violations = await page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(include ? { include: [include] } : document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, options.include);
  return violations.filter((v) => order.indexOf(v.impact ?? "minor") >= min);
}

/** What is focused, through open shadow roots: tag, id, class, role and accessible-ish name. */
export async function focusedElement(page: Page): Promise<{ tag: string; id: string; className: string; label: string; text: string; inShadow: boolean }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    let inShadow = false;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) {
      el = el.shadowRoot.activeElement;
      inShadow = true;
    }
    const e = el as HTMLElement | null;
    return {
      tag: e?.tagName.toLowerCase() ?? "",
      id: e?.id ?? "",
      className: typeof e?.className === "string" ? e.className : "",
      label: e?.getAttribute("aria-label") ?? "",
      text: (e?.textContent ?? "").trim().slice(0, 200),
      inShadow,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element satisfies `matches`, and fails after `max` presses:
 * proof that a keyboard alone reaches it.
 * @example await tabTo(page, (f) => f.label.startsWith("Claim"));
 */
export async function tabTo(page: Page, matches: (f: Awaited<ReturnType<typeof focusedElement>>) => boolean, options: { max?: number; backwards?: boolean } = {}): Promise<number> {
  const max = options.max ?? 40;
  for (let presses = 0; presses <= max; presses++) {
    if (matches(await focusedElement(page))) return presses;
    await page.keyboard.press(options.backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`nothing matching was reached within ${max} Tab presses; ended on ${JSON.stringify(await focusedElement(page))}`);
}

/** A JSON frame as the page's socket carried it. */
export type RecordedFrame = Record<string, unknown>;

/** Records the JSON frames the page's chat sockets (`/ws`) send and receive, in order. */
export function recordChatFrames(page: Page): { sent: RecordedFrame[]; received: RecordedFrame[] } {
  const frames = { sent: [] as RecordedFrame[], received: [] as RecordedFrame[] };
  page.on("websocket", (ws) => {
    if (!ws.url().endsWith("/ws")) return;
    ws.on("framesent", (f) => frames.sent.push(JSON.parse(String(f.payload)) as RecordedFrame));
    ws.on("framereceived", (f) => frames.received.push(JSON.parse(String(f.payload)) as RecordedFrame));
  });
  return frames;
}

/** Pages in their own browser contexts (own storage), collecting page errors; `closeAll()` ends them. */
export interface PageFactory {
  newPage(options?: BrowserContextOptions): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  closeAll(): Promise<void>;
}

/**
 * Creates a page factory on `browser` with a 1280×800 viewport by default.
 * @example const pages = createPageFactory(browser); const { page, errors } = await pages.newPage({ locale: "es-ES" });
 */
export function createPageFactory(browser: Browser): PageFactory {
  const contexts: BrowserContext[] = [];
  return {
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      return { page, context, errors };
    },
    async closeAll() {
      for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    },
  };
}
