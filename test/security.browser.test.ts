import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPageFactory, launchBrowser, type PageFactory } from "./helpers/browser.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const ADMIN = { email: "guard@test.example", password: "guard-password-1" };

/** Console messages about the Content-Security-Policy (a blocked script, style, image or socket). */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

describe("security headers and refused messages in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let pages: PageFactory;

  beforeAll(async () => {
    // One message per 3 s: the second message in a row is refused.
    server = await startTestServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, RATE_LIMIT_MESSAGES: "1", RATE_LIMIT_WINDOW_MS: "3000", SUPPORT_HOURS: "always" });
    browser = await launchBrowser();
    pages = createPageFactory(browser);
  }, 600_000);

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it("the widget works under the CSP; a message refused as too fast shows as not sent with a Retry that sends it", async () => {
    const { page, errors } = await pages.newPage();
    const csp = cspViolations(page);
    await page.goto(server.url);
    await page.getByRole("button", { name: /^Open chat/ }).click();
    await page.getByRole("dialog").waitFor();
    const input = page.getByRole("textbox", { name: "Message" });
    await input.fill("do you ship to Canada?");
    await input.press("Enter");
    await input.fill("how long does standard shipping take?");
    await input.press("Enter");
    const failed = page.locator(".msg.failed");
    await failed.waitFor({ timeout: 30_000 });
    await expect(failed.locator(".meta").textContent()).resolves.toContain("Not sent");
    await page.locator(".msg.from-bot", { hasText: "12" }).first().waitFor({ timeout: 30_000 });
    // After the window the shopper retries with one click: the message is sent and answered.
    await page.waitForTimeout(3200);
    await failed.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => page.locator(".msg.failed").count(), { timeout: 10_000 }).toBe(0);
    await page.locator(".msg.from-shopper[data-seq]", { hasText: "standard shipping" }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator(".msg.from-bot").count(), { timeout: 30_000 }).toBe(2);
    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
  });

  it("the agent console logs in and goes live under the CSP and the CSRF guard", async () => {
    const { page, errors } = await pages.newPage();
    const csp = cspViolations(page);
    await page.goto(`${server.url}/console`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.locator("#conn", { hasText: "live" }).waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
  });

  it("another site cannot frame the console", async () => {
    const { page } = await pages.newPage();
    // A page on another origin (data: URL) that tries to frame the console: the frame stays empty.
    await page.goto(`data:text/html,<iframe id="f" src="${server.url}/console"></iframe>`);
    await page.waitForTimeout(1500);
    expect(page.frames().length).toBe(2);
    // The browser shows its own error page in the frame, never the console's login form.
    const frame = page.frames()[1];
    const loginButtons = await frame.getByRole("button", { name: "Log in" }).count().catch(() => 0);
    expect(loginButtons).toBe(0);
  });
});
