/**
 * Every customer's model scores and marketing consent in memory, so an audience count or a visit's check does not
 * recompute the models per customer. Refreshed when older than `ttlMs`, or when marked stale (shop data changed) and
 * older than `minAgeMs`; one refresh at a time. Each refresh records stage changes (the "became at risk" trigger).
 */
import type { CustomerInsightsService } from "../customers/index.ts";
import type { CampaignStore, ShopRepository } from "../storage/index.ts";
import type { AudienceFacts } from "./audience.ts";

/** The scores of every customer at one time. */
export interface AudienceSnapshotData {
  /** The models' "now" (latest shop activity): the reference for purchase-date rules. */
  asOf: string;
  takenAt: number;
  facts: Map<string, AudienceFacts & { name: string; email: string }>;
}

/** Options of createAudienceSnapshot. */
export interface AudienceSnapshotOptions {
  insights: () => CustomerInsightsService;
  shop: ShopRepository;
  store: CampaignStore;
  ttlMs?: number;
  /** A stale snapshot younger than this is still used (a steady stream of shop changes does not re-score on every visit); default 5 s. */
  minAgeMs?: number;
  clock?: () => Date;
}

/** The cached snapshot. */
export interface AudienceSnapshot {
  current(): Promise<AudienceSnapshotData>;
  /** The next `current()` recomputes. */
  invalidate(): void;
}

/** Create the snapshot cache. */
export function createAudienceSnapshot(options: AudienceSnapshotOptions): AudienceSnapshot {
  const ttl = options.ttlMs ?? 60_000;
  const minAge = options.minAgeMs ?? 5000;
  const clock = options.clock ?? (() => new Date());
  let data: AudienceSnapshotData | null = null;
  let stale = true;
  let refreshing: Promise<AudienceSnapshotData> | null = null;

  const refresh = async (): Promise<AudienceSnapshotData> => {
    stale = false;
    const takenAt = Date.now();
    const [{ asOf, scores }, customers] = await Promise.all([options.insights().scoreAll(), options.shop.listCustomers()]);
    const byId = new Map(customers.map((c) => [c.id, c]));
    await options.store.recordStages(scores.filter((s) => s.stage !== null).map((s) => ({ customerId: s.customerId, stage: s.stage! })), clock().toISOString());
    const stages = await options.store.stages();
    const facts = new Map<string, AudienceFacts & { name: string; email: string }>();
    for (const score of scores) {
      const c = byId.get(score.customerId);
      if (!c) continue;
      const st = stages.get(score.customerId);
      facts.set(score.customerId, { score, marketingConsent: c.marketingConsent, stageSince: st?.stage === score.stage ? st.since : undefined, name: c.name, email: c.email });
    }
    data = { asOf, takenAt, facts };
    return data;
  };

  return {
    async current() {
      const age = data ? Date.now() - data.takenAt : Infinity;
      if (data && age < ttl && (!stale || age < minAge)) return data;
      if (!refreshing) refreshing = refresh().finally(() => (refreshing = null));
      return refreshing;
    },
    invalidate() {
      stale = true;
    },
  };
}
