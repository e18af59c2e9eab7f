/**
 * Always-valid sequential testing of a difference in means (conversion rate or revenue per customer):
 * the mixture sequential probability ratio test (mSPRT) with a normal mixing distribution.
 *
 * Sources: Johari, Koomen, Pekelis & Walsh, "Always valid inference: continuous monitoring of A/B
 * tests", Operations Research 70(3):1806–1821, 2022 (arXiv:1512.04922), and "Peeking at A/B tests",
 * KDD 2017; Robbins (1970) for the normal-mixture martingale; Waudby-Smith, Arbour, Sinha, Kennedy &
 * Ramdas, "Time-uniform central limit theory and asymptotic confidence sequences", arXiv:2103.06476
 * (2021; Annals of Statistics 2024), whose Gaussian-mixture asymptotic confidence sequence is the same
 * boundary as the mSPRT interval below once the variance is estimated (see docs/experiment-statistics.md).
 */
import { AppError } from "../../server/errors.ts";
import type { CampaignArm } from "./assignment.ts";
import { requireLevel } from "./distributions.ts";
import { EMPTY_SAMPLE, addObservation, requireSummary, sampleVariance, type SampleSummary } from "./means.ts";
import type { Interval } from "./proportions.ts";

/**
 * log Λ of the mSPRT for an estimate θ̂ ~ N(θ, s²) against H0: θ = θ0 with mixing N(θ0, τ²):
 * Λ = √(s²/(s²+τ²)) · exp(τ²(θ̂−θ0)² / (2 s² (s²+τ²))). With s² = V/n this is Johari et al.'s
 * two-stream formula (V = σ_A² + σ_B²); s² = σ_T²/n_T + σ_C²/n_C also covers unequal arms.
 */
export function mixtureLogLikelihoodRatio(estimate: number, variance: number, nullEffect: number, mixingSd: number): number {
  const tau2 = mixingSd * mixingSd;
  const d = estimate - nullEffect;
  return 0.5 * Math.log(variance / (variance + tau2)) + (tau2 * d * d) / (2 * variance * (variance + tau2));
}

/**
 * The set {θ : Λ(θ) < 1/α} of the mSPRT at one look: θ̂ ± √( s²(s²+τ²)/τ² · (log((s²+τ²)/s²) − 2 log α) ).
 * With s² = σ²/t and τ = σρ it is Waudby-Smith et al.'s (2021) asymptotic confidence sequence.
 */
export function mixtureInterval(estimate: number, variance: number, mixingSd: number, alpha: number): Interval {
  const tau2 = mixingSd * mixingSd;
  const half = Math.sqrt(((variance * (variance + tau2)) / tau2) * (Math.log((variance + tau2) / variance) - 2 * Math.log(alpha)));
  return [estimate - half, estimate + half];
}

/**
 * The mixing sd τ that makes the always-valid interval narrowest when the estimate's standard error is
 * `standardErrorAtHorizon` (the planned end of the campaign). Minimising the half-width over r = τ²/s²
 * gives r = log(1 + r) − 2 log α (r ≈ 8.2 at α = 0.05), solved here by fixed-point iteration;
 * Waudby-Smith et al. (2021) use the one-step approximation r ≈ −2 log α + log(1 − 2 log α).
 * @example mixingSdForHorizon(Math.sqrt(0.1 * 0.9 * (1 / 4000 + 1 / 1000))) // τ for a 10 % rate, 4,000 vs 1,000
 */
export function mixingSdForHorizon(standardErrorAtHorizon: number, alpha = 0.05): number {
  requireLevel(alpha, "alpha");
  if (!(standardErrorAtHorizon > 0 && Number.isFinite(standardErrorAtHorizon))) {
    throw new AppError("CHAT_ERR_VALIDATION", `standardErrorAtHorizon must be a positive finite number, got ${String(standardErrorAtHorizon)}`);
  }
  const c = -2 * Math.log(alpha);
  let r = c;
  for (let i = 0; i < 50; i++) r = c + Math.log(1 + r);
  return standardErrorAtHorizon * Math.sqrt(r);
}

/** Options of createSequentialTest. */
export interface SequentialTestOptions {
  /** Standard deviation τ of the normal mixing distribution, on the effect's scale (see mixingSdForHorizon). */
  mixingSd: number;
  /** Type I error bound over all looks, default 0.05. */
  alpha?: number;
  /** The effect under the null hypothesis, default 0. */
  nullEffect?: number;
  /** Looks before each arm has this many units only warm up (p = 1, interval (−∞, ∞)): the plug-in variance needs data. Default 100. */
  minUnitsPerArm?: number;
  /**
   * Variance behind the p-value. "pooled" (default): the arms' pooled within-arm variance, s_p²·(1/n_T + 1/n_C),
   * which is the variance under the null of no effect (both arms alike) and, unlike the per-arm estimate, does
   * not shrink together with the mean when a small holdout has not yet seen a rare large order. "unpooled":
   * s_T²/n_T + s_C²/n_C (see intervalVariance for the confidence sequence).
   */
  nullVariance?: "pooled" | "unpooled";
  /**
   * Variance behind the confidence sequence. "unpooled" (default): s_T²/n_T + s_C²/n_C. "conservative": the larger
   * of that and the pooled variance, for heavy-tailed outcomes with a small holdout, where the unpooled sequence
   * misses too often (docs/experiment-statistics.md §4); never below the unpooled variance, so coverage is kept
   * (asymptotically) at the cost of width when the arms' variances differ.
   */
  intervalVariance?: "unpooled" | "conservative";
  /** Budget: stop once this many units (both arms) have been observed. */
  maxUnits?: number;
  /** Budget: stop at this look. */
  maxLooks?: number;
}

/** Why a look says stop or go on. */
export type SequentialReason = "warming-up" | "continue" | "effect-detected" | "budget-spent";

/** The result of one look at the data. */
export interface SequentialLook {
  /** 1 for the first look. */
  look: number;
  treatment: SampleSummary;
  holdout: SampleSummary;
  /** mean(treatment) − mean(holdout). */
  estimate: number;
  /** √(s_T²/n_T + s_C²/n_C); NaN while warming up. */
  standardError: number;
  /** Always-valid p-value: min over looks so far of 1/Λ(θ0) (non-increasing), with the null variance (see nullVariance). */
  pValue: number;
  /** Always-valid 1 − α confidence sequence: the running intersection of the per-look mSPRT sets. */
  interval: Interval;
  /** True from the first look that stopped on; later looks keep the first stopping reason. */
  stop: boolean;
  reason: SequentialReason;
}

/** A running always-valid test; feed it observations (or cumulative totals) and look as often as you like. */
export interface SequentialTest {
  /** Add observations (0/1 for conversion, cents for revenue) to an arm. */
  update(arm: CampaignArm, values: number | readonly number[]): void;
  /** Evaluate now. With `totals`, first replace the data by these cumulative per-arm summaries (they must not shrink). */
  look(totals?: { treatment: SampleSummary; holdout: SampleSummary }): SequentialLook;
}

type ValidOptions = Required<Omit<SequentialTestOptions, "maxUnits" | "maxLooks">> & Pick<SequentialTestOptions, "maxUnits" | "maxLooks">;

function validateOptions(o: SequentialTestOptions): ValidOptions {
  const alpha = o.alpha ?? 0.05;
  requireLevel(alpha, "alpha");
  if (!(o.mixingSd > 0 && Number.isFinite(o.mixingSd))) throw new AppError("CHAT_ERR_VALIDATION", `mixingSd must be a positive finite number, got ${String(o.mixingSd)}`);
  const nullEffect = o.nullEffect ?? 0;
  if (!Number.isFinite(nullEffect)) throw new AppError("CHAT_ERR_VALIDATION", `nullEffect must be finite, got ${String(nullEffect)}`);
  const minUnitsPerArm = o.minUnitsPerArm ?? 100;
  if (!Number.isInteger(minUnitsPerArm) || minUnitsPerArm < 2) throw new AppError("CHAT_ERR_VALIDATION", `minUnitsPerArm must be an integer ≥ 2, got ${String(minUnitsPerArm)}`);
  for (const k of ["maxUnits", "maxLooks"] as const) {
    const v = o[k];
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) throw new AppError("CHAT_ERR_VALIDATION", `${k} must be a positive integer, got ${String(v)}`);
  }
  const nullVariance = o.nullVariance ?? "pooled";
  if (nullVariance !== "pooled" && nullVariance !== "unpooled") throw new AppError("CHAT_ERR_VALIDATION", `nullVariance must be "pooled" or "unpooled", got ${String(nullVariance)}`);
  const intervalVariance = o.intervalVariance ?? "unpooled";
  if (intervalVariance !== "unpooled" && intervalVariance !== "conservative") {
    throw new AppError("CHAT_ERR_VALIDATION", `intervalVariance must be "unpooled" or "conservative", got ${String(intervalVariance)}`);
  }
  return { alpha, mixingSd: o.mixingSd, nullEffect, minUnitsPerArm, nullVariance, intervalVariance, maxUnits: o.maxUnits, maxLooks: o.maxLooks };
}

/**
 * Create an mSPRT for treatment − holdout means that stays valid however often you look: P(ever
 * p ≤ α | H0) ≤ α and P(θ ever outside the interval) ≤ α (asymptotically, with plug-in variances).
 * It stops for an effect when p ≤ α. With the default pooled null variance the p-value and the interval
 * use different variances, so near the boundary one can exclude θ0 while the other does not.
 * @example
 * const test = createSequentialTest({ mixingSd: mixingSdForHorizon(0.01), maxUnits: 20_000 });
 * test.update("treatment", [1, 0, 0]); test.update("holdout", [0, 0]);
 * const { pValue, interval, stop, reason } = test.look();
 */
export function createSequentialTest(options: SequentialTestOptions): SequentialTest {
  const o = validateOptions(options);
  const data: Record<CampaignArm, SampleSummary> = { treatment: EMPTY_SAMPLE, holdout: EMPTY_SAMPLE };
  let looks = 0;
  let pValue = 1;
  let interval: Interval = [-Infinity, Infinity];
  let stopped: SequentialReason | null = null;

  return {
    update(arm, values) {
      if (arm !== "treatment" && arm !== "holdout") throw new AppError("CHAT_ERR_VALIDATION", `arm must be "treatment" or "holdout", got ${String(arm)}`);
      let s = data[arm];
      for (const x of typeof values === "number" ? [values] : values) s = addObservation(s, x);
      data[arm] = s;
    },
    look(totals) {
      if (totals) {
        for (const arm of ["treatment", "holdout"] as const) {
          requireSummary(totals[arm], arm);
          if (totals[arm].n < data[arm].n) throw new AppError("CHAT_ERR_VALIDATION", `${arm} totals shrank from ${data[arm].n} to ${totals[arm].n} units`);
        }
        data.treatment = totals.treatment;
        data.holdout = totals.holdout;
      }
      looks++;
      const t = data.treatment;
      const h = data.holdout;
      const estimate = t.mean - h.mean;
      const variance = sampleVariance(t) / t.n + sampleVariance(h) / h.n;
      const pooled = ((t.m2 + h.m2) / (t.n + h.n - 2)) * (1 / t.n + 1 / h.n);
      const nullVar = o.nullVariance === "pooled" ? pooled : variance;
      const intervalVar = o.intervalVariance === "conservative" ? Math.max(pooled, variance) : variance;
      const warm = t.n >= o.minUnitsPerArm && h.n >= o.minUnitsPerArm && variance > 0;
      if (warm) {
        pValue = Math.min(pValue, Math.exp(-mixtureLogLikelihoodRatio(estimate, nullVar, o.nullEffect, o.mixingSd)));
        const [lo, hi] = mixtureInterval(estimate, intervalVar, o.mixingSd, o.alpha);
        const next: Interval = [Math.max(interval[0], lo), Math.min(interval[1], hi)];
        // An empty intersection only happens on the ≤ α event that the sequence has already missed θ;
        // then report this look's own set rather than an impossible interval.
        interval = next[0] <= next[1] ? next : [lo, hi];
      }
      const budgetSpent = (o.maxUnits !== undefined && t.n + h.n >= o.maxUnits) || (o.maxLooks !== undefined && looks >= o.maxLooks);
      if (!stopped) {
        if (warm && pValue <= o.alpha) stopped = "effect-detected";
        else if (budgetSpent) stopped = "budget-spent";
      }
      const reason: SequentialReason = stopped ?? (warm ? "continue" : "warming-up");
      return {
        look: looks,
        treatment: t,
        holdout: h,
        estimate,
        standardError: warm ? Math.sqrt(variance) : NaN,
        pValue,
        interval: [...interval],
        stop: stopped !== null,
        reason,
      };
    },
  };
}
