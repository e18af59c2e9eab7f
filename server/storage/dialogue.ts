import type { Db } from "./database.ts";

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

/** Exposures and conversions of one experiment arm. */
export interface ArmOutcome {
  arm: ExperimentArm;
  units: number;
  converted: number;
  revenueCents: number;
}

/** Persistence for the lifecycle-aware dialogue: memory, experiment assignments, offers and their outcomes. */
export interface DialogueStore {
  getMemory<T>(conversationId: string): T | undefined;
  setMemory(conversationId: string, data: unknown): void;
  /** The unit's arm, assigning it with `draw()` the first time (atomic: concurrent callers agree). */
  assignArm(experiment: string, unit: string, customerId: string | null, draw: () => ExperimentArm): ExperimentArm;
  recordOffer(offer: Omit<OfferRecord, "createdAt">): void;
  /** Sum of the cost of shown offers of `experiment` since `sinceIso`. */
  spentSince(experiment: string, sinceIso: string): number;
  /**
   * Per arm: verified customers exposed (first exposure in [fromIso, toIso)) and how many placed an order within
   * `windowDays` after their first exposure, with that revenue.
   */
  outcomes(experiment: string, fromIso: string, toIso: string, windowDays: number): ArmOutcome[];
  listOffers(filter: { conversationId?: string; customerId?: string }): OfferRecord[];
}

type OfferRow = {
  experiment: string; arm: ExperimentArm; conversation_id: string; customer_id: string | null; kind: string; shown: number; code: string | null;
  value_cents: number; cost_cents: number; product_ids: string; reason: string; created_at: string;
};

/** Create the SQLite-backed dialogue store. */
export function createDialogueStore(db: Db, now: () => Date = () => new Date()): DialogueStore {
  const q = {
    getMem: db.prepare("SELECT data FROM dialogue_memory WHERE conversation_id = ?").pluck(),
    setMem: db.prepare(
      "INSERT INTO dialogue_memory (conversation_id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(conversation_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
    ),
    getArm: db.prepare("SELECT arm FROM experiment_assignments WHERE experiment = ? AND unit = ?").pluck(),
    insArm: db.prepare("INSERT OR IGNORE INTO experiment_assignments (experiment, unit, customer_id, arm, assigned_at) VALUES (?, ?, ?, ?, ?)"),
    insOffer: db.prepare(
      `INSERT INTO offers (experiment, arm, conversation_id, customer_id, kind, shown, code, value_cents, cost_cents, product_ids, reason, created_at)
       VALUES (@experiment, @arm, @conversationId, @customerId, @kind, @shown, @code, @valueCents, @costCents, @productIds, @reason, @createdAt)`,
    ),
    spent: db.prepare("SELECT COALESCE(SUM(cost_cents), 0) FROM offers WHERE experiment = ? AND shown = 1 AND created_at >= ?").pluck(),
    outcomes: db.prepare(
      `WITH exposed AS (
         SELECT customer_id, arm, MIN(created_at) AS first_at FROM offers
         WHERE experiment = @experiment AND customer_id IS NOT NULL
         GROUP BY customer_id, arm
         HAVING MIN(created_at) >= @from AND MIN(created_at) < @to
       )
       SELECT e.arm AS arm, COUNT(*) AS units,
         SUM(CASE WHEN EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = e.customer_id AND o.status <> 'cancelled'
              AND o.placed_at >= e.first_at AND julianday(o.placed_at) < julianday(e.first_at) + @window) THEN 1 ELSE 0 END) AS converted,
         COALESCE(SUM((SELECT SUM(o.total_cents) FROM orders o WHERE o.customer_id = e.customer_id AND o.status <> 'cancelled'
              AND o.placed_at >= e.first_at AND julianday(o.placed_at) < julianday(e.first_at) + @window)), 0) AS revenue
       FROM exposed e GROUP BY e.arm`,
    ),
  };
  return {
    getMemory<T>(conversationId: string) {
      const raw = q.getMem.get(conversationId) as string | undefined;
      return raw === undefined ? undefined : (JSON.parse(raw) as T);
    },
    setMemory(conversationId, data) {
      q.setMem.run(conversationId, JSON.stringify(data), now().toISOString());
    },
    assignArm(experiment, unit, customerId, draw) {
      return db.transaction(() => {
        const existing = q.getArm.get(experiment, unit) as ExperimentArm | undefined;
        if (existing) return existing;
        const arm = draw();
        q.insArm.run(experiment, unit, customerId, arm, now().toISOString());
        return arm;
      })();
    },
    recordOffer(offer) {
      q.insOffer.run({ ...offer, shown: offer.shown ? 1 : 0, productIds: JSON.stringify(offer.productIds), createdAt: now().toISOString() });
    },
    spentSince(experiment, sinceIso) {
      return q.spent.get(experiment, sinceIso) as number;
    },
    outcomes(experiment, fromIso, toIso, windowDays) {
      const rows = q.outcomes.all({ experiment, from: fromIso, to: toIso, window: windowDays }) as { arm: ExperimentArm; units: number; converted: number; revenue: number }[];
      return (["treatment", "holdout"] as const).map((arm) => {
        const r = rows.find((x) => x.arm === arm);
        return { arm, units: r?.units ?? 0, converted: r?.converted ?? 0, revenueCents: r?.revenue ?? 0 };
      });
    },
    listOffers(filter) {
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
      const rows = db.prepare(`SELECT * FROM offers ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY id`).all(...params) as OfferRow[];
      return rows.map((r) => ({
        experiment: r.experiment, arm: r.arm, conversationId: r.conversation_id, customerId: r.customer_id, kind: r.kind, shown: r.shown === 1,
        code: r.code, valueCents: r.value_cents, costCents: r.cost_cents, productIds: JSON.parse(r.product_ids) as string[], reason: r.reason, createdAt: r.created_at,
      }));
    },
  };
}
