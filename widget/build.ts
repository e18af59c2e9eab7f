/**
 * Bundles the chat widget for browsers: one minified IIFE file, served by the server at `/widget.js`.
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

/** The widget's entry module (the file a shop embeds, bundled). */
export const WIDGET_ENTRY = fileURLToPath(new URL("./chat-widget.ts", import.meta.url));

/** Folder of the demo shop page the server serves at `/`. */
export const WIDGET_PUBLIC_DIR = fileURLToPath(new URL("./public/", import.meta.url));

/**
 * Bundles `entry` (default: the chat widget) with esbuild as a minified ES2019 IIFE and returns the JS text.
 * @example const js = await buildWidget(); app.get("/widget.js", (_req, res) => res.type("js").send(js));
 */
export async function buildWidget(entry: string = WIDGET_ENTRY): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    minify: true,
    target: "es2019",
    platform: "browser",
    write: false,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return file.text;
}
