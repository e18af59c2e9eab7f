import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./helpers/browser.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const ADMIN = { email: "owner@shop.test", password: "owner-password-1" };

/** A shopper opens the demo page's widget, asks, and gets the bot's reply text. */
async function askWidget(browser: Browser, url: string, question: string, expected: string): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole("button", { name: /^Open chat/ }).click();
  const input = page.getByRole("textbox", { name: "Message" });
  await input.fill(question);
  await input.press("Enter");
  const reply = page.locator(".msg.from-bot", { hasText: expected }).last();
  await reply.waitFor({ timeout: 60_000 });
  const text = (await reply.locator(".bubble").textContent()) ?? "";
  await context.close();
  return text;
}

describe("admin area in a real browser against the real server", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // A copy of the shipped knowledge, watched live as in production.
    server = await startTestServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, { copyKnowledge: true });
    await server.app.services.auth.createAgent({ email: "agent@shop.test", name: "Agent", role: "agent", password: "agent-password-1" });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function logIn(page: Page, email: string, password: string) {
    await page.goto(`${server.url}/admin`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
  }

  it("keeps an agent out of the admin area", async () => {
    const page = await browser.newPage();
    await logIn(page, "agent@shop.test", "agent-password-1");
    await expect.poll(() => page.locator("#login-error").textContent(), { timeout: 30_000 }).toMatch(/not an admin/);
    await expect(page.locator("#app").isHidden()).resolves.toBe(true);
    await page.close();
  });

  it("edits an entry, sees the regression result and the other entries with the old price, publishes, is answered from it, and rolls back", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("dialog", (d) => void d.accept());
    await logIn(page, ADMIN.email, ADMIN.password);

    await page.getByLabel("Search knowledge").fill("express");
    await page.locator('.item[data-key="faq:express-shipping"]').click();
    const answer = page.getByLabel("Answer");
    await expect(answer.inputValue()).resolves.toContain("$14.95");
    await answer.fill((await answer.inputValue()).replace("$14.95", "$16.95"));
    // The live preview shows the answer as the chat will, and the entries still stating the old price.
    await page.locator("#pane-preview .bubble", { hasText: "$16.95" }).waitFor();
    await page.locator("#pane-preview .figures", { hasText: "Standard shipping delivery time" }).waitFor();

    await page.getByRole("button", { name: "Check" }).first().click();
    await page.locator("#pane-check [data-testid=verdict]").waitFor({ timeout: 240_000 });
    await expect(page.locator("#pane-check .counts").textContent()).resolves.toMatch(/right: \d+ → \d+/);
    await expect(page.locator("#pane-check .figures").textContent()).resolves.toMatch(/Envío exprés \(es\)/);

    // Publish (confirming if the check found answers that got worse); the assistant answers from it at once.
    await page.locator("#publish").click();
    const done = page.locator("#saved").or(page.locator("#confirm-publish"));
    await done.waitFor({ timeout: 240_000 });
    if (await page.locator("#confirm-publish").isVisible()) {
      await page.locator("#confirm-publish").click();
      await page.locator("#saved").waitFor({ timeout: 240_000 });
    }
    expect(fs.readFileSync(path.join(server.knowledgeDir, "faq/shipping/express-shipping.md"), "utf8")).toContain("$16.95");
    const newAnswer = await askWidget(browser, server.url, "how much is express shipping?", "$16.95");
    expect(newAnswer).toContain("1–2 business days");

    // History: the text found on disk, then this edit by the admin; roll back to the first.
    await page.getByRole("tab", { name: "History" }).click();
    await page.locator('#pane-history .version[data-version="2"]', { hasText: ADMIN.email }).waitFor();
    await page.locator('#pane-history .version[data-version="1"]').getByRole("button", { name: "Roll back to this" }).click();
    await page.locator('#pane-history .version[data-version="3"]', { hasText: "rollback" }).waitFor({ timeout: 240_000 });
    expect(fs.readFileSync(path.join(server.knowledgeDir, "faq/shipping/express-shipping.md"), "utf8")).toContain("$14.95");
    await expect(askWidget(browser, server.url, "how much is express shipping?", "$14.95")).resolves.toContain("$14.95");
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 600_000);
});
