/**
 * Campaigns in a real browser against the real server: an admin creates a campaign for the at-risk stage and sees its
 * audience count; a treated shopper opening the widget sees the proactive message with the coupon and dismisses it.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignArm } from "../models/experiments/index.ts";
import { signCustomerIdentity } from "../server/dialogue/index.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { writeCampaignShop } from "./helpers/campaign-shop.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const ADMIN = { email: "owner@shop.test", password: "owner-password-1" };
const AT_RISK = 16;

describe("campaigns in a real browser", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, { prepare: (dir) => writeCampaignShop(dir, AT_RISK) });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("an admin creates a campaign and sees its audience; a treated shopper sees the message and dismisses it", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/admin#campaigns`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Log in" }).click();
    const form = page.getByRole("form", { name: "New campaign" });
    await form.waitFor({ timeout: 30_000 });
    await form.getByLabel("Name").fill("Win back");
    await form.locator('fieldset:has(legend:text-is("stages")) input[value="at_risk"]').check();
    await form.getByLabel("Coupon % of CLV").fill("10");
    await expect.poll(() => page.locator(".audience .count").textContent(), { timeout: 30_000 }).toBe(`${AT_RISK} customers`);
    await expect(page.locator(".audience li").count()).resolves.toBe(5);
    await page.getByRole("button", { name: "Create and start" }).click();
    await page.locator(".clist .version", { hasText: "Win back" }).waitFor();
    const [campaign] = await server.storage.campaigns.list();
    expect(campaign).toMatchObject({ name: "Win back", status: "active", audience: { stages: ["at_risk"] }, holdoutShare: 0.2 });

    // A treated shopper visits the shop and opens the widget.
    const customerId = Array.from({ length: AT_RISK }, (_, i) => `R${i + 1}`).find((c) => assignArm(campaign.id, c, 0.2) === "treatment")!;
    const shop = await browser.newPage();
    shop.on("pageerror", (e) => errors.push(e.message));
    const signature = signCustomerIdentity(customerId, server.config.shopSecret);
    await shop.route(`${server.url}/shop`, (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html><body><h1>Shop</h1><script src="/widget.js" data-customer-id="${customerId}" data-customer-signature="${signature}" defer></script></body></html>`,
    }));
    await shop.goto(`${server.url}/shop`);
    await shop.getByRole("button", { name: /^Open chat/ }).click();
    const card = shop.getByRole("region", { name: "A message for you" });
    await card.waitFor({ timeout: 30_000 });
    await expect(card.textContent()).resolves.toMatch(/We miss you, Pat\d+!/);
    await expect(card.textContent()).resolves.toMatch(/Your code CMP-[0-9A-F]{8}: \$\d+\.00 off/);
    await expect.poll(async () => (await server.storage.campaigns.getDelivery(campaign.id, customerId, "widget"))?.openedAt ?? null).not.toBeNull();
    await card.getByRole("button", { name: "Dismiss this message" }).click();
    await expect(card.count()).resolves.toBe(0);
    await expect.poll(async () => (await server.storage.campaigns.getDelivery(campaign.id, customerId, "widget"))?.dismissedAt ?? null).not.toBeNull();

    // The admin sees it in the results.
    await page.locator(".clist .version", { hasText: "Win back" }).getByRole("button", { name: "Results" }).click();
    await expect.poll(() => page.locator(".results").textContent()).toMatch(/Opened \(widget\)1 \(100\.0 %\)/);
    await expect(page.locator(".results canvas").count()).resolves.toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 180_000);
});
