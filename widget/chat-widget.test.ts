import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildWidget } from "./build.ts";

const BUDGET_GZIP_BYTES = 30 * 1024;

describe("chat widget bundle", () => {
  it("builds to one minified IIFE within the 30 KB gzipped size budget", async () => {
    const js = await buildWidget();
    const gzipped = gzipSync(js, { level: 9 }).byteLength;
    expect(gzipped).toBeGreaterThan(2000);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    expect(js.trimStart().startsWith("(()=>{") || js.trimStart().startsWith('"use strict";(()=>{')).toBe(true);
    expect(js).not.toMatch(/^\s*(import|export)\s/m);
  });

  it("never writes HTML strings into the page", async () => {
    const js = await buildWidget();
    for (const sink of ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "DOMParser", "createContextualFragment"]) {
      expect(js, sink).not.toContain(sink);
    }
    expect(js).not.toMatch(/\beval\(|new Function\(/);
  });

  it("exposes the global FjellChat API and connects to /ws", async () => {
    const js = await buildWidget();
    expect(js).toContain("FjellChat");
    expect(js).toContain("/ws");
  });
});
