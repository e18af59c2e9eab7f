import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { axeViolations, createPageFactory, focusedElement, launchBrowser, recordChatFrames, tabTo, type PageFactory } from "./helpers/browser.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const ADMIN = { email: "lead@test.example", password: "lead-password-1" };

/** Message rows drawn by the widget (Playwright CSS locators pierce the open shadow root). */
async function drawnMessages(page: Page): Promise<{ seq: string; from: string; text: string }[]> {
  return page.locator(".msg[data-seq]").evaluateAll((rows) =>
    rows.map((r) => ({
      seq: r.getAttribute("data-seq") ?? "",
      from: /from-(\w+)/.exec(r.className)?.[1] ?? "",
      text: (r.querySelector(".bubble")?.textContent ?? r.textContent ?? "").replace(/^(You|Assistant|Agent): /, ""),
    })),
  );
}

async function openWidget(page: Page, name: RegExp = /^Open chat/): Promise<void> {
  await page.getByRole("button", { name }).click();
  await page.getByRole("dialog").waitFor();
}

async function ask(page: Page, text: string, input = page.getByRole("textbox", { name: "Message" })): Promise<void> {
  await input.fill(text);
  await input.press("Enter");
}

describe("chat widget in a real browser against the real server", () => {
  let server: TestServer;
  let browser: Browser;
  let pages: PageFactory;
  const newPage = (options?: BrowserContextOptions) => pages.newPage(options);

  beforeAll(async () => {
    // The demo shop (a small one) gives recommendations, a signed demo customer and customer models.
    server = await startTestServer({ SEED_DEMO: "true", DEMO_CUSTOMERS: "300", SUPPORT_HOURS: "always", ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launchBrowser();
    pages = createPageFactory(browser);
  }, 600_000);

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it("answers a shipping question with its source and redraws the history once after a reload", async () => {
    const { page, errors } = await newPage();
    await page.goto(server.url);

    const launcher = page.getByRole("button", { name: /^Open chat/ });
    await expect(launcher.getAttribute("aria-expanded")).resolves.toBe("false");
    await launcher.click();
    const dialog = page.getByRole("dialog", { name: /Fjell & Field/ });
    await dialog.waitFor();
    await expect(dialog.getAttribute("aria-modal")).resolves.toBe("true");
    const input = page.getByRole("textbox", { name: "Message" });
    // Focus moves into the panel's input when it opens.
    await expect.poll(async () => (await focusedElement(page)).tag).toBe("textarea");

    // Shift+Enter adds a line instead of sending.
    await input.pressSequentially("a");
    await input.press("Shift+Enter");
    await expect(input.inputValue()).resolves.toBe("a\n");
    await ask(page, "do you ship to Canada?");
    const answer = page.locator(".msg.from-bot", { hasText: "12" }).last();
    await answer.waitFor({ timeout: 30_000 });
    await expect(answer.locator(".src").textContent()).resolves.toMatch(/^Source: \S/);
    await expect(answer.locator("time").textContent()).resolves.toMatch(/\d:\d\d/);
    await expect(input.inputValue()).resolves.toBe("");

    const before = await drawnMessages(page);
    expect(before.filter((m) => m.from === "shopper" && m.text === "do you ship to Canada?")).toHaveLength(1);
    expect(new Set(before.map((m) => m.seq)).size).toBe(before.length);
    await expect(page.locator(".sending").count()).resolves.toBe(0);

    await page.reload();
    // Open the panel again unless the widget restored it open.
    const relaunch = page.getByRole("button", { name: /^Open chat/ });
    if ((await relaunch.getAttribute("aria-expanded")) !== "true") await relaunch.click();
    await expect.poll(async () => (await drawnMessages(page)).length, { timeout: 15_000 }).toBe(before.length);
    // Give any late duplicate replay time to arrive before checking nothing was drawn twice.
    await page.waitForTimeout(750);
    expect(await drawnMessages(page)).toEqual(before);
    await expect(page.locator(".sending").count()).resolves.toBe(0);
    expect(errors).toEqual([]);

    // Escape closes the panel and returns focus to the launcher.
    await page.getByRole("textbox", { name: "Message" }).focus();
    await page.keyboard.press("Escape");
    await expect(relaunch.getAttribute("aria-expanded")).resolves.toBe("false");
    expect(await focusedElement(page)).toMatchObject({ tag: "button", className: "launcher" });
  });

  it("renders message text as text, never as HTML", async () => {
    const { page } = await newPage();
    await page.goto(server.url);
    await page.evaluate(() => window.FjellChat?.send('<img src=x onerror="window.__pwned=1"><b>bold</b>'));
    const mine = page.locator(".msg.from-shopper[data-seq]", { hasText: "<b>bold</b>" });
    await mine.waitFor({ timeout: 15_000 });
    await expect(mine.locator("img, b").count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
  });

  it("takes its accent from data-color and is not restyled by the shop page's CSS", async () => {
    const { page } = await newPage();
    await page.goto(server.url);
    const launcher = page.getByRole("button", { name: /^Open chat/ });
    await launcher.waitFor();
    const styleOf = () =>
      launcher.evaluate((b) => {
        const cs = getComputedStyle(b);
        return { background: cs.backgroundColor, font: cs.fontFamily, width: cs.width };
      });
    const initial = await styleOf();
    expect(initial.background).toBe("rgb(47, 93, 80)");
    await page.addStyleTag({ content: "button, div { background: rgb(255, 0, 0) !important; width: 5px !important } body { font-family: serif !important }" });
    expect(await styleOf()).toEqual(initial);
  });

  it("puts a recommended product from a card into the demo page's cart, by keyboard, and shows that more cards follow", async () => {
    const { page, errors } = await newPage();
    await page.goto(server.url);
    await openWidget(page);
    await ask(page, "can you recommend some running shoes?");
    const cards = page.locator(".msg.from-bot .card");
    await cards.first().waitFor({ timeout: 30_000 });
    expect(await cards.count()).toBeGreaterThanOrEqual(2);
    const first = cards.first();
    const name = (await first.locator(".name").textContent())!.trim();
    await expect(first.locator(".price").textContent()).resolves.toMatch(/^\$\d[\d,]*\.\d\d$/);

    // More cards than fit: the row scrolls, snaps, and offers a visible "next" button.
    const row = page.locator(".msg.from-bot .cards").first();
    const box = page.locator(".msg.from-bot .carousel").first();
    await expect(row.evaluate((r) => getComputedStyle(r).scrollSnapType)).resolves.toMatch(/x mandatory/);
    await expect.poll(() => box.getAttribute("class")).toMatch(/more-after/);
    const next = box.getByRole("button", { name: "Next products" });
    await expect(next.getAttribute("aria-disabled")).resolves.toBe("false");
    await next.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => row.evaluate((r) => r.scrollLeft)).toBeGreaterThan(0);
    await expect.poll(() => box.getByRole("button", { name: "Previous products" }).getAttribute("aria-disabled")).toBe("false");

    // "Add to cart" calls the page's handler (FjellChat("on", "addToCart", fn) in shop.js).
    await tabTo(page, (f) => f.label === `Add to cart: ${name}`, { backwards: true, max: 20 });
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#cart-count").textContent()).toBe("1");
    await expect(page.locator("#cart-button").getAttribute("aria-label")).resolves.toBe("Cart, 1 item");
    // A product with sizes or colours is added in its first available option, which the notice names.
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    await expect.poll(() => page.locator("[role=status].sr").last().textContent()).toMatch(new RegExp(`^${escaped}( \\([^)]+\\))? was added to your cart\\.$`));
    // Focus stays on the button the shopper pressed.
    expect((await focusedElement(page)).label).toBe(`Add to cart: ${name}`);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("ff-demo-cart") ?? "[]") as { name: string; quantity: number }[]);
    expect(stored).toEqual([expect.objectContaining({ name, quantity: 1 })]);

    await page.keyboard.press("Escape");
    await page.locator("#cart-button").click();
    await expect(page.locator("#cart-dialog").textContent()).resolves.toContain(name);
    expect(errors).toEqual([]);
  });

  // Needs the demo catalogue's images (/img/products/<id>.svg) and product pages (/p/<id>), which another
  // branch adds: until the server sends `image` and `url` on cards this test fails, by design.
  it("shows each card's image and links its name to the product page", async () => {
    const { page } = await newPage();
    await page.goto(server.url);
    await openWidget(page);
    await ask(page, "can you recommend a tent?");
    const card = page.locator(".msg.from-bot .card").first();
    await card.waitFor({ timeout: 30_000 });
    const img = card.locator(".pic img");
    await expect(img.count(), "the card has an image (the server sends ProductCard.image)").resolves.toBe(1);
    await expect(img.getAttribute("src")).resolves.toMatch(/\/img\/products\/[^/]+\.svg$/);
    await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)).toBe(true);
    const href = await card.locator("a.name").getAttribute("href");
    expect(href).toMatch(/\/p\/[^/]+$/);
    expect((await fetch(new URL(href!, server.url))).status).toBe(200);
  });

  it("keeps keyboard focus in the dialog: chips, the focus trap and Escape", async () => {
    const { page } = await newPage();
    await page.goto(server.url);
    await openWidget(page);
    await ask(page, "hello");
    await page.locator(".msg.from-bot .chip").first().waitFor({ timeout: 30_000 });
    const botReplies = await page.locator(".msg.from-bot").count();

    // Reach a chip with the keyboard, use it: focus returns to the message box, not to the page.
    await tabTo(page, (f) => f.className === "chip" && f.text === "Return policy", { backwards: true, max: 20 });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focusedElement(page)).tag).toBe("textarea");
    await expect.poll(() => page.locator(".msg.from-bot").count(), { timeout: 30_000 }).toBeGreaterThan(botReplies);
    expect(await focusedElement(page)).toMatchObject({ tag: "textarea", inShadow: true });

    // Tab and Shift+Tab cycle inside the dialog: 25 presses either way never leave it.
    for (const backwards of [false, true]) {
      const seen = new Set<string>();
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
        const f = await focusedElement(page);
        expect(f.inShadow, JSON.stringify(f)).toBe(true);
        expect(f.className).not.toBe("launcher");
        seen.add(`${f.tag}.${f.className}.${f.label}.${f.text}`);
      }
      // It really cycled (close button, chips or links, input, send), not stuck on one element.
      expect(seen.size).toBeGreaterThan(3);
    }

    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog").isHidden()).resolves.toBe(true);
    expect(await focusedElement(page)).toMatchObject({ className: "launcher" });
  });

  it("shows the character count near the 4,000 limit and refuses to send over it", async () => {
    const { page } = await newPage();
    await page.goto(server.url);
    await openWidget(page);
    const input = page.getByRole("textbox", { name: "Message" });
    const counter = page.locator(".count");
    await input.fill("x".repeat(100));
    await expect(counter.isHidden()).resolves.toBe(true);
    await input.fill("x".repeat(3700));
    await expect(counter.textContent()).resolves.toBe("3,700 of 4,000 characters");
    await input.fill("y".repeat(4050));
    await expect(counter.textContent()).resolves.toBe("50 characters over the limit");
    await expect(input.getAttribute("aria-invalid")).resolves.toBe("true");
    // Nothing is cut silently: the whole text stays in the box.
    expect((await input.inputValue()).length).toBe(4050);
    await input.press("Enter");
    await expect(page.locator(".notice").textContent()).resolves.toBe("Messages can be up to 4,000 characters.");
    await expect(page.locator(".msg.from-shopper").count()).resolves.toBe(0);
  });

  it("speaks Spanish to a Spanish browser and tells the server the shopper's locale", async () => {
    const { page } = await newPage({ locale: "es-ES" });
    const frames = recordChatFrames(page);
    await page.goto(server.url);
    await openWidget(page, /^Abrir el chat/);
    const input = page.getByRole("textbox", { name: "Mensaje" });
    await expect(input.getAttribute("placeholder")).resolves.toBe("Escribe tu mensaje…");
    await ask(page, "can you recommend some running shoes?", input);
    const card = page.locator(".msg.from-bot .card").first();
    await card.waitFor({ timeout: 30_000 });
    expect(frames.sent.find((f) => f.type === "hello")).toMatchObject({ locale: "es-ES" });
    // Prices in the Spanish way (comma decimals), the widget's own words in Spanish.
    await expect(card.locator(".price").textContent()).resolves.toMatch(/^\d[\d.]*,\d\d\s(US\$|\$)$/);
    await expect(card.getByRole("button", { name: /^Añadir al carrito/ }).count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: "Cerrar el chat" }).count()).resolves.toBe(1);
    await expect(page.locator(".msg.from-bot .fb").first().textContent()).resolves.toMatch(/^¿Te ha sido útil\?/);
  });

  it("keeps the queue note over a reload, shows one 'joined' notice, and disables the input once an agent closes the chat", async () => {
    const { page, errors } = await newPage();
    const frames = recordChatFrames(page);
    await page.goto(server.url);
    await openWidget(page);
    await ask(page, "I want to talk to a real person please");
    const banner = page.locator(".queue");
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toMatch(/^You're in the queue for a person from our team\. You're number \d+ in line\.$/);
    const conversationId = frames.received.find((f) => f.type === "welcome")?.conversationId as string;

    // The server re-sends the queue state after the new page's hello, so the note survives a reload.
    await page.reload();
    await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toMatch(/You're number \d+ in line/);
    await expect(banner.isVisible()).resolves.toBe(true);

    // An agent claims the chat in the console.
    const agent = (await newPage()).page;
    await agent.goto(`${server.url}/console`);
    await agent.getByLabel("Email").fill(ADMIN.email);
    await agent.getByLabel("Password").fill(ADMIN.password);
    await agent.getByRole("button", { name: "Log in" }).click();
    await agent.locator(`#queue .entry[data-conversation-id="${conversationId}"] button[data-action=accept]`).click({ timeout: 15_000 });
    await expect.poll(() => page.locator(".msg", { hasText: "joined" }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => banner.isHidden()).toBe(true);
    await expect(page.locator(".sub").textContent()).resolves.toMatch(/^Chatting with /);
    await page.waitForTimeout(500);
    await expect(page.locator(".msg", { hasText: "joined" }).count()).resolves.toBe(1);

    // The agent closes it: the shopper's box is disabled with a clear note and a way to start again.
    const input = page.getByRole("textbox", { name: "Message" });
    await input.focus();
    await agent.getByLabel("Resolution").fill("answered");
    await agent.locator("#close").click();
    await expect.poll(() => input.isDisabled(), { timeout: 15_000 }).toBe(true);
    await expect(input.getAttribute("placeholder")).resolves.toBe("This chat has ended");
    await expect(page.getByRole("button", { name: "Send" }).isDisabled()).resolves.toBe(true);
    const restart = page.getByRole("button", { name: "Start a new chat" });
    await expect(restart.isVisible()).resolves.toBe(true);
    expect(await focusedElement(page)).toMatchObject({ tag: "button", text: "Start a new chat" });
    expect(await axeViolations(page)).toEqual([]);
    await restart.press("Enter");
    await expect.poll(() => input.isDisabled()).toBe(false);
    expect(await focusedElement(page)).toMatchObject({ tag: "textarea" });
    await expect(page.locator(".msg[data-seq]").count()).resolves.toBe(0);
    await ask(page, "hello");
    await page.locator(".msg.from-bot").first().waitFor({ timeout: 30_000 });
    await expect(page.locator(".failed").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it("has no serious or critical axe-core violations on the shop page, with the chat open, cards and chips drawn", async () => {
    const { page } = await newPage();
    await page.goto(server.url);
    // The check can fail: a nameless button is reported.
    await page.evaluate(() => document.body.appendChild(Object.assign(document.createElement("button"), { id: "axe-probe" })));
    expect((await axeViolations(page)).map((v) => v.id)).toContain("button-name");
    await page.evaluate(() => document.getElementById("axe-probe")?.remove());
    expect(await axeViolations(page)).toEqual([]);
    await openWidget(page);
    await ask(page, "can you recommend some running shoes?");
    await page.locator(".msg.from-bot .card").first().waitFor({ timeout: 30_000 });
    await ask(page, "hello");
    await page.locator(".msg.from-bot .chip").first().waitFor({ timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);
  });
});
