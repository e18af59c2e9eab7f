import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessageFrame, WelcomeFrame } from "../server/protocol.ts";
import { startServer, type RunningServer } from "../server/main.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { connectChat } from "./helpers/chat-client.ts";

describe("agent console in a real browser against the real server", () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "console-browser-"));
    server = await startServer({
      PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", SEED_DEMO: "false", KNOWLEDGE_WATCH: "false",
      SUPPORT_HOURS: "always", ADMIN_EMAIL: "lead@test.example", ADMIN_PASSWORD: "lead-password-1",
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("logs in, accepts a queued chat, replies and closes it", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/console`);

    await page.getByLabel("Email").fill("lead@test.example");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect.poll(() => page.locator("#login-error").textContent()).toMatch(/wrong email or password/i);
    await page.getByLabel("Password").fill("lead-password-1");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.locator("#conn", { hasText: "live" }).waitFor();

    const shopper = await connectChat(server.url);
    shopper.send({ type: "hello" });
    const welcome = (await shopper.waitFor((f) => f.type === "welcome")) as WelcomeFrame;
    const reply = await shopper.ask("I want to talk to a real person please");
    expect(reply.action).toBe("handoff");

    const card = page.locator(`#queue .entry[data-conversation-id="${welcome.conversationId}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.locator("button[data-action=accept]").click();
    await shopper.waitFor((f) => f.type === "state" && f.state === "agent");
    // The transcript shows the bot's turn with its decision trail.
    await page.locator("#transcript .msg.from-bot", { hasText: "person" }).first().waitFor();
    await expect(page.locator("#transcript .msg.from-bot details summary").first().textContent()).resolves.toMatch(/Why: explicit request/);

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
});
