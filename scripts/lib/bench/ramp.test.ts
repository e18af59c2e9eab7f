import { describe, expect, it } from "vitest";
import { distinctQuestions, repeatedQuestions, POPULAR_QUESTIONS } from "./questions.ts";
import { capacityAt, projectedCapacity, saturated, type RampStep } from "./ramp.ts";

const step = (offeredPerS: number, p99: number, extra: Partial<RampStep> = {}): RampStep => ({
  offeredPerS, achievedPerS: offeredPerS, sent: offeredPerS * 10, answered: offeredPerS * 10, errors: 0, timeouts: 0, noIdleShopper: 0, duplicated: 0, handedOff: 0,
  latencyMs: { p50: p99 / 2, p95: p99, p99, max: p99 }, serverP50: 1, serverP99: 1, loopP99: 10, loopMax: 10, cpuMsPerTurn: 20, mainMsPerTurn: 10, ...extra,
});

describe("bench ramps", () => {
  it("counts as capacity only steps within the p99 bound, answered in time, without errors or duplicates", () => {
    const steps = [step(10, 40), step(20, 90), step(40, 95, { duplicated: 1 }), step(80, 300)];
    expect(capacityAt(steps, 100)).toBe(20);
    expect(capacityAt(steps, 1000)).toBe(80);
    expect(capacityAt([step(10, 40, { achievedPerS: 7 })], 100)).toBe(0);
  });

  it("projects capacity from CPU per turn, bounded by the cores and by each instance's main thread", () => {
    expect(projectedCapacity([step(10, 40)], 2, 1)).toEqual({ cpuMsPerTurn: 20, mainMsPerTurn: 10, turnsPerS: 100 });
    expect(projectedCapacity([step(10, 40, { mainMsPerTurn: 40 })], 2, 1)?.turnsPerS).toBe(25);
    expect(projectedCapacity([step(10, 40, { answered: 0 })], 2, 1)).toBeNull();
  });

  it("calls a step saturated when most turns are not answered or answers take seconds", () => {
    expect(saturated(step(10, 40, { achievedPerS: 7 }))).toBe(true);
    expect(saturated(step(10, 6000))).toBe(true);
    expect(saturated(step(10, 40))).toBe(false);
  });
});

describe("bench questions", () => {
  it("never repeats a distinct question and draws repeated ones from the popular set", () => {
    const d = distinctQuestions(1);
    const texts = Array.from({ length: 2000 }, () => d.next());
    expect(new Set(texts).size).toBe(2000);
    const r = repeatedQuestions(1);
    for (let i = 0; i < 50; i++) expect(POPULAR_QUESTIONS).toContain(r.next());
  });
});
