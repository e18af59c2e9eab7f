/** The admin area (/admin): its page and its script, bundled with the widget's esbuild setup. */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { buildWidget } from "../build.ts";

/** The admin script's entry module. */
export const ADMIN_ENTRY = fileURLToPath(new URL("./admin.ts", import.meta.url));

/** The admin page's HTML (served at /admin; loads /admin.js). */
export const ADMIN_PAGE = fileURLToPath(new URL("./admin.html", import.meta.url));

/**
 * Bundle the admin script and read its page.
 * @example const { js, html } = await buildAdmin();
 */
export async function buildAdmin(): Promise<{ js: string; html: string }> {
  const [js, html] = await Promise.all([buildWidget(ADMIN_ENTRY), fs.promises.readFile(ADMIN_PAGE, "utf8")]);
  return { js, html };
}
