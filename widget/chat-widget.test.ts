import { describe, expect, it } from "vitest";
import { buildWidget } from "./build.ts";

const BUDGET_BYTES = 24 * 1024;

describe("chat widget bundle", () => {
  it("builds to one minified IIFE within the 24 KB size budget", async () => {
    const js = await buildWidget();
    const bytes = Buffer.byteLength(js, "utf8");
    expect(bytes).toBeGreaterThan(2000);
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
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
