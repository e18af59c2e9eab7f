import { describe, expect, it } from "vitest";
import { draftFaqEntry } from "./draft.ts";

describe("draftFaqEntry", () => {
  const cluster = {
    key: "uq-0123456789abcdef",
    suggestedTitle: "Gift wrap",
    topTerms: ["gift", "wrap", "gift wrap", "wrapping"],
    suggestedQuestions: ["Do you offer gift wrapping?", "can u wrap it as a gift pls", "gift wrap to [email] please"],
    examples: ["do you offer gift wrapping", "any gift wrap service", "can you gift wrap my order"],
  };

  it("takes the title, single-word tags and distinct questions without masked personal data", () => {
    const d = draftFaqEntry(cluster);
    expect(d).toEqual({
      id: "gift-wrap",
      title: "Gift wrap",
      tags: ["gift", "wrap", "wrapping"],
      questions: ["Do you offer gift wrapping?", "can u wrap it as a gift pls", "any gift wrap service", "can you gift wrap my order"],
      clusterKey: "uq-0123456789abcdef",
    });
  });

  it("caps the questions and falls back to the cluster key for a title without letters", () => {
    expect(draftFaqEntry(cluster, 2).questions).toHaveLength(2);
    expect(draftFaqEntry({ ...cluster, suggestedTitle: "???" }).id).toBe("uq-0123456789abcdef");
  });
});
