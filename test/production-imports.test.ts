/**
 * A production install (`npm ci --omit=dev`) has only `dependencies`: the server, its worker threads and the browser
 * bundles it builds at start-up must not reach a devDependency (or an undeclared package) through static or dynamic
 * imports, or `npm start` fails there with ERR_MODULE_NOT_FOUND. esbuild walks the import graph (every package
 * marked external) and its metafile lists what each file imports.
 */
import { readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const RUNTIME = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies ?? {})]);

/** What runs in production: the server entry, the modules its workers load by URL, and the browser entries it bundles. */
const NODE_ENTRIES = ["server/main.ts", "server/admin/draft-trainer-worker.ts", "server/customers/training-worker.ts", "models/embedders/use-lite-worker.ts"];
const BROWSER_ENTRIES = ["widget/chat-widget.ts", "widget/console/console.ts", "widget/admin/admin.ts"];

/** The package an import path names: `@scope/name` or `name`. */
function packageOf(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Packages the graph from `entries` imports that a production install lacks, each with the files importing it. */
async function nonRuntimeImports(entries: string[], platform: "node" | "browser"): Promise<Record<string, string[]>> {
  const result = await build({ entryPoints: entries, bundle: true, platform, format: "esm", write: false, metafile: true, outdir: "out", packages: "external", logLevel: "silent", splitting: platform === "node" });
  const found: Record<string, string[]> = {};
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    for (const imp of input.imports) {
      if (!imp.external || isBuiltin(imp.path)) continue;
      const name = packageOf(imp.path);
      if (!RUNTIME.has(name)) (found[name] ??= []).push(`${file} (${imp.kind})`);
    }
  }
  return found;
}

describe("production install", () => {
  it("the server and its workers import only dependencies", async () => {
    const found = await nonRuntimeImports(NODE_ENTRIES, "node");
    expect(found, `move these imports behind a script or to dependencies: ${JSON.stringify(found, null, 2)}`).toEqual({});
  });

  it("the browser bundles built at start-up import only dependencies", async () => {
    expect(await nonRuntimeImports(BROWSER_ENTRIES, "browser")).toEqual({});
  });

  it("detects a devDependency reached from an entry (the check can fail)", async () => {
    const found = await nonRuntimeImports(["models/embedders/tiny-bert.ts"], "node");
    expect(Object.keys(found)).toEqual(["onnx-proto"]);
  });
});
