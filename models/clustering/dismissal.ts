import { dot } from "../embedder.ts";
import type { QuestionCluster } from "./types.ts";

/**
 * Default cosine-distance bar between a cluster's centroid and a dismissed centroid under which the cluster
 * counts as the dismissed group (measured by the growth simulation in `npm run eval:clustering`).
 */
export const DEFAULT_DISMISS_THRESHOLD = 0.2;

/**
 * Index of the dismissed centroid closest to the cluster's centroid when within `threshold` (cosine distance),
 * else −1. A dismissed group keeps matching as it grows, because new members move its centroid only a little.
 */
export function matchDismissed(cluster: Pick<QuestionCluster, "centroid">, dismissedCentroids: readonly Float32Array[], threshold = DEFAULT_DISMISS_THRESHOLD): number {
  if (!(threshold >= 0 && threshold < 2)) throw new RangeError(`dismiss threshold must be a cosine distance in [0, 2), got ${threshold}`);
  let best = -1;
  let bestDistance = threshold;
  dismissedCentroids.forEach((c, i) => {
    if (c.length !== cluster.centroid.length) throw new RangeError(`dismissed centroid ${i} is ${c.length}-d, the cluster's is ${cluster.centroid.length}-d (was the embedder changed?)`);
    const distance = 1 - dot(cluster.centroid, c);
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = i;
    }
  });
  return best;
}

/**
 * True when the owner dismissed this group before: its centroid lies within `threshold` of a stored one.
 * @example const visible = clusters.filter((c) => !isDismissed(c, storedCentroids));
 */
export function isDismissed(cluster: Pick<QuestionCluster, "centroid">, dismissedCentroids: readonly Float32Array[], threshold = DEFAULT_DISMISS_THRESHOLD): boolean {
  return matchDismissed(cluster, dismissedCentroids, threshold) !== -1;
}
