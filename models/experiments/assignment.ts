/** Deterministic, uniform arm assignment per (campaign, customer) from a keyed hash. */
import { createHash } from "node:crypto";
import { AppError } from "../../server/errors.ts";

/** The two arms of a campaign experiment. */
export type CampaignArm = "treatment" | "holdout";

const TWO_POW_52 = 2 ** 52;

/**
 * The customer's assignment number in [0, 1) for a campaign: the first 52 bits of
 * SHA-256(campaignId ‖ 0x00 ‖ customerId) divided by 2^52. SHA-256 output is indistinguishable from
 * uniform, so the numbers are uniform, and distinct campaign ids give (practically) independent
 * numbers for the same customer; the NUL separator keeps ("ab","c") and ("a","bc") apart.
 * @example assignmentNumber("spring-2026", "C00042") // a stable number in [0, 1)
 */
export function assignmentNumber(campaignId: string, customerId: string): number {
  if (!campaignId || !customerId) throw new AppError("CHAT_ERR_VALIDATION", "campaignId and customerId must be non-empty strings");
  const digest = createHash("sha256").update(campaignId).update("\u0000").update(customerId).digest();
  // 52 bits = 6.5 bytes: a double holds integers up to 2^53 exactly.
  const high = digest.readUInt32BE(0);
  const low = digest.readUInt32BE(4) >>> 12;
  return (high * 2 ** 20 + low) / TWO_POW_52;
}

/**
 * The arm of a customer in a campaign: holdout when the assignment number is below `holdoutShare`.
 * The same (campaign, customer) always gets the same arm, with no state to store.
 * @example assignArm("spring-2026", "C00042", 0.1) // "treatment" for about 90 % of customers
 */
export function assignArm(campaignId: string, customerId: string, holdoutShare: number): CampaignArm {
  if (!(holdoutShare > 0 && holdoutShare < 1)) {
    throw new AppError("CHAT_ERR_VALIDATION", `holdoutShare must be strictly between 0 and 1, got ${String(holdoutShare)}`);
  }
  return assignmentNumber(campaignId, customerId) < holdoutShare ? "holdout" : "treatment";
}
