import { describe, expect, it } from "vitest";
import { analyzerFor, ENGLISH_ANALYZER, foldAccents, SPANISH_ANALYZER, stems } from "./text.ts";

describe("text analyzers", () => {
  it("folds accents and case", () => {
    expect(foldAccents("¿Cuánto cuesta el ENVÍO a España?")).toBe("¿cuanto cuesta el envio a espana?");
  });

  it("reads Spanish the same with and without accents, dropping stop words but keeping question words", () => {
    expect(SPANISH_ANALYZER.terms("¿Cuándo llega el envío?")).toEqual(SPANISH_ANALYZER.terms("cuando llega el envio"));
    expect(SPANISH_ANALYZER.terms("cuando llega el envio")).toEqual(["cuand", "lleg", "envi"]);
    expect(SPANISH_ANALYZER.terms("cuesta 6,50 US$")).toContain("650");
  });

  it("picks the analyzer by base language, English stems by default", () => {
    expect(analyzerFor("es-MX")).toBe(SPANISH_ANALYZER);
    expect(analyzerFor("en")).toBe(ENGLISH_ANALYZER);
    expect(analyzerFor("fr")).toBeUndefined();
    expect(ENGLISH_ANALYZER.terms("shipping costs")).toEqual(stems("shipping costs"));
  });
});
