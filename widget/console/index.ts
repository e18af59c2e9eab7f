/** The agent console: its page and its script, bundled with the widget's esbuild setup. */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { buildWidget } from "../build.ts";

/** The console's entry module. */
export const CONSOLE_ENTRY = fileURLToPath(new URL("./console.ts", import.meta.url));

/** The console's HTML page (served at /console; loads /console.js). */
export const CONSOLE_PAGE = fileURLToPath(new URL("./console.html", import.meta.url));

/**
 * Bundle the console script and read its page.
 * @example const { js, html } = await buildConsole();
 */
export async function buildConsole(): Promise<{ js: string; html: string }> {
  const [js, html] = await Promise.all([buildWidget(CONSOLE_ENTRY), fs.promises.readFile(CONSOLE_PAGE, "utf8")]);
  return { js, html };
}
