/**
 * Headless Chromium for browser tests: the Debian package at /usr/bin/chromium (scripts/install-browser.sh),
 * driven by playwright-core, with everything that would reach the network switched off.
 */
import { chromium, type Browser } from "playwright-core";

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
    ],
  });
}
