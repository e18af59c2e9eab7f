/** The admin area (/admin): its page and its script, bundled with the widget's esbuild setup. */
import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { buildWidget } from "../build.ts";

/** The admin script's entry module. */
export const ADMIN_ENTRY = fileURLToPath(new URL("./admin.ts", import.meta.url));

/** The admin page's HTML (served at /admin; loads /admin.js). */
export const ADMIN_PAGE = fileURLToPath(new URL("./admin.html", import.meta.url));

/** uPlot's stylesheet (the charts of the analytics section). */
const UPLOT_CSS = createRequire(import.meta.url).resolve("uplot/dist/uPlot.min.css");

/**
 * Bundle the admin script and read its page.
 * @example const { js, html } = await buildAdmin();
 */
export async function buildAdmin(): Promise<{ js: string; html: string }> {
  const [js, html, chartCss] = await Promise.all([buildWidget(ADMIN_ENTRY), fs.promises.readFile(ADMIN_PAGE, "utf8"), fs.promises.readFile(UPLOT_CSS, "utf8")]);
  // uPlot's stylesheet goes into the page itself (no CDN, no extra request).
  return { js, html: html.replace("</head>", `<style>${chartCss}</style>\n</head>`) };
}
