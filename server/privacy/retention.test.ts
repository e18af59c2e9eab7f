import { describe, expect, it } from "vitest";
import { DEFAULT_KNOWLEDGE_VARIABLES } from "../retrieval/knowledge.ts";
import { createRetentionJob, describeRetention } from "./retention.ts";
import type { TableCount } from "../storage/index.ts";

function fakeStore() {
  const cutoffs: string[] = [];
  return {
    cutoffs,
    privacy: {
      async purgeTranscripts(beforeIso: string): Promise<TableCount[]> {
        cutoffs.push(beforeIso);
        return [{ table: "messages", action: "deleted", rows: 3 }];
      },
    },
  };
}

describe("transcript retention job", () => {
  const clock = () => new Date("2026-06-30T12:00:00.000Z");

  it("purges transcripts idle longer than the retention days and audits the counts", async () => {
    const store = fakeStore();
    const audited: unknown[] = [];
    const job = createRetentionJob({ storage: store as never, retentionDays: 365, leader: { isLeader: () => true }, audit: { record: async (e) => void audited.push(e) }, clock });
    const run = await job.runNow();
    expect(store.cutoffs).toEqual(["2025-06-30T12:00:00.000Z"]);
    expect(run.tables).toEqual([{ table: "messages", action: "deleted", rows: 3 }]);
    expect(job.lastRun()).toBe(run);
    expect(audited).toEqual([expect.objectContaining({ actor: "system:retention", action: "retention.purge", detail: { cutoff: "2025-06-30T12:00:00.000Z", purged: { messages: 3 } } })]);
  });

  it("runs at start only on the leader, and never when retention is off", async () => {
    const follower = fakeStore();
    const j1 = createRetentionJob({ storage: follower as never, retentionDays: 30, leader: { isLeader: () => false }, clock });
    j1.start();
    j1.stop();
    const off = fakeStore();
    const j2 = createRetentionJob({ storage: off as never, retentionDays: 0, leader: { isLeader: () => true }, clock });
    j2.start();
    await j2.runNow();
    j2.stop();
    const leader = fakeStore();
    const j3 = createRetentionJob({ storage: leader as never, retentionDays: 30, leader: { isLeader: () => true }, clock });
    j3.start();
    await new Promise((r) => setTimeout(r, 10));
    j3.stop();
    expect([follower.cutoffs.length, off.cutoffs.length, leader.cutoffs.length]).toEqual([0, 0, 1]);
  });
});

describe("retention period in words", () => {
  it("says months for whole months, days otherwise, in English and Spanish", () => {
    expect(describeRetention(365)).toBe("12 months");
    expect(describeRetention(30)).toBe("1 month");
    expect(describeRetention(90, "es")).toBe("3 meses");
    expect(describeRetention(45)).toBe("45 days");
    expect(describeRetention(370)).toBe("370 days"); // never a shorter period than the real one
    expect(describeRetention(180)).toBe("6 months");
    expect(describeRetention(1, "es")).toBe("1 día");
    expect(describeRetention(0)).toBe("as long as your account exists");
  });

  it("gives the knowledge loader's defaults for the default setting (365 days)", () => {
    expect(DEFAULT_KNOWLEDGE_VARIABLES.transcript_retention).toEqual({ en: describeRetention(365, "en"), es: describeRetention(365, "es") });
  });
});
