/**
 * Structural checks on test/data/pii-messages.json (the labelled set behind `npm run eval:pii`), so a bad
 * edit fails CI: labels resolve, splits are big enough, every kind and many negatives are present, and
 * card numbers and IBANs carry valid check digits unless marked as a typo.
 */
import { readFileSync } from "node:fs";
import { isValidIBAN } from "ibantools";
import { describe, expect, it } from "vitest";
import { luhnValid, parsePiiDataset, PII_KINDS } from "../server/privacy/index.ts";

const raw = JSON.parse(readFileSync(new URL("./data/pii-messages.json", import.meta.url), "utf8")) as { dev: { spans: { kind: string; text: string; typo?: boolean }[] }[]; heldout: { spans: { kind: string; text: string; typo?: boolean }[] }[]; licence: string };

describe("pii-messages.json", () => {
  const data = parsePiiDataset(raw);

  it("holds at least 300 messages split into dev and held-out", () => {
    expect(data.dev.length + data.heldout.length).toBeGreaterThanOrEqual(300);
    expect(data.heldout.length).toBeGreaterThanOrEqual(100);
  });

  it("labels every kind in both splits, and a quarter of the messages hold no personal data", () => {
    for (const split of [data.dev, data.heldout]) {
      const kinds = new Set(split.flatMap((m) => m.spans.map((s) => s.kind)));
      expect(PII_KINDS.filter((k) => !kinds.has(k))).toEqual([]);
      expect(split.filter((m) => m.spans.length === 0).length / split.length).toBeGreaterThanOrEqual(0.25);
    }
  });

  it("marks order numbers, prices, tracking numbers, dates, products and postcodes to keep", () => {
    const keep = new Set<string>([...data.dev, ...data.heldout].flatMap((m) => m.keep.map((k) => k.kind)));
    for (const k of ["order", "price", "tracking", "date", "product", "postcode", "sku", "size", "quantity", "word"]) expect(keep.has(k), k).toBe(true);
  });

  it("gives card numbers a valid Luhn digit and IBANs a valid mod-97 check unless marked as a typo", () => {
    const bad = [...raw.dev, ...raw.heldout]
      .flatMap((m) => m.spans)
      .filter((s) => !s.typo && ((s.kind === "card" && !luhnValid(s.text.replace(/\D/g, ""))) || (s.kind === "iban" && !isValidIBAN(s.text.replace(/\s/g, "").toUpperCase()))));
    expect(bad).toEqual([]);
  });

  it("carries a licence note", () => {
    expect(raw.licence).toMatch(/Fjell & Field/);
  });
});
