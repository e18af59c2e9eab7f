import { dot } from "../embedder.ts";
import type { QuestionCluster } from "./types.ts";

/** What to store when the owner dismisses a cluster: its centroid, and its member ids when available. */
export interface DismissedGroup {
  readonly centroid: Float32Array;
  /** Ids of the questions in the cluster when it was dismissed. */
  readonly members?: readonly string[];
}

/**
 * Default cosine-distance bar between a cluster's centroid and a dismissed centroid: the smallest bar of the growth
 * simulation in `npm run eval:clustering`. No bar met its aim of hiding at most 2 % of other intents on validation
 * (at the 0.325 cut this one hid 1 of 152 CLINC150 and 6 of 73 BANKING77 other intents), so the smallest is kept:
 * a wrongly hidden topic is the worse error.
 */
export const DEFAULT_DISMISS_THRESHOLD = 0.05;

/** Share of a cluster's members that must come from one dismissed group for the cluster to count as that group. */
const MEMBER_SHARE = 0.5;

/**
 * Index of the dismissed group this cluster continues, or −1: either its centroid lies within `threshold`
 * (cosine distance) of the dismissed centroid, or at least half of its members were in the dismissed group.
 * The member rule holds while the old questions are still in the clustered window; the centroid rule carries
 * on after they have left it.
 */
export function matchDismissed(cluster: Pick<QuestionCluster, "centroid" | "members">, dismissed: readonly DismissedGroup[], threshold = DEFAULT_DISMISS_THRESHOLD): number {
  if (!(threshold >= 0 && threshold < 2)) throw new RangeError(`dismiss threshold must be a cosine distance in [0, 2), got ${threshold}`);
  let best = -1;
  let bestDistance = Infinity;
  dismissed.forEach((d, i) => {
    if (d.centroid.length !== cluster.centroid.length) {
      throw new RangeError(`dismissed centroid ${i} is ${d.centroid.length}-d, the cluster's is ${cluster.centroid.length}-d (was the embedder changed?)`);
    }
    const distance = 1 - dot(cluster.centroid, d.centroid);
    const members = d.members ? new Set(d.members) : undefined;
    const shared = members ? cluster.members.filter((m) => members.has(m)).length : 0;
    const continues = distance <= threshold || (cluster.members.length > 0 && shared / cluster.members.length >= MEMBER_SHARE);
    if (continues && distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  });
  return best;
}

/**
 * True when the owner dismissed this group before (see matchDismissed).
 * @example const visible = clusters.filter((c) => !isDismissed(c, stored)); // stored: DismissedGroup[]
 */
export function isDismissed(cluster: Pick<QuestionCluster, "centroid" | "members">, dismissed: readonly DismissedGroup[], threshold = DEFAULT_DISMISS_THRESHOLD): boolean {
  return matchDismissed(cluster, dismissed, threshold) !== -1;
}
