import { describe, expect, it } from "vitest";
import { changedFigures, extractFigures, stillMentioned, type FigureSource } from "./figures.ts";

const keys = (text: string) => extractFigures(text).map((f) => f.key);

describe("extractFigures", () => {
  it("reads prices, business-day ranges, plain durations, percentages, weights, times and phone numbers", () => {
    expect(keys("Express costs $14.95 and takes 1–2 business days.")).toEqual(["money:USD:1495", "duration:1-2:business-day"]);
    expect(keys("Return it within 30 days for a refund in 5-7 business days.")).toEqual(["duration:30:day", "duration:5-7:business-day"]);
    expect(keys("Orders over $50 ship free; otherwise $5.95. Gold members save 10% on items up to 30 kg.")).toEqual([
      "money:USD:5000", "money:USD:595", "percent:10", "quantity:30:kg",
    ]);
    expect(keys("Order by 2 p.m. ET or call 1-800-555-0142.")).toEqual(["time:14:00", "phone:1-800-555-0142"]);
  });

  it("gives a price the same key however it is written, in English or Spanish", () => {
    expect(keys("$12.00")).toEqual(keys("$12"));
    expect(keys("cuesta 14,95 US$")).toEqual(keys("costs $14.95"));
    expect(keys("de 5 a 7 días hábiles")).toEqual(keys("5 to 7 business days"));
    expect(keys("$1,200.50")).toEqual(["money:USD:120050"]);
  });

  it("does not count the number inside a price or range again", () => {
    expect(extractFigures("$5.95").map((f) => f.text)).toEqual(["$5.95"]);
    expect(extractFigures("5–9 business days")).toHaveLength(1);
  });

  it("finds nothing in text without figures", () => {
    expect(extractFigures("We ship to Canada. Contact us any time!")).toEqual([]);
  });
});

describe("changedFigures", () => {
  it("lists the figures an edit removed and the ones it added", () => {
    const r = changedFigures("Express costs $14.95 and takes 1–2 business days.", "Express costs $16.95 and takes 1–2 business days.");
    expect(r.removed.map((f) => f.text)).toEqual(["$14.95"]);
    expect(r.added.map((f) => f.text)).toEqual(["$16.95"]);
  });

  it("ignores a figure only written differently", () => {
    expect(changedFigures("a flat $12.00", "a flat $12")).toEqual({ removed: [], added: [] });
  });
});

describe("stillMentioned", () => {
  const sources: FigureSource[] = [
    { id: "express-shipping", title: "Express shipping", text: "Express shipping takes 1–2 business days and costs $16.95." },
    { id: "express-shipping", lang: "es", title: "Envío exprés", text: "El envío exprés tarda de 1 a 2 días hábiles y cuesta 14,95 US$." },
    { id: "shipping-options", title: "Shipping options", text: "Standard is free over $50. Express is $14.95. Orders ship in 1 business day." },
    { id: "returns", title: "Returns", text: "Return within 30 days." },
  ];

  it("shows every other entry and translation that still states the old price, with the sentence", () => {
    const removed = changedFigures("costs $14.95.", "costs $16.95.").removed;
    const hits = stillMentioned(removed, sources, { id: "express-shipping" });
    expect(hits.map((h) => [h.id, h.lang])).toEqual([["express-shipping", "es"], ["shipping-options", undefined]]);
    expect(hits[1].figures).toEqual(["$14.95"]);
    expect(hits[1].excerpt).toBe("…Express is $14.95. …");
    expect(hits[0].figures).toEqual(["14,95 US$"]);
  });

  it("shows nothing when no figure was removed or no other entry has it", () => {
    expect(stillMentioned([], sources, { id: "returns" })).toEqual([]);
    expect(stillMentioned(changedFigures("within 30 days", "within 45 days").removed, sources, { id: "returns" })).toEqual([]);
  });
});
