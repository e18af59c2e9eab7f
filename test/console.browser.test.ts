import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessageFrame, WelcomeFrame } from "../server/protocol.ts";
import { signCustomerIdentity } from "../server/dialogue/identity.ts";
import { axeViolations, focusedElement, launchBrowser, tabTo } from "./helpers/browser.ts";
import { connectChat, type ChatClient } from "./helpers/chat-client.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const ADMIN = { email: "lead@test.example", password: "lead-password-1" };

describe("agent console in a real browser against the real server", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // A small demo shop: verified customers with orders and customer models for the sidebar.
    server = await startTestServer({ SEED_DEMO: "true", DEMO_CUSTOMERS: "300", SUPPORT_HOURS: "always", ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A shopper (optionally a verified customer) who asked a few questions and then for a person. */
  async function shopperInQueue(options: { customerId?: string; questions?: string[] } = {}): Promise<{ shopper: ChatClient; conversationId: string }> {
    const shopper = await connectChat(server.url);
    const customer = options.customerId ? { id: options.customerId, signature: signCustomerIdentity(options.customerId, server.config.shopSecret) } : undefined;
    shopper.send({ type: "hello", ...(customer ? { customer } : {}) });
    const welcome = (await shopper.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
    for (const q of options.questions ?? []) await shopper.ask(q);
    const reply = await shopper.ask("I want to talk to a real person please");
    expect(reply.action).toBe("handoff");
    return { shopper, conversationId: welcome.conversationId };
  }

  async function logIn(page: Page): Promise<void> {
    await page.goto(`${server.url}/console`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.locator("#conn", { hasText: "live" }).waitFor();
  }

  it("logs in, accepts a queued chat, replies and closes it", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/console`);
    await expect(page.locator('link[rel="icon"]').getAttribute("href")).resolves.toMatch(/^data:image\/svg\+xml,/);

    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect.poll(() => page.locator("#login-error").textContent(), { timeout: 20_000 }).toMatch(/wrong email or password/i);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.locator("#conn", { hasText: "live" }).waitFor();

    const { shopper, conversationId } = await shopperInQueue();
    const card = page.locator(`#queue .entry[data-conversation-id="${conversationId}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.locator("button[data-action=accept]").click();
    await shopper.waitFor((f) => f.type === "state" && f.state === "agent");
    // The transcript shows the bot's turn with its decision trail, as sentences rather than JSON.
    await page.locator("#transcript .msg.from-bot", { hasText: "person" }).first().waitFor();
    const why = page.locator("#transcript .msg.from-bot details").last();
    await expect(why.locator("summary").textContent()).resolves.toMatch(/^Why: explicit request/);
    const lines = await why.locator("li").allTextContents();
    expect(lines[0]).toBe("Handed off to a person: explicit request for a human");
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^Intent: human handoff \(\d/), expect.stringMatching(/^Sentiment: /)]));
    await expect(why.locator("pre").count()).resolves.toBe(0);
    expect(lines.join("\n")).not.toMatch(/[{}]/);

    shopper.send({ type: "message", id: "from-shopper-1", text: "my parcel never arrived" });
    await page.locator("#transcript .msg.from-shopper", { hasText: "my parcel never arrived" }).waitFor();

    const from = shopper.frames.length;
    await page.getByLabel("Reply").fill("Sorry about that! Let me check the tracking for you.");
    await page.getByLabel("Reply").press("Enter");
    const agentMsg = (await shopper.waitFor((f) => f.type === "message" && f.from === "agent", { fromIndex: from })) as ChatMessageFrame;
    expect(agentMsg.text).toBe("Sorry about that! Let me check the tracking for you.");
    await page.locator("#transcript .msg.from-agent", { hasText: "check the tracking" }).waitFor();

    await page.getByLabel("Resolution").fill("tracking shared");
    await page.locator("#close").click();
    await shopper.waitFor((f) => f.type === "state" && f.state === "closed");
    await expect.poll(() => page.locator("#mine .entry").count()).toBe(0);
    expect(pageErrors).toEqual([]);
    shopper.close();
    await page.close();
  });

  it("takes an agent from the queue to a sent reply with the keyboard alone", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/console`);
    await tabTo(page, (f) => f.id === "email");
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press("Enter");
    await page.locator("#conn", { hasText: "live" }).waitFor();

    const { shopper, conversationId } = await shopperInQueue();
    await page.locator(`#queue .entry[data-conversation-id="${conversationId}"]`).waitFor({ timeout: 15_000 });
    // The entry's main part is a button: reach it, open the conversation, then claim it.
    await tabTo(page, (f) => f.tag === "button" && f.className === "open" && f.text.includes("I want to talk to a real person"));
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#conv-head").isVisible()).toBe(true);
    expect(await focusedElement(page)).toMatchObject({ tag: "button", className: "open" });
    await tabTo(page, (f) => /^(Claim|Accept offer): Anonymous shopper$/.test(f.label), { max: 10 });
    await page.keyboard.press("Enter");
    await shopper.waitFor((f) => f.type === "state" && f.state === "agent");
    // Claiming puts the keyboard in the reply box.
    await expect.poll(async () => (await focusedElement(page)).id).toBe("reply");
    const from = shopper.frames.length;
    await page.keyboard.type("Hi, I'm here to help.");
    await page.keyboard.press("Enter");
    const agentMsg = (await shopper.waitFor((f) => f.type === "message" && f.from === "agent", { fromIndex: from })) as ChatMessageFrame;
    expect(agentMsg.text).toBe("Hi, I'm here to help.");
    shopper.close();
    await page.close();
  });

  it("hands a Spanish request for a person to the queue and shows the shopper's language in the queue and the conversation", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await logIn(page);
    const shopper = await connectChat(server.url);
    shopper.send({ type: "hello", locale: "es-ES" });
    const welcome = (await shopper.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
    const reply = await shopper.ask("quiero hablar con una persona por favor");
    expect(reply.action).toBe("handoff");
    const entry = page.locator(`#queue .entry[data-conversation-id="${welcome.conversationId}"]`);
    await entry.waitFor({ timeout: 15_000 });
    await expect(entry.locator(".pill.lang").textContent()).resolves.toBe("Spanish");
    await entry.locator("button.open").click();
    await expect.poll(() => page.locator("#conv-lang").textContent()).toBe("Shopper's language: Spanish");
    shopper.close();
    await page.close();
  });

  it("opens a long conversation at its newest message with the customer in plain words, fitting 1280 px", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await logIn(page);
    const questions = ["do you ship to canada?", "how long do returns take?", "what is the warranty on treadmills?", "can I pay in installments?", "how do I join the summit club?", "where is my order?"];
    const { shopper, conversationId } = await shopperInQueue({ customerId: "C00001", questions });
    const entry = page.locator(`#queue .entry[data-conversation-id="${conversationId}"]`);
    await entry.locator("button[data-role=open]").click({ timeout: 15_000 });
    await page.locator("#transcript .msg.from-bot", { hasText: "person" }).waitFor();
    await expect(page.locator("#transcript .msg").count()).resolves.toBeGreaterThanOrEqual(14);

    // The newest message is in view: the transcript is scrolled to its end.
    await expect
      .poll(() => page.locator("#transcript").evaluate((t) => t.scrollHeight > t.clientHeight + 50 && t.scrollTop + t.clientHeight >= t.scrollHeight - 2))
      .toBe(true);
    const lastVisible = await page.locator("#transcript .msg").last().evaluate((m) => {
      const t = m.parentElement!.getBoundingClientRect();
      const r = m.getBoundingClientRect();
      return r.top >= t.top - 1 && r.bottom <= t.bottom + 1;
    });
    expect(lastVisible).toBe(true);

    // The sidebar speaks plainly and nothing in it (or the page) overflows at 1280 px.
    const side = page.locator("#side");
    await side.locator("h2", { hasText: "Outlook" }).waitFor();
    const text = (await side.textContent())!;
    expect(text).toMatch(/(Likely|May|Unlikely) to buy again/);
    expect(text).toMatch(/\$[\d,]+ expected over the next 12 months/);
    expect(text).toMatch(/Churn risk: (low|medium|high)/);
    expect(text).not.toMatch(/P\(alive\)|P\(active\)|\d\.\d\d purchases expected/);
    const clipped = await page.evaluate(() => {
      const out: string[] = [];
      if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth}px wide`);
      const s = document.getElementById("side")!;
      if (s.scrollWidth > s.clientWidth + 1) out.push(`#side scrolls sideways (${s.scrollWidth} > ${s.clientWidth})`);
      // Text must end inside the content box: not under the padding or the scrollbar, where it is cut off.
      const edge = s.getBoundingClientRect().right - (s.offsetWidth - s.clientWidth) - parseFloat(getComputedStyle(s).paddingRight);
      const range = document.createRange();
      for (const el of s.querySelectorAll<HTMLElement>("*")) {
        const cs = getComputedStyle(el);
        if (cs.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName} "${el.textContent?.slice(0, 40)}" clipped`);
        range.selectNodeContents(el);
        if (range.getBoundingClientRect().right > edge + 1) out.push(`${el.tagName} "${el.textContent?.slice(0, 40)}" runs past the edge`);
      }
      return out;
    });
    expect(clipped).toEqual([]);

    // One money format everywhere: $1,234.56 (the outlook rounds to whole dollars).
    const amounts = [...(await page.locator("#side, #transcript").allTextContents()).join(" ").matchAll(/\$[\d,.]+/g)].map((m) => m[0].replace(/[.,]$/, ""));
    expect(amounts.length).toBeGreaterThan(0);
    for (const a of amounts) expect(a).toMatch(/^\$\d{1,3}(,\d{3})*(\.\d\d)?$/);

    expect(await axeViolations(page)).toEqual([]);
    shopper.close();
    await page.close();
  });

  it("has no serious or critical axe-core violations on the login page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/console`);
    await page.getByLabel("Email").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
