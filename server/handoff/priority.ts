import type { PriorityClass } from "../storage/index.ts";

/** Why a conversation was handed off, grouped into the kinds the priority formula scores. */
export type HandoffReasonKind = "complaint" | "frustrated" | "retention" | "not_understood" | "transfer" | "explicit" | "other";

/** The configurable parts of the priority formula (docs/handoff.md). */
export interface PriorityConfig {
  /** Weights: `wait` per minute waited, `reason` and `value` on their [0,1] scores. */
  weights: { wait: number; reason: number; value: number };
  /** Lower bounds of the normalised base score for each class (high > normal; the rest is low). */
  thresholds: { high: number; normal: number };
  /** SLA per class: seconds a conversation may wait in the queue before the SLA is breached. */
  slaSeconds: Record<PriorityClass, number>;
  /** The score of each reason kind, in [0,1]. */
  reasonScores: Record<HandoffReasonKind, number>;
  /** CLV (cents) that scores 0.5 on the saturating value curve clv / (clv + ref). */
  clvReferenceCents: number;
}

/** Defaults: complaints and frustrated or leaving customers first; a chat waiting 5 minutes gains 0.5. */
export const DEFAULT_PRIORITY: PriorityConfig = Object.freeze({
  weights: { wait: 0.1, reason: 1, value: 1 },
  thresholds: { high: 0.6, normal: 0.3 },
  slaSeconds: { high: 60, normal: 180, low: 600 },
  reasonScores: { complaint: 1, frustrated: 0.9, retention: 0.9, not_understood: 0.7, transfer: 0.6, explicit: 0.5, other: 0.5 },
  clvReferenceCents: 25_000,
});

/** Map the dialogue engine's handoff reason (its decision rule) to a reason kind. */
export function classifyReason(reason: string): HandoffReasonKind {
  const r = reason.toLowerCase();
  if (r.startsWith("transfer")) return "transfer";
  if (r.includes("complaint")) return "complaint";
  if (r.includes("negative") || r.includes("frustrat") || r.includes("angry")) return "frustrated";
  if (r.includes("retention") || r.includes("cancel") || r.includes("leav") || r.includes("churn")) return "retention";
  if (r.includes("not understood") || r.includes("fallback")) return "not_understood";
  if (r.includes("explicit") || r.includes("human") || r.includes("person")) return "explicit";
  return "other";
}

/** What the priority of one queued conversation depends on. */
export interface PriorityInput {
  reason: string;
  /** Predicted customer lifetime value, cents (verified customers only). */
  clvCents?: number;
  /** Churn risk in [0,1] (verified customers only). */
  churnRisk?: number;
}

/** The static part of a queued conversation's priority. */
export interface BasePriority {
  /** Normalised to [0,1]. */
  base: number;
  priorityClass: PriorityClass;
  reasonKind: HandoffReasonKind;
  valueScore: number;
}

/**
 * The base priority: base = (w_reason·reasonScore + w_value·value) / (w_reason + w_value), where
 * value = ½·clv/(clv + clvRef) + ½·churnRisk (0 for anonymous shoppers). The class comes from base.
 * @example basePriority({ reason: "complaint from a high-value customer", clvCents: 80_000, churnRisk: 0.7 }).priorityClass // "high"
 */
export function basePriority(input: PriorityInput, config: PriorityConfig = DEFAULT_PRIORITY): BasePriority {
  const reasonKind = classifyReason(input.reason);
  const reasonScore = config.reasonScores[reasonKind];
  const clv = Math.max(0, input.clvCents ?? 0);
  const clvScore = clv / (clv + config.clvReferenceCents);
  const churn = Math.min(1, Math.max(0, input.churnRisk ?? 0));
  const valueScore = input.clvCents === undefined && input.churnRisk === undefined ? 0 : 0.5 * clvScore + 0.5 * churn;
  const { reason: wr, value: wv } = config.weights;
  const base = wr + wv > 0 ? (wr * reasonScore + wv * valueScore) / (wr + wv) : 0;
  const priorityClass: PriorityClass = base >= config.thresholds.high ? "high" : base >= config.thresholds.normal ? "normal" : "low";
  return { base, priorityClass, reasonKind, valueScore };
}

/** The queue-ordering score: the base plus w_wait per minute waited, so nobody waits forever behind higher classes. */
export function priorityScore(base: number, waitingSeconds: number, config: PriorityConfig = DEFAULT_PRIORITY): number {
  return base + config.weights.wait * (Math.max(0, waitingSeconds) / 60);
}
