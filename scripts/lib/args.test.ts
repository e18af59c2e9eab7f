import { describe, expect, it } from "vitest";
import { flagBool, flagString, parseArgs } from "./args.ts";

describe("parseArgs", () => {
  const spec = { valued: ["dataset", "peer"], boolean: ["json"] };

  it("reads valued flags in both spellings and boolean flags", () => {
    const a = parseArgs(["--dataset", "banking77", "--peer=nlpjs", "--json"], spec);
    expect(flagString(a, "dataset")).toBe("banking77");
    expect(flagString(a, "peer")).toBe("nlpjs");
    expect(flagBool(a, "json")).toBe(true);
    expect(flagString(a, "missing", "x")).toBe("x");
  });

  it("rejects unknown flags and missing values with the reason", () => {
    expect(() => parseArgs(["--nope"], spec)).toThrow(/unknown flag --nope/);
    expect(() => parseArgs(["--dataset"], spec)).toThrow(/needs a value/);
    expect(() => parseArgs(["--json=1"], spec)).toThrow(/takes no value/);
  });
});
