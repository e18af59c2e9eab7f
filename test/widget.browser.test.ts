import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startServer } from "../server/main.ts";
import { launchBrowser } from "./helpers/browser.ts";

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

describe("chat widget in a real browser against the real server", () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "widget-browser-"));
    server = await startServer({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", KNOWLEDGE_WATCH: "false" });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers a shipping question with its source and redraws the history once after a reload", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(server.url);

    const launcher = page.getByRole("button", { name: /^Open chat/ });
    await expect(launcher.getAttribute("aria-expanded")).resolves.toBe("false");
    await launcher.click();
    const dialog = page.getByRole("dialog", { name: /Fjell & Field/ });
    await dialog.waitFor();
    const input = page.getByRole("textbox", { name: "Message" });
    // Focus moves into the panel's input when it opens.
    await expect.poll(() => page.evaluate(() => document.getElementById("fjell-chat")?.shadowRoot?.activeElement?.tagName)).toBe("TEXTAREA");

    // Shift+Enter adds a line instead of sending.
    await input.pressSequentially("a");
    await input.press("Shift+Enter");
    await expect(input.inputValue()).resolves.toBe("a\n");
    await input.fill("do you ship to Canada?");
    await input.press("Enter");
    const answer = page.locator(".msg.from-bot", { hasText: "12" }).last();
    await answer.waitFor({ timeout: 30_000 });
    await expect(answer.locator(".src").textContent()).resolves.toMatch(/^Source: \S/);
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
    const after = await drawnMessages(page);
    expect(after).toEqual(before);
    // Nothing is left "sending": the outbox was cleared by the echo before the reload.
    await expect(page.locator(".sending").count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);

    // Escape closes the panel and returns focus to the launcher.
    await page.getByRole("textbox", { name: "Message" }).press("Escape");
    await expect(page.getByRole("button", { name: /^Open chat/ }).getAttribute("aria-expanded")).resolves.toBe("false");
    await context.close();
  });

  it("renders message text as text, never as HTML", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(() => window.FjellChat?.send('<img src=x onerror="window.__pwned=1"><b>bold</b>'));
    const mine = page.locator(".msg.from-shopper[data-seq]", { hasText: "<b>bold</b>" });
    await mine.waitFor({ timeout: 15_000 });
    await expect(mine.locator("img, b").count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await context.close();
  });

  it("takes its accent from data-color and is not restyled by the shop page's CSS", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
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
    await context.close();
  });
});
