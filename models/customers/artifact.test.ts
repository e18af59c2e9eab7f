import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CUSTOMER_ARTIFACT_VERSION, loadCustomerArtifact, saveCustomerArtifact, type CustomerModelArtifact } from "./artifact.ts";
import { trainRfm } from "./segments.ts";

function sample(): CustomerModelArtifact {
  return {
    version: CUSTOMER_ARTIFACT_VERSION,
    trainedAt: "2026-11-28T00:00:00.000Z",
    snapshot: { asOf: "2026-11-28T00:00:00.000Z", customers: 2, buyers: 2, orders: 3, events: 0, products: 1 },
    settings: { churnWindowDays: 90, churnCutoff: "2026-08-30T00:00:00.000Z", seed: 1 },
    rfm: trainRfm([{ recencyDays: 1, frequency: 1, monetaryCents: 100 }]),
    lifetimeValue: {
      kind: "bgnbd-gamma-gamma", timeUnit: "week", bgNbd: { r: 1, alpha: 2, a: 3, b: 4 }, gammaGamma: { p: 1, q: 2, gamma: 3 },
      annualDiscountRate: 0.1, horizonMonths: 12, metrics: { bgNbdLogLikelihood: -1, gammaGammaLogLikelihood: -1, customers: 2, repeatCustomers: 1 },
    },
    churn: { kind: "logistic-platt", featureNames: ["a"], means: [0], scales: [1], coefficients: [0.5], intercept: -1, platt: { a: 1, b: 0 }, l2: 0.01, metrics: { trainRows: 1, calibrationRows: 1, churnRate: 0.5 } },
    recommender: { kind: "item-cf-content", items: ["P1"], neighbours: {}, together: {}, popularity: { P1: 2 }, recentPopularity: { P1: 1 }, params: { shrinkage: 5, viewWeight: 0.5, neighbours: 50, maxItemsPerCustomer: 100, minTogether: 2, recentDays: 90, asymmetry: 0.5 } },
    metrics: { churnAuc: 0.9 },
  };
}

describe("customer model artifact", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "artifact-"));

  it("loads back exactly what was saved", () => {
    const file = path.join(dir, "a.json");
    saveCustomerArtifact(file, sample());
    expect(loadCustomerArtifact(file)).toEqual(sample());
    expect(fs.readdirSync(dir)).toEqual(["a.json"]);
  });

  it("explains a missing file and a version mismatch", () => {
    expect(() => loadCustomerArtifact(path.join(dir, "none.json"))).toThrow(/npm run train/);
    const file = path.join(dir, "old.json");
    fs.writeFileSync(file, JSON.stringify({ ...sample(), version: 0 }));
    expect(() => loadCustomerArtifact(file)).toThrow(/version 0/);
  });
});
