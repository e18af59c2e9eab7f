import type { SqlExecutor } from "./driver.ts";

/** Experiment arm of a unit. */
export type ExperimentArm = "treatment" | "holdout";

/** One offer that was due on a turn: shown (treatment) or withheld (holdout). */
export interface OfferRecord {
  experiment: string;
  arm: ExperimentArm;
  conversationId: string;
  customerId: string | null;
  kind: string;
  shown: boolean;
  code: string | null;
  valueCents: number;
  costCents: number;
  productIds: string[];
  reason: string;
  createdAt: string;
}

/** An offer to record (its time is set by the store). */
export type NewOfferRecord = Omit<OfferRecord, "createdAt">;

/** Exposures and conversions of one experiment arm. */
export interface ArmOutcome {
  arm: ExperimentArm;
  units: number;
  converted: number;
  revenueCents: number;
}

/** Persistence for the lifecycle-aware dialogue: memory, experiment assignments, offers and their outcomes. */
export interface DialogueStore {
  getMemory<T>(conversationId: string): Promise<T | undefined>;
  setMemory(conversationId: string, data: unknown): Promise<void>;
  /** The unit's arm, assigning it with `draw()` the first time (atomic: concurrent callers, on any instance, agree). */
  assignArm(experiment: string, unit: string, customerId: string | null, draw: () => ExperimentArm): Promise<ExperimentArm>;
  recordOffer(offer: NewOfferRecord): Promise<void>;
  /** Sum of the cost of shown offers of `experiment` since `sinceIso`. */
  spentSince(experiment: string, sinceIso: string): Promise<number>;
  /**
   * Per arm: verified customers exposed (first exposure in [fromIso, toIso)) and how many placed an order within
   * `windowDays` after their first exposure, with that revenue.
   */
  outcomes(experiment: string, fromIso: string, toIso: string, windowDays: number): Promise<ArmOutcome[]>;
  listOffers(filter: { conversationId?: string; customerId?: string }): Promise<OfferRecord[]>;
}

type OfferRow = {
  experiment: string; arm: ExperimentArm; conversation_id: string; customer_id: string | null; kind: string; shown: number; code: string | null;
  value_cents: number; cost_cents: number; product_ids: string; reason: string; created_at: string;
};

/** `o.placed_at` is before `e.first_at` plus `?` days, in the driver's dialect (times are ISO-8601 text). */
const withinWindow = (db: SqlExecutor) =>
  db.dialect === "postgres"
    ? "o.placed_at::timestamptz < e.first_at::timestamptz + make_interval(days => ?::int)"
    : "julianday(o.placed_at) < julianday(e.first_at) + ?";

/** Create the dialogue store over a SQL driver (SQLite or PostgreSQL). */
export function createDialogueStore(db: SqlExecutor, now: () => Date = () => new Date()): DialogueStore {
  const outcomesSql = `WITH exposed AS (
       SELECT customer_id, arm, MIN(created_at) AS first_at FROM offers
       WHERE experiment = ? AND customer_id IS NOT NULL
       GROUP BY customer_id, arm
       HAVING MIN(created_at) >= ? AND MIN(created_at) < ?
     )
     SELECT e.arm AS arm, COUNT(*) AS units,
       SUM(CASE WHEN EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = e.customer_id AND o.status <> 'cancelled'
            AND o.placed_at >= e.first_at AND ${withinWindow(db)}) THEN 1 ELSE 0 END) AS converted,
       COALESCE(SUM((SELECT SUM(o.total_cents) FROM orders o WHERE o.customer_id = e.customer_id AND o.status <> 'cancelled'
            AND o.placed_at >= e.first_at AND ${withinWindow(db)})), 0) AS revenue
     FROM exposed e GROUP BY e.arm`;
  return {
    async getMemory<T>(conversationId: string) {
      const r = await db.get<{ data: string }>("SELECT data FROM dialogue_memory WHERE conversation_id = ?", [conversationId]);
      return r === undefined ? undefined : (JSON.parse(r.data) as T);
    },
    async setMemory(conversationId, data) {
      await db.run(
        "INSERT INTO dialogue_memory (conversation_id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(conversation_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
        [conversationId, JSON.stringify(data), now().toISOString()],
      );
    },
    async assignArm(experiment, unit, customerId, draw) {
      // Insert-if-absent, then read: whoever inserted first decides, on every instance.
      await db.run(
        "INSERT INTO experiment_assignments (experiment, unit, customer_id, arm, assigned_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (experiment, unit) DO NOTHING",
        [experiment, unit, customerId, draw(), now().toISOString()],
      );
      const r = await db.get<{ arm: ExperimentArm }>("SELECT arm FROM experiment_assignments WHERE experiment = ? AND unit = ?", [experiment, unit]);
      return r!.arm;
    },
    async recordOffer(o) {
      await db.run(
        `INSERT INTO offers (experiment, arm, conversation_id, customer_id, kind, shown, code, value_cents, cost_cents, product_ids, reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [o.experiment, o.arm, o.conversationId, o.customerId, o.kind, o.shown ? 1 : 0, o.code, o.valueCents, o.costCents, JSON.stringify(o.productIds), o.reason, now().toISOString()],
      );
    },
    async spentSince(experiment, sinceIso) {
      const r = await db.get<{ n: number }>("SELECT COALESCE(SUM(cost_cents), 0) AS n FROM offers WHERE experiment = ? AND shown = 1 AND created_at >= ?", [experiment, sinceIso]);
      return Number(r?.n ?? 0);
    },
    async outcomes(experiment, fromIso, toIso, windowDays) {
      const rows = await db.all<{ arm: ExperimentArm; units: number; converted: number; revenue: number }>(outcomesSql, [experiment, fromIso, toIso, windowDays, windowDays]);
      return (["treatment", "holdout"] as const).map((arm) => {
        const r = rows.find((x) => x.arm === arm);
        return { arm, units: Number(r?.units ?? 0), converted: Number(r?.converted ?? 0), revenueCents: Number(r?.revenue ?? 0) };
      });
    },
    async listOffers(filter) {
      const where: string[] = [];
      const params: string[] = [];
      if (filter.conversationId) {
        where.push("conversation_id = ?");
        params.push(filter.conversationId);
      }
      if (filter.customerId) {
        where.push("customer_id = ?");
        params.push(filter.customerId);
      }
      const rows = await db.all<OfferRow>(`SELECT * FROM offers ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY id`, params);
      return rows.map((r) => ({
        experiment: r.experiment, arm: r.arm, conversationId: r.conversation_id, customerId: r.customer_id, kind: r.kind, shown: Number(r.shown) === 1,
        code: r.code, valueCents: Number(r.value_cents), costCents: Number(r.cost_cents), productIds: JSON.parse(r.product_ids) as string[], reason: r.reason, createdAt: r.created_at,
      }));
    },
  };
}
