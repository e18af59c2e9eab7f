import { describe, expect, it } from "vitest";
import { calibrateOosThreshold, type OosCalibrationSample } from "./out-of-scope.ts";

describe("calibrateOosThreshold", () => {
  it("puts the threshold between confident in-scope rows and unsure out-of-scope rows", () => {
    const samples: OosCalibrationSample[] = [
      ...Array.from({ length: 50 }, (_, i) => ({ confidence: 0.6 + (i / 50) * 0.39, correct: true, outOfScope: false })),
      ...Array.from({ length: 20 }, (_, i) => ({ confidence: 0.1 + (i / 20) * 0.4, correct: false, outOfScope: true })),
    ];
    const c = calibrateOosThreshold(samples, { min: 0.01 });
    expect(c.method).toBe("expected-accuracy");
    expect(c.threshold).toBeGreaterThan(0.5);
    expect(c.threshold).toBeLessThanOrEqual(0.6);
    expect(c.validationInScopeAccuracy).toBe(1);
    expect(c.validationOosRecall).toBe(1);
  });

  it("rejects more when more out-of-scope traffic is expected", () => {
    // Overlapping confidences: in-scope spread over 0.3–0.99, out-of-scope over 0.1–0.7.
    const samples: OosCalibrationSample[] = [
      ...Array.from({ length: 100 }, (_, i) => ({ confidence: 0.3 + (i / 100) * 0.69, correct: true, outOfScope: false })),
      ...Array.from({ length: 100 }, (_, i) => ({ confidence: 0.1 + (i / 100) * 0.6, correct: false, outOfScope: true })),
    ];
    const few = calibrateOosThreshold(samples, { expectedOosShare: 0.1 });
    const many = calibrateOosThreshold(samples, { expectedOosShare: 0.6 });
    expect(many.threshold).toBeGreaterThan(few.threshold);
    expect(many.validationOosRecall).toBeGreaterThan(few.validationOosRecall);
    expect(few.validationInScopeAccuracy).toBeGreaterThan(many.validationInScopeAccuracy);
  });

  it("without out-of-scope rows rejects the requested fraction of in-scope rows", () => {
    const samples = Array.from({ length: 200 }, (_, i) => ({ confidence: (i + 1) / 200, correct: true, outOfScope: false }));
    const c = calibrateOosThreshold(samples, { inScopeRejection: 0.05, maxWithoutOos: 1 });
    expect(c.method).toBe("quantile");
    expect(samples.filter((s) => s.confidence < c.threshold).length).toBe(10);
  });

  it("without out-of-scope rows never sets the threshold above maxWithoutOos", () => {
    const confident = Array.from({ length: 20 }, (_, i) => ({ confidence: 0.95 + i / 1000, correct: true, outOfScope: false }));
    expect(calibrateOosThreshold(confident).threshold).toBe(0.5);
    expect(calibrateOosThreshold(confident, { maxWithoutOos: 0.9 }).threshold).toBe(0.9);
  });

  it("keeps the threshold within the given bounds", () => {
    const low = Array.from({ length: 30 }, () => ({ confidence: 0.001, correct: true, outOfScope: false }));
    expect(calibrateOosThreshold(low, { min: 0.1, max: 0.9 }).threshold).toBe(0.1);
    const high = [...Array.from({ length: 30 }, () => ({ confidence: 0.999, correct: true, outOfScope: false })), { confidence: 0.999, correct: false, outOfScope: true }];
    const t = calibrateOosThreshold(high, { min: 0.1, max: 0.9 }).threshold;
    expect(t).toBeGreaterThanOrEqual(0.1);
    expect(t).toBeLessThanOrEqual(0.9);
    expect(() => calibrateOosThreshold(low, { min: 0.5, max: 0.2 })).toThrow(/bounds/);
  });
});
