import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { signCustomerIdentity } from "../server/dialogue/identity.ts";
import { createPageFactory, launchBrowser, recordChatFrames, type PageFactory } from "./helpers/browser.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

/** A single-page shop: it pastes the stub snippet, registers listeners and boots before the widget script exists. */
const SPA_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Single-page shop</title></head>
<body><main><h1>Single-page shop</h1></main>
<script>
  window.FjellChat = window.FjellChat || function () { (FjellChat.q = FjellChat.q || []).push(arguments); };
  window.seen = [];
  FjellChat("on", "open", function () { seen.push("open"); });
  FjellChat("on", "message", function (m) { seen.push("message:" + m.from); });
  FjellChat("on", "state", function (s) { seen.push("state:" + s.state); });
  FjellChat("open");
  FjellChat("boot", { title: "Single-page shop", locale: "en-GB" });
</script>
</body></html>`;

/** A fake Web Speech API the test drives: recognisers are kept in window.__recognitions; speech is recorded. */
function fakeSpeech(options: { recognition: boolean }) {
  const w = window as unknown as Record<string, unknown>;
  if (!options.recognition) {
    w.SpeechRecognition = undefined;
    w.webkitSpeechRecognition = undefined;
  } else {
    const made: unknown[] = [];
    w.__recognitions = made;
    class FakeRecognition {
      lang = "";
      interimResults = false;
      continuous = true;
      maxAlternatives = 0;
      started = false;
      onresult: ((e: unknown) => void) | null = null;
      onerror: ((e: unknown) => void) | null = null;
      onend: (() => void) | null = null;
      constructor() {
        made.push(this);
      }
      start() {
        this.started = true;
      }
      stop() {
        this.onend?.();
      }
      abort() {
        this.onend?.();
      }
      say(parts: [string, boolean][]) {
        this.onresult?.({ results: parts.map(([transcript, isFinal]) => Object.assign([{ transcript }], { isFinal })) });
      }
      fail(error: string) {
        this.onerror?.({ error });
        this.onend?.();
      }
    }
    w.SpeechRecognition = FakeRecognition;
    w.webkitSpeechRecognition = FakeRecognition;
  }
  const spoken: { text: string; lang: string }[] = [];
  w.__spoken = spoken;
  speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void spoken.push({ text: u.text, lang: u.lang });
  speechSynthesis.cancel = () => undefined;
}

/** Drives the newest fake recogniser in the page. */
const recogniser = (page: Page) => ({
  state: () => page.evaluate(() => {
    const all = (window as unknown as { __recognitions: { lang: string; interimResults: boolean; started: boolean }[] }).__recognitions;
    const r = all[all.length - 1];
    return r ? { lang: r.lang, interimResults: r.interimResults, started: r.started, count: all.length } : null;
  }),
  say: (parts: [string, boolean][]) => page.evaluate((p) => {
    const all = (window as unknown as { __recognitions: { say(p: unknown): void }[] }).__recognitions;
    all[all.length - 1].say(p);
  }, parts),
  fail: (code: string) => page.evaluate((c) => {
    const all = (window as unknown as { __recognitions: { fail(c: string): void }[] }).__recognitions;
    all[all.length - 1].fail(c);
  }, code),
  end: () => page.evaluate(() => {
    const all = (window as unknown as { __recognitions: { stop(): void }[] }).__recognitions;
    all[all.length - 1].stop();
  }),
});

describe("chat widget script API and voice in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let pages: PageFactory;
  const newPage = (options?: BrowserContextOptions) => pages.newPage(options);

  beforeAll(async () => {
    // The demo shop (a small one) gives recommendations, a signed demo customer and customer models.
    server = await startTestServer({ SEED_DEMO: "true", DEMO_CUSTOMERS: "300" });
    browser = await launchBrowser();
    pages = createPageFactory(browser);
  }, 600_000);

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it("keeps calls made before the script loads, then identifies, logs out, shuts down and boots again in one page", async () => {
    const { page, errors } = await newPage();
    const frames = recordChatFrames(page);
    await page.route(`${server.url}/spa`, (route) => route.fulfill({ contentType: "text/html", body: SPA_PAGE }));
    await page.goto(`${server.url}/spa`);
    await expect(page.evaluate(() => (window.FjellChat as unknown as { q: unknown[] }).q.length)).resolves.toBe(5);
    await expect(page.locator("#fjell-chat").count()).resolves.toBe(0);

    // The script arrives later (lazy-loaded by the app): the queued boot, listeners and open all apply.
    await page.addScriptTag({ url: "/widget.js" });
    const dialog = page.getByRole("dialog", { name: "Single-page shop chat" });
    await dialog.waitFor();
    await expect(page.evaluate(() => typeof window.FjellChat?.version)).resolves.toBe("string");
    await page.evaluate(() => window.FjellChat?.("send", "do you ship to canada?"));
    await page.locator(".msg.from-bot").first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(expect.arrayContaining(["open", "message:shopper", "message:bot"]));
    const hello = frames.sent.find((f) => f.type === "hello")!;
    expect(hello).toEqual({ type: "hello", locale: "en-GB" });
    const firstWelcome = frames.received.find((f) => f.type === "welcome")!;
    const drawn = await page.locator(".msg[data-seq]").count();

    // The shopper logs in: the app passes the backend-signed identity; the same conversation continues, verified.
    const customerId = "C00001";
    const signature = signCustomerIdentity(customerId, server.config.shopSecret);
    const sentBefore = frames.sent.length;
    const receivedBefore = frames.received.length;
    await page.evaluate(([id, sig]) => window.FjellChat?.("identify", { customerId: id, signature: sig }), [customerId, signature]);
    await expect.poll(() => frames.received.slice(receivedBefore).find((f) => f.type === "welcome")).toMatchObject({ sessionId: firstWelcome.sessionId, customer: { id: customerId } });
    expect(frames.sent.slice(sentBefore).find((f) => f.type === "hello")).toMatchObject({ sessionId: firstWelcome.sessionId, customer: { id: customerId, signature } });
    await page.waitForTimeout(300);
    await expect(page.locator(".msg[data-seq]").count()).resolves.toBe(drawn);
    // A bad identify is refused on the console and changes nothing.
    const consoleErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    await page.evaluate(() => window.FjellChat?.("identify", { customerId: "C00002" }));
    await expect.poll(() => consoleErrors.join(" ")).toMatch(/identify.*signature/);

    // Logout forgets the session: nothing of the verified chat stays on screen, and a new anonymous one starts.
    const beforeLogout = frames.received.length;
    await page.evaluate(() => window.FjellChat?.("logout"));
    await expect.poll(() => frames.received.slice(beforeLogout).find((f) => f.type === "welcome")).toBeTruthy();
    const anonWelcome = frames.received.slice(beforeLogout).find((f) => f.type === "welcome")!;
    expect(anonWelcome.sessionId).not.toBe(firstWelcome.sessionId);
    expect(anonWelcome.customer).toBeUndefined();
    expect(frames.sent.filter((f) => f.type === "hello").at(-1)).toEqual({ type: "hello", locale: "en-GB" });
    await expect(page.locator(".msg[data-seq]").count()).resolves.toBe(0);
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}") as { sessionId?: string }, `fjell-chat:${server.url}`);
    expect(stored.sessionId).toBe(anonWelcome.sessionId);

    // Shutdown removes the widget; a new boot brings it back and resumes the anonymous session.
    await page.evaluate(() => window.FjellChat?.shutdown());
    await expect(page.locator("#fjell-chat").count()).resolves.toBe(0);
    await page.evaluate(() => window.FjellChat?.("boot", { title: "Back again" }));
    // The panel was open before the shutdown, so it comes back open (as after a reload).
    const launcher = page.getByRole("button", { name: /^Open chat/ });
    await launcher.waitFor();
    if ((await launcher.getAttribute("aria-expanded")) !== "true") await launcher.click();
    await page.getByRole("dialog", { name: "Back again chat" }).waitFor();
    await expect.poll(() => frames.sent.filter((f) => f.type === "hello").at(-1)).toMatchObject({ sessionId: anonWelcome.sessionId });
    expect(errors).toEqual([]);
  });

  it("takes its language from data-locale over the browser's", async () => {
    const { page } = await newPage({ locale: "en-US" });
    const frames = recordChatFrames(page);
    const body = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Laden</title></head><body><main><h1>Laden</h1></main>
      <script src="/widget.js" data-title="Laden" data-locale="de-AT" defer></script></body></html>`;
    await page.route(`${server.url}/de`, (route) => route.fulfill({ contentType: "text/html", body }));
    await page.goto(`${server.url}/de`);
    await page.getByRole("button", { name: "Chat öffnen" }).click();
    await expect(page.getByRole("textbox", { name: "Nachricht" }).getAttribute("placeholder")).resolves.toBe("Nachricht eingeben…");
    await expect.poll(() => frames.sent.find((f) => f.type === "hello")).toMatchObject({ locale: "de-AT" });
  });

  it("puts dictated words into the message box as they are heard, in the shopper's language", async () => {
    const { page, context } = await newPage({ locale: "fr-FR" });
    await context.addInitScript(fakeSpeech, { recognition: true });
    await page.goto(server.url);
    await page.getByRole("button", { name: /^Ouvrir le chat/ }).click();
    const mic = page.getByRole("button", { name: "Dicter votre message" });
    await expect(mic.getAttribute("aria-pressed")).resolves.toBe("false");
    await mic.click();
    const voice = recogniser(page);
    await expect(voice.state()).resolves.toEqual({ lang: "fr-FR", interimResults: true, started: true, count: 1 });
    await expect(page.getByRole("button", { name: "Arrêter l’écoute" }).getAttribute("aria-pressed")).resolves.toBe("true");
    await expect(page.locator(".vstatus").textContent()).resolves.toBe("À l’écoute…");

    const input = page.getByRole("textbox", { name: "Message" });
    await voice.say([["livrez-vous", false]]);
    await expect(input.inputValue()).resolves.toBe("livrez-vous");
    await expect(input.getAttribute("class")).resolves.toBe("interim");
    await voice.say([["livrez-vous au Canada", true]]);
    await voice.end();
    await expect(input.inputValue()).resolves.toBe("livrez-vous au Canada");
    await expect(input.getAttribute("class")).resolves.toBe("");
    await expect(mic.getAttribute("aria-pressed")).resolves.toBe("false");
    await expect(page.locator(".vstatus").isHidden()).resolves.toBe(true);

    // The shopper checks the words and sends them.
    await input.press("Enter");
    await page.locator(".msg.from-shopper[data-seq]", { hasText: "livrez-vous au Canada" }).waitFor({ timeout: 15_000 });
  });

  it("says clearly when the microphone is refused, hears nothing or fails, and hides the button without speech recognition", async () => {
    const { page, context } = await newPage({ locale: "en-US" });
    await context.addInitScript(fakeSpeech, { recognition: true });
    await page.goto(server.url);
    await page.getByRole("button", { name: /^Open chat/ }).click();
    const mic = page.getByRole("button", { name: "Speak your message" });
    const status = page.locator(".vstatus");
    const voice = recogniser(page);

    await mic.click();
    await voice.fail("not-allowed");
    await expect(status.textContent()).resolves.toBe("Microphone access was denied. Allow it in your browser to speak your message.");
    await mic.click();
    await voice.end();
    await expect(status.textContent()).resolves.toBe("I didn't hear anything. Try again.");
    await mic.click();
    await voice.fail("network");
    await expect(status.textContent()).resolves.toBe("Voice input isn't working right now. Please type your message.");
    await expect(mic.getAttribute("aria-pressed")).resolves.toBe("false");

    const without = await newPage({ locale: "en-US" });
    await without.context.addInitScript(fakeSpeech, { recognition: false });
    await without.page.goto(server.url);
    await without.page.getByRole("button", { name: /^Open chat/ }).click();
    await without.page.getByRole("textbox", { name: "Message" }).waitFor();
    await expect(without.page.locator(".mic").isHidden()).resolves.toBe(true);
  });

  it("reads replies aloud only after the shopper turns it on", async () => {
    const { page, context } = await newPage({ locale: "en-US" });
    await context.addInitScript(fakeSpeech, { recognition: true });
    await page.goto(server.url);
    await page.getByRole("button", { name: /^Open chat/ }).click();
    const toggle = page.getByRole("button", { name: "Read replies aloud" });
    await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("false");
    const input = page.getByRole("textbox", { name: "Message" });
    await input.fill("hello");
    await input.press("Enter");
    await page.locator(".msg.from-bot").first().waitFor({ timeout: 30_000 });
    await expect(page.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken)).resolves.toEqual([]);

    await toggle.click();
    await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("true");
    await input.fill("do you ship to canada?");
    await input.press("Enter");
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken), { timeout: 30_000 })
      .toEqual([expect.objectContaining({ text: expect.stringMatching(/Canada/), lang: "en-US" })]);
  });
});
