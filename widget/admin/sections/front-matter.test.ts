import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { composeFile, yamlScalar } from "./front-matter.ts";

describe("composeFile", () => {
  it("writes front matter that the loader reads back to the same values, however awkward the text", () => {
    const questions = [
      "Do you ship to Canada?", "canada shipping: how much?", "what's #1 option", "\"quoted\"", "- dash first", "yes", "123", "12.5",
      "¿Cuánto cuesta?", "null", "a: b", "ends with colon:", "  padded  ", "[brackets]", "it's fine", "@handle", "100% sure", "tab\there",
    ];
    const data = { id: "x", title: "Title: with colon", tags: ["shipping", "two words", "a,b", "true"], facts: ["S1"], questions, extra: { nested: [1, 2] } };
    const text = composeFile(Object.entries(data), "Answer with **bold**.\n\n\n");
    const parsed = matter(text, {});
    expect(parsed.data).toEqual(data);
    expect(parsed.content).toBe("Answer with **bold**.\n");
  });

  it("keeps ordinary text plain so diffs stay readable", () => {
    expect(yamlScalar("Do you ship to Canada?")).toBe("Do you ship to Canada?");
    expect(composeFile([["tags", ["shipping", "express"]], ["questions", ["how fast?"]]], "Body")).toBe("---\ntags: [shipping, express]\nquestions:\n  - how fast?\n---\nBody\n");
  });
});
