import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./helpers/browser.ts";
import { startTestServer, type TestServer } from "./helpers/server.ts";

const ADMIN = { email: "owner@shop.test", password: "owner-password-1" };

describe("analytics and unanswered questions in a real browser on the demo shop", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // The demo shop seeds its chat history on the first start, as `npm start` does.
    server = await startTestServer({ SEED_DEMO: "true", DEMO_CUSTOMERS: "300", ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function logIn(page: Page, hash: string) {
    await page.goto(`${server.url}/admin#${hash}`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Log in" }).click();
  }

  /** Coloured (drawn) pixels of a chart's canvas. */
  const drawnPixels = (page: Page, id: string) =>
    page.locator(`.dash-chart[data-chart="${id}"] canvas`).evaluate((c: HTMLCanvasElement) => {
      const px = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && !(px[i] > 240 && px[i + 1] > 240 && px[i + 2] > 240)) n++;
      return n;
    });

  it("shows the dashboard with non-empty charts, headline numbers and CSV downloads", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await logIn(page, "analytics");
    await page.locator('.dash-chart[data-chart="conversations"] canvas').waitFor({ timeout: 60_000 });
    const conversations = Number(await page.locator('.dash-card[data-metric="conversations"] .value').textContent());
    expect(conversations).toBeGreaterThan(20);
    await expect(page.locator('.dash-card[data-metric="containmentRate"] .value').textContent()).resolves.toMatch(/^\d+\.\d %$/);
    await expect(page.locator('.dash-card[data-metric="csatPeople"] .value').textContent()).resolves.toMatch(/^\d+\.\d %$/);
    // Every chart drawn with uPlot shows data (coloured lines or bars), not an empty frame.
    for (const id of ["conversations", "containment", "handoff-reasons", "flags", "csat", "response-times", "intents", "topics", "conversion", "retention", "customer-value", "lifecycle"]) {
      await page.locator(`.dash-chart[data-chart="${id}"] canvas`).waitFor();
      expect(await drawnPixels(page, id), id).toBeGreaterThan(200);
    }
    await expect(page.locator('.dash-chart[data-chart="experiments"] table tr').count()).resolves.toBeGreaterThan(1);

    // A narrower range redraws the charts from the server.
    const to = await page.getByLabel("To", { exact: true }).inputValue();
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("From", { exact: true }).fill(from);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.locator('.dash-chart[data-chart="conversations"][data-rows="7"] canvas').waitFor();
    expect(Number(await page.locator('.dash-card[data-metric="conversations"] .value').textContent())).toBeLessThan(conversations);

    // The CSV link downloads that chart's data for the range shown.
    const href = await page.getByRole("link", { name: "Download Conversations per day as CSV" }).getAttribute("href");
    expect(href).toBe(`/admin/api/analytics/conversations.csv?from=${from}&to=${to}`);
    const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href!);
    expect(csv.split("\r\n")[0]).toBe("day,conversations,handed_off");
    expect(csv.trim().split("\r\n")).toHaveLength(8);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 300_000);

  it("turns a cluster of unanswered questions into a draft entry in the knowledge editor", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await logIn(page, "unanswered");
    const gift = page.locator(".cluster", { has: page.locator("li", { hasText: /gift/i }) }).first();
    await gift.waitFor({ timeout: 120_000 });
    const examples = await gift.locator("li").allTextContents();
    expect(examples.every((e) => /gift|wrap|present/i.test(e)), examples.join(" | ")).toBe(true);
    await gift.getByRole("button", { name: "Draft entry" }).click();

    // The knowledge tab opens with a new, unpublished entry holding the cluster's title and questions.
    await page.locator(".kb .editor-head", { hasText: "new, not published" }).waitFor({ timeout: 60_000 });
    expect(page.url()).toMatch(/#knowledge$/);
    const title = await page.getByLabel("Title").inputValue();
    expect(title.length).toBeGreaterThan(2);
    const questions = await page.getByLabel("Questions shoppers ask item").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(questions.length).toBeGreaterThan(1);
    expect(questions.filter((q) => examples.includes(q)).length).toBeGreaterThan(0);
    await expect(page.getByLabel("Answer (Markdown)").inputValue()).resolves.toBe("");
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 300_000);
});
