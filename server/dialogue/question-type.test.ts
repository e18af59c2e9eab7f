import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../retrieval/index.ts";
import { answersQuestionType, questionType, questionTypes, statedTypes } from "./question-type.ts";

describe("questionType", () => {
  it("reads price questions as cost, however they are typed", () => {
    for (const q of [
      "how much is the IronPeak T-650?", "how much for the fastline elite", "whats the price on the alu trek poles", "nordvik squall jacket price",
      "price of titan stand?", "what does express shipping cost", "cost of in-home setup", "HOW MUCH IS SHIPPING TO CANADA", "how expensive is the rower",
      "cancellation fee?", "what's the fee for a return label",
    ]) {
      expect(questionType(q), q).toBe("cost");
    }
  });

  it("does not read a price match, a currency or a weight question as cost", () => {
    expect(questionType("Do you price match?")).toBe("yes-no");
    expect(questionType("walmart has it cheaper, will you match the price")).not.toBe("cost");
    expect(questionType("What currency are your prices in?")).not.toBe("cost");
    expect(questionType("how much does the vantera kicker weigh")).not.toBe("cost");
    expect(questionType("how much weight can the titan stand hold")).not.toBe("cost");
    expect(questionType("Is tax included in the price?")).toBe("yes-no");
  });

  it("reads how long, how soon and how many days as duration, and not the length of an order number", () => {
    for (const q of ["how long does shipping take", "How long is the reset link valid?", "how many days for a refund", "how soon can I get it", "refund time?", "treadmil warranty how long"]) {
      expect(questionType(q), q).toBe("duration");
    }
    expect(questionTypes("how long is an order number")).not.toContain("duration");
  });

  it("reads when, where, overview, how-to, which and yes-no questions", () => {
    expect(questionType("when will my refund show up")).toBe("when");
    expect(questionType("until when can I cancel")).toBe("when");
    expect(questionType("what time does chat open")).toBe("when");
    expect(questionType("where do i send my return")).toBe("where");
    expect(questionType("returns address?")).toBe("where");
    expect(questionType("what are my shipping options")).toBe("overview");
    expect(questionType("how does the summit club work")).toBe("overview");
    expect(questionType("Shipping options")).toBe("overview");
    expect(questionType("how do I reset my password")).toBe("how-to");
    expect(questionType("which cards do you take")).toBe("which");
    expect(questionType("can I pay with paypal")).toBe("yes-no");
    expect(questionType("hi, do u ship to canada")).toBe("yes-no");
    expect(questionType("asdfgh")).toBe("other");
  });

  it("does not take 'when' inside a sentence for a when-question", () => {
    expect(questionTypes("what happens when I spend over $500 in a year")).not.toContain("when");
    expect(questionTypes("do I pay extra postage when it ships")).not.toContain("when");
  });

  it("lists every kind a two-part question asks for", () => {
    expect(questionTypes("how long does shipping to Canada take and how much is it?")).toEqual(["cost", "duration"]);
  });

  it("copes with empty, huge and odd input", () => {
    expect(questionType("")).toBe("other");
    expect(questionType("?!")).toBe("other");
    expect(questionType("how much ".repeat(500))).toBe("cost");
    expect(questionType("ｈｏｗ ｍｕｃｈ is it")).toBe("cost");
  });
});

describe("answersQuestionType", () => {
  it("refuses an answer that names no amount for a price question", () => {
    const priceMatch = "Our price match: if a major US retailer lists the identical item cheaper within 14 days of your purchase, we refund the difference.";
    expect(answersQuestionType(priceMatch, questionType("how much is the treadmill"))).toBe(false);
    expect(answersQuestionType("Express shipping takes 1–2 business days and costs $14.95.", "cost")).toBe(true);
    expect(answersQuestionType("Summit Club is free to join.", "cost")).toBe(true);
    expect(answersQuestionType("Back-ordered items ship separately, at no extra shipping cost to you.", "cost")).toBe(true);
  });

  it("refuses an answer without a span of time for a duration question", () => {
    expect(answersQuestionType("Our order numbers look like FF-123456.", "duration")).toBe(false);
    expect(answersQuestionType("Refunds go back within 5–7 business days.", "duration")).toBe(true);
    expect(answersQuestionType("A human replies by email within one business day.", "duration")).toBe(true);
    expect(answersQuestionType("Treadmill motors carry a 10-year warranty.", "duration")).toBe(true);
  });

  it("reads places, pages and times off an answer", () => {
    expect([...statedTypes("Returns go to 1200 Ridge Road, Columbus, OH 43215.")]).toContain("where");
    expect([...statedTypes("Chat is open Monday to Friday 8 a.m.–8 p.m.")]).toContain("when");
    expect([...statedTypes("We accept Visa and PayPal.")]).toEqual([]);
  });

  it("accepts any answer for question types a text cannot be checked for", () => {
    for (const t of ["overview", "how-to", "which", "yes-no", "other"] as const) expect(answersQuestionType("We accept Visa and PayPal.", t)).toBe(true);
  });

  it("accepts the right entry for every example question and policy paraphrase of the shipped knowledge", () => {
    const kb = loadKnowledge(path.resolve("knowledge"));
    const byId = new Map(kb.faq.map((e) => [e.id, e]));
    const policy = JSON.parse(readFileSync(path.resolve("test/data/policy-questions.json"), "utf8")) as { question: string; entries: string[] }[];
    const pairs = [...kb.faq.flatMap((e) => e.questions.map((q) => ({ q, id: e.id }))), ...policy.flatMap((p) => p.entries.map((id) => ({ q: p.question, id })))];
    expect(pairs.length).toBeGreaterThan(700);
    const refused = pairs.filter(({ q, id }) => !answersQuestionType(byId.get(id)!.answer, questionType(q))).map(({ q, id }) => `${id}: ${q} (${questionType(q)})`);
    expect(refused).toEqual([]);
  });
});
